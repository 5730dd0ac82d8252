import { z } from "zod";
import { CASE_CHANNEL, type CaseChannel, type CaseEventKind, type QualityIssue, type QuarantineReason } from "../cases/model.ts";
import type { CaseType, LimitUnit } from "../guides/model.ts";
import { CASE_TYPE_LABELS } from "../guides/model.ts";
import type { ReviewStatus } from "../ratings/loop.ts";
import type { RatingChannel } from "../ratings/model.ts";
import type { OrderStatus } from "../supervision/orders.ts";
import type { WarningSeverity } from "../supervision/rules.ts";
import { idSchema, isoDateSchema, type Paged, pageQuerySchema } from "./common.ts";

/**
 * The 办件 API's shapes: ingest jobs and their quarantine, metrics with drill-down, the case list
 * and a case's timeline with its clock explained, and the working-day calendar. One contract for
 * the server's routes and the web's screens.
 */

/** The kinds of bulk data one ingest path carries. */
export const INGEST_KIND_LABELS = { cases: "办件", case_events: "办理环节", ratings: "好差评评价" } as const;
export type IngestKind = keyof typeof INGEST_KIND_LABELS;

export const INGEST_JOB_STATUS_LABELS = {
  queued: "排队中",
  running: "导入中",
  succeeded: "已完成",
  failed: "失败",
  cancelled: "已取消",
} as const;
export type IngestJobStatus = keyof typeof INGEST_JOB_STATUS_LABELS;

/** A file larger than this is refused (a city's year of cases fits many times over). */
export const INGEST_MAX_BYTES = 4 * 1024 * 1024 * 1024;

/** Why an import job refused its file, and where. */
export interface IngestJobError {
  message: string;
  line?: number;
  column?: string;
}

/** Where a refusal is, to tell beside its reason: the column only when the reason does not name it already (缺少必需的列：受理部门编码). */
export function ingestErrorPlace(error: IngestJobError): { line?: number; column?: string } {
  return { line: error.line, column: error.column && !error.message.includes(error.column) ? error.column : undefined };
}

