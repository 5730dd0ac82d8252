import { describe, expect, it } from "vitest";
import { CASE_METRIC_LABELS } from "../contracts/cases.ts";
import { addCaseCounters, type CaseCounters, caseMetrics, emptyCaseCounters } from "./metrics.ts";

/**
 * Ten cases, by hand: 4 online (3 of them with 0 visits), 2 instant, 8 completed of which 5 on
 * time and 2 late (1 had no computable clock), 7 clocked using 35 working days, 5 with a promised
 * limit whose elapsed ÷ promised add up to 3.5, 6 with both limits (Σ法定 120, Σ承诺 54),
 * 9 with visits (Σ 7: 4 with none, 7 with at most one), 3 corrected, 2 reused, 1 defective.
 */
const counters: CaseCounters = {
  ...emptyCaseCounters(),
  accepted: 10,
  onlineAccepted: 4,
  fullyOnline: 3,
  instant: 2,
  completed: 8,
  completedOnTime: 5,
  completedLate: 2,
  clocked: 7,
  elapsedDaysSum: 35,
  promisedClocked: 5,
  elapsedToPromisedSum: 3.5,
  limited: 6,
  legalDaysSum: 120,
  promisedDaysSum: 54,
  visitsCounted: 9,
  visitsSum: 7,
  zeroVisit: 4,
  atMostOneVisit: 7,
  corrected: 3,
  materialsReused: 2,
  qualityDefective: 1,
  unknownItem: 1,
};

const byKey = (c: CaseCounters) => Object.fromEntries(caseMetrics(c).map((m) => [m.key, m]));

describe("caseMetrics", () => {
  it("yields every metric but overdue_open, in the labels' order", () => {
    expect(caseMetrics(counters).map((m) => m.key)).toEqual(Object.keys(CASE_METRIC_LABELS).filter((k) => k !== "overdue_open"));
  });

  it("computes the hand-computed figures with their numerators and denominators", () => {
    const m = byKey(counters);
    expect(m.accepted).toEqual({ key: "accepted", value: 10, numerator: 10, denominator: 10 });
    expect(m.online_rate).toEqual({ key: "online_rate", value: 0.4, numerator: 4, denominator: 10 });
    expect(m.fully_online_rate?.value).toBe(0.3);
    expect(m.instant_ratio?.value).toBe(0.2);
    // (120 − 54) ÷ 120 = 0.55: better than seed 000's 双减半 target of 50 %.
    expect(m.limit_compression).toEqual({ key: "limit_compression", value: 0.55, numerator: 66, denominator: 120 });
    expect(m.avg_elapsed_days).toEqual({ key: "avg_elapsed_days", value: 5, numerator: 35, denominator: 7 });
    expect(m.elapsed_to_promised?.value).toBe(0.7);
    // 5 ÷ (5 + 2): the completed case without a clock is neither on time nor late.
    expect(m.on_time_rate).toEqual({ key: "on_time_rate", value: 0.714286, numerator: 5, denominator: 7 });
    expect(m.overdue_completed).toEqual({ key: "overdue_completed", value: 2, numerator: 2, denominator: 8 });
    expect(m.avg_visits?.value).toBe(0.777778);
    expect(m.zero_visit_rate?.value).toBe(0.444444);
    expect(m.at_most_one_visit_rate?.value).toBe(0.777778);
    expect(m.one_time_rate).toEqual({ key: "one_time_rate", value: 0.7, numerator: 7, denominator: 10 });
    expect(m.correction_rate?.value).toBe(0.3);
    expect(m.reuse_rate?.value).toBe(0.2);
    expect(m.quality_defect_rate?.value).toBe(0.1);
  });

  it("answers null for a ratio over nothing and 0 for a count over nothing", () => {
    const m = byKey(emptyCaseCounters());
    expect(m.online_rate?.value).toBeNull();
    expect(m.avg_elapsed_days?.value).toBeNull();
    expect(m.accepted?.value).toBe(0);
    expect(m.overdue_completed?.value).toBe(0);
  });

  it("adds counters so a subtree's metrics are its units' sums, not averages of rates", () => {
    const other = { ...emptyCaseCounters(), accepted: 30, onlineAccepted: 26 };
    const m = byKey(addCaseCounters(counters, other));
    // (4 + 26) ÷ (10 + 30) = 0.75, not (0.4 + 0.8667) ÷ 2.
    expect(m.online_rate?.value).toBe(0.75);
  });
});
