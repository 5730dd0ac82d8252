import { describe, expect, it } from "vitest";
import { makeWorkCalendar } from "../calendar/working-days.ts";
import { type ClockCase, caseClock } from "./clock.ts";

/** 2024's Spring Festival (国办发明电〔2023〕7号): 2–10..2–17 off, Sundays 2–4 and 2–18 worked. */
const holidays = ["2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17"];
const calendar = makeWorkCalendar(
  [
    ...holidays.map((date) => ({ date, kind: "holiday" as const })),
    { date: "2024-02-04", kind: "workday" },
    { date: "2024-02-18", kind: "workday" },
  ],
  [2024, 2025],
);
/** An instant in China Standard Time. */
const cst = (text: string) => new Date(`${text}+08:00`);

const promised = (limit: number, extra: Partial<ClockCase> = {}): ClockCase => ({
  caseType: "promised",
  acceptedAt: cst("2024-02-08T10:00:00"),
  promisedLimit: limit,
  promisedLimitUnit: "working_day",
  ...extra,
});

describe("caseClock over 调休", () => {
  it("skips the holiday and counts the Sunday make-up working day", () => {
    const clock = caseClock(promised(5, { completedAt: cst("2024-02-21T16:00:00") }), [], calendar);
    // 2–9 (1), 2–10..17 off, Sun 2–18 (2), 2–19 (3), 2–20 (4), 2–21 (5).
    expect(clock.elapsed).toBe(5);
    expect(clock.dueAt?.toISOString()).toBe(cst("2024-02-21T23:59:59.999").toISOString());
    expect(clock.onTime).toBe(true);
    expect(clock.days.map((d) => `${d.date.slice(5)} ${d.state}`)).toEqual([
      "02-08 acceptance_day",
      "02-09 counted",
      ...holidays.map((d) => `${d.slice(5)} non_working`),
      "02-18 counted",
      "02-19 counted",
      "02-20 counted",
      "02-21 counted",
    ]);
    expect(clock.days[9]).toEqual({ date: "2024-02-17", state: "non_working", note: "法定节假日" });
    expect(clock.days[10]?.note).toBe("第 2 个工作日");
    expect(clock.explanation).toBe(
      "2024-02-08 受理（受理当日不计入）；至 2024-02-21 办结，共 13 天，计 5 个工作日（非工作日 8 天不计）；承诺时限 5 个工作日，应于 2024-02-21 办结，按时办结。",
    );
  });

  it("is late one day after the due date", () => {
    const clock = caseClock(promised(5, { completedAt: cst("2024-02-22T09:00:00") }), [], calendar);
    expect(clock.elapsed).toBe(6);
    expect(clock.onTime).toBe(false);
    expect(clock.explanation).toContain("超期办结");
  });

  it("counts natural days through the holiday", () => {
    const clock = caseClock(promised(10, { promisedLimitUnit: "calendar_day", completedAt: cst("2024-02-19T09:00:00") }), [], calendar);
    expect(clock.elapsed).toBe(11);
    expect(clock.dueAt?.toISOString()).toBe(cst("2024-02-18T23:59:59.999").toISOString());
    expect(clock.onTime).toBe(false);
  });
});

