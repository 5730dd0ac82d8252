import type { SupervisionBoardView } from "@kaoping/core";

/** The board's trend as a stacked bar chart: warnings per month by severity (红灯 red, 黄灯 gold, 提醒 blue). */
export function trendOption(trend: SupervisionBoardView["trend"], labels: { red: string; yellow: string; notice: string }) {
  const series = (key: "red" | "yellow" | "notice", color: string) => ({
    name: labels[key],
    type: "bar",
    stack: "warnings",
    itemStyle: { color },
    data: trend.map((t) => t[key]),
  });
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: trend.map((t) => t.month) },
    yAxis: { type: "value", minInterval: 1 },
    series: [series("red", "#cf1322"), series("yellow", "#d48806"), series("notice", "#1677ff")],
  };
}
