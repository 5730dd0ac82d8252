import { describe, expect, it } from "vitest";
import { addWorkingHalfDays, DEFAULT_OFFICE_HOURS, officeMinutesPerDay, workingTimeBetween } from "./office-hours.ts";
import { CalendarGapError, makeWorkCalendar } from "./working-days.ts";

/** 2024's Spring Festival: 2-4 (Sunday) and 2-18 (Sunday) worked, 2-10 … 2-17 off. */
const calendar = makeWorkCalendar(
  [
    { date: "2024-02-04", kind: "workday" },
    ...["10", "11", "12", "13", "14", "15", "16", "17"].map((d) => ({ date: `2024-02-${d}`, kind: "holiday" as const })),
    { date: "2024-02-18", kind: "workday" },
  ],
  [2024],
);
const at = (text: string) => new Date(`${text}+08:00`);
const hours = DEFAULT_OFFICE_HOURS;

describe("workingTimeBetween", () => {
  it("counts office minutes only: Monday 10:00 → 15:00 is 2 h before lunch and 2 h after (240 of 420 a day)", () => {
    const time = workingTimeBetween(calendar, hours, at("2024-03-04T10:00:00"), at("2024-03-04T15:00:00"));
    expect(time.minutes).toBe(240);
    expect(time.days).toBeCloseTo(240 / 420, 10);
    expect(officeMinutesPerDay(hours)).toBe(420);
  });

  it("skips the weekend: Friday 16:00 → Monday 10:00 is 1 h + 1 h", () => {
    expect(workingTimeBetween(calendar, hours, at("2024-03-08T16:00:00"), at("2024-03-11T10:00:00")).minutes).toBe(120);
  });

  it("follows the holiday notice: the 春节 week is off and the 2-18 Sunday (补班) is worked", () => {
    // Friday 2-9 16:00–17:00, then nothing until Sunday 2-18 9:00–10:00.
    expect(workingTimeBetween(calendar, hours, at("2024-02-09T16:00:00"), at("2024-02-18T10:00:00")).minutes).toBe(120);
    // A whole working day, and a whole make-up Sunday, are one day each.
    expect(workingTimeBetween(calendar, hours, at("2024-02-04T00:00:00"), at("2024-02-05T00:00:00")).days).toBe(1);
  });

  it("is 0 outside office hours and when `to` is not after `from`", () => {
    expect(workingTimeBetween(calendar, hours, at("2024-03-04T12:10:00"), at("2024-03-04T12:50:00")).minutes).toBe(0);
    expect(workingTimeBetween(calendar, hours, at("2024-03-04T15:00:00"), at("2024-03-04T10:00:00")).minutes).toBe(0);
  });

  it("takes a hall's own hours", () => {
    const hall = {
      sessions: [
        { start: "08:30", end: "12:00" },
        { start: "14:30", end: "17:30" },
      ],
    };
    expect(workingTimeBetween(calendar, hall, at("2024-03-04T08:00:00"), at("2024-03-04T15:00:00")).minutes).toBe(210 + 30);
  });

  it("refuses a year the calendar lacks, and hours that are not hours", () => {
    expect(() => workingTimeBetween(calendar, hours, at("2025-01-02T09:00:00"), at("2025-01-03T09:00:00"))).toThrow(CalendarGapError);
    const bad = { sessions: [{ start: "9:00", end: "12:00" }] };
    expect(() => workingTimeBetween(calendar, bad, at("2024-03-04T09:00:00"), at("2024-03-04T11:00:00"))).toThrow(RangeError);
    const backwards = { sessions: [{ start: "12:00", end: "09:00" }] };
    expect(() => workingTimeBetween(calendar, backwards, at("2024-03-04T09:00:00"), at("2024-03-04T11:00:00"))).toThrow(RangeError);
  });
});

describe("addWorkingHalfDays", () => {
  it("does not count the session the instant falls in: Monday 10:00 + ½ day is Monday 17:00", () => {
    expect(addWorkingHalfDays(calendar, hours, at("2024-03-04T10:00:00"), 1)).toEqual(at("2024-03-04T17:00:00"));
  });

  it("counts a session that has not started: 8:00 + ½ is 12:00, 12:30 (lunch) + ½ is 17:00", () => {
    expect(addWorkingHalfDays(calendar, hours, at("2024-03-04T08:00:00"), 1)).toEqual(at("2024-03-04T12:00:00"));
    expect(addWorkingHalfDays(calendar, hours, at("2024-03-04T12:30:00"), 1)).toEqual(at("2024-03-04T17:00:00"));
  });

  it("crosses the weekend and the holiday: Friday 2-9 10:00 + 1½ days ends on the 2-18 make-up Sunday at 17:00", () => {
    expect(addWorkingHalfDays(calendar, hours, at("2024-03-08T14:00:00"), 1)).toEqual(at("2024-03-11T12:00:00"));
    expect(addWorkingHalfDays(calendar, hours, at("2024-02-09T10:00:00"), 3)).toEqual(at("2024-02-18T17:00:00"));
  });

  it("leaves out skipped dates (a 补正 pause): Monday 10:00 + 1½ days with Tuesday paused is Wednesday 17:00", () => {
    const skip = (date: string) => date === "2024-03-05";
    expect(addWorkingHalfDays(calendar, hours, at("2024-03-04T10:00:00"), 3, skip)).toEqual(at("2024-03-06T17:00:00"));
  });

  it("0 is the instant itself; a negative or fractional count is refused", () => {
    expect(addWorkingHalfDays(calendar, hours, at("2024-03-04T10:00:00"), 0)).toEqual(at("2024-03-04T10:00:00"));
    expect(() => addWorkingHalfDays(calendar, hours, at("2024-03-04T10:00:00"), -1)).toThrow(RangeError);
    expect(() => addWorkingHalfDays(calendar, hours, at("2024-03-04T10:00:00"), 1.5)).toThrow(RangeError);
  });
});
