import { CASE_METRIC_LABELS, type CaseMetricKey, type CaseMetricValue } from "@kaoping/core";

/** Translations come in as a function so the formatters stay pure (and testable). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * How a metric reads: a share in percent, working days, a number of cases, or an average count
 * (跑动次数). The formulas are core's (cases/metrics.ts); this only decides the display.
 */
export type MetricKind = "percent" | "days" | "count" | "average";

export const METRIC_KIND: Record<CaseMetricKey, MetricKind> = {
  accepted: "count",
  online_rate: "percent",
  fully_online_rate: "percent",
  instant_ratio: "percent",
  limit_compression: "percent",
  avg_elapsed_days: "days",
  elapsed_to_promised: "percent",
  on_time_rate: "percent",
  overdue_completed: "count",
  overdue_open: "count",
  avg_visits: "average",
  zero_visit_rate: "percent",
  at_most_one_visit_rate: "percent",
  one_time_rate: "percent",
  correction_rate: "percent",
  reuse_rate: "percent",
  quality_defect_rate: "percent",
};

/** Every metric key in the contract's order (the KPI cards' order). */
export const METRIC_KEYS = Object.keys(CASE_METRIC_LABELS) as CaseMetricKey[];

/** Metrics where more is worse: the KPI card shows them in red when above zero. */
export const LOWER_IS_BETTER: ReadonlySet<CaseMetricKey> = new Set([
  "avg_elapsed_days",
  "elapsed_to_promised",
  "overdue_completed",
  "overdue_open",
  "avg_visits",
  "correction_rate",
  "quality_defect_rate",
]);

/** `1234567` → `1,234,567`; decimals kept to at most `digits`. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** The number a chart plots for a metric: percent points with one decimal, days and averages with two, counts as they are. */
export function chartValue(key: CaseMetricKey, value: number | null): number | null {
  if (value === null) return null;
  switch (METRIC_KIND[key]) {
    case "percent":
      return Math.round(value * 1000) / 10;
    case "days":
    case "average":
      return Math.round(value * 100) / 100;
    case "count":
      return value;
  }
}

/** A metric as a KPI card shows it: `85.3%`, `4.25 个工作日`, `1,024 件`, `0.42 次`, or `—` without a denominator. */
export function formatMetric(metric: Pick<CaseMetricValue, "key" | "value">, t: Translate): string {
  const { key, value } = metric;
  if (value === null) return "—";
  switch (METRIC_KIND[key]) {
    case "percent":
      return `${(value * 100).toFixed(1)}%`;
    case "days":
      return t("cases.unitDays", { value: value.toFixed(2) });
    case "average":
      return t("cases.unitTimes", { value: value.toFixed(2) });
    case "count":
      return t("cases.unitCases", { value: formatNumber(value) });
  }
}

/** The axis unit of a metric's chart: `%`, `工作日`, `件`, `次`. */
export function metricUnit(key: CaseMetricKey, t: Translate): string {
  const kind = METRIC_KIND[key];
  return kind === "percent" ? "%" : t(`cases.axisUnit.${kind}`);
}

/**
 * Where a number comes from, for the tooltip: `网上受理件数 812 ÷ 受理件数 1,000`. Counts name their
 * context instead (超期办结 12 of 980 办结件数); a metric with no denominator says why it is empty.
 */
export function metricTooltip(metric: CaseMetricValue, t: Translate): string {
  const numerator = formatNumber(metric.numerator, 2);
  const denominator = formatNumber(metric.denominator, 2);
  const parts = {
    numeratorLabel: t(`cases.metricParts.${metric.key}.numerator`),
    denominatorLabel: t(`cases.metricParts.${metric.key}.denominator`),
  };
  if (metric.denominator === 0 && METRIC_KIND[metric.key] !== "count") {
    return t("cases.noDenominator", { denominatorLabel: parts.denominatorLabel });
  }
  if (METRIC_KIND[metric.key] === "count") return t("cases.countOf", { ...parts, numerator, denominator });
  return t("cases.ratioOf", { ...parts, numerator, denominator });
}

/** Whether a value should be flagged: overdue counts above zero. */
export function isAlarming(metric: Pick<CaseMetricValue, "key" | "value">): boolean {
  return (metric.key === "overdue_completed" || metric.key === "overdue_open") && (metric.value ?? 0) > 0;
}