describe("caseClock with pauses", () => {
  const accepted = cst("2024-03-04T09:00:00"); // Monday
  const correction = { kind: "correction" as const, at: cst("2024-03-05T10:00:00"), endAt: cst("2024-03-07T15:00:00") };

  it("excludes 补正 days after its start up to its end and pushes the due date", () => {
    const clock = caseClock(promised(3, { acceptedAt: accepted, completedAt: cst("2024-03-11T11:00:00") }), [correction], calendar);
    // 3–5 (1), 3–6 and 3–7 paused, 3–8 (2), weekend, 3–11 (3).
    expect(clock.elapsed).toBe(3);
    expect(clock.pausedDays).toBe(2);
    expect(clock.dueAt?.toISOString()).toBe(cst("2024-03-11T23:59:59.999").toISOString());
    expect(clock.onTime).toBe(true);
    expect(clock.days.filter((d) => d.state === "paused").map((d) => [d.date, d.note])).toEqual([
      ["2024-03-06", "补正期间，暂停计时"],
      ["2024-03-07", "补正期间，暂停计时"],
    ]);
    expect(clock.explanation).toContain("补正或特别程序暂停 2 天");
  });

  it("leaves the due date open while a pause of an open case has no end", () => {
    const clock = caseClock(promised(3, { acceptedAt: accepted }), [{ kind: "special", at: cst("2024-03-05T10:00:00") }], calendar, {
      asOf: cst("2024-03-20T10:00:00"),
    });
    expect(clock.dueAt).toBeNull();
    expect(clock.overdueOpen).toBe(false);
    expect(clock.explanation).toContain("到期日待定");
  });

  it("marks an open case past due as overdue", () => {
    const clock = caseClock(promised(3, { acceptedAt: accepted }), [], calendar, { asOf: cst("2024-03-08T10:00:00") });
    expect(clock.dueAt?.toISOString()).toBe(cst("2024-03-07T23:59:59.999").toISOString());
    expect(clock.overdueOpen).toBe(true);
    expect(clock.onTime).toBeNull();
    expect(clock.elapsed).toBe(4);
  });
});

describe("caseClock limits", () => {
  it("gives a 即办件 without a limit the acceptance day", () => {
    const instant: ClockCase = { caseType: "instant", acceptedAt: cst("2024-03-04T09:00:00"), completedAt: cst("2024-03-04T17:00:00") };
    expect(caseClock(instant, [], calendar)).toMatchObject({ elapsed: 0, limit: 0, onTime: true });
    expect(caseClock({ ...instant, completedAt: cst("2024-03-05T09:00:00") }, [], calendar)).toMatchObject({ elapsed: 1, onTime: false });
  });

  it("does not judge a promised case without any limit", () => {
    const clock = caseClock(
      { caseType: "promised", acceptedAt: cst("2024-03-04T09:00:00"), completedAt: cst("2024-03-06T09:00:00") },
      [],
      calendar,
    );
    expect(clock).toMatchObject({ elapsed: 2, limit: null, dueAt: null, onTime: null });
    expect(clock.explanation).toContain("未设办理时限");
  });

  it("is 时限无法计算 naming the year the calendar lacks, never a Mon–Fri guess", () => {
    const clock = caseClock(promised(5, { acceptedAt: cst("2025-12-30T09:00:00"), completedAt: cst("2026-01-06T09:00:00") }), [], calendar);
    expect(clock).toMatchObject({ elapsed: null, dueAt: null, onTime: null, gapYear: 2026 });
    expect(clock.explanation).toContain("工作日历缺少 2026 年");
  });

  it("needs no calendar for natural days", () => {
    const clock = caseClock(
      promised(5, { acceptedAt: cst("2030-01-01T09:00:00"), promisedLimitUnit: "calendar_day", completedAt: cst("2030-01-03T09:00:00") }),
      [],
      calendar,
    );
    expect(clock).toMatchObject({ elapsed: 2, gapYear: null, onTime: true });
  });

  it("skips the day list and sentence when asked", () => {
    const clock = caseClock(promised(5, { completedAt: cst("2024-02-21T16:00:00") }), [], calendar, { explain: false });
    expect(clock).toMatchObject({ elapsed: 5, days: [], explanation: "" });
  });

  describe("a limit in half days (半个工作日), in office hours", () => {
    it("0.5 accepted Thursday 2-8 10:00 is due that afternoon at 17:00: on time at 16:30, late the next morning", () => {
      const onTime = caseClock(promised(0.5, { completedAt: cst("2024-02-08T16:30:00") }), [], calendar);
      expect(onTime).toMatchObject({ limit: 0.5, elapsed: 0, onTime: true });
      expect(onTime.dueAt?.toISOString()).toBe(cst("2024-02-08T17:00:00").toISOString());
      expect(onTime.explanation).toContain(
        "承诺时限 0.5 个工作日（半天按办公时间的上午、下午计，受理所在的半天不计），应于 2024-02-08 17:00 办结，按时办结",
      );
      const late = caseClock(promised(0.5, { completedAt: cst("2024-02-09T09:30:00") }), [], calendar);
      expect(late).toMatchObject({ elapsed: 1, onTime: false });
    });

    it("1.5 from Friday 2-9 10:00 crosses 春节 to the make-up Sunday 2-18 at 17:00", () => {
      const clock = caseClock(promised(1.5, { acceptedAt: cst("2024-02-09T10:00:00") }), [], calendar, {
        asOf: cst("2024-02-19T09:00:00"),
      });
      expect(clock.dueAt?.toISOString()).toBe(cst("2024-02-18T17:00:00").toISOString());
      expect(clock.overdueOpen).toBe(true);
    });

    it("leaves out a 补正 pause, and waits while a pause has no end", () => {
      const correction = { kind: "correction" as const, at: cst("2024-03-04T11:00:00"), endAt: cst("2024-03-05T15:00:00") };
      const accepted = cst("2024-03-04T10:00:00");
      // Monday afternoon (1), Tuesday 3-5 paused, Wednesday morning (2), afternoon (3).
      const clock = caseClock(promised(1.5, { acceptedAt: accepted }), [correction], calendar, { asOf: accepted });
      expect(clock.dueAt?.toISOString()).toBe(cst("2024-03-06T17:00:00").toISOString());
      const open = caseClock(promised(1.5, { acceptedAt: accepted }), [{ ...correction, endAt: null }], calendar, { asOf: accepted });
      expect(open).toMatchObject({ dueAt: null, overdueOpen: false });
    });

    it("takes the hall's own office hours", () => {
      const hall = {
        sessions: [
          { start: "08:30", end: "12:00" },
          { start: "14:30", end: "18:00" },
        ],
      };
      const clock = caseClock(promised(0.5), [], calendar, { officeHours: hall, asOf: cst("2024-02-08T10:00:00") });
      expect(clock.dueAt?.toISOString()).toBe(cst("2024-02-08T18:00:00").toISOString());
    });

    it("is 时限无法计算 when the half days need a year the calendar lacks", () => {
      const clock = caseClock(promised(0.5, { acceptedAt: cst("2026-01-05T10:00:00") }), [], calendar);
      expect(clock).toMatchObject({ dueAt: null, gapYear: 2026 });
    });
  });
});

