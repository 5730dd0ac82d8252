import type { CaseChannel, CaseListRow, CaseRef, CaseType, LimitUnit, QualityIssue } from "@kaoping/core";
import { isoOf } from "../../platform/db/rows.ts";

/** A case's reference columns as queries select them (snake_case): key, unit, item. */
export interface CaseRefDbRow {
  region_code: string;
  source_code: string;
  case_no: string;
  unit_id: string;
  unit_name: string;
  item_code: string;
}

/** Row → CaseRef. */
export const caseRefOf = (r: CaseRefDbRow): CaseRef => ({
  regionCode: r.region_code,
  sourceCode: r.source_code,
  caseNo: r.case_no,
  unitId: r.unit_id,
  unitName: r.unit_name,
  itemCode: r.item_code,
});

/** A case row as the list query selects it (snake_case, instants as Date or text by driver). */
export interface CaseListDbRow extends CaseRefDbRow {
  item_name: string | null;
  channel: string;
  case_type: string;
  accepted_at: Date | string;
  completed_at: Date | string | null;
  due_at: Date | string | null;
  elapsed_days: number | null;
  promised_limit: number | null;
  promised_limit_unit: string | null;
  result: string | null;
  visits: number | null;
  quality: string[] | string | null;
}

/** Row → CaseListRow. `overdue`: completed after its due instant, or open past it at `now`. */
export function listRowOf(r: CaseListDbRow, now: Date = new Date()): CaseListRow {
  const due = r.due_at === null ? null : new Date(r.due_at);
  const completed = r.completed_at === null ? null : new Date(r.completed_at);
  const overdue = due !== null && (completed ? completed > due : now > due);
  const quality = typeof r.quality === "string" ? (JSON.parse(r.quality) as string[]) : (r.quality ?? []);
  return {
    ...caseRefOf(r),
    itemName: r.item_name,
    channel: r.channel as CaseChannel,
    caseType: r.case_type as CaseType,
    acceptedAt: isoOf(r.accepted_at)!,
    completedAt: isoOf(r.completed_at),
    dueAt: isoOf(r.due_at),
    elapsedDays: r.elapsed_days,
    promisedLimit: r.promised_limit,
    promisedLimitUnit: r.promised_limit_unit as LimitUnit | null,
    result: r.result,
    visits: r.visits,
    overdue,
    quality: quality as QualityIssue[],
  };
}
