/**
 * 工作日历: which days are working days. The default is Monday–Friday; the State Council's
 * yearly notice turns weekdays into holidays and weekends into make-up working days (调休补班),
 * and a region may add days off. The calendar knows which years it covers: a limit that needs a
 * year it does not cover is not guessed as Mon–Fri — the caller gets a CalendarGapError naming it.
 *
 * Dates are "YYYY-MM-DD" in China Standard Time (UTC+8, no daylight saving); instants are Dates.
 * Counting follows 行政许可法 §82: the day of acceptance is not counted; a limit of N working
 * days ends at the end of the Nth working day after it.
 */

export type DayKind = "workday" | "holiday";

export interface WorkCalendar {
  /** Years whose notice has been entered (the weekday default is trusted only inside them). */
  readonly years: ReadonlySet<number>;
  /** Days that differ from the weekday default: a weekday off, or a weekend make-up working day. */
  readonly overrides: ReadonlyMap<string, DayKind>;
}

export class CalendarGapError extends Error {
  constructor(readonly year: number) {
    super(`工作日历缺少 ${year} 年的节假日安排，时限无法计算`);
    this.name = "CalendarGapError";
  }
}

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

export function makeWorkCalendar(days: readonly { date: string; kind: DayKind }[], years: Iterable<number>): WorkCalendar {
  return { years: new Set(years), overrides: new Map(days.map((d) => [d.date, d.kind])) };
}

/** The calendar date (CST) an instant falls on. */
export function cstDate(instant: Date): string {
  // Asked for every instant of every case: the few thousand distinct days are remembered.
  const day = Math.floor((instant.getTime() + CST_MS) / DAY_MS);
  let date = cstDates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (cstDates.size < 200_000) cstDates.set(day, date);
  }
  return date;
}
const cstDates = new Map<number, string>();

/** Midnight CST at the start of a date, as an instant. */
export function cstStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CST_MS);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function nextDate(date: string, days = 1): string {
  // The clock and the counts step one day at a time, millions of times per import: by the digits.
  if (days === 1 && date.length === 10) {
    const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
    const monthDays = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1];
    if (monthDays !== undefined && d >= 1 && d < monthDays) return `${date.slice(0, 8)}${pad2(d + 1)}`;
    if (monthDays !== undefined && d === monthDays) return m < 12 ? `${date.slice(0, 5)}${pad2(m + 1)}-01` : `${y + 1}-01-01`;
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Refuses what is not a real "YYYY-MM-DD" date: compared as strings, "2024-1-5" would count garbage. */
function assertDate(date: string): void {
  if (DATE_RE.test(date)) {
    const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
    const monthDays = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1];
    if (monthDays !== undefined && d >= 1 && d <= monthDays) return;
  }
  throw new RangeError(`日期「${date}」不是有效的 YYYY-MM-DD 日期`);
}

/**
 * The days already answered, per calendar (a calendar is immutable once made): a clock asks about
 * the same few hundred dates for every case of an import. Only valid, covered dates enter it.
 */
const answered = new WeakMap<WorkCalendar, Map<string, boolean>>();
function answersOf(calendar: WorkCalendar): Map<string, boolean> {
  const known = answered.get(calendar);
  if (known) return known;
  const answers = new Map<string, boolean>();
  answered.set(calendar, answers);
  return answers;
}

export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  const known = answersOf(calendar).get(date);
  if (known !== undefined) return known;
  assertDate(date);
  return workingDay(calendar, date);
}

