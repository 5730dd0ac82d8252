import { BarChart, LineChart, PieChart } from "echarts/charts";
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useRef } from "react";

// Only what we draw is bundled; a later page may call `echarts.use` for more chart types.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };
export type EchartOption = echarts.EChartsCoreOption;

interface EchartProps {
  option: EchartOption;
  height?: number | string;
  style?: CSSProperties;
  isLoading?: boolean;
  "data-testid"?: string;
}

/** A thin ECharts wrapper: init on mount, setOption on change, resize with its box, dispose on unmount. */
export function Echart({ option, height = 320, style, isLoading, ...rest }: EchartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const chart = echarts.init(box);
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    if (isLoading) chartRef.current?.showLoading();
    else chartRef.current?.hideLoading();
  }, [isLoading]);

  return <div ref={boxRef} style={{ width: "100%", height, ...style }} data-testid={rest["data-testid"]} />;
}
