/**
 * The working-day calendar's API (工作日历): queries, writes, the Excel sheet. The year view itself
 * (`CalendarYearView`) and the day kinds' labels live with the case contracts (cases.ts).
 */
import { z } from "zod";
import { isRealDate } from "./common.ts";

/** The first and last year the calendar accepts (the seed covers 2004–2026; a notice comes a year ahead). */
export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;

const calendarYear = z.coerce
  .number({ error: "年份应为数字" })
  .int("年份应为整数")
  .min(CALENDAR_YEAR_MIN, `年份不能早于 ${CALENDAR_YEAR_MIN}`)
  .max(CALENDAR_YEAR_MAX, `年份不能晚于 ${CALENDAR_YEAR_MAX}`);

/** 地区编码 (行政区划代码, e.g. 310105); "" is the nationwide calendar. */
export const regionCodeSchema = z
  .string()
  .trim()
  .max(12, "地区编码最多 12 位")
  .regex(/^[0-9A-Za-z]*$/, "地区编码只能包含数字和字母（行政区划代码，如 310105）");

/** A real calendar date "YYYY-MM-DD" inside the accepted years. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine((d) => {
    const year = Number(d.slice(0, 4));
    return isRealDate(d) && year >= CALENDAR_YEAR_MIN && year <= CALENDAR_YEAR_MAX;
  }, `日期不存在或不在 ${CALENDAR_YEAR_MIN}–${CALENDAR_YEAR_MAX} 年之间`);

export const calendarQuerySchema = z.object({
  /** The year to show. */
  year: calendarYear,
  /** 地区编码; empty or absent: the nationwide calendar. */
  region: regionCodeSchema.default(""),
});

export const calendarExportQuerySchema = z.object({
  /** One year, or every year when absent. */
  year: calendarYear.optional(),
  /** 地区编码: that region's own days; absent: every region's and the nationwide ones. */
  region: regionCodeSchema.optional(),
});

export const calendarDayParamsSchema = z.object({ date: calendarDateSchema });
export const calendarYearParamsSchema = z.object({ year: calendarYear });

/** Sets one day: a weekday off (holiday) or a weekend make-up working day (workday). */
export const calendarDayPutSchema = z.strictObject({
  /** holiday: 休息日; workday: 工作日 (调休补班). */
  kind: z.enum(["holiday", "workday"]),
  /** The holiday's name (国庆节, 春节补班 …). */
  name: z.string().trim().max(64).nullable().optional(),
  /** 地区编码: a region's extra day; empty for the nationwide calendar. */
  regionCode: regionCodeSchema.default(""),
});

export const calendarDayDeleteQuerySchema = z.object({
  /** 地区编码 of the day to remove; empty for the nationwide calendar. */
  region: regionCodeSchema.default(""),
});

/** Marks a year's notice as entered (covered) or not: outside covered years limits are 时限无法计算. */
export const calendarYearPutSchema = z.strictObject({
  /** True: the year's holiday notice is fully entered. */
  covered: z.boolean(),
});

/** The Excel sheet of import and export: Chinese headers, 类型 as 休息日 / 工作日. */
export const CALENDAR_SHEET = {
  name: "工作日历",
  columns: [
    { key: "date", header: "日期", required: true },
    { key: "kind", header: "类型", required: true },
    { key: "name", header: "名称", required: false },
    { key: "regionCode", header: "地区编码", required: false },
  ],
} as const;
export type CalendarSheetKey = (typeof CALENDAR_SHEET.columns)[number]["key"];
/** 类型 as written in the sheet. */
export const CALENDAR_SHEET_KIND_LABELS = { holiday: "休息日", workday: "工作日" } as const;

export interface CalendarImportResult {
  /** Days written (new or changed). */
  saved: number;
  /** Years the file's nationwide rows cover, now marked covered. */
  coveredYears: number[];
}

/** A calendar change's clocks being derived again in the background (too many cases for the request). */
export interface CaseRederiveJobView {
  id: string;
  regionCode: string;
  from: string;
  to: string;
  /** What changed: “2025-06-03 设为休息日”. */
  reason: string;
  status: "queued" | "running" | "succeeded" | "failed";
  /** Cases to derive again (null until the job starts), and done so far. */
  total: number | null;
  done: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}
