import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { FONT_STACK } from "./html.ts";

// Only what the reports draw: a smaller module graph than the full bundle.
echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

/**
 * A grouped bar chart rendered on the server as an SVG string (ECharts SSR):
 * the print page and its PDF need no script. Text nodes are escaped by zrender.
 * The caption is the page's own text above the chart.
 */
export function barChartSvg(options: { categories: string[]; series: BarSeries[]; width?: number; height?: number }): string {
  const width = options.width ?? 680;
  const height = options.height ?? 300;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT_STACK },
      legend: { top: 4, textStyle: { fontFamily: FONT_STACK } },
      grid: { left: 48, right: 16, top: 44, bottom: 56 },
      xAxis: {
        type: "category",
        data: options.categories,
        axisLabel: { interval: 0, width: 90, overflow: "break", fontFamily: FONT_STACK },
      },
      yAxis: { type: "value" },
      series: options.series.map((s) => ({
        type: "bar",
        name: s.name,
        data: s.values,
        itemStyle: { color: s.color },
        label: { show: true, position: "top", fontSize: 10, fontFamily: FONT_STACK },
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
