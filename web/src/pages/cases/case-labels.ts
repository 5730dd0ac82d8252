import {
  APPLICANT_TYPE,
  CASE_CHANNEL,
  CASE_EVENT_KIND,
  CASE_METRIC_LABELS,
  CASE_RESULT,
  CASE_TYPE,
  INGEST_JOB_STATUS_LABELS,
  INGEST_KIND_LABELS,
  LIMIT_UNIT,
  PERIOD_LABELS,
  QUALITY_ISSUE,
  QUARANTINE_REASON,
} from "@kaoping/core";
import dayjs, { type Dayjs } from "dayjs";
import { labelOf, optionsOf } from "../guides/guide-labels.ts";

/**
 * 办件 labels come from @kaoping/core, in Chinese as the platform and the exports name them:
 * a screen shows 网上 and 承诺件, never online and promised.
 */
export { labelOf };

export const channelOptions = optionsOf(CASE_CHANNEL.labels);
export const caseTypeOptions = optionsOf(CASE_TYPE.labels);
export const kindOptions = optionsOf(INGEST_KIND_LABELS);
export const periodOptions = optionsOf(PERIOD_LABELS);
export const metricOptions = optionsOf(CASE_METRIC_LABELS);

export const applicantTypeLabel = (code: string | null | undefined) => labelOf(APPLICANT_TYPE.labels, code);
export const channelLabel = (code: string | null | undefined) => labelOf(CASE_CHANNEL.labels, code);
export const caseTypeLabel = (code: string | null | undefined) => labelOf(CASE_TYPE.labels, code);
export const resultLabel = (code: string | null | undefined) => labelOf(CASE_RESULT.labels, code);
export const eventLabel = (code: string | null | undefined) => labelOf(CASE_EVENT_KIND.labels, code);
export const limitUnitLabel = (code: string | null | undefined) => labelOf(LIMIT_UNIT.labels, code);
export const qualityLabel = (code: string | null | undefined) => labelOf(QUALITY_ISSUE.labels, code);
export const reasonLabel = (code: string | null | undefined) => labelOf(QUARANTINE_REASON.labels, code);
export const kindLabel = (code: string | null | undefined) => labelOf(INGEST_KIND_LABELS, code);
export const jobStatusLabel = (code: string | null | undefined) => labelOf(INGEST_JOB_STATUS_LABELS, code);

/** A limit as the guides give it: `5 工作日`; a dash without one. */
export function limitText(days: number | null | undefined, unit: string | null | undefined): string {
  if (days === null || days === undefined) return "—";
  return unit ? `${days} ${limitUnitLabel(unit)}` : String(days);
}

/** The dashboard's and the list's default range: the last twelve months up to today. */
export function defaultRange(today: Dayjs = dayjs()): [Dayjs, Dayjs] {
  return [today.subtract(11, "month").startOf("month"), today];
}

/**
 * The acceptance period a case list shows: the picked range, else a link's from / to, else the
 * default (the last twelve months to today) — said over the list, since the picker is then empty.
 */
export function listPeriod(
  filters: { range?: readonly [Dayjs, Dayjs]; from?: string; to?: string },
  today: Dayjs = dayjs(),
): { from: string; to: string; isDefault: boolean } {
  if (filters.range) return { ...rangeQuery(filters.range), isDefault: false };
  if (filters.from && filters.to) return { from: filters.from, to: filters.to, isDefault: false };
  return { ...rangeQuery(defaultRange(today)), isDefault: true };
}

/** A range picker's value as the API's `from` / `to`. */
export function rangeQuery(range: readonly [Dayjs, Dayjs]): { from: string; to: string } {
  return { from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") };
}
