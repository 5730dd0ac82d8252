/**
 * A mapped row → a CaseRecord (or CaseEventRecord), or the problems that send it to quarantine.
 * Pure: the clock (`now`) is given. Checks needing the database (unknown unit codes, duplicate
 * case numbers across a file, events of unknown cases) are the server's batch step.
 */

import type { CaseType, LimitUnit } from "../guides/model.ts";
import { headerOf, type MappedRow, type SourceMapping } from "../ingest/mapping.ts";
import {
  APPLICANT_TYPE,
  type ApplicantType,
  CASE_CHANNEL,
  CASE_EVENT_KIND,
  CASE_RESULT,
  CASE_TYPE,
  type CaseChannel,
  type CaseEventKind,
  type CaseEventRecord,
  type CaseRecord,
  type CaseResult,
  LIMIT_UNIT,
  QUARANTINE_REASON,
  type QuarantineReason,
  type RowProblem,
} from "./model.ts";

/** The longest limit believed (ten years): anything longer is a typing error. */
export const MAX_LIMIT_DAYS = 3650;
/** A time this far past the import is still taken as the sending system's clock skew. */
const FUTURE_SLACK_MS = 10 * 60 * 1000;

export type Validated<T> = { ok: true; record: T } | { ok: false; problems: RowProblem[] };

export interface CaseValidateOptions {
  mapping: SourceMapping;
  /** The import's time: later instants are 时间晚于导入时间. */
  now: Date;
}

const DATE_TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

/**
 * An instant as acceptance platforms write it: `2025-03-01 09:30:00`, `2025/3/1 9:30`, ISO with a
 * zone, or `20250301093000`. Without a zone the time is China Standard Time (UTC+8). Null when
 * it is not a real date (2025-02-30 too).
 */
export function parseCaseInstant(text: string): Date | null {
  const usual = parseUsualInstant(text);
  if (usual !== undefined) return usual;
  const m = DATE_TIME.exec(text) ?? COMPACT.exec(text);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const zone = m[8];
  if (hour! > 23 || minute! > 59 || second! > 59) return null;
  const local = Date.UTC(year!, month! - 1, day!, hour, minute, second, fraction);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day) return null;
  let offsetMinutes = 8 * 60;
  if (zone === "Z") offsetMinutes = 0;
  else if (zone) {
    const digits = zone.replace(":", "");
    offsetMinutes = (digits.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return new Date(local - offsetMinutes * 60_000);
}

const CST_OFFSET_MS = 8 * 3_600_000;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The exports' usual form — `2025-03-01 09:30:00` (or with a T), or the date alone — read digit by
 * digit: an import reads millions of them, and this costs a fifth of the regular expression.
 * Undefined for any other form (the regular expression decides), null for an impossible date.
 */
function parseUsualInstant(text: string): Date | null | undefined {
  const n = text.length;
  if ((n !== 19 && n !== 10) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const separator = text.charCodeAt(10);
  if (n === 19 && ((separator !== 32 && separator !== 84) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58)) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const timed = n === 19;
  const hour = timed ? digitsAt(text, 11, 2) : 0;
  const minute = timed ? digitsAt(text, 14, 2) : 0;
  const second = timed ? digitsAt(text, 17, 2) : 0;
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month - 1]! + (leap ? 1 : 0)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - CST_OFFSET_MS);
}

/** The number written by `count` digits at `at`; -1 if any is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Collects a row's problems while reading its fields, each naming the source's header. */
export class RowReader {
  readonly problems: RowProblem[] = [];
  constructor(
    private readonly row: MappedRow,
    private readonly options: CaseValidateOptions,
  ) {}

  private problem(reason: QuarantineReason, column: string, detail: string) {
    const header = headerOf(this.options.mapping, column);
    this.problems.push({ reason, column: header, message: `${header}：${detail}` });
  }

  text(column: string, required: true): string;
  text(column: string, required?: false): string | null;
  text(column: string, required = false): string | null {
    const value = this.row[column];
    if (value) return value;
    if (required) this.problem("missing_field", column, QUARANTINE_REASON.labels.missing_field);
    return null;
  }

  enumValue<T extends string>(column: string, allowed: readonly T[], labels: Record<string, string>, required: boolean): T | null {
    const value = required ? this.text(column, true) : this.text(column);
    if (!value) return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem("bad_enum", column, `“${value}”不在代码表中（应为 ${Object.values(labels).join("、")}）`);
    return null;
  }

  instant(column: string, required: boolean): Date | null {
    const value = required ? this.text(column, true) : this.text(column);
    if (!value) return null;
    const at = parseCaseInstant(value);
    if (!at) {
      this.problem("bad_date", column, `“${value}”不是有效的日期时间（如 2025-03-01 09:30:00）`);
      return null;
    }
    if (at.getTime() > this.options.now.getTime() + FUTURE_SLACK_MS) {
      this.problem("future_date", column, `“${value}”${QUARANTINE_REASON.labels.future_date}`);
      return null;
    }
    return at;
  }

  count(column: string): number | null {
    const value = this.text(column);
    if (value === null) return null;
    if (!/^-?\d+$/.test(value)) {
      this.problem("bad_number", column, `“${value}”不是整数`);
      return null;
    }
    const n = Number(value);
    if (n < 0) {
      this.problem("bad_number", column, `“${value}”不能为负数`);
      return null;
    }
    return n;
  }

  limit(column: string): number | null {
    const value = this.text(column);
    if (value === null) return null;
    // Whole days, or half days (0.5, 2.5: 半个工作日, counted in office hours by the clock).
    if (!/^-?\d+(\.5?0*)?$/.test(value)) {
      this.problem("bad_number", column, `“${value}”不是整数或半天（.5）的天数`);
      return null;
    }
    const n = Number(value);
    if (n < 0) this.problem("negative_limit", column, `${value}，${QUARANTINE_REASON.labels.negative_limit}`);
    else if (n > MAX_LIMIT_DAYS) this.problem("limit_too_long", column, `${value} 天，${QUARANTINE_REASON.labels.limit_too_long}`);
    else return n;
    return null;
  }

