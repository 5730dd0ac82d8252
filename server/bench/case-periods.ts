/** What the 办件 benchmarks share: timing, quantiles, a year's periods and a seeded pick. */
import { performance } from "node:perf_hooks";
import { nextDate } from "@kaoping/core";

export async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

/** The q-quantile of the values, in ms to two decimals. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
}

/** Periods as sumCaseRollups takes them (days, inclusive): each month, each quarter and the whole year. */
export function yearPeriods(year: number): { from: string; to: string }[] {
  const monthStart = (m: number) => `${m >= 12 ? year + 1 : year}-${String((m % 12) + 1).padStart(2, "0")}-01`;
  const period = (m: number, months: number) => ({ from: monthStart(m), to: nextDate(monthStart(m + months), -1) });
  return [...Array.from({ length: 12 }, (_, m) => period(m, 1)), ...[0, 3, 6, 9].map((m) => period(m, 3)), period(0, 12)];
}

/** A deterministic pick (a linear congruential generator): the same run picks the same units and periods. */
export function seededPick(seed = 42): <T>(list: T[]) => T {
  let state = seed;
  return <T>(list: T[]) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return list[state % list.length]!;
  };
}
