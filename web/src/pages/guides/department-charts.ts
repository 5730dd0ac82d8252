import type { DepartmentView } from "./guides-api.ts";

/** Translations come in as a function so the builders stay pure (and testable). */
type Translate = (key: string, values?: Record<string, unknown>) => string;

const empty = (t: Translate, isEmpty: boolean) =>
  isEmpty ? { title: { text: t("guide.noData"), left: "center", top: "middle", textStyle: { color: "#999", fontSize: 14 } } } : {};

/** 准确度趋势: the department's accuracy (%) at the end of each day a guide of it was published. */
export function trendOption(trend: DepartmentView["trend"], t: Translate): Record<string, unknown> {
  return {
    ...empty(t, trend.length === 0),
    tooltip: { trigger: "axis", valueFormatter: (value: number) => `${value}%` },
    grid: { left: 16, right: 40, top: 40, bottom: 16, containLabel: true },
    xAxis: { type: "category", data: trend.map((point) => point.date) },
    yAxis: {
      type: "value",
      name: t("guide.accuracyPercent"),
      min: (range: { min: number }) => Math.max(0, Math.floor(range.min / 10) * 10),
      max: 100,
    },
    series: [
      {
        type: "line",
        name: t("guide.accuracy"),
        data: trend.map((point) => point.accuracy),
        label: { show: trend.length <= 12, formatter: "{c}%" },
      },
    ],
  };
}

/** The elements that fail in any of its guides, most failures on top (elements that never fail are left out). */
export function failingElements(elements: DepartmentView["elements"]): DepartmentView["elements"] {
  return elements.filter((element) => element.failing > 0).sort((a, b) => a.failing - b.failing);
}

/** 要素不合格数: one horizontal bar per failing element, Chinese labels at the left. */
export function failingOption(elements: DepartmentView["elements"], t: Translate): { option: Record<string, unknown>; height: number } {
  const rows = failingElements(elements);
  return {
    height: Math.max(240, rows.length * 28 + 80),
    option: {
      ...empty(t, rows.length === 0),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 16, right: 40, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: "value", name: t("guide.failingGuides"), nameLocation: "middle", nameGap: 28, minInterval: 1 },
      yAxis: { type: "category", data: rows.map((element) => element.label) },
      series: [
        {
          type: "bar",
          name: t("guide.failingGuides"),
          data: rows.map((element) => element.failing),
          barMaxWidth: 20,
          label: { show: true, position: "right" },
        },
      ],
    },
  };
}
