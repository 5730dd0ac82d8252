import { type RefObject, useEffect, useEffectEvent } from "react";
import { echarts } from "./echart.tsx";

/**
 * Calls `onClick` with ECharts' click event of the chart drawn inside `boxRef` (an <Echart> as its
 * first child). The wrapper owns the instance; it is created in the child's effect, which runs before this one.
 */
export function useChartClick<E>(boxRef: RefObject<HTMLElement | null>, onClick: (params: E) => void): void {
  const handleClick = useEffectEvent(onClick);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ref is stable; the instance lives as long as the box
  useEffect(() => {
    const element = boxRef.current?.firstElementChild;
    const chart = element instanceof HTMLElement ? echarts.getInstanceByDom(element) : undefined;
    if (!chart) return;
    const listener = (params: unknown) => handleClick(params as E);
    chart.on("click", listener);
    return () => {
      if (!chart.isDisposed()) chart.off("click", listener);
    };
  }, []);
}
