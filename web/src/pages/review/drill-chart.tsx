import { CustomChart } from "echarts/charts";
import { VisualMapComponent } from "echarts/components";
import { useRef } from "react";
import { Echart, echarts } from "../../components/echart.tsx";
import { useChartClick } from "../../components/use-chart-click.ts";
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
  useChartClick<ChartClick>(boxRef, (click) => {
    const drill = spec.drill(click);
    if (drill) onDrill(drill);
  });

  return (
    <div ref={boxRef} style={{ cursor: "pointer" }}>
      <Echart option={spec.option} summary={summary} height={spec.height} data-testid={`cockpit-chart-${name}`} />
    </div>
  );
}
