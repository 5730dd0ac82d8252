import type { QualityRow } from "./cases-api.ts";

const COUNTS = ["cases", "defective", "unknownItem", "missingOptional", "lateUpload", "limitUnknown", "quarantined"] as const;

/** Each unit's share of cases with a quality finding (null without cases). */
export function withDefectRate(rows: readonly QualityRow[]): (QualityRow & { rate: number | null })[] {
  return rows.map((row) => ({ ...row, rate: row.cases > 0 ? row.defective / row.cases : null }));
}

/** The report's total line: every count summed, the rate over all cases. */
export function qualityTotals(rows: readonly QualityRow[]): Record<(typeof COUNTS)[number], number> & { rate: number | null } {
  const sums = Object.fromEntries(COUNTS.map((key) => [key, rows.reduce((sum, row) => sum + row[key], 0)])) as Record<
    (typeof COUNTS)[number],
    number
  >;
  return { ...sums, rate: sums.cases > 0 ? sums.defective / sums.cases : null };
}
