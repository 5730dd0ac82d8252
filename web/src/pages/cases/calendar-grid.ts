import type { CalendarYearView } from "@kaoping/core";

export type CalendarDay = CalendarYearView["days"][number];

/** How a date reads on the calendar: a notice's day off or make-up day, or the plain weekday / weekend. */
export type CellKind = "holiday" | "workday" | "weekend" | "weekday";

export interface CalendarCell {
  date: string;
  /** Day of the month. */
  day: number;
  kind: CellKind;
  isWorking: boolean;
  /** The entry the calendar holds for the date, if any. */
  entry: CalendarDay | null;
}

const DAY_MS = 86_400_000;

/** 0 = Sunday … 6 = Saturday, of a "YYYY-MM-DD" date. */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * One month as weeks of seven cells, Monday first (the Chinese office week); null pads the days
 * before the 1st and after the last. A held entry decides the day; otherwise Monday–Friday work.
 */
export function monthGrid(year: number, month: number, days: readonly CalendarDay[]): (CalendarCell | null)[][] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = Date.UTC(year, month - 1, 1);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (new Date(first).getUTCDay() + 6) % 7;
  const cells: (CalendarCell | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= length; d++) {
    const date = new Date(first + (d - 1) * DAY_MS).toISOString().slice(0, 10);
    const entry = byDate.get(date) ?? null;
    const weekday = weekdayOf(date);
    const isWeekend = weekday === 0 || weekday === 6;
    const kind: CellKind = entry ? entry.kind : isWeekend ? "weekend" : "weekday";
    cells.push({ date, day: d, kind, isWorking: kind === "workday" || kind === "weekday", entry });
  }
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Working days per month of a year as the calendar holds it. */
export function workingDayCounts(year: number, days: readonly CalendarDay[]): number[] {
  return Array.from(
    { length: 12 },
    (_, m) =>
      monthGrid(year, m + 1, days)
        .flat()
        .filter((c) => c?.isWorking).length,
  );
}
