import { CustomChart } from "echarts/charts";
import { VisualMapComponent } from "echarts/components";
import { useEffect, useEffectEvent, useRef } from "react";
import { Echart, echarts } from "../../components/echart.tsx";
import type { ChartClick, ChartSpec, Drill } from "./cockpit-charts.ts";

// The shared wrapper bundles bars, lines and pies; the cockpit adds its heatmap (a custom series with a visual map).
echarts.use([CustomChart, VisualMapComponent]);

interface DrillChartProps {
  /** Test id `cockpit-chart-<name>` on the chart's box. */
  name: string;
  /** What the chart shows, in words: its accessible name and its data table's caption. */
  summary: string;
  spec: ChartSpec;
  onDrill: (drill: Drill) => void;
}

/** A cockpit chart whose bars, cells, slices and points open what is behind them. */
export function DrillChart({ name, summary, spec, onDrill }: DrillChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const handleClick = useEffectEvent((click: ChartClick) => {
    const drill = spec.drill(click);
    if (drill) onDrill(drill);
  });

  // The wrapper owns the instance; it is created in the child's effect, which runs before this one.
  useEffect(() => {
    const element = boxRef.current?.firstElementChild;
    const chart = element instanceof HTMLElement ? echarts.getInstanceByDom(element) : undefined;
    if (!chart) return;
    const listener = (params: unknown) => handleClick(params as ChartClick);
    chart.on("click", listener);
    return () => {
      if (!chart.isDisposed()) chart.off("click", listener);
    };
  }, []);

  return (
    <div ref={boxRef} style={{ cursor: "pointer" }}>
      <Echart option={spec.option} summary={summary} height={spec.height} data-testid={`cockpit-chart-${name}`} />
    </div>
  );
}
