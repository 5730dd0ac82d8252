import { Button } from "antd";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ChartTable, chartTable } from "./chart-table.ts";

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
  /** What the chart shows, in words (its accessible name and the data table's caption): a chart without one cannot be read without sight. */
  summary: string;
  /** The data table under the chart; read from the option when not given (chart-table.ts). */
  table?: ChartTable;
  height?: number | string;
  style?: CSSProperties;
  isLoading?: boolean;
  "data-testid"?: string;
}

/**
 * A thin ECharts wrapper: init on mount, setOption on change, resize with its box,
 * dispose on unmount. The canvas is named by `summary`, and its data follow as a
 * table: visually hidden for screen readers, shown on demand for anyone.
 */
export function Echart({ option, summary, table, height = 320, style, isLoading, ...rest }: EchartProps) {
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

  // A fragment: the chart's box stays the first element, where the cockpit's drill-down finds the instance.
  return (
    <>
      <div ref={boxRef} role="img" aria-label={summary} style={{ width: "100%", height, ...style }} data-testid={rest["data-testid"]} />
      <ChartDataTable summary={summary} table={table} option={option} />
    </>
  );
}

/** The chart's numbers as a table, hidden until asked for (screen readers read it either way). */
function ChartDataTable({ summary, table, option }: { summary: string; table?: ChartTable; option: EchartOption }) {
  const { t } = useTranslation();
  const id = useId();
  const [isShown, setIsShown] = useState(false);
  const data = useMemo(() => table ?? chartTable(option as Record<string, unknown>), [table, option]);
  return (
    <div className="kp-chart-data">
      <Button type="link" size="small" aria-expanded={isShown} aria-controls={id} onClick={() => setIsShown(!isShown)}>
        {t(isShown ? "a11y.chart.hideTable" : "a11y.chart.showTable")}
      </Button>
      {/* The wrapper is what hides: a table keeps its full height whatever height/overflow it is given,
          and a hidden one lengthened the page by its rows (办件指标 scrolled ~590 px into blank space). */}
      <div id={id} className={isShown ? undefined : "kp-visually-hidden"}>
        <table className="kp-data-table">
          <caption>{summary}</caption>
          <thead>
            <tr>
              {data.columns.map((column, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional, names may repeat or be empty
                <th key={i} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.length === 0 ? (
              <tr>
                <td colSpan={Math.max(1, data.columns.length)}>{t("a11y.chart.noData")}</td>
              </tr>
            ) : (
              data.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows follow the chart's order and have no id
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
