import { createRequire } from "node:module";
import { type DayKind, nextDate } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../platform/db/client.ts";
import { calendarDays, calendarYears, systemSettings } from "../../platform/db/schema.ts";

/** The `source` of seeded rows. */
export const SEED_SOURCE = "chinese-days";

/**
 * The package's published data file (dist/chinese-days.json, documented in its README): date →
 * "English name,中文名,length" for `holidays` (every day off of a holiday period, weekends included)
 * and `workdays` (the make-up working days). Checked on load so an upgrade that changes the shape
 * fails at start rather than seeding nonsense.
 */
const seedFileSchema = z.object({
  holidays: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string()),
  workdays: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string()),
});

export interface SeedDay {
  date: string;
  kind: DayKind;
  name: string | null;
}

/** The days chinese-days knows, and the years it covers (each year with at least one entry). */
export function chineseDaysData(): { days: SeedDay[]; years: number[] } {
  const raw = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json");
  const data = seedFileSchema.parse(raw);
  const byDate = new Map<string, SeedDay>();
  const nameOf = (value: string, suffix = "") => {
    const zh = value.split(",")[1]?.trim();
    return zh ? `${zh}${suffix}` : null;
  };
  for (const [date, value] of Object.entries(data.holidays)) byDate.set(date, { date, kind: "holiday", name: nameOf(value) });
  // A date in both lists would be the package's error; the make-up working day is the later word of a notice.
  for (const [date, value] of Object.entries(data.workdays)) byDate.set(date, { date, kind: "workday", name: nameOf(value, "补班") });
  const days = [...byDate.values()];
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
  // Years are covered only when the package has every year in its span: a hole would be guessed as Mon–Fri.
  for (let y = years[0]!; y <= years.at(-1)!; y++) if (!years.includes(y)) throw new Error(`chinese-days 缺少 ${y} 年`);
  // Sanity: the data must be real dates (nextDate round-trips).
  for (const d of days) if (nextDate(d.date, 0) !== d.date) throw new Error(`chinese-days 日期无效：${d.date}`);
  return { days, years };
}

const SEEDED_KEY = "calendar_seeded_years";

/**
 * Seeds the nationwide calendar from chinese-days, idempotently: a year is written only when the
 * calendar does not hold it (calendar_years, any source) and was never seeded before, so the
 * office's edits, deletions, imports and 未录入 marks are never undone at the next start, and a
 * package upgrade adds only its new years. Returns the years seeded now.
 */
export async function seedCalendar(db: Db | Tx): Promise<number[]> {
  const { days, years } = chineseDaysData();
  const [seen] = await db.select().from(systemSettings).where(eq(systemSettings.key, SEEDED_KEY));
  const seeded = new Set((seen?.value as number[] | undefined) ?? []);
  const held = new Set(
    (await db.select({ year: calendarYears.year }).from(calendarYears).where(eq(calendarYears.regionCode, ""))).map((r) => r.year),
  );
  const missing = years.filter((y) => !held.has(y) && !seeded.has(y));
  if (!missing.length) return [];
  const rows = days
    .filter((d) => missing.includes(Number(d.date.slice(0, 4))))
    .map((d) => ({ regionCode: "", date: d.date, kind: d.kind, name: d.name, source: SEED_SOURCE }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(calendarDays)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
  await db
    .insert(calendarYears)
    .values(missing.map((year) => ({ regionCode: "", year, source: SEED_SOURCE })))
    .onConflictDoNothing();
  const all = [...new Set([...seeded, ...missing])].sort((a, b) => a - b);
  await db
    .insert(systemSettings)
    .values({ key: SEEDED_KEY, value: all })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value: all, updatedAt: new Date() } });
  return missing;
}
