import type { ErrorDetail } from "@kaoping/core";

/**
 * Chinese messages for the 400s a client's input provokes: zod's issues (as
 * fastify-type-provider-zod hands them over) and Fastify's own refusals. Zod
 * and Fastify speak English; our schemas' own messages are Chinese already and
 * are kept. One language per answer, with the field path in it.
 */

/** One issue as the zod type provider reports it: zod's code as `keyword`, the rest of the issue in `params`. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

const PART_NAMES: Record<string, string> = {
  body: "请求体",
  querystring: "查询参数",
  params: "路径参数",
  headers: "请求头",
};

const TYPE_NAMES: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  bigint: "整数",
  boolean: "是/否（true/false）",
  object: "对象",
  array: "列表",
  date: "日期",
  null: "空值",
  file: "文件",
};

const FORMAT_NAMES: Record<string, string> = {
  email: "电子邮箱",
  url: "网址",
  uuid: "UUID",
  guid: "UUID",
  datetime: "带时区的 ISO 日期时间（如 2026-01-01T08:00:00+08:00）",
  date: "日期（YYYY-MM-DD）",
  time: "时间（HH:MM:SS）",
  ipv4: "IPv4 地址",
  ipv6: "IPv6 地址",
  base64: "Base64 编码",
  json_string: "JSON 字符串",
};

const SIZE_UNITS: Record<string, string> = { string: "个字符", array: "项", set: "项", file: "字节" };

const hasChinese = (text: string | undefined): text is string => !!text && /[\u4e00-\u9fff]/.test(text);
const list = (values: unknown): string =>
  Array.isArray(values) ? values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("、") : "";

function sizeMessage(params: Record<string, unknown>, isTooBig: boolean): string {
  const origin = String(params.origin ?? "");
  const bound = String(isTooBig ? params.maximum : params.minimum);
  const inclusive = params.inclusive !== false;
  const unit = SIZE_UNITS[origin];
  if (unit) {
    if (!isTooBig && bound === "1" && inclusive) return origin === "string" ? "不能为空" : "至少需要 1 项";
    return isTooBig ? `不能超过 ${bound} ${unit}` : `至少需要 ${bound} ${unit}`;
  }
  if (isTooBig) return inclusive ? `不能大于 ${bound}` : `必须小于 ${bound}`;
  return inclusive ? `不能小于 ${bound}` : `必须大于 ${bound}`;
}

/** A field's problem in Chinese: the schema's own message when it has one, zod's code otherwise. */
export function issueMessage(issue: ValidationIssue): string {
  if (hasChinese(issue.message)) return issue.message;
  const params = issue.params ?? {};
  switch (issue.keyword) {
    case "invalid_type": {
      // zod 4 keeps the received type only in its English message.
      if (/received undefined/.test(issue.message ?? "")) return "必填";
      const expected = String(params.expected ?? "");
      return `应为${TYPE_NAMES[expected] ?? expected}`;
    }
    case "too_small":
      return sizeMessage(params, false);
    case "too_big":
      return sizeMessage(params, true);
    case "invalid_format": {
      const format = String(params.format ?? "");
      if (format === "regex") return "格式不符合要求";
      if (format === "starts_with") return `应以“${String(params.prefix)}”开头`;
      if (format === "ends_with") return `应以“${String(params.suffix)}”结尾`;
      if (format === "includes") return `应包含“${String(params.includes)}”`;
      return `格式无效，应为${FORMAT_NAMES[format] ?? format}`;
    }
    case "invalid_value":
      return Array.isArray(params.values) && params.values.length === 1
        ? `只能是 ${list(params.values)}`
        : `应为以下之一：${list(params.values)}`;
    case "unrecognized_keys":
      return `不允许的字段：${list(params.keys)}`;
    case "not_multiple_of":
      return `应为 ${String(params.divisor)} 的倍数`;
    case "invalid_union":
      return "不符合任何一种允许的格式";
    case "invalid_key":
      return "含有无效的键";
    case "invalid_element":
      return "含有无效的值";
    default:
      return "无效的值";
  }
}

