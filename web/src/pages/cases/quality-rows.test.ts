import { type CaseQualityRow, type CaseQualityView, QUALITY_ISSUE, type QualityIssue } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { formatRate, ISSUE_COLUMNS, qualityTotals, withDefectRate } from "./quality-rows.ts";

/**
 * Fixtures typed as core's contract (what the server's getCaseQuality answers): a field the web
 * invents or misses fails `tsc -p web`, as the old `cases` / `unknownItem` shape did.
 */
const issues = (counts: Partial<Record<QualityIssue, number>> = {}): Record<QualityIssue, number> => ({
  unknown_item: 0,
  missing_optional: 0,
  late_upload: 0,
  limit_unknown: 0,
  ...counts,
});
const row = (unitId: string, accepted: number, defective: number, found: Partial<Record<QualityIssue, number>> = {}): CaseQualityRow => ({
  unitId,
  unitCode: unitId.toUpperCase(),
  unitName: `单位 ${unitId}`,
  accepted,
  defective,
  issues: issues({ unknown_item: defective, ...found }),
  quarantined: 2,
});

describe("quality rows", () => {
  it("computes each unit's defect rate from its accepted cases, null without cases", () => {
    expect(withDefectRate([row("a", 200, 10), row("b", 0, 0)]).map((r) => r.rate)).toEqual([0.05, null]);
  });

  it("reads the server's answer as it comes: no count is undefined or NaN", () => {
    // As GET /api/cases/quality answers (server/src/modules/cases/queries.ts getCaseQuality).
    const answer: CaseQualityView = {
      scope: { from: "2026-01-01", to: "2026-06-30" },
      rows: [row("a", 120, 6, { missing_optional: 3, late_upload: 1, limit_unknown: 2 })],
    };
    const [shown] = withDefectRate(answer.rows);
    const cells = [shown!.accepted, shown!.defective, ...ISSUE_COLUMNS.map((column) => column.count(shown!)), shown!.quarantined];
    expect(cells).toEqual([120, 6, 6, 3, 1, 2, 2]);
    expect(cells.every((n) => Number.isFinite(n))).toBe(true);
    expect(formatRate(shown!.rate)).toBe("5.0%");
  });

  it("sums every count, each issue kind too, and rates over all cases, not the average of the rates", () => {
    const totals = qualityTotals([row("a", 100, 10, { late_upload: 4 }), row("b", 300, 10, { limit_unknown: 1 })]);
    expect(totals).toEqual({
      accepted: 400,
      defective: 20,
      issues: { unknown_item: 20, missing_optional: 0, late_upload: 4, limit_unknown: 1 },
      quarantined: 4,
      rate: 0.05,
    });
    expect(qualityTotals([])).toEqual({ accepted: 0, defective: 0, issues: issues(), quarantined: 0, rate: null });
    expect(formatRate(null)).toBe("—");
  });

  it("has a column for every issue kind, titled with core's Chinese label", () => {
    expect(ISSUE_COLUMNS.map((column) => column.issue)).toEqual(QUALITY_ISSUE.values);
    expect(ISSUE_COLUMNS.map((column) => column.title)).toEqual(Object.values(QUALITY_ISSUE.labels));
    expect(ISSUE_COLUMNS[0]!.title).toBe("事项编码未在事项库中");
  });
});
