import type { ErrorDetail } from "@kaoping/core";

/** What is needed of a zod issue (or of fastify-type-provider-zod's copy of one) to name where it is. */
export interface IssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  /** unrecognized_keys: the fields the schema does not know. */
  keys?: string[];
}

/**
 * Zod issues as error details, each naming its field under `where` (body,
 * querystring, params). An unknown field gets a detail of its own naming it,
 * so "{ bogus: 1 }" answers `body.bogus: 未知字段`, not an anonymous "body".
 */
export function zodDetails(issues: readonly IssueLike[], where: string): ErrorDetail[] {
  return issues.flatMap((issue) => {
    const at = [where, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
    if (issue.code === "unrecognized_keys" && issue.keys?.length) {
      return issue.keys.map((key) => ({ path: [...at, key], message: `未知字段“${key}”，本接口不接受` }));
    }
    return [{ path: at, message: issue.message }];
  });
}

/** The envelope's message for a validation failure: the first detail, field first. */
export function validationMessage(details: ErrorDetail[]): string {
  const first = details[0];
  return `请求参数无效：${first?.path?.join(".") ?? ""} ${first?.message ?? ""}`.trim();
}
