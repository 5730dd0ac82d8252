import type { WorkCalendar } from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "../../platform/db/client.ts";
import { loadWorkCalendar } from "../calendar/load.ts";
import { seedCalendar } from "../calendar/seed.ts";
import { rederiveCases } from "./derived.ts";

/** A stored instant as its China Standard Time date (the store keeps UTC). */
const cstDay = (column: string) => sql.raw(`((${column}) at time zone 'UTC' + interval '8 hours')::date`);

/**
 * After the calendar changed between two dates (a day set or removed, a year's notice entered),
 * derives again the cases whose clock it can move: those of the region ("" = every region) whose
 * span from acceptance to their last instant (completion, due, upload) touches the dates, and
 * every case still 时限无法计算. Runs in the calendar command's transaction: the calendar and the
 * clocks it implies change together. Answers how many cases were derived again.
 *
 * At city scale (millions of cases in the touched span) this belongs in the job queue; today it
 * runs in the request, in batches of 5 000 (docs/cases.md, "Calendar changes").
 */
export async function rederiveCasesForCalendar(options: { tx: Tx; regionCode: string; from: string; to: string }): Promise<number> {
  const { tx, regionCode, from, to } = options;
  const calendars = new Map<string, Promise<WorkCalendar>>();
  const calendarFor = (region: string) => {
    if (!calendars.has(region)) calendars.set(region, loadWorkCalendar(tx, region));
    return calendars.get(region)!;
  };
  const region = regionCode ? sql`c.region_code = ${regionCode}` : sql`true`;
  const spanEnd = cstDay("coalesce(greatest(c.completed_at, c.due_at, c.uploaded_at), 'infinity'::timestamptz)");
  const where = sql`${region} and (c.quality @> '["limit_unknown"]'
    or (${cstDay("c.accepted_at")} <= ${to}::date and ${spanEnd} >= ${from}::date))`;
  return rederiveCases({ tx, where, calendarFor });
}

/**
 * The calendar seed at start (chinese-days' years not yet held), then the clocks those years move:
 * a package upgrade that brings next year's notice turns that year's 时限无法计算 cases into counted
 * ones, as entering the year by hand does. Answers the years seeded.
 */
export async function seedCalendarWithClocks(database: Database): Promise<number[]> {
  const years = await seedCalendar(database.db);
  if (years.length) {
    const [from, to] = [`${Math.min(...years)}-01-01`, `${Math.max(...years)}-12-31`];
    await database.db.transaction((tx) => rederiveCasesForCalendar({ tx, regionCode: "", from, to }));
  }
  return years;
}