/** The field as a user knows it: "phases.reportingCloses", "page"; the request part ("请求体") only for the part as a whole. */
export function fieldName(path: readonly (string | number)[]): string {
  const [part, ...rest] = path;
  return rest.length ? rest.join(".") : (PART_NAMES[String(part)] ?? String(part ?? ""));
}

/** "caseNo 不能超过 64 个字符", "请求体：必填": the field named once, not again when its message names it already ("未知字段“bogus”…"). */
export function fieldProblem(detail: ErrorDetail): string {
  const path = detail.path ?? [];
  const name = fieldName(path);
  const last = path.length > 1 ? String(path[path.length - 1]) : name;
  if (!name || detail.message.includes(`“${last}”`)) return detail.message;
  // A field: "caseNo 必填"; the request part as a whole: "请求体：必填", "请求体：结束日期不能早于开始日期".
  return path.length > 1 ? `${name} ${detail.message}` : `${name}：${detail.message}`;
}

/** zod's issues for one part of the request → the envelope's message and its details (each with its path). */
export function validationFailure(where: string, issues: readonly ValidationIssue[]): { message: string; details: ErrorDetail[] } {
  const details = issues.flatMap((issue): ErrorDetail[] => {
    const at = [where, ...issue.instancePath.split("/").filter(Boolean)];
    // An unknown field gets a detail of its own naming it: "{ bogus: 1 }" answers body.bogus, not an anonymous body.
    const keys = issue.keyword === "unrecognized_keys" ? (issue.params?.keys as string[] | undefined) : undefined;
    if (keys?.length) return keys.map((key) => ({ path: [...at, key], message: `未知字段“${key}”，本接口不接受` }));
    return [{ path: at, message: issueMessage(issue) }];
  });
  const first = details[0];
  const more = details.length > 1 ? `（共 ${details.length} 处）` : "";
  return { message: first ? `请求参数无效：${fieldProblem(first)}${more}` : "请求参数无效", details };
}

/** Fastify's refusals of a request's shape, in Chinese (its messages are English). */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: "请求体为空，但声明为 JSON（Content-Type: application/json）",
  FST_ERR_CTP_INVALID_JSON_BODY: "请求体不是有效的 JSON",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "不支持的请求内容类型（Content-Type）",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "请求体长度与 Content-Length 不符",
  FST_ERR_CTP_INVALID_CONTENT_TYPE: "请求的内容类型（Content-Type）无效",
  FST_ERR_BAD_URL: "请求地址无效",
  FST_ERR_INVALID_URL: "请求地址无效",
  FST_INVALID_MULTIPART_CONTENT_TYPE: "请求不是 multipart/form-data 格式",
  FST_PROTO_VIOLATION: "请求体含有不允许的属性（__proto__ 或 constructor）",
};

/** A Fastify client error's message in Chinese; a JSON syntax error names the problem, anything else says the request was refused. */
export function clientErrorMessage(error: { code?: string; name?: string; message?: string }): string {
  const known = error.code ? FASTIFY_MESSAGES[error.code] : undefined;
  if (known) return `请求无效：${known}`;
  if (error.name === "SyntaxError") return "请求无效：请求体不是有效的 JSON";
  if (hasChinese(error.message)) return error.message;
  return error.code ? `请求无效（${error.code}）` : "请求无效";
}

/** A schema checked by hand (a multipart form's fields): zod's issues in the type provider's shape. */
export function fromZodIssues(issues: readonly { code: string; path: readonly PropertyKey[]; message: string }[]): ValidationIssue[] {
  return issues.map(({ code, path, message, ...params }) => ({
    keyword: code,
    instancePath: `/${path.map(String).join("/")}`,
    message,
    params,
  }));
}
