import type { CalendarYearView } from "@kaoping/core";
import { and, asc, between, eq, inArray, type SQL } from "drizzle-orm";
import { calendarDays, calendarYears } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { type CalendarDayRow, presentCalendarDay } from "./presenter.ts";

const yearRange = (year: number) => between(calendarDays.date, `${year}-01-01`, `${year}-12-31`);

/**
 * One year of the calendar as a region sees it: the nationwide days with the region's own on top
 * (a region's day wins for its date), and whether the year's notice is entered (covered). Anyone
 * signed in may read it: the calendar is not any unit's data.
 */
export async function getCalendarYear(ctx: QueryContext, options: { year: number; region: string }): Promise<CalendarYearView> {
  const { year, region } = options;
  const regions = region ? ["", region] : [""];
  const [rows, [covered]] = await Promise.all([
    ctx.db
      .select()
      .from(calendarDays)
      .where(and(inArray(calendarDays.regionCode, regions), yearRange(year)))
      .orderBy(asc(calendarDays.date)),
    ctx.db
      .select()
      .from(calendarYears)
      .where(and(eq(calendarYears.regionCode, ""), eq(calendarYears.year, year))),
  ]);
  const byDate = new Map<string, CalendarDayRow>();
  // The region's own day wins over the nationwide one for the same date.
  for (const row of rows) if (!byDate.has(row.date) || row.regionCode !== "") byDate.set(row.date, row);
  return {
    regionCode: region,
    year,
    covered: Boolean(covered),
    source: covered?.source ?? null,
    days: [...byDate.values()].map(presentCalendarDay),
  };
}

/** The days to export: one year or all, one region's own days or every region's. */
export async function listCalendarDays(ctx: QueryContext, options: { year?: number; region?: string }): Promise<CalendarDayRow[]> {
  const where: SQL[] = [];
  if (options.year !== undefined) where.push(yearRange(options.year));
  if (options.region !== undefined) where.push(eq(calendarDays.regionCode, options.region));
  return ctx.db
    .select()
    .from(calendarDays)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(calendarDays.regionCode), asc(calendarDays.date));
}
