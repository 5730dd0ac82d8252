import { ERROR_CODES, type ErrorCode, type ErrorDetail } from "@kaoping/core";

/** A typed, expected error: becomes `{code, message, details}` with the status of its code. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message);
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what}不存在或无权访问`);
export const forbidden = (message = "无权执行此操作") => new AppError("FORBIDDEN", message);
export const conflict = (message: string, details?: ErrorDetail[]) => new AppError("CONFLICT", message, details);
