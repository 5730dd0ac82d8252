import type { calendarDayPutSchema } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { calendarDays, calendarYears } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { rederiveCasesForCalendar } from "../cases/rederive.ts";
import { auditCalendarDay, type CalendarDayRow, type CalendarDayView, calendarDayId, presentCalendarDay } from "./presenter.ts";

/** Where a day set by hand in the UI comes from. */
export const MANUAL_SOURCE = "manual";

const dayKey = (regionCode: string, date: string) => and(eq(calendarDays.regionCode, regionCode), eq(calendarDays.date, date));

/** Sets one day (nationwide or a region's), replacing what the calendar held for it. */
export async function setCalendarDay(options: {
  ctx: CommandContext;
  date: string;
  input: z.output<typeof calendarDayPutSchema>;
}): Promise<CalendarDayView> {
  const { ctx, date, input } = options;
  const [before] = await ctx.tx.select().from(calendarDays).where(dayKey(input.regionCode, date));
  const values = { regionCode: input.regionCode, date, kind: input.kind, name: input.name || null, source: MANUAL_SOURCE };
  const [row] = await ctx.tx
    .insert(calendarDays)
    .values(values)
    .onConflictDoUpdate({
      target: [calendarDays.regionCode, calendarDays.date],
      set: { kind: values.kind, name: values.name, source: values.source, updatedAt: new Date() },
    })
    .returning();
  await ctx.audit({
    action: "calendar.day.set",
    businessType: before ? "update" : "create",
    entityType: "calendar_day",
    entityId: calendarDayId(input.regionCode, date),
    before: before ? auditCalendarDay(before) : undefined,
    after: auditCalendarDay(row!),
  });
  const reason = `${date} 设为${input.kind === "holiday" ? "休息日" : "工作日"}`;
  await rederiveCasesForCalendar({ tx: ctx.tx, regionCode: input.regionCode, from: date, to: date, reason });
  return presentCalendarDay(row!);
}

/** Removes one day's entry: the date falls back to the region's nationwide day or the Monday–Friday default. */
export async function deleteCalendarDay(options: { ctx: CommandContext; date: string; regionCode: string }): Promise<void> {
  const { ctx, date, regionCode } = options;
  const [before] = await ctx.tx.delete(calendarDays).where(dayKey(regionCode, date)).returning();
  if (!before) throw notFound(`工作日历中${regionCode ? `地区 ${regionCode} 的` : "全国的"}日期 ${date} `);
  await ctx.audit({
    action: "calendar.day.delete",
    businessType: "delete",
    entityType: "calendar_day",
    entityId: calendarDayId(regionCode, date),
    before: auditCalendarDay(before as CalendarDayRow),
  });
  await rederiveCasesForCalendar({ tx: ctx.tx, regionCode, from: date, to: date, reason: `${date} 恢复默认` });
}

/**
 * Marks a year's notice as entered (covered) or not. Outside covered years a limit is 时限无法计算,
 * never guessed as Monday–Friday. Setting what already holds changes nothing and is not audited.
 */
export async function setCalendarYear(options: {
  ctx: CommandContext;
  year: number;
  covered: boolean;
  source?: string;
  /** false: the caller derives the clocks once for all it changed (an import). */
  rederive?: boolean;
}) {
  const { ctx, year, covered } = options;
  const where = and(eq(calendarYears.regionCode, ""), eq(calendarYears.year, year));
  const [before] = await ctx.tx.select().from(calendarYears).where(where);
  if (Boolean(before) === covered) return { year, covered, changed: false };
  if (covered) {
    await ctx.tx.insert(calendarYears).values({ regionCode: "", year, source: options.source ?? MANUAL_SOURCE });
  } else {
    await ctx.tx.delete(calendarYears).where(where);
  }
  await ctx.audit({
    action: "calendar.year.update",
    businessType: "update",
    entityType: "calendar_year",
    entityId: String(year),
    before: { year, covered: !covered, source: before?.source ?? null },
    after: { year, covered, source: covered ? (options.source ?? MANUAL_SOURCE) : null },
  });
  // The year's clocks: counted now, or 时限无法计算 again.
  if (options.rederive !== false)
    await rederiveCasesForCalendar({
      tx: ctx.tx,
      regionCode: "",
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      reason: `${year} 年${covered ? "录入" : "撤销"}节假日安排`,
    });
  return { year, covered, changed: true };
}
