import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  CalendarGapError,
  cstDate,
  cstStart,
  isWorkingDay,
  makeWorkCalendar,
  naturalDaysBetween,
  nextDate,
  workingDaysBetween,
} from "./working-days.ts";

/** The State Council's 2024 notice around the Spring Festival and National Day, and 2025's first days. */
const calendar = makeWorkCalendar(
  [
    { date: "2024-02-04", kind: "workday" }, // Sunday, 补班
    ...["10", "11", "12", "13", "14", "15", "16", "17"].map((d) => ({ date: `2024-02-${d}`, kind: "holiday" as const })),
    { date: "2024-02-18", kind: "workday" }, // Sunday, 补班
    ...["01", "02", "03", "04", "05", "06", "07"].map((d) => ({ date: `2024-10-${d}`, kind: "holiday" as const })),
    { date: "2024-09-29", kind: "workday" }, // Sunday, 补班
    { date: "2024-10-12", kind: "workday" }, // Saturday, 补班
    { date: "2025-01-01", kind: "holiday" },
  ],
  [2024, 2025],
);

describe("isWorkingDay", () => {
  it("follows Monday–Friday where the notice says nothing", () => {
    expect(isWorkingDay(calendar, "2024-03-04")).toBe(true); // Monday
    expect(isWorkingDay(calendar, "2024-03-08")).toBe(true); // Friday
    expect(isWorkingDay(calendar, "2024-03-09")).toBe(false); // Saturday
    expect(isWorkingDay(calendar, "2024-03-10")).toBe(false); // Sunday
  });

  it("turns weekdays into holidays and weekends into make-up working days (调休补班)", () => {
    expect(isWorkingDay(calendar, "2024-02-04")).toBe(true);
    expect(isWorkingDay(calendar, "2024-02-18")).toBe(true);
    expect(isWorkingDay(calendar, "2024-02-12")).toBe(false); // Monday of 春节
    expect(isWorkingDay(calendar, "2024-10-01")).toBe(false);
    expect(isWorkingDay(calendar, "2025-01-01")).toBe(false);
  });

  it("does not guess Monday–Friday for a year the calendar does not cover: it names the year", () => {
    expect(() => isWorkingDay(calendar, "2026-03-02")).toThrow(CalendarGapError);
    try {
      isWorkingDay(calendar, "2023-12-29");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarGapError);
      expect((error as CalendarGapError).year).toBe(2023);
      expect((error as Error).message).toContain("2023 年");
      expect((error as Error).message).toContain("时限无法计算");
    }
  });

  it("refuses what is not a date instead of comparing garbage", () => {
    expect(() => isWorkingDay(calendar, "2024-1-5")).toThrow(RangeError);
    expect(() => isWorkingDay(calendar, "2024-02-30")).toThrow(RangeError);
    expect(() => isWorkingDay(calendar, "2023-02-29")).toThrow(RangeError); // not a leap year
    expect(() => isWorkingDay(calendar, "2024-13-01")).toThrow(RangeError);
    expect(isWorkingDay(calendar, "2024-02-29")).toBe(true);
    expect(() => isWorkingDay(calendar, "")).toThrow(RangeError);
  });
});

describe("addWorkingDays (行政许可法 §82: the day of acceptance is not counted)", () => {
  it("counts from the next day, skipping weekends", () => {
    expect(addWorkingDays(calendar, "2024-03-04", 1)).toBe("2024-03-05");
    expect(addWorkingDays(calendar, "2024-03-08", 1)).toBe("2024-03-11"); // Friday → Monday
    expect(addWorkingDays(calendar, "2024-03-04", 5)).toBe("2024-03-11");
  });

  it("N = 0 is the day itself, even a holiday", () => {
    expect(addWorkingDays(calendar, "2024-10-03", 0)).toBe("2024-10-03");
  });

  it("skips the National Day week and counts the make-up Saturday", () => {
    // Accepted Mon 2024-09-30: 10-01..07 off, 10-08 (Tue) is the 1st, … 10-11 (Fri) the 4th, Sat 10-12 (补班) the 5th.
    expect(addWorkingDays(calendar, "2024-09-30", 1)).toBe("2024-10-08");
    expect(addWorkingDays(calendar, "2024-09-30", 5)).toBe("2024-10-12");
    expect(addWorkingDays(calendar, "2024-09-30", 6)).toBe("2024-10-14");
  });

  it("counts a make-up Sunday", () => {
    // Accepted Sat 2024-02-03: Sun 02-04 is a working day.
    expect(addWorkingDays(calendar, "2024-02-03", 1)).toBe("2024-02-04");
    // Accepted Fri 2024-02-09: 02-10..17 off, Sun 02-18 is the first working day.
    expect(addWorkingDays(calendar, "2024-02-09", 1)).toBe("2024-02-18");
  });

  it("crosses into the next covered year and stops at an uncovered one", () => {
    expect(addWorkingDays(calendar, "2024-12-31", 1)).toBe("2025-01-02");
    expect(() => addWorkingDays(calendar, "2025-12-30", 5)).toThrow(CalendarGapError);
  });

  it("refuses a negative, fractional or NaN limit rather than answering the start day", () => {
    expect(() => addWorkingDays(calendar, "2024-03-04", -1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, "2024-03-04", 0.5)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, "2024-03-04", Number.NaN)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts working days in (from, to]", () => {
    expect(workingDaysBetween(calendar, "2024-03-04", "2024-03-04")).toBe(0);
    expect(workingDaysBetween(calendar, "2024-03-04", "2024-03-05")).toBe(1);
    expect(workingDaysBetween(calendar, "2024-03-04", "2024-03-11")).toBe(5);
    expect(workingDaysBetween(calendar, "2024-03-08", "2024-03-10")).toBe(0); // over a weekend
  });

  it("is 0 when `to` is before `from`", () => {
    expect(workingDaysBetween(calendar, "2024-03-11", "2024-03-04")).toBe(0);
  });

  it("agrees with addWorkingDays across holidays and make-up days", () => {
    for (const n of [1, 3, 5, 8, 13, 20]) {
      const due = addWorkingDays(calendar, "2024-09-27", n);
      expect(workingDaysBetween(calendar, "2024-09-27", due)).toBe(n);
    }
    // 2024-09-27 (Fri) → 2024-10-12 (Sat 补班): 09-29 (Sun 补班), 09-30, 10-08..10-11, 10-12.
    expect(workingDaysBetween(calendar, "2024-09-27", "2024-10-12")).toBe(7);
  });

  it("throws the gap when the range reaches an uncovered year", () => {
    expect(() => workingDaysBetween(calendar, "2025-12-30", "2026-01-05")).toThrow(CalendarGapError);
  });
});

