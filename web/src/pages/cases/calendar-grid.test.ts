import { describe, expect, it } from "vitest";
import { type CalendarDay, monthGrid, workingDayCounts } from "./calendar-grid.ts";

const day = (date: string, kind: CalendarDay["kind"], name: string | null = null): CalendarDay => ({
  date,
  kind,
  name,
  source: "chinese-days",
  regionCode: "",
});

/** October 2024: National Day 10-01..07, make-up days Sun 09-29 and Sat 10-12. */
const october = [1, 2, 3, 4, 5, 6, 7].map((d) => day(`2024-10-0${d}`, "holiday", "国庆节"));
const days = [day("2024-09-29", "workday", "国庆节补班"), ...october, day("2024-10-12", "workday", "国庆节补班")];

describe("monthGrid", () => {
  it("lays a month out Monday first, padded to whole weeks", () => {
    const weeks = monthGrid(2024, 10, days);
    // 2024-10-01 is a Tuesday: one empty Monday before it; 31 days + 1 → 5 weeks, 3 cells padded after.
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toBeNull();
    expect(weeks[0]![1]).toMatchObject({ date: "2024-10-01", day: 1, kind: "holiday", isWorking: false });
    expect(weeks[4]!.slice(4)).toEqual([null, null, null]);
  });

  it("takes the calendar's word over the weekday", () => {
    const cells = monthGrid(2024, 10, days).flat();
    expect(cells.find((c) => c?.date === "2024-10-12")).toMatchObject({ kind: "workday", isWorking: true }); // Saturday
    expect(cells.find((c) => c?.date === "2024-10-13")).toMatchObject({ kind: "weekend", isWorking: false, entry: null });
    expect(cells.find((c) => c?.date === "2024-10-08")).toMatchObject({ kind: "weekday", isWorking: true });
  });

  it("handles February of a leap year", () => {
    expect(
      monthGrid(2024, 2, [])
        .flat()
        .filter((c) => c).length,
    ).toBe(29);
  });
});

describe("workingDayCounts", () => {
  it("counts make-up days in and the holiday week out", () => {
    const counts = workingDayCounts(2024, days);
    // October 2024 has 23 weekdays; 5 of them are National Day, plus Sat 10-12: 19.
    expect(counts[9]).toBe(19);
    // September: 21 weekdays plus Sun 09-29.
    expect(counts[8]).toBe(22);
  });
});
