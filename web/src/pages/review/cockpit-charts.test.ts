import type { CockpitView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import {
  distributionChart,
  findingsChart,
  heatmapCell,
  heatmapChart,
  progressChart,
  rankingChart,
  type Translate,
  trendChart,
} from "./cockpit-charts.ts";

const t: Translate = (key, values) => (values ? `${key}${JSON.stringify(values)}` : key);

const view: CockpitView = {
  campaign: { id: "c", name: "2024年度", year: 2024, status: "published", frameworkCode: "f" },
  source: { version: 1, publishedAt: null, preview: false },
  unitCount: 3,
  provisional: false,
  missingCount: 0,
  distribution: [
    { from: "80", to: "90", label: "80–90", count: 1, unitIds: ["u3"] },
    { from: "90", to: "100", label: "90–100", count: 2, unitIds: ["u1", "u2"] },
  ],
  ranking: [
    {
      unitId: "u1",
      unitCode: "A",
      unitName: "甲",
      category: null,
      base: "95",
      bonus: "0",
      total: "95",
      rank: 1,
      stars: 3,
      isReference: false,
      rescaled: null,
      applicablePoints: "100",
      provisional: false,
    },
    {
      unitId: "u2",
      unitCode: "B",
      unitName: "乙",
      category: null,
      base: "91",
      bonus: "0",
      total: "91",
      rank: 2,
      stars: 2,
      isReference: false,
      rescaled: null,
      applicablePoints: "100",
      provisional: false,
    },
    {
      unitId: "u3",
      unitCode: "R",
      unitName: "参",
      category: null,
      base: "85",
      bonus: "0",
      total: "85",
      rank: null,
      stars: null,
      isReference: true,
      rescaled: null,
      applicablePoints: "100",
      provisional: false,
    },
  ],
  heatmap: {
    indicators: [
      { code: "1", name: "服务", max: "10", part: "base" },
      { code: "2", name: "宣传", max: "5", part: "base" },
    ],
    rows: [
      {
        unitId: "u1",
        unitCode: "A",
        unitName: "甲",
        cells: [
          { code: "1", points: "9", max: "10", ratio: 0.9 },
          { code: "2", points: "5", max: "5", ratio: 1 },
        ],
      },
      {
        unitId: "u2",
        unitCode: "B",
        unitName: "乙",
        cells: [
          { code: "1", points: "8", max: "10", ratio: 0.8 },
          { code: "2", points: null, max: "5", ratio: null },
        ],
      },
    ],
  },
  progress: {
    submissions: [
      { status: "open", label: "填报中", count: 0, unitIds: [] },
      { status: "submitted", label: "已提交待确认", count: 1, unitIds: ["u2"] },
      { status: "confirmed", label: "已确认（已盖章）", count: 2, unitIds: ["u1", "u3"] },
      { status: "returned", label: "退回补正", count: 0, unitIds: [] },
    ],
    selfAssessments: { reported: 10, applicable: 12, completeUnitIds: ["u1"], units: [] },
  },
  trend: [
    {
      campaignId: "old",
      name: "2023年度",
      year: 2023,
      version: 2,
      preview: false,
      current: false,
      average: "90.5",
      units: [{ unitId: "u1", unitName: "甲", total: "92" }],
    },
    {
      campaignId: "c",
      name: "2024年度",
      year: 2024,
      version: 1,
      preview: false,
      current: true,
      average: "93",
      units: [{ unitId: "u1", unitName: "甲", total: "95" }],
    },
  ],
  findingsByIndicator: [{ indicatorCode: "1.1", indicatorName: "通报", count: 2, occurrences: 3, findingIds: ["f1", "f2"] }],
};

describe("cockpit charts", () => {
  it("drills a histogram bar down to its units", () => {
    const chart = distributionChart(view, t);
    expect(chart.drill({ dataIndex: 1 })).toEqual({ title: 'review.cockpit.bucketTitle{"label":"90–100"}', unitIds: ["u1", "u2"] });
    expect(chart.drill({ dataIndex: 5 })).toBeNull();
  });

  it("draws rank 1 on top and drills a bar down to that unit's findings", () => {
    const chart = rankingChart(view, t);
    const yAxis = chart.option.yAxis as { data: string[] };
    expect(yAxis.data.at(-1)).toBe("1. 甲");
    expect(chart.drill({ dataIndex: 2 })).toMatchObject({ unitIds: ["u1"], findings: { unitId: "u1" } });
    expect(chart.drill({ dataIndex: 0 })?.unitIds).toEqual(["u3"]);
  });

  it("maps a heatmap cell back to its unit and the indicator's subtree", () => {
    const chart = heatmapChart(view, t, (code) => [code, `${code}.1`]);
    const series = (chart.option.series as { data: unknown[] }[])[0]!;
    expect(series.data).toContainEqual([1, 0, "-"]);
    expect(series.data).toContainEqual([0, 1, 90]);
    expect(chart.drill({ dataIndex: 0, value: [0, 1, 90] })).toMatchObject({
      unitIds: ["u1"],
      findings: { unitId: "u1", codes: ["1", "1.1"] },
    });
    expect(chart.drill({ dataIndex: 0, value: [9, 9, 0] })).toBeNull();
  });

  it("draws a heatmap cell centred on its category, grey and marked 不适用 where the indicator does not apply", () => {
    const api = (value: number | string) => ({
      value: (d: number) => [1, 2, value][d]!,
      coord: ([x, y]: number[]) => [x! * 100, y! * 50],
      size: () => [100, 50],
      visual: () => "#52c41a",
    });
    expect(heatmapCell(true)(null, api(90))).toMatchObject({
      shape: { x: 50, y: 75, width: 100, height: 50 },
      style: { fill: "#52c41a" },
      textContent: { style: { text: "90" } },
    });
    const blank = heatmapCell(true)(null, api("-"));
    expect(blank.style.fill).toBe("#f0f0f0");
    expect(blank.textContent?.style.text).toBe("不适用");
  });

  it("puts a bonus part's signed points in a series of their own, outside the score-rate scale", () => {
    const withBonus: CockpitView = {
      ...view,
      heatmap: {
        indicators: [...view.heatmap.indicators, { code: "4", name: "加扣分项", max: "5", part: "bonus" }],
        rows: view.heatmap.rows.map((row, i) => ({
          ...row,
          cells: [...row.cells, { code: "4", points: ["0", "-1.5"][i]!, max: "5", ratio: null }],
        })),
      },
    };
    const chart = heatmapChart(withBonus, t, (code) => [code]);
    const [rates, bonuses] = chart.option.series as { data: unknown[] }[];
    expect(rates!.data).toHaveLength(4);
    expect(bonuses!.data).toEqual([
      [2, 0, -1.5],
      [2, 1, 0],
    ]);
    expect(chart.option.visualMap).toMatchObject({ seriesIndex: 0 });
    expect(chart.drill({ dataIndex: 0, value: [2, 0, -1.5] })).toMatchObject({ unitIds: ["u2"], findings: { codes: ["4"] } });
  });

  it("colours a bonus cell by its sign: 0 is plain, not the scale's red", () => {
    const api = (value: number) => ({
      value: (d: number) => [0, 0, value][d]!,
      coord: () => [0, 0],
      size: () => [10, 10],
      visual: () => "#f5222d",
    });
    expect(heatmapCell(true, "bonus")(null, api(0))).toMatchObject({ style: { fill: "#fafafa" }, textContent: { style: { text: "0" } } });
    expect(heatmapCell(true, "bonus")(null, api(2))).toMatchObject({ style: { fill: "#95de64" }, textContent: { style: { text: "+2" } } });
    expect(heatmapCell(true, "bonus")(null, api(-1.5)).style.fill).toBe("#ff7875");
  });

  it("leaves empty submission statuses out of the pie, keeping slices and drills aligned", () => {
    const chart = progressChart(view, t);
    expect(chart.drill({ dataIndex: 0 })).toEqual({ title: "review.submissionStatus.submitted", unitIds: ["u2"] });
    expect(chart.drill({ dataIndex: 1 })?.unitIds).toEqual(["u1", "u3"]);
  });

  it("drills a trend point down to that campaign's totals", () => {
    const chart = trendChart(view, t);
    expect((chart.option.series as unknown[]).length).toBe(2);
    expect(chart.drill({ dataIndex: 0 })).toMatchObject({ unitIds: ["u1"], totals: { u1: "92" } });
  });

  it("drills a findings bar down to exactly those findings", () => {
    expect(findingsChart(view, t).drill({ dataIndex: 0 })).toMatchObject({
      unitIds: [],
      findings: { indicatorCode: "1.1", ids: ["f1", "f2"] },
    });
  });

  it("grows tall charts with their rows and titles empty ones", () => {
    const many = { ...view, ranking: Array.from({ length: 40 }, (_, i) => ({ ...view.ranking[0]!, unitId: `u${i}` })) };
    expect(rankingChart(many, t).height).toBeGreaterThan(rankingChart(view, t).height);
    expect(findingsChart({ ...view, findingsByIndicator: [] }, t).option.title).toMatchObject({ text: "review.cockpit.noData" });
  });
});
