import {
  CALENDAR_DAY_KIND_LABELS,
  CALENDAR_SHEET,
  CALENDAR_SHEET_KIND_LABELS,
  type CalendarImportResult,
  type CalendarSheetKey,
  calendarDateSchema,
  type DayKind,
  type ErrorDetail,
  regionCodeSchema,
} from "@kaoping/core";
import { inArray, sql } from "drizzle-orm";
import { calendarDays } from "../../platform/db/schema.ts";
import { importInvalid, loadWorkbook, readSheet, type SheetSpec, writeSheet } from "../../platform/excel/workbook.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { rederiveCasesForCalendar } from "../cases/rederive.ts";
import { setCalendarYear } from "./commands.ts";
import { auditCalendarDay, type CalendarDayRow, calendarDayId } from "./presenter.ts";

/** Where imported days come from. */
export const IMPORT_SOURCE = "excel";

export const CALENDAR_SHEET_SPEC: SheetSpec<CalendarSheetKey> = {
  name: CALENDAR_SHEET.name,
  columns: CALENDAR_SHEET.columns.map((c) => ({
    ...c,
    width: c.key === "name" ? 24 : 16,
    options: c.key === "kind" ? Object.values(CALENDAR_SHEET_KIND_LABELS) : undefined,
  })),
};

const TEMPLATE_NOTES = [
  "工作日历导入填写说明：",
  "1. 每行一天，只填与“周一至周五上班、周六周日休息”不同的日子：节假日（含假期中的周末）填“休息日”，调休补班的周末填“工作日”。",
  "2. 日期格式 YYYY-MM-DD（如 2027-10-01），也可以是 Excel 日期单元格。",
  "3. 名称填节日名称，如“国庆节”“春节补班”，可留空。",
  "4. 地区编码留空表示全国安排；填写行政区划代码（如 310105）表示该地区额外的休息日或工作日。",
  "5. 文件中含有全国行（地区编码为空）的年份，导入后标记为“已录入全年安排”：这些年份的时限按日历计算。",
  "6. 已有的同一地区同一日期会被覆盖；任何一行有错时整个文件都不会导入。",
];

export interface CalendarImportRow {
  row: number;
  date: string;
  kind: DayKind;
  name: string | null;
  regionCode: string;
}

const header = (key: CalendarSheetKey) => CALENDAR_SHEET.columns.find((c) => c.key === key)!.header;

/** 类型 as users write it: 休息日 / 工作日, the long labels, or the codes. */
const KIND_BY_TEXT = new Map<string, DayKind>([
  ...(Object.entries(CALENDAR_SHEET_KIND_LABELS) as [DayKind, string][]).map(([k, v]) => [v, k] as const),
  ...(Object.entries(CALENDAR_DAY_KIND_LABELS) as [DayKind, string][]).map(([k, v]) => [v, k] as const),
  ["节假日", "holiday"],
  ["补班", "workday"],
  ["holiday", "holiday"],
  ["workday", "workday"],
]);

/** "2027/10/1", "2027-10-1", "2027年10月1日" → "2027-10-01"; anything else as written. */
export function normaliseDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : text.trim();
}

/** Reads the uploaded workbook; every cell problem is named by sheet, row and column, nothing is written. */
export async function parseCalendarWorkbook(buffer: Buffer): Promise<CalendarImportRow[]> {
  const workbook = await loadWorkbook(buffer);
  const { sheet, rows, errors } = readSheet(workbook, CALENDAR_SHEET_SPEC);
  const out: CalendarImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const fail = (key: CalendarSheetKey, message: string) => errors.push({ sheet, row, column: header(key), message });
    const date = calendarDateSchema.safeParse(normaliseDate(v.date));
    if (v.date && !date.success) fail("date", `日期「${v.date}」无效：${date.error.issues[0]?.message ?? ""}`);
    const kind = KIND_BY_TEXT.get(v.kind);
    if (v.kind && !kind) fail("kind", `类型应为“休息日”或“工作日”，不是「${v.kind}」`);
    if (v.name.length > 64) fail("name", "名称最多 64 个字");
    const region = regionCodeSchema.safeParse(v.regionCode);
    if (!region.success) fail("regionCode", `地区编码「${v.regionCode}」无效：${region.error.issues[0]?.message ?? ""}`);
    if (date.success && region.success) {
      const key = `${region.data}|${date.data}`;
      const first = seen.get(key);
      if (first) fail("date", `${region.data ? `地区 ${region.data} 的` : ""}日期 ${date.data} 与第 ${first} 行重复`);
      else seen.set(key, row);
    }
    if (date.success && kind && region.success) {
      out.push({ row, date: date.data, kind, name: v.name || null, regionCode: region.data });
    }
  }
  if (!rows.length && !errors.length) errors.push({ sheet, row: 2, column: header("date"), message: "文件中没有任何日期" });
  if (errors.length) throw importInvalid(errors.sort(byRow));
  return out;
}

