import { describe, expect, it } from "vitest";
import type { QualityRow } from "./cases-api.ts";
import { qualityTotals, withDefectRate } from "./quality-rows.ts";

const row = (unitId: string, cases: number, defective: number): QualityRow => ({
  unitId,
  unitName: unitId,
  cases,
  defective,
  unknownItem: defective,
  missingOptional: 1,
  lateUpload: 0,
  limitUnknown: 0,
  quarantined: 2,
});

describe("quality rows", () => {
  it("computes each unit's defect rate, null without cases", () => {
    expect(withDefectRate([row("a", 200, 10), row("b", 0, 0)]).map((r) => r.rate)).toEqual([0.05, null]);
  });

  it("sums the counts and rates over all cases, not the average of the rates", () => {
    const totals = qualityTotals([row("a", 100, 10), row("b", 300, 10)]);
    expect(totals).toMatchObject({ cases: 400, defective: 20, unknownItem: 20, missingOptional: 2, quarantined: 4 });
    expect(totals.rate).toBe(0.05);
    expect(qualityTotals([]).rate).toBeNull();
  });
});
