/**
 * A case's clock (办理时限): the days it used from acceptance to completion, the instant it was
 * due, and why — day by day. Pure; docs/cases.md (“The clock”) states the rules:
 *
 * - Counting follows 行政许可法 §82: the acceptance day is not counted; a limit of N days ends at
 *   the end (23:59:59.999 CST) of the Nth counted day after it. Working-day limits count only
 *   working days of the WorkCalendar (调休补班 included); natural-day limits count every day.
 * - 补正 and 特别程序 pause the clock: the days after the pause's start day up to and including its
 *   end day are not counted (the start day was worked; the day the clock restarts is, like an
 *   acceptance day, not counted). A pause without an end runs until completion (or `asOf`).
 * - The limit is the promised limit, else the legal one; a 即办件 without either has limit 0 (due
 *   the day it was accepted).
 * - A working-day count that needs a year the calendar lacks is 时限无法计算: elapsed and due are
 *   null and `gapYear` names the year.
 * - A limit in half days (0.5, 2.5 working days) runs in the hall's office hours: due at the end of
 *   the Nth half-day session after the one acceptance fell in, paused dates left out
 *   (calendar/office-hours.ts). Elapsed days are counted as for whole days.
 */

import { addWorkingHalfDays, DEFAULT_OFFICE_HOURS, type OfficeHours } from "../calendar/office-hours.ts";
import {
  addWorkingDays,
  CalendarGapError,
  cstDate,
  cstStart,
  isWorkingDay,
  naturalDaysBetween,
  nextDate,
  type WorkCalendar,
  workingDaysBetween,
} from "../calendar/working-days.ts";
import type { ClockDay } from "../contracts/cases.ts";
import type { CaseType, LimitUnit } from "../guides/model.ts";
import { CASE_EVENT_KIND, type CaseEventKind, PAUSING_EVENTS } from "./model.ts";

export interface ClockCase {
  caseType: CaseType;
  acceptedAt: Date;
  completedAt?: Date | null;
  legalLimit?: number | null;
  legalLimitUnit?: LimitUnit | null;
  promisedLimit?: number | null;
  promisedLimitUnit?: LimitUnit | null;
}

export interface ClockEvent {
  kind: CaseEventKind;
  at: Date;
  endAt?: Date | null;
}

export interface CaseClock {
  unit: LimitUnit;
  /** Days used (completed cases, or up to `asOf` for open ones); null when 时限无法计算. */
  elapsed: number | null;
  limit: number | null;
  dueAt: Date | null;
  /** true/false for a completed case with a due instant, null otherwise. */
  onTime: boolean | null;
  /** Open and past due at `asOf`. */
  overdueOpen: boolean;
  gapYear: number | null;
  pausedDays: number;
  days: ClockDay[];
  explanation: string;
}

/** The longest day-by-day list kept (an open case of years ago still explains its first year and more). */
const MAX_DAYS = 1200;
/** No limit runs past this many days (the ingest quarantines limits over 3650 days). */
const MAX_SPAN = 20_000;
/** The longest limit the running counts answer (the ingest's bound); a longer one walks. */
const MAX_LIMIT = 3650;

interface Pause {
  kind: CaseEventKind;
  from: string;
  to: string | null;
}

/** The limit the clock runs against: promised, else legal, else 0 for a 即办件. */
export function clockLimit(c: ClockCase): { limit: number | null; unit: LimitUnit } {
  if (c.promisedLimit != null) return { limit: c.promisedLimit, unit: c.promisedLimitUnit ?? c.legalLimitUnit ?? "working_day" };
  if (c.legalLimit != null) return { limit: c.legalLimit, unit: c.legalLimitUnit ?? "working_day" };
  return { limit: c.caseType === "instant" ? 0 : null, unit: c.promisedLimitUnit ?? c.legalLimitUnit ?? "working_day" };
}

function pausesOf(events: readonly ClockEvent[], end: string | null): Pause[] {
  return events
    .filter((e) => PAUSING_EVENTS.includes(e.kind))
    .map((e) => ({ kind: e.kind, from: cstDate(e.at), to: e.endAt ? cstDate(e.endAt) : end }));
}

function pauseOn(pauses: readonly Pause[], date: string): Pause | undefined {
  return pauses.find((p) => date > p.from && (p.to === null || date <= p.to));
}

