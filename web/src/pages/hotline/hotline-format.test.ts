import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import {
  callFiltersOf,
  callQueryOf,
  formatPercent,
  hasResultsFilters,
  isSlow,
  levelSummaries,
  progressOf,
  rateTone,
  resultsParams,
  resultsQueryOf,
} from "./hotline-format.ts";

describe("rates and progress", () => {
  it("shows the API's percents with two decimals, or a dash", () => {
    expect(formatPercent(62.5)).toBe("62.50%");
    expect(formatPercent(66.67)).toBe("66.67%");
    expect(formatPercent(100)).toBe("100.00%");
    expect(formatPercent(0)).toBe("0.00%");
    expect(formatPercent(null)).toBe("—");
  });

  it("colours a rate red below 90 %, green at 100 %", () => {
    expect(rateTone(89.99)).toBe("error");
    expect(rateTone(90)).toBeUndefined();
    expect(rateTone(100)).toBe("success");
    expect(rateTone(null)).toBeUndefined();
  });

  it("gives a round's progress as recorded of planned", () => {
    expect(progressOf({ calls: 8, recorded: 3 })).toEqual({ text: "3 / 8", percent: 37 });
    expect(progressOf({ calls: 0, recorded: 0 })).toEqual({ text: "0 / 0", percent: 0 });
  });

  it("flags answers slower than 15 s", () => {
    expect(isSlow(15)).toBe(false);
    expect(isSlow(16)).toBe(true);
    expect(isSlow(null)).toBe(false);
  });
});

describe("抽查结果's address", () => {
  const today = dayjs("2024-06-15");
  it("reads a campaign fact's link", () => {
    const params = new URLSearchParams("unitId=u1&level=district&from=2024-01-01&to=2024-12-31");
    expect(resultsQueryOf(params, today)).toEqual({ unitId: "u1", level: "district", from: "2024-01-01", to: "2024-12-31" });
    expect(hasResultsFilters(params)).toBe(true);
  });

  it("falls back to this year on a missing or broken period, and drops an unknown level", () => {
    expect(resultsQueryOf(new URLSearchParams(""), today)).toEqual({ from: "2024-01-01", to: "2024-06-15" });
    expect(resultsQueryOf(new URLSearchParams("from=2024-05-01&to=2024-02-01&level=county"), today)).toEqual({
      from: "2024-01-01",
      to: "2024-06-15",
    });
    expect(hasResultsFilters(new URLSearchParams("page=2"))).toBe(false);
  });

  it("writes back what it reads", () => {
    const query = { from: "2024-03-01", to: "2024-03-31", level: "city" as const, unitId: "u9" };
    expect(resultsQueryOf(new URLSearchParams(resultsParams(query)), today)).toEqual(query);
    expect(resultsParams({ from: "2024-03-01", to: "2024-03-31", unitId: "" })).toEqual({ from: "2024-03-01", to: "2024-03-31" });
  });
});

describe("levelSummaries", () => {
  it("groups the rounds by level in 区级/市级/省级 order with the lowest rate a campaign counts", () => {
    const rounds = [
      { id: "c1", level: "city" as const, rate: 80 },
      { id: "d1", level: "district" as const, rate: 95 },
      { id: "d2", level: "district" as const, rate: 70.5 },
      { id: "d3", level: "district" as const, rate: null },
      { id: "p1", level: "province" as const, rate: null },
    ];
    expect(levelSummaries(rounds)).toEqual([
      { level: "district", rounds: 3, lowest: 70.5, lowestRoundId: "d2" },
      { level: "city", rounds: 1, lowest: 80, lowestRoundId: "c1" },
      { level: "province", rounds: 1, lowest: null, lowestRoundId: null },
    ]);
    expect(levelSummaries([])).toEqual([]);
  });
});

describe("the call sheet's address", () => {
  it("defaults to the checker's own pending calls", () => {
    expect(callFiltersOf(new URLSearchParams(""))).toEqual({ mine: "true", state: "pending" });
    expect(callFiltersOf(new URLSearchParams("state=bogus&mine=yes"))).toEqual({ mine: "true", state: "pending" });
  });

  it("reads a round's link, and sends no state for “all”", () => {
    const filters = callFiltersOf(new URLSearchParams("roundId=r1&mine=false&state=all"));
    expect(filters).toEqual({ roundId: "r1", mine: "false", state: "all" });
    expect(callQueryOf(filters)).toEqual({ roundId: "r1", mine: "false" });
    expect(callQueryOf({ mine: "true", state: "recorded" })).toEqual({ mine: "true", state: "recorded" });
  });
});