const byRow = (a: ErrorDetail, b: ErrorDetail) => (a.row ?? 0) - (b.row ?? 0);

/**
 * Writes the rows (all-or-nothing: the caller's transaction), each day replacing what the calendar
 * held for its region and date, each change audited; the years of the file's nationwide rows are
 * then marked covered — a new year's notice is imported once, complete.
 */
export async function importCalendar(options: {
  ctx: CommandContext;
  rows: CalendarImportRow[];
  source?: string;
}): Promise<CalendarImportResult> {
  const { ctx, rows } = options;
  const existing = new Map<string, CalendarDayRow>();
  const dates = [...new Set(rows.map((r) => r.date))];
  for (let i = 0; i < dates.length; i += 1000) {
    const found = await ctx.tx
      .select()
      .from(calendarDays)
      .where(inArray(calendarDays.date, dates.slice(i, i + 1000)));
    for (const d of found) existing.set(calendarDayId(d.regionCode, d.date), d);
  }
  const changed = rows.filter((r) => {
    const before = existing.get(calendarDayId(r.regionCode, r.date));
    return !before || before.kind !== r.kind || before.name !== r.name || before.source !== IMPORT_SOURCE;
  });
  for (let i = 0; i < changed.length; i += 500) {
    await ctx.tx
      .insert(calendarDays)
      .values(changed.slice(i, i + 500).map((r) => ({ ...pickDay(r), source: IMPORT_SOURCE })))
      .onConflictDoUpdate({
        target: [calendarDays.regionCode, calendarDays.date],
        set: { kind: sql`excluded.kind`, name: sql`excluded.name`, source: sql`excluded.source`, updatedAt: new Date() },
      });
  }
  await ctx.auditMany(
    changed.map((r) => {
      const before = existing.get(calendarDayId(r.regionCode, r.date));
      return {
        action: "calendar.import" as const,
        businessType: "import" as const,
        entityType: "calendar_day",
        entityId: calendarDayId(r.regionCode, r.date),
        before: before ? auditCalendarDay(before) : undefined,
        after: { ...auditCalendarDay({ ...pickDay(r), source: IMPORT_SOURCE }), fileName: options.source ?? null },
      };
    }),
  );
  const coveredYears = [...new Set(rows.filter((r) => r.regionCode === "").map((r) => Number(r.date.slice(0, 4))))].sort((a, b) => a - b);
  const entered: number[] = [];
  for (const year of coveredYears)
    if ((await setCalendarYear({ ctx, year, covered: true, source: IMPORT_SOURCE, rederive: false })).changed) entered.push(year);
  // The clocks, once: over the changed days and the years entered now (nationwide if any of those is).
  const bounds = [...changed.map((r) => r.date), ...entered.flatMap((y) => [`${y}-01-01`, `${y}-12-31`])].sort();
  if (bounds.length) {
    const regions = entered.length || changed.some((r) => r.regionCode === "") ? [""] : [...new Set(changed.map((r) => r.regionCode))];
    for (const regionCode of regions)
      await rederiveCasesForCalendar({
        tx: ctx.tx,
        regionCode,
        from: bounds[0]!,
        to: bounds[bounds.length - 1]!,
        reason: `导入工作日历${options.source ? `“${options.source}”` : ""}`,
      });
  }
  return { saved: changed.length, coveredYears };
}

const pickDay = (r: CalendarImportRow) => ({ regionCode: r.regionCode, date: r.date, kind: r.kind, name: r.name });

/** The export: the import's columns with Chinese headers and labels, ready to import again. */
export function exportCalendarWorkbook(rows: CalendarDayRow[]): Promise<Buffer> {
  return writeSheet(
    CALENDAR_SHEET_SPEC,
    rows.map((d) => ({
      date: d.date,
      kind: CALENDAR_SHEET_KIND_LABELS[d.kind as DayKind] ?? d.kind,
      name: d.name,
      regionCode: d.regionCode,
    })),
  );
}

/** An empty template with the 类型 drop-down and a sheet of instructions. */
export function calendarTemplateWorkbook(): Promise<Buffer> {
  return writeSheet(CALENDAR_SHEET_SPEC, [], TEMPLATE_NOTES);
}