const cstTime = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
const endOfDate = (date: string) => new Date(cstStart(nextDate(date)).getTime() - 1);

export interface ClockOptions {
  /** Bounds an open case's elapsed days and decides whether it is overdue (default: now). */
  asOf?: Date;
  /** false: skip the day-by-day list and the sentence (the ingest needs only the figures). */
  explain?: boolean;
  /** The hall's office hours, for limits in half days (default 9:00–12:00, 13:00–17:00). */
  officeHours?: OfficeHours;
}

/** The clock of one case from its row and events (see the rules above). */
export function caseClock(c: ClockCase, events: readonly ClockEvent[], calendar: WorkCalendar, options: ClockOptions = {}): CaseClock {
  const asOf = options.asOf ?? new Date();
  const detail = options.explain !== false;
  const { limit, unit } = clockLimit(c);
  const accepted = cstDate(c.acceptedAt);
  const completed = c.completedAt ? cstDate(c.completedAt) : null;
  const until = completed ?? cstDate(asOf);
  const pauses = pausesOf(events, completed);
  try {
    const hours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
    return computeClock(c, { limit, unit, accepted, completed, until, pauses, calendar, asOf, detail, hours });
  } catch (error) {
    if (!(error instanceof CalendarGapError)) throw error;
    return {
      unit,
      elapsed: null,
      limit,
      dueAt: null,
      onTime: null,
      overdueOpen: false,
      gapYear: error.year,
      pausedDays: 0,
      days: [],
      explanation: `时限无法计算：工作日历缺少 ${error.year} 年的节假日安排，请先补录该年的工作日历。`,
    };
  }
}

interface ClockRun {
  limit: number | null;
  unit: LimitUnit;
  accepted: string;
  completed: string | null;
  until: string;
  pauses: Pause[];
  calendar: WorkCalendar;
  asOf: Date;
  detail: boolean;
  hours: OfficeHours;
}