export interface IngestJobView {
  id: string;
  kind: IngestKind;
  sourceCode: string;
  fileName: string;
  status: IngestJobStatus;
  bytesTotal: number;
  bytesRead: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  /** Rows per second over the run so far, and the seconds left at that rate (null until known). */
  rate: number | null;
  secondsLeft: number | null;
  /** A structural error that refused the file: message and where (line, column). */
  error: IngestJobError | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A registered 数据来源 (ingest_sources, with the built-in default): what the 导入 form offers. */
export interface IngestSourceView {
  code: string;
  name: string;
  isDefault: boolean;
}

/** The job list, with the sources a new import may name (one page: the upload form beside it reads them). */
export interface IngestJobListView extends Paged<IngestJobView> {
  sources: IngestSourceView[];
}

export interface QuarantineRowView {
  line: number;
  unitCode: string | null;
  unitName: string | null;
  raw: Record<string, string>;
  reasons: { reason: QuarantineReason; column: string; message: string }[];
}

export const ingestUploadFieldsSchema = z.strictObject({
  kind: z.enum(Object.keys(INGEST_KIND_LABELS) as [IngestKind, ...IngestKind[]]),
  source: z.string().trim().min(1).max(64).default("default"),
});

/** 统计周期. */
export const PERIOD_LABELS = { day: "日", week: "周", month: "月", quarter: "季度", year: "年" } as const;
export type Period = keyof typeof PERIOD_LABELS;

const isoDate = isoDateSchema;

/**
 * The scope's fields without the range check: zod refuses to extend a refined object, so each
 * query below extends this and adds the range check itself.
 */
const caseScopeFields = z.object({
  unitId: idSchema.optional(),
  from: isoDate,
  to: isoDate,
  itemCode: z.string().trim().max(64).optional(),
  channel: z.enum(CASE_CHANNEL.values as [CaseChannel, ...CaseChannel[]]).optional(),
  caseType: z.enum(Object.keys(CASE_TYPE_LABELS) as [CaseType, ...CaseType[]]).optional(),
});

/** A range whose end is before its start is refused on `to` (ISO dates compare as text). */
const isRangeInOrder = (range: { from: string; to: string }) => range.from <= range.to;
const RANGE_OUT_OF_ORDER = { path: ["to"], message: "结束日期不能早于开始日期" };

/** Which cases a metric counts: a unit and its subtree, a date range of acceptance, optional item/channel/type. */
export const caseScopeQuerySchema = caseScopeFields.refine(isRangeInOrder, RANGE_OUT_OF_ORDER);
export type CaseScopeQuery = z.infer<typeof caseScopeQuerySchema>;

export const caseMetricsQuerySchema = caseScopeFields
  .extend({
    /** Break the figures down over time (trend) or by a dimension. */
    groupBy: z.enum(["period", "unit", "channel", "item", "caseType"]).optional(),
    period: z.enum(Object.keys(PERIOD_LABELS) as [Period, ...Period[]]).default("month"),
  })
  .refine(isRangeInOrder, RANGE_OUT_OF_ORDER);

/** The metrics every scope yields (docs/cases.md gives each formula and the seed line it serves). */
export const CASE_METRIC_LABELS = {
  accepted: "受理件数",
  online_rate: "网上受理率",
  fully_online_rate: "全程网办率",
  instant_ratio: "即办件比例",
  limit_compression: "承诺时限压缩比",
  avg_elapsed_days: "平均办结时间（工作日）",
  elapsed_to_promised: "实际办理时间 ÷ 承诺时限",
  on_time_rate: "按时办结率",
  overdue_completed: "超期办结件数",
  overdue_open: "超期未办结件数",
  avg_visits: "平均跑动次数",
  zero_visit_rate: "零跑动率",
  at_most_one_visit_rate: "最多跑一次率",
  one_time_rate: "一次办结率",
  correction_rate: "补正率",
  reuse_rate: "减证比例",
  quality_defect_rate: "数据质量问题率",
} as const;
export type CaseMetricKey = keyof typeof CASE_METRIC_LABELS;

/** One metric's value (a ratio in [0,1] or a count/average) and the counts it came from. */
export interface CaseMetricValue {
  key: CaseMetricKey;
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CaseMetricsView {
  scope: CaseScopeQuery;
  metrics: CaseMetricValue[];
  /** Present when `groupBy` was asked: one row per period or dimension value. */
  groups?: { key: string; label: string; metrics: CaseMetricValue[] }[];
}

/** Drill-down: the cases behind one metric (its numerator, or `part: "denominator"`). */
const caseListFilters = caseScopeFields.extend({
  metric: z.enum(Object.keys(CASE_METRIC_LABELS) as [CaseMetricKey, ...CaseMetricKey[]]).optional(),
  part: z.enum(["numerator", "denominator"]).default("numerator"),
  caseNo: z.string().trim().max(64).optional(),
});
export const caseListQuerySchema = caseListFilters
  .extend({
    ...pageQuerySchema.shape,
    /** Keyset paging: the `next` of the page before (deep pages without OFFSET); `page` still numbers it. */
    after: z.string().max(400).optional(),
  })
  .refine(isRangeInOrder, RANGE_OUT_OF_ORDER);
/** 导出 of the list: its filters without paging. */
export const caseExportQuerySchema = caseListFilters.refine(isRangeInOrder, RANGE_OUT_OF_ORDER);

/** A page of the case list, with where the next one starts (null on the last page). */
export interface CaseListPage extends Paged<CaseListRow> {
  next: string | null;
}

/** A case as other records name it (a warning, a supervision order): its key, its unit and item. */
export interface CaseRef {
  regionCode: string;
  sourceCode: string;
  caseNo: string;
  unitId: string;
  unitName: string;
  itemCode: string;
}

export interface CaseListRow extends CaseRef {
  itemName: string | null;
  channel: CaseChannel;
  caseType: CaseType;
  acceptedAt: string;
  completedAt: string | null;
  dueAt: string | null;
  elapsedDays: number | null;
  promisedLimit: number | null;
  promisedLimitUnit: LimitUnit | null;
  result: string | null;
  visits: number | null;
  overdue: boolean;
  quality: QualityIssue[];
}

/** The data-quality report: per unit, its cases with each QUALITY_ISSUE and its quarantined rows. */
export interface CaseQualityRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  accepted: number;
  /** Cases with at least one issue. */
  defective: number;
  issues: Record<QualityIssue, number>;
  /** Rows of this unit quarantined by the import jobs created in the report's period (the job's time). */
  quarantined: number;
  /** The 未能归属单位 row: quarantined rows without a known unit (its unitId is UNATTRIBUTED_UNIT_ID). */
  unattributed?: true;
}

/** The unitId of the quality report's 未能归属单位 row (no unit has it: units' ids are uuids). */
export const UNATTRIBUTED_UNIT_ID = "unattributed";

export interface CaseQualityView {
  scope: CaseScopeQuery;
  rows: CaseQualityRow[];
}

/** One day of a case's clock: counted, not a working day, or paused (补正 / 特别程序). */
export interface ClockDay {
  date: string;
  state: "counted" | "non_working" | "paused" | "acceptance_day";
  note?: string;
}

export interface CaseDetailView extends CaseListRow {
  itemVersion: string | null;
  situation: string | null;
  applicantType: string | null;
  /** Masked (张*、3301**********1234) at most; never the clear value. */
  applicantMasked: string | null;
  appliedAt: string | null;
  legalLimit: number | null;
  legalLimitUnit: LimitUnit | null;
  materialsReused: boolean | null;
  fee: string | null;
  uploadedAt: string | null;
  /**
   * For a completed case, what the office prints on its result for the public rating page: the
   * 8-character verification code and the page's link (a path: /rate?region=…&case=…&code=…). Null while open.
   */
  ratingCode: string | null;
  ratingLink: string | null;
  events: { seq: number; kind: CaseEventKind; at: string; endAt: string | null; handler: string | null; signKeyId: string | null }[];
  clock: {
    unit: LimitUnit | null;
    /** Null with `gapYear` when the calendar lacks a year (时限无法计算). */
    elapsed: number | null;
    limit: number | null;
    dueAt: string | null;
    gapYear: number | null;
    days: ClockDay[];
    explanation: string;
  };
  /** The case's 电子监察 warnings, each with its 督办单 (null: the reader may not see warnings). */
  warnings: CaseWarningRef[] | null;
  /** The case's 好差评 ratings, a 差评 with its review (null: the reader may not see ratings). */
  ratings: CaseRatingRef[] | null;
}

export interface CaseWarningRef {
  id: string;
  ruleName: string;
  severity: WarningSeverity;
  at: string;
  explanation: string;
  order: { id: string; orderNo: string; status: OrderStatus } | null;
}

export interface CaseRatingRef {
  id: string;
  ratingNo: string;
  level: number;
  channel: RatingChannel;
  ratedAt: string;
  content: string | null;
  review: { id: string; status: ReviewStatus } | null;
}

/** 工作日历. */
export const CALENDAR_DAY_KIND_LABELS = { holiday: "休息日（节假日）", workday: "工作日（调休补班）" } as const;
export const calendarDaySchema = z.strictObject({
  date: isoDate,
  kind: z.enum(["holiday", "workday"]),
  name: z.string().trim().max(64).nullable().optional(),
});
export interface CalendarYearView {
  regionCode: string;
  year: number;
  covered: boolean;
  source: string | null;
  /** The nationwide days, and for a region its own on top (a region's day wins for its date). */
  days: { date: string; kind: "holiday" | "workday"; name: string | null; source: string; regionCode: string }[];
}
