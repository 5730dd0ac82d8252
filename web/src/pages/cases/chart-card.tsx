import { Card } from "antd";
import { type ReactNode, useRef } from "react";
import { Echart } from "../../components/echart.tsx";
import { useChartClick } from "../../components/use-chart-click.ts";
import type { DrillChartSpec } from "./case-charts.ts";

/** A dashboard chart whose bars and points open the records behind them (the cases, the ratings). */
export function DrillChartCard<D>({
  title,
  extra,
  summary,
  spec,
  isLoading,
  onDrill,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  summary: string;
  spec: DrillChartSpec<D>;
  isLoading: boolean;
  onDrill: (drill: D) => void;
  testId: string;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  useChartClick<{ dataIndex: number }>(boxRef, ({ dataIndex }) => {
    const drill = spec.drill(dataIndex);
    if (drill) onDrill(drill);
  });

  return (
    <Card size="small" title={title} extra={extra}>
      <div ref={boxRef} style={{ cursor: "pointer" }}>
        <Echart option={spec.option} summary={summary} height={spec.height} isLoading={isLoading} data-testid={testId} />
      </div>
    </Card>
  );
}
