import { makeWorkCalendar, type WorkCalendar } from "@kaoping/core";
import { inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { calendarDays, calendarYears, systemSettings } from "../../platform/db/schema.ts";

/**
 * A region's working-day calendar: the nationwide days ("") with the region's own on top (a
 * region's day wins over the nationwide one for the same date); the years covered are those the
 * nationwide calendar holds.
 */
export async function loadWorkCalendar(db: Db | Tx, regionCode = ""): Promise<WorkCalendar> {
  const regions = regionCode ? ["", regionCode] : [""];
  const [days, years] = await queriesOn(db, [
    () => db.select().from(calendarDays).where(inArray(calendarDays.regionCode, regions)),
    () =>
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

const REVISION_KEY = "calendar.revision";

/**
 * The calendar's revision: bumped by every change that re-derives clocks (rederiveCasesForCalendar).
 * An import batch reads it before loading the calendar outside its transaction and compares it
 * inside: a change committed in between makes the batch derive its clocks again.
 */
export async function calendarRevision(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ value: systemSettings.value }).from(systemSettings).where(sql`${systemSettings.key} = ${REVISION_KEY}`);
  return Number(row?.value ?? 0);
}

export async function bumpCalendarRevision(tx: Tx): Promise<void> {
  await tx.execute(sql`insert into ${systemSettings} (key, value) values (${REVISION_KEY}, '1'::jsonb)
    on conflict (key) do update set value = to_jsonb((${systemSettings.value} #>> '{}')::bigint + 1), updated_at = now()`);
}

const shared = new WeakMap<object, Map<string, { print: string; calendar: WorkCalendar }>>();

/**
 * loadWorkCalendar, answering the same object while the calendar's rows stay as they are: its
 * memoised answers and running counts (core's working-days.ts) then last from one batch of a long
 * job to the next. The rows' fingerprint is read each time (one small query), so a change — through
 * the commands or straight into the tables — is seen by the next batch. `owner` keys the cache (the
 * database a job runs on — a transaction lasts one batch — or a caller's own object, as the public
 * rating page's).
 */
export async function sharedWorkCalendar(db: Db | Tx, regionCode: string, owner: object): Promise<WorkCalendar> {
  const [row] = await selectRows<{ print: string }>(
    db,
    sql`select
      (select count(*) || ':' || coalesce(sum(hashtext(region_code || date::text || kind)), 0) from ${calendarDays}
        where region_code in ('', ${regionCode})) || '/' ||
      (select count(*) || ':' || coalesce(sum(year), 0) from ${calendarYears} where region_code = '') as print`,
  );
  const print = row?.print ?? "";
  let byRegion = shared.get(owner);
  if (!byRegion) {
    byRegion = new Map();
    shared.set(owner, byRegion);
  }
  const hit = byRegion.get(regionCode);
  if (hit?.print === print) return hit.calendar;
  const calendar = await loadWorkCalendar(db, regionCode);
  byRegion.set(regionCode, { print, calendar });
  return calendar;
}
