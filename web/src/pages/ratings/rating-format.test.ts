import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { formatRate, linkedFormValues, metricText, metricTooltip, ratingScopeOf, scopeParams, shortNumber } from "./rating-format.ts";

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key);

describe("metricText", () => {
  it("shows a rate as a percentage with two decimals, 主动评价数 as a count, no denominator as —", () => {
    expect(metricText({ key: "bad_rate", value: 0.075 })).toBe("7.50%");
    expect(metricText({ key: "good_rate", value: 1 })).toBe("100.00%");
    expect(metricText({ key: "rectify_rate", value: null })).toBe("—");
    expect(metricText({ key: "rated", value: 12345 })).toBe("12,345");
    expect(formatRate(0.123456)).toBe("12.35%");
  });
});

describe("metricTooltip", () => {
  it("gives the formula and the counts divided", () => {
    const lines = metricTooltip({ key: "bad_rate", value: 0.075, numerator: 3, denominator: 40 }, t);
    expect(lines).toEqual([
      'ratings.dashboard.formula{"formula":"（不满意 + 非常不满意，申诉成立作废的除外）÷ 主动评价数"}',
      'ratings.dashboard.kpiOf{"numerator":"3","denominator":"40"}',
    ]);
  });

  it("says why a rate has no value, and reads 主动评价数 against all first ratings", () => {
    expect(metricTooltip({ key: "revisit_rate", value: null, numerator: 0, denominator: 0 }, t)[1]).toBe("ratings.dashboard.noDenominator");
    expect(metricTooltip({ key: "rated", value: 40, numerator: 40, denominator: 100 }, t)[1]).toBe(
      'ratings.dashboard.ratedOf{"numerator":"40","denominator":"100"}',
    );
  });
});

describe("ratingScopeOf", () => {
  const today = dayjs("2025-06-15");
  const of = (query: string) => ratingScopeOf(new URLSearchParams(query), today);

  it("reads a campaign fact's link (unit and period)", () => {
    expect(of("unitId=u-1&from=2024-01-01&to=2024-12-31")).toEqual({ unitId: "u-1", from: "2024-01-01", to: "2024-12-31" });
  });

  it("falls back to this year, keeps a unit without a period, drops a channel that is not one", () => {
    expect(of("")).toEqual({ from: "2025-01-01", to: "2025-06-15" });
    expect(of("unitId=u-2&from=2024-12-31&to=2024-01-01&channel=fax")).toEqual({ unitId: "u-2", from: "2025-01-01", to: "2025-06-15" });
    expect(of("channel=online")).toMatchObject({ channel: "online" });
    expect(of("itemCode=%20ITEM-2%20")).toMatchObject({ itemCode: "ITEM-2" });
    expect(of("itemCode=")).not.toHaveProperty("itemCode");
  });

  it("writes back what it reads", () => {
    const scope = { unitId: "u-1", from: "2024-01-01", to: "2024-12-31", channel: "window" as const };
    expect(ratingScopeOf(new URLSearchParams(scopeParams(scope)), today)).toEqual(scope);
    expect(scopeParams({ from: "2024-01-01", to: "2024-12-31", unitId: "" })).toEqual({ from: "2024-01-01", to: "2024-12-31" });
  });
});

describe("linkedFormValues", () => {
  it("fills the list's query fields from a drill's link, the period as the range, the unit left to the tree", () => {
    const values = linkedFormValues({
      unitId: "u-1",
      from: "2026-01-01",
      to: "2026-12-08",
      level: "5",
      kind: "first",
      isDefault: "false",
      page: "3",
    });
    expect(Object.keys(values).sort()).toEqual(["isDefault", "kind", "level", "range"]);
    expect(values).toMatchObject({ level: "5", kind: "first", isDefault: "false" });
    expect(values.range!.map((d) => d.format("YYYY-MM-DD"))).toEqual(["2026-01-01", "2026-12-08"]);
    expect(linkedFormValues({})).toEqual({});
  });
});

describe("shortNumber", () => {
  const uuid = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
  it("keeps a UUID number's prefix and first block, so a 39-character number fits a narrow column", () => {
    expect(shortNumber(`KP-${uuid}`)).toBe("KP-1a2b3c4d…");
    expect(shortNumber(`CP-KP-${uuid}`)).toBe("CP-KP-1a2b3c4d…");
  });
  it("shows a short number whole and cuts any other long one with …", () => {
    expect(shortNumber("KP-2024-0001")).toBe("KP-2024-0001");
    expect(shortNumber("HCP20240101000000000123")).toBe("HCP20240101000000…");
    expect(shortNumber("HCP20240101000000000123")).toHaveLength(18);
  });
});
