import { z } from "zod";

/** Limits defined once, used by the zod schemas and the web forms alike. */
export const LIMITS = {
  codeMax: 64,
  nameMax: 128,
  shortNameMax: 64,
  reasonMax: 500,
  pageSizeMax: 500,
  importFileBytes: 5 * 1024 * 1024,
  importRowsMax: 20_000,
} as const;

export const idSchema = z.uuid();

/** Whether "YYYY-MM-DD" names a day that exists (not 2024-02-30). */
export function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** A real calendar date "YYYY-MM-DD": a day that does not exist is refused here, not by the database (a 500). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine(isRealDate, "日期不存在");

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
});

/** Every paged list answers `{ total, rows }`. */
export interface Paged<T> {
  total: number;
  rows: T[];
}

/** Typed error codes; the HTTP status is derived from the code. */
export const ERROR_CODES = {
  VALIDATION: 400,
  BAD_FILE: 400,
  IMPORT_INVALID: 422,
  UNAUTHENTICATED: 401,
  CSRF: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /**
   * The command is allowed but has a consequence the caller must acknowledge
   * first (indicators left empty, a phase opened outside its dates): the
   * message says what, `details` list each item; sent again with the
   * acknowledgement field of the route's body, it runs.
   */
  CONFIRMATION_REQUIRED: 409,
  LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A server-side tool is missing (Chromium for PDFs). */
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** One error detail: a field path for JSON, or sheet/row/column for a spreadsheet. */
export interface ErrorDetail {
  path?: (string | number)[];
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

export const reasonSchema = z.string().trim().min(1).max(LIMITS.reasonMax);
