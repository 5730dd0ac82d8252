import { describe, expect, it } from "vitest";
import type { CaseMetricValue } from "../contracts/cases.ts";
import { CASE_FACTS, caseFactLink, caseFactValues, isCaseFactKey } from "./facts.ts";

const metric = (key: CaseMetricValue["key"], numerator: number, denominator: number, value?: number | null): CaseMetricValue => ({
  key,
  numerator,
  denominator,
  value: value !== undefined ? value : denominator === 0 ? null : numerator / denominator,
});

describe("case facts from a scope's metrics", () => {
  it("gives rates in percent with 2 decimals from the counts, averages with 2 decimals, counts as they are", () => {
    const metrics = [
      metric("online_rate", 1, 3),
      metric("limit_compression", 87, 200),
      metric("avg_visits", 37, 30),
      metric("avg_elapsed_days", 1234, 1000),
      metric("overdue_completed", 4, 120, 4),
      metric("quality_defect_rate", 17, 680),
    ];
    expect(
      caseFactValues(metrics, [
        "case.online_rate",
        "case.limit_compression",
        "case.avg_visits",
        "case.avg_elapsed_days",
        "case.overdue_count",
        "case.data_quality_defects",
        "case.quality_defect_rate",
      ]),
    ).toEqual({
      "case.online_rate": 33.33, // 1 ÷ 3 = 33.333…%
      "case.limit_compression": 43.5, // 87 ÷ 200
      "case.avg_visits": 1.23, // 37 ÷ 30 = 1.2333…
      "case.avg_elapsed_days": 1.23, // 1234 ÷ 1000 = 1.234
      "case.overdue_count": 4,
      "case.data_quality_defects": 17,
      "case.quality_defect_rate": 2.5, // 17 ÷ 680
    });
  });

  it("rounds half up: 1 of 8 is 12.5%, 2469 of 20000 is 12.345% → 12.35", () => {
    expect(caseFactValues([metric("online_rate", 1, 8)], ["case.online_rate"])).toEqual({ "case.online_rate": 12.5 });
    expect(caseFactValues([metric("online_rate", 2469, 20000)], ["case.online_rate"])).toEqual({ "case.online_rate": 12.35 });
  });

  it("leaves a rate without cases out (no value, not 0), while a count is 0, and ignores keys it does not know", () => {
    const metrics = [metric("online_rate", 0, 0), metric("overdue_completed", 0, 0, 0)];
    expect(caseFactValues(metrics, ["case.online_rate", "case.overdue_count", "case.unknown", "guide_accuracy"])).toEqual({
      "case.overdue_count": 0,
    });
  });

  it("answers only its own keys and links each to the drill-down of its metric", () => {
    expect(isCaseFactKey("case.online_rate")).toBe(true);
    expect(isCaseFactKey("case.nonsense")).toBe(false);
    expect(isCaseFactKey("guide_accuracy")).toBe(false);
    expect(Object.keys(CASE_FACTS)).toEqual(expect.arrayContaining(["case.instant_ratio", "case.one_time_rate", "case.fully_online_rate"]));
    expect(caseFactLink("case.data_quality_defects", { unitId: "u1", from: "2019-01-01", to: "2019-12-31" })).toBe(
      "/cases/list?unitId=u1&from=2019-01-01&to=2019-12-31&metric=quality_defect_rate",
    );
    expect(caseFactLink("guide_accuracy", { unitId: "u1", from: "2019-01-01", to: "2019-12-31" })).toBeNull();
  });
});
