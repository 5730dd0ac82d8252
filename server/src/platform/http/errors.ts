import type { ApiError, ErrorDetail } from "@kaoping/core";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../errors.ts";
import { clientErrorMessage, validationFailure } from "./validation-messages.ts";

/** Fastify's own client errors, mapped to our codes (anything else from a client is a 400). */
const FASTIFY_CODES: Record<string, ApiError["code"]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_REQ_FILE_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_FILES_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_PARTS_LIMIT: "PAYLOAD_TOO_LARGE",
  FST_ERR_RATE_LIMIT: "RATE_LIMITED",
};

/**
 * Database refusals a client can provoke with its input: text PostgreSQL cannot
 * store (a NUL character), a unique key taken by a concurrent request.
 */
const PG_CLIENT_ERRORS: Record<string, [ApiError["code"], string]> = {
  "22021": ["VALIDATION", "请求中含有无法保存的字符（如 NUL）"],
  "22P05": ["VALIDATION", "请求中含有无法保存的字符（如 NUL）"],
  "23505": ["CONFLICT", "数据已被其他操作修改或已存在，请刷新后重试"],
};

/** The SQLSTATE of a PostgreSQL error, also when Drizzle wraps it in `cause`. */
function postgresCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** Every error leaves as `{code, message, details}`; only a bug is a 500. */
export function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.code(error.status).send(envelope(error.code, error.message, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const { message, details } = validationFailure(error.validationContext ?? "body", error.validation);
    return reply.code(400).send(envelope("VALIDATION", message, details));
  }
  const pgCode = postgresCode(error);
  if (pgCode && PG_CLIENT_ERRORS[pgCode]) {
    const [code, message] = PG_CLIENT_ERRORS[pgCode];
    return reply.code(code === "CONFLICT" ? 409 : 400).send(envelope(code, message, [{ path: ["body"], message }]));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CODES[error.code] ?? (status === 413 ? "PAYLOAD_TOO_LARGE" : status === 429 ? "RATE_LIMITED" : "VALIDATION");
    const message =
      code === "PAYLOAD_TOO_LARGE"
        ? "文件或请求体超过大小限制"
        : code === "RATE_LIMITED"
          ? "请求过于频繁，请稍后再试"
          : clientErrorMessage(error);
    // The request as a whole is at fault (bad JSON, an empty body, a wrong content type): named as "body".
    return reply.code(code === "VALIDATION" ? 400 : status).send(envelope(code, message, [{ path: ["body"], message }]));
  }
  request.log.error({ err: error }, "unhandled error");
  return reply.code(500).send(envelope("INTERNAL", "服务器内部错误"));
}

function envelope(code: ApiError["code"], message: string, details?: ErrorDetail[]): ApiError {
  return details?.length ? { code, message, details } : { code, message };
}