/** isWorkingDay without the check, for the loops below whose dates are made by nextDate. */
function workingDay(calendar: WorkCalendar, date: string): boolean {
  const answers = answersOf(calendar);
  const known = answers.get(date);
  if (known !== undefined) return known;
  const year = Number(date.slice(0, 4));
  if (!calendar.years.has(year)) throw new CalendarGapError(year);
  const override = calendar.overrides.get(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const working = override ? override === "workday" : weekday !== 0 && weekday !== 6;
  answers.set(date, working);
  return working;
}

/**
 * Per covered year, the running count of working days: `cum[i]` = working days from 1 January
 * through day-of-year i. Counting and adding working days then read two entries instead of walking
 * the dates — the warning rules ask it for every open case over years.
 */
interface YearIndex {
  cum: Uint16Array;
  total: number;
}
const yearIndexes = new WeakMap<WorkCalendar, Map<number, YearIndex>>();

function yearIndex(calendar: WorkCalendar, year: number): YearIndex {
  let byYear = yearIndexes.get(calendar);
  if (!byYear) {
    byYear = new Map();
    yearIndexes.set(calendar, byYear);
  }
  const known = byYear.get(year);
  if (known) return known;
  if (!calendar.years.has(year)) throw new CalendarGapError(year);
  const cum = new Uint16Array(lastDayOf(year) + 1);
  let count = 0;
  for (let i = 0, date = `${year}-01-01`; i < cum.length; i++, date = nextDate(date)) {
    if (workingDay(calendar, date)) count++;
    cum[i] = count;
  }
  const index = { cum, total: count };
  byYear.set(year, index);
  return index;
}

/** Year and 0-based day of the year of a valid date. */
function dayOfYear(date: string): [number, number] {
  const year = Number(date.slice(0, 4));
  return [year, (Date.parse(`${date}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY_MS];
}

/** The 0-based day of the year of 31 December. */
const lastDayOf = (year: number) => (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS - 1;

/** The date of day-of-year i of a year. */
const dateOfDay = (year: number, i: number) => new Date(Date.UTC(year, 0, 1) + i * DAY_MS).toISOString().slice(0, 10);

/** The date of the Nth working day after `from` (from itself not counted); N = 0 is `from`. */
export function addWorkingDays(calendar: WorkCalendar, from: string, n: number): string {
  // NaN or a negative limit would silently answer `from`; a fraction would silently round up.
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日数「${n}」应为非负整数`);
  assertDate(from);
  if (n === 0) return from;
  const [fromYear, day] = dayOfYear(from);
  let year = fromYear;
  let left = n;
  // The rest of from's year (none when from is 31 December: that year need not be covered).
  if (day < lastDayOf(year)) {
    const index = yearIndex(calendar, year);
    const before = index.cum[day]!;
    if (index.total - before < left) left -= index.total - before;
    else return dateOfDay(year, firstReaching(index.cum, before + left, day + 1));
  }
  // Whole years after it, each one covered, until the Nth working day falls in one.
  for (;;) {
    year++;
    const index = yearIndex(calendar, year);
    if (index.total >= left) return dateOfDay(year, firstReaching(index.cum, left, 0));
    left -= index.total;
  }
}

/** The first index ≥ lo whose running count reaches `target` (the counts never decrease). */
function firstReaching(cum: Uint16Array, target: number, lo: number): number {
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Working days in (from, to]: 0 when done the same day or before the next working day. */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  assertDate(from);
  assertDate(to);
  if (to <= from) return 0;
  const [fromYear, fromDay] = dayOfYear(from);
  const [toYear, toDay] = dayOfYear(to);
  // The days after from in its year: none to count (nor a year to need) when from is 31 December.
  const after = (year: number, day: number, until: number | null) => {
    const index = yearIndex(calendar, year);
    return (until === null ? index.total : index.cum[until]!) - index.cum[day]!;
  };
  if (fromYear === toYear) return after(fromYear, fromDay, toDay);
  let count = fromDay < lastDayOf(fromYear) ? after(fromYear, fromDay, null) : 0;
  for (let year = fromYear + 1; year < toYear; year++) count += yearIndex(calendar, year).total;
  return count + yearIndex(calendar, toYear).cum[toDay]!;
}

/** Natural days in (from, to]. */
export function naturalDaysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS));
}