describe("China Standard Time", () => {
  it("puts an instant on its CST date across midnight", () => {
    expect(cstDate(new Date("2024-09-30T15:59:59.999Z"))).toBe("2024-09-30");
    expect(cstDate(new Date("2024-09-30T16:00:00Z"))).toBe("2024-10-01"); // 00:00 CST
    expect(cstDate(new Date("2024-12-31T16:30:00Z"))).toBe("2025-01-01"); // across the year
    expect(cstDate(new Date("2024-10-01T23:30:00+08:00"))).toBe("2024-10-01");
  });

  it("starts a date at 00:00 CST (16:00 UTC the day before)", () => {
    expect(cstStart("2024-10-01").toISOString()).toBe("2024-09-30T16:00:00.000Z");
    expect(cstDate(cstStart("2024-10-01"))).toBe("2024-10-01");
  });

  it("steps dates across month and leap-day ends", () => {
    expect(nextDate("2024-02-28")).toBe("2024-02-29");
    expect(nextDate("2024-02-29")).toBe("2024-03-01");
    expect(nextDate("2024-12-31")).toBe("2025-01-01");
    expect(nextDate("2024-03-01", -1)).toBe("2024-02-29");
    expect(nextDate("2100-02-28")).toBe("2100-03-01"); // not a leap year
    expect(nextDate("2000-02-28")).toBe("2000-02-29"); // a leap year
  });

  it("steps by the digits exactly as by the clock, every day from 1999 to 2031", () => {
    const byClock = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    for (let date = "1999-01-01"; date < "2031-12-31"; date = byClock(date)) expect(nextDate(date)).toBe(byClock(date));
  });

  it("answers a repeated question from memory with the same answer", () => {
    expect(isWorkingDay(calendar, "2024-02-18")).toBe(true);
    expect(isWorkingDay(calendar, "2024-02-18")).toBe(true);
    // What is not a date is refused every time, not remembered.
    expect(() => isWorkingDay(calendar, "2024-2-18")).toThrow(RangeError);
    expect(() => isWorkingDay(calendar, "2024-2-18")).toThrow(RangeError);
  });

  it("counts natural days, never negative", () => {
    expect(naturalDaysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(naturalDaysBetween("2024-03-01", "2024-02-28")).toBe(0);
  });
});

describe("counting by the running counts, as a walk over the dates would", () => {
  /** The definitions, day by day: what the running counts must answer, gaps included. */
  const walkBetween = (cal: typeof calendar, from: string, to: string) => {
    let count = 0;
    for (let date = nextDate(from); date <= to; date = nextDate(date)) if (isWorkingDay(cal, date)) count++;
    return count;
  };
  const walkAdd = (cal: typeof calendar, from: string, n: number) => {
    let date = from;
    for (let left = n; left > 0; ) {
      date = nextDate(date);
      if (isWorkingDay(cal, date)) left--;
    }
    return date;
  };
  const outcome = (fn: () => unknown) => {
    try {
      return fn();
    } catch (error) {
      return error instanceof CalendarGapError ? `gap ${error.year}` : String(error);
    }
  };
  // 2023 uncovered between covered years: a count across it is 时限无法计算, one that ends before it is not.
  const gappy = makeWorkCalendar([{ date: "2024-02-18", kind: "workday" }], [2021, 2022, 2024, 2025]);

  it("agrees with the walk on 3 000 spans and additions, across years, holidays, gaps and 31 December", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const dateIn = (from: string, days: number) => nextDate(from, Math.floor(random() * days));
    for (const cal of [calendar, gappy]) {
      for (let i = 0; i < 1500; i++) {
        const from = i % 50 === 0 ? "2022-12-31" : dateIn("2021-06-01", 1600);
        const to = dateIn(from, 800);
        expect(
          outcome(() => workingDaysBetween(cal, from, to)),
          `${from}..${to}`,
        ).toEqual(outcome(() => walkBetween(cal, from, to)));
        const n = Math.floor(random() * 400);
        expect(
          outcome(() => addWorkingDays(cal, from, n)),
          `${from} + ${n}`,
        ).toEqual(outcome(() => walkAdd(cal, from, n)));
      }
    }
  });

  it("does not need the year of a span's first day when only the next year's days are counted", () => {
    // 31 December 2023 (uncovered) is not counted itself: (31 Dec, 3 Jan] lies in covered 2024.
    expect(workingDaysBetween(gappy, "2023-12-31", "2024-01-03")).toBe(3);
    expect(addWorkingDays(gappy, "2023-12-31", 1)).toBe("2024-01-01");
    expect(() => workingDaysBetween(gappy, "2022-12-31", "2023-01-02")).toThrow(CalendarGapError);
  });
});
