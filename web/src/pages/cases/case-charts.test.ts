import type { CaseMetricsView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { barsChart, periodRange, trendChart } from "./case-charts.ts";

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key);
const scope = { from: "2025-01-15", to: "2025-12-31" };

type Group = NonNullable<CaseMetricsView["groups"]>[number];
const group = (key: string, label: string, accepted: number, online: number | null): Group => ({
  key,
  label,
  metrics: [
    { key: "accepted", value: accepted, numerator: accepted, denominator: accepted },
    { key: "online_rate", value: online, numerator: online === null ? 0 : online * accepted, denominator: accepted },
    { key: "avg_elapsed_days", value: 2.345, numerator: 2.345 * accepted, denominator: accepted },
  ],
});

describe("periodRange", () => {
  it("turns month, quarter, year, week and day keys into date ranges", () => {
    expect(periodRange("2025-03", "month", scope)).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    expect(periodRange("2025-02-01", "month", scope)).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(periodRange("2025-Q2", "quarter", scope)).toEqual({ from: "2025-04-01", to: "2025-06-30" });
    expect(periodRange("2025-07-01", "quarter", scope)).toEqual({ from: "2025-07-01", to: "2025-09-30" });
    expect(periodRange("2025-03-10", "week", scope)).toEqual({ from: "2025-03-10", to: "2025-03-16" });
    expect(periodRange("2025-03-10", "day", scope)).toEqual({ from: "2025-03-10", to: "2025-03-10" });
    expect(periodRange("2025-12-29", "week", scope)).toEqual({ from: "2025-12-29", to: "2025-12-31" });
  });

  it("clips to the dashboard's range", () => {
    expect(periodRange("2025-01", "month", scope)).toEqual({ from: "2025-01-15", to: "2025-01-31" });
    expect(periodRange("2025", "year", scope)).toEqual({ from: "2025-01-15", to: "2025-12-31" });
  });
});

describe("trendChart", () => {
  const groups = [group("2025-02", "2025-02", 100, 0.5), group("2025-03", "2025-03", 200, null)];

  it("draws accepted cases as bars and the metric as a percent line on the right axis", () => {
    const spec = trendChart(groups, "online_rate", "month", scope, t);
    const series = spec.option.series as { type: string; data: unknown[]; yAxisIndex?: number }[];
    expect(series[0]).toMatchObject({ type: "bar", data: [100, 200] });
    expect(series[1]).toMatchObject({ type: "line", yAxisIndex: 1, data: [50, null] });
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(["2025-02", "2025-03"]);
  });

  it("drills to the clicked month's cases of the metric", () => {
    const spec = trendChart(groups, "online_rate", "month", scope, t);
    expect(spec.drill(1)).toEqual({
      title: "网上受理率 · 2025-03",
      metric: "online_rate",
      filters: { from: "2025-03-01", to: "2025-03-31" },
    });
    expect(spec.drill(5)).toBeNull();
  });

  it("has no line (and one axis) when the metric is the count itself, and says when empty", () => {
    const spec = trendChart([], "accepted", "month", scope, t);
    expect(spec.option.series).toHaveLength(1);
    expect(spec.option.yAxis).toHaveLength(1);
    expect(spec.option.title).toMatchObject({ text: "cases.noData" });
  });
});

describe("barsChart", () => {
  it("draws channels as columns and drills by channel", () => {
    const spec = barsChart([group("window", "窗口", 10, 0), group("online", "网上", 30, 1)], "online_rate", "channel", t);
    expect((spec.option.series as { data: unknown[] }[])[0]?.data).toEqual([0, 100]);
    expect(spec.option.xAxis).toMatchObject({ type: "category", data: ["窗口", "网上"] });
    expect(spec.drill(1)?.filters).toEqual({ channel: "online" });
  });

  it("sorts units with the best on top and drills by the unit's id", () => {
    const spec = barsChart([group("u1", "甲", 10, 0.9), group("u2", "乙", 10, 0.2), group("u3", "丙", 10, null)], "online_rate", "unit", t);
    expect(spec.option.yAxis).toMatchObject({ type: "category", data: ["丙", "乙", "甲"] });
    expect((spec.option.series as { data: unknown[] }[])[0]?.data).toEqual([null, 20, 90]);
    expect(spec.drill(2)).toEqual({ title: "网上受理率 · 甲", metric: "online_rate", filters: { unitId: "u1" } });
  });

  it("plots days without a 100 cap", () => {
    const spec = barsChart([group("window", "窗口", 10, 0)], "avg_elapsed_days", "channel", t);
    expect((spec.option.series as { data: unknown[] }[])[0]?.data).toEqual([2.35]);
    expect(spec.option.yAxis).not.toHaveProperty("max");
  });
});
