import { type CaseQualityRow, QUALITY_ISSUE, type QualityIssue } from "@kaoping/core";

/**
 * The data-quality report's arithmetic over core's CaseQualityRow, exactly as the server's
 * getCaseQuality sends it (accepted, defective, issues by QUALITY_ISSUE, quarantined): the web
 * keeps no shape of its own, so a change to the contract fails to compile here.
 */

/** The counts a unit's row and the total line share. */
export type QualityCounts = Pick<CaseQualityRow, "accepted" | "defective" | "issues" | "quarantined">;

/** A unit's row with its share of cases with a finding (null without cases). */
export type QualityTableRow = CaseQualityRow & { rate: number | null };

/** The total line: every count summed, the rate over all cases. */
export type QualityTotals = QualityCounts & { rate: number | null };

/** One column per issue kind, in core's order, titled with core's Chinese label. */
export const ISSUE_COLUMNS: readonly { issue: QualityIssue; title: string; count: (row: QualityCounts) => number }[] =
  QUALITY_ISSUE.values.map((issue) => ({ issue, title: QUALITY_ISSUE.labels[issue], count: (row) => row.issues[issue] ?? 0 }));

const rateOf = (defective: number, accepted: number) => (accepted > 0 ? defective / accepted : null);

/** Each unit's share of cases with a quality finding (null without cases). */
export function withDefectRate(rows: readonly CaseQualityRow[]): QualityTableRow[] {
  return rows.map((row) => ({ ...row, rate: rateOf(row.defective, row.accepted) }));
}

/** The report's total line: every count summed (each issue kind too), the rate over all cases, not the average of the rates. */
export function qualityTotals(rows: readonly CaseQualityRow[]): QualityTotals {
  const sum = (count: (row: CaseQualityRow) => number) => rows.reduce((total, row) => total + count(row), 0);
  const accepted = sum((row) => row.accepted);
  const defective = sum((row) => row.defective);
  const issues = Object.fromEntries(ISSUE_COLUMNS.map((column) => [column.issue, sum(column.count)])) as Record<QualityIssue, number>;
  return { accepted, defective, issues, quarantined: sum((row) => row.quarantined), rate: rateOf(defective, accepted) };
}

/** A rate as the report prints it: one decimal percent, a dash without cases. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}
