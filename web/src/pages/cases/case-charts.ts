import { CASE_METRIC_LABELS, type CaseMetricKey, type CaseMetricsView, type CaseMetricValue, type Period } from "@kaoping/core";
import { chartValue, metricUnit, type Translate } from "./case-format.ts";

type Group = NonNullable<CaseMetricsView["groups"]>[number];

/** What a click opens: the drill-down list of one metric, narrowed to the clicked month, channel or unit. */
export interface CaseDrill {
  title: string;
  metric: CaseMetricKey;
  filters: { from?: string; to?: string; channel?: string; unitId?: string };
}

/** A chart and what a click on one of its bars or points opens (a dashboard's DrillChartCard). */
export interface DrillChartSpec<D> {
  option: Record<string, unknown>;
  height: number;
  /** The drill of the clicked bar or point, null when it has none. */
  drill: (dataIndex: number) => D | null;
}

export type CaseChartSpec = DrillChartSpec<CaseDrill>;

const BASE_HEIGHT = 300;

const metricOf = (group: Group, key: CaseMetricKey): CaseMetricValue | undefined => group.metrics.find((m) => m.key === key);

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * The dates a period key covers: `2025` (year), `2025-Q2` (quarter), `2025-03` (month), `2025-03-10`
 * (a day, or the Monday of a week). Clipped to the dashboard's range so a drill never leaves it.
 */
export function periodRange(key: string, period: Period, scope: { from: string; to: string }): { from: string; to: string } {
  const [from, to] = periodBounds(key, period);
  return { from: iso(from) < scope.from ? scope.from : iso(from), to: iso(to) > scope.to ? scope.to : iso(to) };
}

function periodBounds(key: string, period: Period): [Date, Date] {
  const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const [y, q] = [Number(quarter[1]), Number(quarter[2]) - 1];
    return [utc(y, q * 3, 1), utc(y, q * 3 + 3, 0)];
  }
  if (/^\d{4}$/.test(key)) return [utc(Number(key), 0, 1), utc(Number(key), 11, 31)];
  const [y, m, d] = key.slice(0, 10).split("-").map(Number) as [number, number, number?];
  // A month key, or any period named by its first day.
  if (d === undefined || period === "month") return [utc(y, m - 1, 1), utc(y, m, 0)];
  if (period === "week") return [utc(y, m - 1, d), utc(y, m - 1, d + 6)];
  if (period === "quarter") return [utc(y, m - 1, 1), utc(y, m + 2, 0)];
  if (period === "year") return [utc(y, 0, 1), utc(y, 11, 31)];
  return [utc(y, m - 1, d), utc(y, m - 1, d)];
}

/** An empty chart still says why it is blank. */
export function emptyTitle(text: string, isEmpty: boolean) {
  return isEmpty ? { title: { text, left: "center", top: "middle", textStyle: { color: "#999", fontSize: 14 } } } : {};
}

const metricName = (key: CaseMetricKey) => CASE_METRIC_LABELS[key];

/** 趋势: the accepted cases per period as bars (left axis) and the chosen metric as a line (right axis). */
export function trendChart(
  groups: Group[],
  metric: CaseMetricKey,
  period: Period,
  scope: { from: string; to: string },
  t: Translate,
): CaseChartSpec {
  const unit = metricUnit(metric, t);
  const showLine = metric !== "accepted";
  return {
    height: BASE_HEIGHT,
    option: {
      ...emptyTitle(t("cases.noData"), groups.length === 0),
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: "category", data: groups.map((g) => g.label) },
      yAxis: [
        { type: "value", name: t("cases.axisUnit.count"), minInterval: 1 },
        ...(showLine ? [{ type: "value", name: unit, splitLine: { show: false } }] : []),
      ],
      series: [
        {
          type: "bar",
          name: metricName("accepted"),
          data: groups.map((g) => metricOf(g, "accepted")?.value ?? 0),
          barMaxWidth: 32,
          itemStyle: { opacity: 0.6 },
        },
        ...(showLine
          ? [
              {
                type: "line",
                name: metricName(metric),
                yAxisIndex: 1,
                data: groups.map((g) => chartValue(metric, metricOf(g, metric)?.value ?? null)),
                connectNulls: false,
                label: { show: groups.length <= 12, formatter: unit === "%" ? "{c}%" : "{c}" },
              },
            ]
          : []),
      ],
    },
    drill: (index) => {
      const group = groups[index];
      if (!group) return null;
      return {
        title: `${metricName(metric)} · ${group.label}`,
        metric,
        filters: periodRange(group.key, period, scope),
      };
    },
  };
}

/** One bar per group (channel or unit) of the chosen metric; units as horizontal bars, worst at the bottom. */
export function barsChart(groups: Group[], metric: CaseMetricKey, by: "channel" | "unit", t: Translate): CaseChartSpec {
  const unit = metricUnit(metric, t);
  const rows =
    by === "unit"
      ? [...groups].sort(
          (a, b) =>
            (chartValue(metric, metricOf(a, metric)?.value ?? null) ?? -1) - (chartValue(metric, metricOf(b, metric)?.value ?? null) ?? -1),
        )
      : groups;
  const values = rows.map((g) => chartValue(metric, metricOf(g, metric)?.value ?? null));
  const category = { type: "category", data: rows.map((g) => g.label) };
  const value = { type: "value", name: unit, ...(unit === "%" ? { max: 100 } : {}) };
  const isHorizontal = by === "unit";
  return {
    height: isHorizontal ? Math.max(BASE_HEIGHT, rows.length * 26 + 80) : BASE_HEIGHT,
    option: {
      ...emptyTitle(t("cases.noData"), rows.length === 0),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 16, right: 48, top: 32, bottom: 16, containLabel: true },
      xAxis: isHorizontal ? value : category,
      yAxis: isHorizontal ? category : value,
      series: [
        {
          type: "bar",
          name: metricName(metric),
          data: values,
          barMaxWidth: isHorizontal ? 18 : 40,
          label: { show: true, position: isHorizontal ? "right" : "top", formatter: unit === "%" ? "{c}%" : "{c}" },
        },
      ],
    },
    drill: (index) => {
      const group = rows[index];
      if (!group) return null;
      return {
        title: `${metricName(metric)} · ${group.label}`,
        metric,
        filters: by === "unit" ? { unitId: group.key } : { channel: group.key },
      };
    },
  };
}
