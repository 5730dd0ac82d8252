import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { type ChosenUnit, mergeUnits, phaseIssues, stepOfPath, toCreateInput, unitDetailMessages } from "./create-values.ts";

const unit = (code: string, extra: Partial<ChosenUnit> = {}): ChosenUnit => ({
  unitId: `id-${code}`,
  code,
  name: `单位${code}`,
  category: null,
  isReference: false,
  ...extra,
});

describe("campaign create wizard values", () => {
  it("finds the step of a server detail's field", () => {
    expect(stepOfPath(["body", "name"])).toBe(0);
    expect(stepOfPath(["body", "frameworkId"])).toBe(0);
    expect(stepOfPath(["body", "units", 3, "category"])).toBe(1);
    expect(stepOfPath(["body", "phases", "reportingCloses"])).toBe(2);
    expect(stepOfPath(["reviewerIds"])).toBe(2);
    expect(stepOfPath(["body"])).toBeNull();
    expect(stepOfPath(undefined)).toBeNull();
  });

  it("merges units without duplicates, keeping edits already made", () => {
    const current = [unit("A", { category: "district", isReference: true })];
    const merged = mergeUnits(current, [unit("A"), unit("B"), unit("B")]);
    expect(merged.map((u) => u.code)).toEqual(["A", "B"]);
    expect(merged[0]).toEqual(current[0]);
  });

  it("builds the POST body with yyyy-mm-dd phases and no empty ones", () => {
    const input = toCreateInput({
      frameworkId: "f1",
      name: "  2025 年度考核 ",
      year: 2025,
      issuer: " ",
      units: [unit("A", { category: "district", isReference: true })],
      phases: { reportingOpens: dayjs("2025-03-01"), reportingCloses: dayjs("2025-03-31"), appealOpens: null },
    });
    expect(input).toEqual({
      frameworkId: "f1",
      name: "2025 年度考核",
      year: 2025,
      issuer: null,
      phases: { reportingOpens: "2025-03-01", reportingCloses: "2025-03-31" },
      units: [{ unitId: "id-A", category: "district", isReference: true }],
      reviewerIds: [],
    });
  });

  it("reports phases out of order on the later phase's field", () => {
    expect(phaseIssues({ reportingOpens: dayjs("2025-03-01"), reportingCloses: dayjs("2025-03-31") })).toEqual([]);
    const issues = phaseIssues({ reportingOpens: dayjs("2025-03-10"), reportingCloses: dayjs("2025-03-01") });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.name).toEqual(["phases", "reportingCloses"]);
    expect(issues[0]?.errors[0]).toContain("不能早于");
  });

  it("names the unit a server detail is about", () => {
    const units = [unit("A"), unit("B")];
    expect(
      unitDetailMessages(
        [
          { path: ["body", "units", 1, "category"], message: "类别不存在" },
          { path: ["body", "name"], message: "必填" },
        ],
        units,
      ),
    ).toEqual([{ index: 1, unit: "单位B（B）", message: "类别不存在" }]);
  });
});