describe("the clock without its day list (the ingest's and the warning rules' form)", () => {
  it("gives the figures of the explained walk for 2 000 cases without pauses: limits, units, open and late, gaps", () => {
    const gappy = makeWorkCalendar([{ date: "2024-02-12", kind: "holiday" }], [2024, 2026]);
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const at = (base: string, days: number) => new Date(Date.parse(`${base}T01:30:00Z`) + Math.floor(random() * days) * 86_400_000);
    for (const cal of [calendar, gappy]) {
      for (let i = 0; i < 1000; i++) {
        const acceptedAt = at("2024-01-01", 700);
        const c: ClockCase = {
          caseType: random() < 0.2 ? "instant" : "promised",
          acceptedAt,
          completedAt: random() < 0.3 ? null : new Date(acceptedAt.getTime() + Math.floor(random() * 40) * 86_400_000 + 3_600_000),
          promisedLimit: random() < 0.1 ? null : Math.floor(random() * 30),
          promisedLimitUnit: random() < 0.2 ? "calendar_day" : "working_day",
        };
        const asOf = new Date(acceptedAt.getTime() + Math.floor(random() * 900) * 86_400_000);
        const quick = caseClock(c, [], cal, { asOf, explain: false });
        const walked = caseClock(c, [], cal, { asOf, explain: true });
        const { days: _d, explanation: _e, ...figures } = walked;
        expect({ ...quick, days: undefined, explanation: undefined }, JSON.stringify(c)).toEqual({
          ...figures,
          days: undefined,
          explanation: undefined,
        });
      }
    }
  });
});