/** The due instant of a limit in half days; null while a pause has no end (its length is not known). */
function halfDayDue(c: ClockCase, run: ClockRun): Date | null {
  if (run.pauses.some((p) => p.to === null)) return null;
  const paused = (date: string) => pauseOn(run.pauses, date) !== undefined;
  try {
    return addWorkingHalfDays(run.calendar, run.hours, c.acceptedAt, run.limit! * 2, paused);
  } catch (error) {
    // Past the longest walk (a pause of decades): no due date, as for a pause without an end.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * The figures without the day-by-day list, for a case without pauses in whole days: two lookups in
 * the calendar's running counts instead of the walk (the ingest and the warning rules ask for every
 * case; an open case of last year would walk hundreds of days). Same answers, gaps included: the
 * walk visits (accepted, max(until, due)] and so do these counts.
 */
function countedClock(c: ClockCase, run: ClockRun): CaseClock | null {
  const { unit, accepted, until, calendar, limit } = run;
  if (run.detail || run.pauses.length || (limit !== null && (!Number.isInteger(limit) || limit > MAX_LIMIT))) return null;
  if (naturalDaysBetween(accepted, until) >= MAX_SPAN) return null;
  const natural = unit === "calendar_day";
  const elapsed = until <= accepted ? 0 : natural ? naturalDaysBetween(accepted, until) : workingDaysBetween(calendar, accepted, until);
  const dueDate = limit === null ? null : natural ? nextDate(accepted, limit) : addWorkingDays(calendar, accepted, limit);
  const dueAt = dueDate ? endOfDate(dueDate) : null;
  const onTime = c.completedAt && dueAt ? c.completedAt.getTime() <= dueAt.getTime() : null;
  const overdueOpen = !c.completedAt && dueAt !== null && run.asOf.getTime() > dueAt.getTime();
  return { unit, elapsed, limit, dueAt, onTime, overdueOpen, gapYear: null, pausedDays: 0, days: [], explanation: "" };
}

function computeClock(c: ClockCase, run: ClockRun): CaseClock {
  const quick = countedClock(c, run);
  if (quick) return quick;
  const { unit, accepted, completed, until, pauses, calendar } = run;
  const halfDays = run.limit !== null && !Number.isInteger(run.limit);
  // The day walk finds a whole-day limit's due date; a half-day limit's is found in office hours.
  const limit = halfDays ? null : run.limit;
  const counts = (date: string) => unit === "calendar_day" || isWorkingDay(calendar, date);
  const days: ClockDay[] = run.detail ? [{ date: accepted, state: "acceptance_day", note: "受理当日不计入" }] : [];
  let elapsed = 0;
  let pausedDays = 0;
  let nonWorking = 0;
  let dueDate: string | null = limit === 0 ? accepted : null;
  let counted = 0;
  // Walk day by day to the later of the end of the case (or asOf) and the due date.
  for (let date = nextDate(accepted), step = 0; step < MAX_SPAN; date = nextDate(date), step++) {
    const inCase = date <= until;
    const needDue = limit !== null && dueDate === null;
    if (!inCase && !needDue) break;
    const pause = pauseOn(pauses, date);
    // A pause without an end on an open case: the due date cannot be known yet.
    if (pause && pause.to === null && !inCase) break;
    const keep = run.detail && inCase && days.length < MAX_DAYS;
    if (pause) {
      if (keep) days.push({ date, state: "paused", note: `${CASE_EVENT_KIND.labels[pause.kind]}期间，暂停计时` });
      if (inCase) pausedDays++;
    } else if (!counts(date)) {
      if (keep) days.push({ date, state: "non_working", note: calendar.overrides.get(date) === "holiday" ? "法定节假日" : "休息日" });
      if (inCase) nonWorking++;
    } else {
      counted++;
      if (inCase) elapsed++;
      if (limit !== null && counted === limit) dueDate = date;
      if (keep) days.push({ date, state: "counted", note: `第 ${counted} 个${unit === "calendar_day" ? "自然日" : "工作日"}` });
    }
  }
  const dueAt = halfDays ? halfDayDue(c, run) : dueDate ? endOfDate(dueDate) : null;
  if (halfDays && dueAt) dueDate = cstDate(dueAt);
  const onTime = c.completedAt && dueAt ? c.completedAt.getTime() <= dueAt.getTime() : null;
  const overdueOpen = !c.completedAt && dueAt !== null && run.asOf.getTime() > dueAt.getTime();
  const clock = { unit, elapsed, limit: run.limit, dueAt, onTime, overdueOpen, gapYear: null, pausedDays, days };
  return { ...clock, explanation: run.detail ? explain(c, clock, { accepted, completed, until, nonWorking, dueDate }) : "" };
}

function explain(
  c: ClockCase,
  clock: Omit<CaseClock, "explanation">,
  at: { accepted: string; completed: string | null; until: string; nonWorking: number; dueDate: string | null },
): string {
  const unitLabel = clock.unit === "calendar_day" ? "自然日" : "工作日";
  const parts = [`${at.accepted} 受理（受理当日不计入）`];
  const span = naturalDaysBetween(at.accepted, at.until);
  const skipped: string[] = [];
  if (clock.unit === "working_day" && at.nonWorking) skipped.push(`非工作日 ${at.nonWorking} 天`);
  if (clock.pausedDays) skipped.push(`补正或特别程序暂停 ${clock.pausedDays} 天`);
  parts.push(
    `${at.completed ? `至 ${at.completed} 办结` : `至 ${at.until} 尚未办结`}，共 ${span} 天，计 ${clock.elapsed} 个${unitLabel}` +
      (skipped.length ? `（${skipped.join("、")}不计）` : ""),
  );
  if (clock.limit === null) parts.push("未设办理时限，不判断是否超期");
  else if (at.dueDate === null) parts.push(`时限 ${clock.limit} 个${unitLabel}，暂停未结束，到期日待定`);
  else {
    const verdict =
      clock.onTime === true ? "按时办结" : clock.onTime === false ? "超期办结" : clock.overdueOpen ? "已超期未办结" : "尚在时限内";
    const which = c.promisedLimit != null ? "承诺时限" : c.legalLimit != null ? "法定时限" : "即办件时限";
    const due = Number.isInteger(clock.limit) ? at.dueDate : `${at.dueDate} ${cstTime(clock.dueAt!)}`;
    const office = Number.isInteger(clock.limit) ? "" : "（半天按办公时间的上午、下午计，受理所在的半天不计）";
    parts.push(`${which} ${clock.limit} 个${unitLabel}${office}，应于 ${due} 办结，${verdict}`);
  }
  return `${parts.join("；")}。`;
}
