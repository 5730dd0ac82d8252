import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { isBulletinMonthDisabled } from "./bulletin-month.ts";

describe("月度通报: the month picker", () => {
  const today = dayjs("2026-12-07");
  it("offers the months that have ended, from 2000 on — not the running month nor a later one", () => {
    expect(isBulletinMonthDisabled(dayjs("2026-11-01"), today)).toBe(false);
    expect(isBulletinMonthDisabled(dayjs("2000-01-01"), today)).toBe(false);
    expect(isBulletinMonthDisabled(dayjs("2026-12-01"), today)).toBe(true);
    expect(isBulletinMonthDisabled(dayjs("2027-06-01"), today)).toBe(true);
    expect(isBulletinMonthDisabled(dayjs("1999-02-01"), today)).toBe(true);
  });
});
