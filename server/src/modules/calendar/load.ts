import { makeWorkCalendar, type WorkCalendar } from "@kaoping/core";
import { inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { calendarDays, calendarYears } from "../../platform/db/schema.ts";

/**
 * A region's working-day calendar: the nationwide days ("") with the region's own on top (a
 * region's day wins over the nationwide one for the same date); the years covered are those the
 * nationwide calendar holds.
 */
export async function loadWorkCalendar(db: Db | Tx, regionCode = ""): Promise<WorkCalendar> {
  const regions = regionCode ? ["", regionCode] : [""];
  const [days, years] = await Promise.all([
    db.select().from(calendarDays).where(inArray(calendarDays.regionCode, regions)),
    db
      .select()
      .from(calendarYears)
      .where(inArray(calendarYears.regionCode, [""])),
  ]);
  const ordered = [...days].sort((a, b) => (a.regionCode === b.regionCode ? 0 : a.regionCode === "" ? -1 : 1));
  return makeWorkCalendar(
    ordered.map((d) => ({ date: d.date, kind: d.kind as "holiday" | "workday" })),
    years.map((y) => y.year),
  );
}
