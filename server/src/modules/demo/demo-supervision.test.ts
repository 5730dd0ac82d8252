import { cstDate, makeWorkCalendar, WARNING_RULE_KIND } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { INSTRUCTIONS, issueTime } from "./demo-supervision.ts";

const QINGMING_2024 = makeWorkCalendar(
  [
    { date: "2024-04-04", kind: "holiday" },
    { date: "2024-04-05", kind: "holiday" },
    { date: "2024-04-07", kind: "workday" },
  ],
  [2024],
);

describe("the demo's 督办", () => {
  it("issues at 9:30 China time on the first working day after the warning arose, never at its 23:59:59 nor on a day off", () => {
    // 2024's 清明: 4 and 5 April off, Sunday 7 April worked.
    const overdueAt = new Date("2024-04-02T15:59:59.999Z"); // Tuesday 2 April 23:59:59.999 CST, an 超期's due instant
    expect(issueTime(overdueAt, QINGMING_2024).toISOString()).toBe("2024-04-03T01:30:00.000Z");
    const beforeHoliday = new Date("2024-04-03T01:00:00Z"); // Wednesday 3 April 09:00 CST: the next three days are off
    expect(cstDate(issueTime(beforeHoliday, QINGMING_2024))).toBe("2024-04-07");
    const friday = new Date("2024-04-12T08:00:00Z"); // Friday 12 April 16:00 CST
    expect(cstDate(issueTime(friday, QINGMING_2024))).toBe("2024-04-15");
  });

  it("words the instruction for the warning's rule: only 超期 asks for the reason it was late", () => {
    for (const kind of WARNING_RULE_KIND.values) expect(INSTRUCTIONS[kind]).toBeTruthy();
    expect(INSTRUCTIONS.fee_anomaly).toContain("收费");
    expect(INSTRUCTIONS.fee_anomaly).not.toContain("超期");
    expect(INSTRUCTIONS.overdue).toContain("超期原因");
    expect(Object.values(INSTRUCTIONS).filter((text) => text.includes("超期原因"))).toEqual([INSTRUCTIONS.overdue]);
  });
});