  money(column: string): string | null {
    const value = this.text(column);
    if (value === null) return null;
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(value)) {
      this.problem("bad_number", column, `“${value}”不是金额（元，最多两位小数）`);
      return null;
    }
    return value;
  }

  flag(column: string): boolean | null {
    const value = this.text(column);
    if (value === null) return null;
    if (value === "true" || value === "false") return value === "true";
    this.problem("bad_enum", column, `“${value}”应为 是 或 否`);
    return null;
  }
}

/** A mapped case row → the case, or every problem found in it (not just the first). */
export function validateCaseRow(row: MappedRow, options: CaseValidateOptions): Validated<CaseRecord> {
  const r = new RowReader(row, options);
  const record: CaseRecord = {
    caseNo: r.text("caseNo", true),
    itemCode: r.text("itemCode", true),
    itemVersion: r.text("itemVersion"),
    situation: r.text("situation"),
    unitCode: r.text("unitCode", true),
    regionCode: r.text("regionCode", true),
    applicantType: r.enumValue<ApplicantType>("applicantType", APPLICANT_TYPE.values, APPLICANT_TYPE.labels, false),
    applicantName: r.text("applicantName"),
    applicantIdNo: r.text("applicantIdNo"),
    channel: r.enumValue<CaseChannel>("channel", CASE_CHANNEL.values, CASE_CHANNEL.labels, true)!,
    caseType: r.enumValue<CaseType>("caseType", CASE_TYPE.values, CASE_TYPE.labels, true)!,
    appliedAt: r.instant("appliedAt", false),
    acceptedAt: r.instant("acceptedAt", true)!,
    completedAt: r.instant("completedAt", false),
    result: r.enumValue<CaseResult>("result", CASE_RESULT.values, CASE_RESULT.labels, false),
    legalLimit: r.limit("legalLimit"),
    legalLimitUnit: r.enumValue<LimitUnit>("legalLimitUnit", LIMIT_UNIT.values, LIMIT_UNIT.labels, false),
    promisedLimit: r.limit("promisedLimit"),
    promisedLimitUnit: r.enumValue<LimitUnit>("promisedLimitUnit", LIMIT_UNIT.values, LIMIT_UNIT.labels, false),
    visits: r.count("visits"),
    materialsReused: r.flag("materialsReused"),
    fee: r.money("fee"),
    uploadedAt: r.instant("uploadedAt", false),
  };
  halfDayNaturalLimits(record, options.mapping, r.problems);
  if (record.acceptedAt && record.completedAt && record.completedAt < record.acceptedAt) {
    const header = headerOf(options.mapping, "completedAt");
    r.problems.push({
      reason: "completed_before_accepted",
      column: header,
      message: `${header}：${QUARANTINE_REASON.labels.completed_before_accepted}`,
    });
  }
  return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, record };
}

/** Half days are office hours, which only working days have: a natural-day limit is whole days. */
function halfDayNaturalLimits(record: CaseRecord, mapping: SourceMapping, problems: RowProblem[]) {
  const legalUnit = record.legalLimitUnit ?? "working_day";
  const limits = [
    ["legalLimit", record.legalLimit, legalUnit],
    ["promisedLimit", record.promisedLimit, record.promisedLimitUnit ?? record.legalLimitUnit ?? "working_day"],
  ] as const;
  for (const [column, limit, unit] of limits)
    if (limit != null && !Number.isInteger(limit) && unit === "calendar_day") {
      const header = headerOf(mapping, column);
      problems.push({ reason: "bad_number", column: header, message: `${header}：自然日时限应为整数天数（半天只按工作日的办公时间计）` });
    }
}

/** A mapped event row → the event, or its problems. `regionCode` rides along when the file gives it. */
export function validateCaseEventRow(
  row: MappedRow,
  options: CaseValidateOptions,
): Validated<CaseEventRecord & { regionCode: string | null }> {
  const r = new RowReader(row, options);
  const record = {
    caseNo: r.text("caseNo", true),
    regionCode: r.text("regionCode"),
    kind: r.enumValue<CaseEventKind>("kind", CASE_EVENT_KIND.values, CASE_EVENT_KIND.labels, true)!,
    at: r.instant("at", true)!,
    endAt: r.instant("endAt", false),
    handler: r.text("handler"),
    signKeyId: r.text("signKeyId"),
  };
  if (record.at && record.endAt && record.endAt < record.at) {
    const header = headerOf(options.mapping, "endAt");
    r.problems.push({ reason: "completed_before_accepted", column: header, message: `${header}：结束时间早于开始时间` });
  }
  return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, record };
}

/** 张三 → 张*: the first character kept, the rest starred. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  return `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}

/** 330102199001011234 → 3301**********1234: the first and last four kept (one each when short). */
export function maskIdNo(idNo: string): string {
  const chars = [...idNo.trim()];
  const keep = chars.length >= 12 ? 4 : 1;
  if (chars.length <= keep * 2) return "*".repeat(chars.length);
  return `${chars.slice(0, keep).join("")}${"*".repeat(chars.length - keep * 2)}${chars.slice(-keep).join("")}`;
}

/** The masked applicant as stored (name and number, each masked), or null when the file gave neither. */
export function maskApplicant(name: string | null | undefined, idNo: string | null | undefined): string | null {
  const parts = [name ? maskName(name) : null, idNo ? maskIdNo(idNo) : null].filter(Boolean);
  return parts.length ? parts.join(" ") : null;
}
