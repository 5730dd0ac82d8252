/**
 * 办件 service-effectiveness metrics from rollup counters. The counters are sums kept per unit,
 * item, channel, case type and day (case_rollups), so any subtree and period adds up; every metric
 * here is a ratio or an average of those sums, with the numerator and denominator it came from.
 * docs/cases.md (“Metrics”) gives each formula and the seed line it serves.
 */

import type { CaseMetricKey, CaseMetricValue } from "../contracts/cases.ts";

/** The counter columns of case_rollups, camelCase. Sums over any set of rollup rows. */
export interface CaseCounters {
  accepted: number;
  /** 网上受理: online or mobile channel. */
  onlineAccepted: number;
  /** 全程网办: online or mobile channel and zero in-person visits. */
  fullyOnline: number;
  instant: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  /** Completed cases whose clock could be computed, and the days they used. */
  clocked: number;
  elapsedDaysSum: number;
  /** Clocked cases with a promised limit > 0, and Σ (elapsed ÷ promised). */
  promisedClocked: number;
  elapsedToPromisedSum: number;
  /** Cases with a legal limit > 0 and a promised limit in the same unit, and their sums. */
  limited: number;
  legalDaysSum: number;
  promisedDaysSum: number;
  visitsCounted: number;
  visitsSum: number;
  zeroVisit: number;
  atMostOneVisit: number;
  corrected: number;
  materialsReused: number;
  qualityDefective: number;
  unknownItem: number;
  missingOptional: number;
  lateUpload: number;
  limitUnknown: number;
}

export const CASE_COUNTER_KEYS = [
  "accepted",
  "onlineAccepted",
  "fullyOnline",
  "instant",
  "completed",
  "completedOnTime",
  "completedLate",
  "clocked",
  "elapsedDaysSum",
  "promisedClocked",
  "elapsedToPromisedSum",
  "limited",
  "legalDaysSum",
  "promisedDaysSum",
  "visitsCounted",
  "visitsSum",
  "zeroVisit",
  "atMostOneVisit",
  "corrected",
  "materialsReused",
  "qualityDefective",
  "unknownItem",
  "missingOptional",
  "lateUpload",
  "limitUnknown",
] as const satisfies readonly (keyof CaseCounters)[];

/** All counters zero: the sum over no cases. */
export function emptyCaseCounters(): CaseCounters {
  return Object.fromEntries(CASE_COUNTER_KEYS.map((k) => [k, 0])) as unknown as CaseCounters;
}

/** Adds counters (a group's rows, or several units). */
export function addCaseCounters(a: CaseCounters, b: CaseCounters): CaseCounters {
  const sum = emptyCaseCounters();
  for (const key of CASE_COUNTER_KEYS) sum[key] = a[key] + b[key];
  return sum;
}

type Formula = (c: CaseCounters) => { numerator: number; denominator: number; kind: "ratio" | "count" };

/**
 * Each metric's numerator and denominator. A ratio's value is numerator ÷ denominator (null when
 * the denominator is 0); a count's value is its numerator (the denominator gives its context).
 * overdue_open is not here: it counts open cases past due at query time, not a rollup.
 */
export const CASE_METRIC_FORMULAS: Record<Exclude<CaseMetricKey, "overdue_open">, Formula> = {
  accepted: (c) => ({ numerator: c.accepted, denominator: c.accepted, kind: "count" }),
  online_rate: (c) => ({ numerator: c.onlineAccepted, denominator: c.accepted, kind: "ratio" }),
  fully_online_rate: (c) => ({ numerator: c.fullyOnline, denominator: c.accepted, kind: "ratio" }),
  instant_ratio: (c) => ({ numerator: c.instant, denominator: c.accepted, kind: "ratio" }),
  limit_compression: (c) => ({ numerator: c.legalDaysSum - c.promisedDaysSum, denominator: c.legalDaysSum, kind: "ratio" }),
  avg_elapsed_days: (c) => ({ numerator: c.elapsedDaysSum, denominator: c.clocked, kind: "ratio" }),
  elapsed_to_promised: (c) => ({ numerator: c.elapsedToPromisedSum, denominator: c.promisedClocked, kind: "ratio" }),
  on_time_rate: (c) => ({ numerator: c.completedOnTime, denominator: c.completedOnTime + c.completedLate, kind: "ratio" }),
  overdue_completed: (c) => ({ numerator: c.completedLate, denominator: c.completed, kind: "count" }),
  avg_visits: (c) => ({ numerator: c.visitsSum, denominator: c.visitsCounted, kind: "ratio" }),
  zero_visit_rate: (c) => ({ numerator: c.zeroVisit, denominator: c.visitsCounted, kind: "ratio" }),
  at_most_one_visit_rate: (c) => ({ numerator: c.atMostOneVisit, denominator: c.visitsCounted, kind: "ratio" }),
  one_time_rate: (c) => ({ numerator: c.accepted - c.corrected, denominator: c.accepted, kind: "ratio" }),
  correction_rate: (c) => ({ numerator: c.corrected, denominator: c.accepted, kind: "ratio" }),
  reuse_rate: (c) => ({ numerator: c.materialsReused, denominator: c.accepted, kind: "ratio" }),
  quality_defect_rate: (c) => ({ numerator: c.qualityDefective, denominator: c.accepted, kind: "ratio" }),
};

/** Rounds to 6 decimals so sums of floats (elapsed ÷ promised) compare and print cleanly. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Every rollup metric (all of CASE_METRIC_LABELS but overdue_open), in the labels' order. */
export function caseMetrics(counters: CaseCounters): CaseMetricValue[] {
  return (Object.keys(CASE_METRIC_FORMULAS) as (keyof typeof CASE_METRIC_FORMULAS)[]).map((key) => {
    const { numerator, denominator, kind } = CASE_METRIC_FORMULAS[key](counters);
    const value = kind === "count" ? numerator : denominator === 0 ? null : round6(numerator / denominator);
    return { key, value, numerator: round6(numerator), denominator };
  });
}
