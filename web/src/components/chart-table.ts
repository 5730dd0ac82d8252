/** A chart's data as a table: the text alternative a chart owes (WCAG 1.1.1, docs/accessibility.md). */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

interface Axis {
  type?: string;
  name?: string;
  data?: unknown[];
}

interface Series {
  type?: string;
  name?: string;
  data?: unknown[];
}

const EMPTY = "—";

/** A data item's value as a reader sees it: 12, 87.5, or — for a gap. */
function cellText(item: unknown): string {
  const value = item !== null && typeof item === "object" && !Array.isArray(item) ? (item as { value?: unknown }).value : item;
  if (value === null || value === undefined || value === "-" || (typeof value === "number" && Number.isNaN(value))) return EMPTY;
  return String(value);
}

/** An axis or the first of an axis list. */
function firstAxis(axis: unknown): Axis | undefined {
  return (Array.isArray(axis) ? axis[0] : axis) as Axis | undefined;
}

/** Pies: one row per slice. */
function pieTable(series: Series[]): ChartTable {
  const rows = series.flatMap((s) => (s.data ?? []).map((item) => [String((item as { name?: unknown }).name ?? ""), cellText(item)]));
  return { columns: ["", series[0]?.name ?? ""], rows };
}

/** Both axes categorical (a heatmap): one row per y category, one column per x category, cells from every series' [x, y, value]. */
function matrixTable(x: Axis, y: Axis, series: Series[]): ChartTable {
  const columns = (x.data ?? []).map(String);
  const grid = (y.data ?? []).map(() => columns.map(() => EMPTY));
  for (const item of series.flatMap((s) => s.data ?? [])) {
    const [xi, yi, value] = Array.isArray(item) ? item : ((item as { value?: unknown[] }).value ?? []);
    const row = grid[Number(yi)];
    if (row && Number(xi) < columns.length) row[Number(xi)] = cellText(value);
  }
  return { columns: ["", ...columns], rows: (y.data ?? []).map((label, i) => [String(label), ...(grid[i] ?? [])]) };
}

/**
 * The table behind an ECharts option, for the chart types we draw: bars and lines
 * over a category axis (a row per category, a column per series), pies (a row per
 * slice) and two category axes (a heatmap's matrix). Reading the option itself keeps
 * the table and the picture from telling different stories.
 */
export function chartTable(option: Record<string, unknown>): ChartTable {
  const series = ((Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as Series[]).filter(Boolean);
  if (series.length > 0 && series.every((s) => s.type === "pie")) return pieTable(series);
  const x = firstAxis(option.xAxis);
  const y = firstAxis(option.yAxis);
  if (x?.type === "category" && y?.type === "category") return matrixTable(x, y, series);
  const category = x?.type === "category" ? x : y?.type === "category" ? y : undefined;
  if (!category) return { columns: series.map((s) => s.name ?? ""), rows: [] };
  const rows = (category.data ?? []).map((label, i) => [String(label), ...series.map((s) => cellText(s.data?.[i]))]);
  return { columns: [category.name ?? "", ...series.map((s) => s.name ?? "")], rows };
}
