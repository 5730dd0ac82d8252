import type { CaseDetailView, ClockDay } from "@kaoping/core";

export type ClockState = ClockDay["state"];

/** The day strip's colours: counted days in blue, paused in gold, non-working in grey, the acceptance day outlined. */
export const CLOCK_COLORS: Record<ClockState, string> = {
  counted: "#1677ff",
  paused: "#faad14",
  non_working: "#d9d9d9",
  acceptance_day: "#91caff",
};

/** How many days of each kind the clock shows (the strip's legend). */
export function clockTally(days: readonly ClockDay[]): Record<ClockState, number> {
  const tally: Record<ClockState, number> = { counted: 0, paused: 0, non_working: 0, acceptance_day: 0 };
  for (const day of days) tally[day.state] += 1;
  return tally;
}

/** The clock's days in runs of one state (`2025-03-01 – 2025-03-05 · 补正`), for the table under the strip. */
export function clockRuns(days: readonly ClockDay[]): { from: string; to: string; state: ClockState; days: number; note?: string }[] {
  const runs: { from: string; to: string; state: ClockState; days: number; note?: string }[] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && last.state === day.state && last.note === day.note) {
      last.to = day.date;
      last.days += 1;
    } else {
      runs.push({ from: day.date, to: day.date, state: day.state, days: 1, ...(day.note ? { note: day.note } : {}) });
    }
  }
  return runs;
}

/** Where the clock stands: over the limit, not computable (a calendar year is missing), or within. */
export function clockVerdict(
  clock: Pick<CaseDetailView["clock"], "gapYear" | "limit">,
  overdue: boolean,
): "overdue" | "gap" | "ok" | "unlimited" {
  if (clock.gapYear !== null) return "gap";
  if (overdue) return "overdue";
  if (clock.limit === null) return "unlimited";
  return "ok";
}

/** How much of the limit the case used, 0–100+, or null without a limit. */
export function limitUsedPercent(clock: Pick<CaseDetailView["clock"], "elapsed" | "limit">): number | null {
  if (clock.elapsed === null || clock.limit === null || clock.limit <= 0) return null;
  return Math.round((clock.elapsed / clock.limit) * 100);
}
