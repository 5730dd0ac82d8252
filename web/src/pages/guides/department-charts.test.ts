import { describe, expect, it } from "vitest";
import { failingElements, failingOption, trendOption } from "./department-charts.ts";

const t = (key: string) => key;
const elements = [
  { id: "legalBasis", label: "设定依据", group: "基本信息", failing: 1 },
  { id: "phoneAccuracy", label: "电话准确性", group: "基本信息", failing: 3 },
  { id: "itemType", label: "事项类型", group: "基本信息", failing: 0 },
] as const;

describe("department charts", () => {
  it("draws the accuracy trend by date", () => {
    const option = trendOption(
      [
        { date: "2026-11-01", accuracy: 88.2, guides: 3 },
        { date: "2026-11-20", accuracy: 91.4, guides: 4 },
      ],
      t,
    ) as { xAxis: { data: string[] }; series: { data: number[] }[]; title?: unknown };
    expect(option.xAxis.data).toEqual(["2026-11-01", "2026-11-20"]);
    expect(option.series[0]?.data).toEqual([88.2, 91.4]);
    expect(option.title).toBeUndefined();
    expect(trendOption([], t)).toHaveProperty("title.text", "guide.noData");
  });

  it("bars only failing elements, labelled in Chinese, the most failures on top", () => {
    expect(failingElements([...elements]).map((e) => e.label)).toEqual(["设定依据", "电话准确性"]);
    const { option, height } = failingOption([...elements], t) as {
      option: { yAxis: { data: string[] }; series: { data: number[] }[] };
      height: number;
    };
    expect(option.yAxis.data).toEqual(["设定依据", "电话准确性"]);
    expect(option.series[0]?.data).toEqual([1, 3]);
    expect(height).toBeGreaterThanOrEqual(240);
  });
});
