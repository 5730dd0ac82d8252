/**
 * 办公时间: the hall's office hours on working days, for the rules that count below a whole day —
 * a promised limit of 0.5 or 2.5 working days (半个工作日), or the working time between two
 * instants (how long after application a case was accepted, how much of its limit is left).
 *
 * A working day is made of sessions (上午, 下午), each one half day. Sessions are CST wall-clock
 * times. The default is the common 政务服务中心 timetable 9:00–12:00 and 13:00–17:00; a region or
 * a hall with other hours passes its own. Whole-day limits do not use this: they follow
 * 行政许可法 §82 (the acceptance day not counted, due at the end of the Nth working day).
 */

import { cstDate, cstStart, isWorkingDay, nextDate, type WorkCalendar } from "./working-days.ts";

export interface OfficeSession {
  /** "HH:MM", CST. */
  start: string;
  end: string;
}

export interface OfficeHours {
  /** In order, not overlapping; each is one half day. */
  readonly sessions: readonly OfficeSession[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: "09:00", end: "12:00" },
    { start: "13:00", end: "17:00" },
  ],
};

const MINUTE_MS = 60_000;
/** No walk goes past this many dates (the clock's own bound: 55 years). */
const MAX_DATES = 20_000;

const minutesOf = (hhmm: string): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  if (!(minutes >= 0 && minutes <= 24 * 60)) throw new RangeError(`办公时间「${hhmm}」不是有效的 HH:MM`);
  return minutes;
};

/** The sessions of a date as instants. */
function sessionsOn(hours: OfficeHours, date: string): { start: number; end: number }[] {
  const midnight = cstStart(date).getTime();
  return hours.sessions.map((s) => {
    const [start, end] = [minutesOf(s.start), minutesOf(s.end)];
    if (end <= start) throw new RangeError(`办公时间「${s.start}–${s.end}」结束不晚于开始`);
    return { start: midnight + start * MINUTE_MS, end: midnight + end * MINUTE_MS };
  });
}

/** Office minutes in one working day (the unit `workingTimeBetween` divides by). */
export function officeMinutesPerDay(hours: OfficeHours): number {
  return hours.sessions.reduce((sum, s) => sum + minutesOf(s.end) - minutesOf(s.start), 0);
}

/**
 * Office time on working days between two instants (0 when `to` is not after `from`): minutes,
 * and days as minutes ÷ a day's office minutes (3 hours of a 7-hour day are 0.43 days). Throws
 * CalendarGapError for a date in a year the calendar lacks.
 */
export function workingTimeBetween(calendar: WorkCalendar, hours: OfficeHours, from: Date, to: Date): { minutes: number; days: number } {
  let ms = 0;
  const last = cstDate(to);
  let date = cstDate(from);
  for (let step = 0; to > from && date <= last && step < MAX_DATES; date = nextDate(date), step++) {
    if (!isWorkingDay(calendar, date)) continue;
    for (const s of sessionsOn(hours, date)) ms += Math.max(0, Math.min(s.end, to.getTime()) - Math.max(s.start, from.getTime()));
  }
  const minutes = ms / MINUTE_MS;
  return { minutes, days: minutes / officeMinutesPerDay(hours) };
}

/**
 * The instant `halfDays` half days after `from`: the end of the Nth session that starts at or
 * after `from` on a working day (the session `from` falls in is not counted, as the acceptance day
 * is not for whole days). `skip` leaves out whole dates (a 补正 pause). 0 half days is `from`.
 */
export function addWorkingHalfDays(
  calendar: WorkCalendar,
  hours: OfficeHours,
  from: Date,
  halfDays: number,
  skip: (date: string) => boolean = () => false,
): Date {
  if (!Number.isInteger(halfDays) || halfDays < 0) throw new RangeError(`半日数「${halfDays}」应为非负整数`);
  let left = halfDays;
  if (!left) return from;
  let date = cstDate(from);
  for (let step = 0; step < MAX_DATES; date = nextDate(date), step++) {
    if (!isWorkingDay(calendar, date) || skip(date)) continue;
    for (const s of sessionsOn(hours, date)) if (s.start >= from.getTime() && --left === 0) return new Date(s.end);
  }
  throw new RangeError(`${halfDays} 个半日超出可计算的范围`);
}
