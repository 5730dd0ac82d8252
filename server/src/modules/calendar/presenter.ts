import type { CalendarYearView, CaseRederiveJobView } from "@kaoping/core";
import type { calendarDays, caseRederiveJobs } from "../../platform/db/schema.ts";

export type CalendarDayRow = typeof calendarDays.$inferSelect;
export type CalendarDayView = CalendarYearView["days"][number];

export function presentCalendarDay(row: CalendarDayRow): CalendarDayView {
  return { date: row.date, kind: row.kind as CalendarDayView["kind"], name: row.name, source: row.source, regionCode: row.regionCode };
}

/** The day as its audit record keeps it. */
export const auditCalendarDay = (row: Pick<CalendarDayRow, "date" | "regionCode" | "kind" | "name" | "source">) => ({
  date: row.date,
  regionCode: row.regionCode,
  kind: row.kind,
  name: row.name,
  source: row.source,
});

/** The audit record's object id: the date, with the region in front for a region's own day. */
export const calendarDayId = (regionCode: string, date: string) => (regionCode ? `${regionCode}:${date}` : date);

export function presentRederiveJob(row: typeof caseRederiveJobs.$inferSelect): CaseRederiveJobView {
  return {
    id: row.id,
    regionCode: row.regionCode,
    from: row.fromDate,
    to: row.toDate,
    reason: row.reason,
    status: row.status as CaseRederiveJobView["status"],
    total: row.total,
    done: row.done,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
