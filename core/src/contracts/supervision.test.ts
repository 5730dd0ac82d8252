import { describe, expect, it } from "vitest";
import { cstDate, nextDate } from "../calendar/working-days.ts";
import { bulletinMonthSchema, bulletinPublishProblem, complaintInputSchema, complaintUpdateSchema } from "./supervision.ts";

describe("月度通报: which months may be published", () => {
  it("publishes a month from the day after it ends, never the running month or a later one", () => {
    expect(bulletinPublishProblem("2026-11", "2026-12-01")).toBeNull();
    expect(bulletinPublishProblem("2026-12", "2026-12-31")).toBe(
      "2026-12 尚未结束，不能发布通报（可先预览）：2026-12 的通报自 2027-01-01 起可发布",
    );
    expect(bulletinPublishProblem("2026-12", "2027-01-01")).toBeNull();
    expect(bulletinPublishProblem("2027-06", "2026-12-07")).toContain("2027-06 尚未结束");
    expect(bulletinPublishProblem("2030-01", "2026-12-07")).toContain("自 2030-02-01 起可发布");
  });

  it("refuses a month before 2000 in the schema (publish, preview and the rule trial alike)", () => {
    expect(bulletinMonthSchema.safeParse("1999-02").error!.issues[0]!.message).toBe("月份不能早于 2000-01");
    expect(bulletinMonthSchema.safeParse("2000-01").success).toBe(true);
    expect(bulletinPublishProblem("1999-12", "2026-12-07")).toBe("月份不能早于 2000-01");
  });
});

describe("效能投诉 / 媒体曝光: the date", () => {
  const record = { unitId: "00000000-0000-4000-8000-000000000001", kind: "efficiency_complaint", title: "窗口推诿" };
  it("refuses a date after today (China date), naming the field; today and earlier are fine", () => {
    const today = cstDate(new Date());
    const future = complaintInputSchema.safeParse({ ...record, occurredOn: "2099-01-01" });
    expect(future.error!.issues).toEqual([expect.objectContaining({ path: ["occurredOn"], message: `日期不能晚于今天（${today}）` })]);
    expect(complaintInputSchema.safeParse({ ...record, occurredOn: nextDate(today) }).success).toBe(false);
    expect(complaintInputSchema.safeParse({ ...record, occurredOn: today }).success).toBe(true);
    expect(complaintUpdateSchema.safeParse({ occurredOn: "2099-01-01" }).success).toBe(false);
    expect(complaintUpdateSchema.safeParse({ finding: "substantiated" }).success).toBe(true);
  });
});
