import type { CaseMetricKey, CaseMetricValue } from "../contracts/cases.ts";

/**
 * 办件 facts for campaigns: a framework declares `case.<metric>` and a campaign fills it from the
 * case store for each assessed unit (its subtree) over the campaign's period. Rates are given as
 * percentages with 2 decimals, the way frameworks compare rates (收件率低于85%, 接通率每低1个百分点);
 * averages (days, visits) with 2 decimals; counts as they are.
 */
export const CASE_FACT_PREFIX = "case.";

/** The web page listing cases, where a case fact's link lands. */
export const CASE_LIST_PATH = "/cases/list";

type CaseFactForm = "percent" | "average" | "count";

interface CaseFactDef {
  /** The metric the value is read from (and the drill-down opens). */
  metric: CaseMetricKey;
  form: CaseFactForm;
  /** Read the numerator (a count of the cases behind a ratio) instead of the value. */
  numerator?: boolean;
}

/** Every case fact a framework may declare: `case.<metric>` for each rollup metric, and two counts. */
export const CASE_FACTS: Record<string, CaseFactDef> = {
  "case.accepted": { metric: "accepted", form: "count" },
  "case.online_rate": { metric: "online_rate", form: "percent" },
  "case.fully_online_rate": { metric: "fully_online_rate", form: "percent" },
  "case.instant_ratio": { metric: "instant_ratio", form: "percent" },
  "case.limit_compression": { metric: "limit_compression", form: "percent" },
  "case.avg_elapsed_days": { metric: "avg_elapsed_days", form: "average" },
  "case.elapsed_to_promised": { metric: "elapsed_to_promised", form: "percent" },
  "case.on_time_rate": { metric: "on_time_rate", form: "percent" },
  "case.overdue_completed": { metric: "overdue_completed", form: "count" },
  /** 超期件数 as a campaign reads it after its period: the cases of the period completed late. */
  "case.overdue_count": { metric: "overdue_completed", form: "count" },
  "case.avg_visits": { metric: "avg_visits", form: "average" },
  "case.zero_visit_rate": { metric: "zero_visit_rate", form: "percent" },
  "case.at_most_one_visit_rate": { metric: "at_most_one_visit_rate", form: "percent" },
  "case.one_time_rate": { metric: "one_time_rate", form: "percent" },
  "case.correction_rate": { metric: "correction_rate", form: "percent" },
  "case.reuse_rate": { metric: "reuse_rate", form: "percent" },
  "case.quality_defect_rate": { metric: "quality_defect_rate", form: "percent" },
  /** Cases with at least one data-quality issue (数据质量: 准确性和完整性). */
  "case.data_quality_defects": { metric: "quality_defect_rate", form: "count", numerator: true },
};

export function isCaseFactKey(key: string): boolean {
  return key in CASE_FACTS;
}

/** Half up to 2 decimals; the nudge keeps 12.345 (stored as 12.3449999…) from rounding down. */
const round2 = (n: number) => Math.round((n + Number.EPSILON * Math.max(1, Math.abs(n))) * 100) / 100;

/**
 * The values of the asked case facts from a scope's metrics. A rate or average whose
 * denominator is 0 (no cases) has no value and is left out; a count is 0.
 */
export function caseFactValues(metrics: readonly CaseMetricValue[], keys: readonly string[]): Record<string, number> {
  const byKey = new Map(metrics.map((m) => [m.key, m]));
  const values: Record<string, number> = {};
  for (const key of keys) {
    const def = CASE_FACTS[key];
    const metric = def && byKey.get(def.metric);
    if (!def || !metric) continue;
    if (def.form === "count") values[key] = def.numerator ? metric.numerator : (metric.value ?? 0);
    else if (metric.value !== null && metric.denominator !== 0) {
      // From the counts, not the rounded ratio: 1 of 3 online is 33.33, not 33.3333 rounded twice.
      const ratio = metric.numerator / metric.denominator;
      values[key] = round2(def.form === "percent" ? ratio * 100 : ratio);
    }
  }
  return values;
}

/**
 * The drill-down to the cases behind a case fact: the 办件查询 page (web /cases/list reads these
 * parameters) for the unit (with its subtree), the period and the metric.
 */
export function caseFactLink(key: string, scope: { unitId: string; from: string; to: string }): string | null {
  const def = CASE_FACTS[key];
  if (!def) return null;
  const query = Object.entries({ unitId: scope.unitId, from: scope.from, to: scope.to, metric: def.metric })
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return `${CASE_LIST_PATH}?${query}`;
}
