import type { ClockDay } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { clockRuns, clockTally, clockVerdict, limitUsedPercent } from "./case-clock.ts";

const days: ClockDay[] = [
  { date: "2025-03-07", state: "acceptance_day" },
  { date: "2025-03-08", state: "non_working" },
  { date: "2025-03-09", state: "non_working" },
  { date: "2025-03-10", state: "counted" },
  { date: "2025-03-11", state: "paused", note: "补正" },
  { date: "2025-03-12", state: "paused", note: "补正" },
  { date: "2025-03-13", state: "counted" },
];

describe("clock", () => {
  it("counts the days of each state", () => {
    expect(clockTally(days)).toEqual({ acceptance_day: 1, non_working: 2, counted: 2, paused: 2 });
  });

  it("groups consecutive days of one state into runs", () => {
    expect(clockRuns(days)).toEqual([
      { from: "2025-03-07", to: "2025-03-07", state: "acceptance_day", days: 1 },
      { from: "2025-03-08", to: "2025-03-09", state: "non_working", days: 2 },
      { from: "2025-03-10", to: "2025-03-10", state: "counted", days: 1 },
      { from: "2025-03-11", to: "2025-03-12", state: "paused", days: 2, note: "补正" },
      { from: "2025-03-13", to: "2025-03-13", state: "counted", days: 1 },
    ]);
  });

  it("judges the clock: a calendar gap first, then overdue, then within the limit", () => {
    const clock = { limit: 5, gapYear: null };
    expect(clockVerdict(clock, true)).toBe("overdue");
    expect(clockVerdict({ ...clock, gapYear: 2027 }, false)).toBe("gap");
    expect(clockVerdict({ ...clock, limit: null }, false)).toBe("unlimited");
    expect(clockVerdict(clock, false)).toBe("ok");
  });

  it("says how much of the limit was used", () => {
    expect(limitUsedPercent({ elapsed: 6, limit: 5 })).toBe(120);
    expect(limitUsedPercent({ elapsed: 2, limit: null })).toBeNull();
    expect(limitUsedPercent({ elapsed: 2, limit: 0 })).toBeNull();
  });
});
