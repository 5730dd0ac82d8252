import { describe, expect, it } from "vitest";
import { isReplyLate, refuseOrderAction, workingDeadline } from "./orders.ts";
import { cst, QINGMING_2024 } from "./test-calendar.ts";

const calendar = QINGMING_2024;

describe("supervision orders", () => {
  it("gives a deadline of N working days on the office calendar, the issuing day not counted", () => {
    // Issued Wednesday 3 April: counted 7 (make-up Sunday), 8, 9 April.
    expect(workingDeadline(calendar, cst("2024-04-03T16:00:00"), 3).toISOString()).toBe(cst("2024-04-09T23:59:59.999").toISOString());
    expect(workingDeadline(calendar, cst("2024-04-03T16:00:00"), 1).toISOString()).toBe(cst("2024-04-07T23:59:59.999").toISOString());
  });

  it("lets each party act only from its statuses, and says why not", () => {
    expect(refuseOrderAction("issued", "reply")).toBeNull();
    expect(refuseOrderAction("investigating", "correct")).toBeNull();
    expect(refuseOrderAction("replied", "close")).toBeNull();
    expect(refuseOrderAction("closed", "reply")).toBe("该督办单已办结，不能再办理");
    expect(refuseOrderAction("issued", "close")).toBe("该督办单当前为「待反馈」，不能核销办结");
    expect(refuseOrderAction("replied", "reply")).toBe("该督办单当前为「已反馈待核」，不能情况反馈");
  });

  it("counts a reply late after the first deadline, even when 催办 gave a new one", () => {
    const due = cst("2024-04-09T23:59:59.999");
    expect(isReplyLate(due, cst("2024-04-09T23:00:00"))).toBe(false);
    expect(isReplyLate(due, cst("2024-04-10T08:00:00"))).toBe(true);
  });
});
