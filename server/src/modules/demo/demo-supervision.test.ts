import { cstDate, WARNING_RULE_KIND } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { INSTRUCTIONS, issueTime } from "./demo-supervision.ts";

describe("the demo's 督办", () => {
  it("issues at 9:30 China time the day after the warning arose, never at its 23:59:59", () => {
    const overdueAt = new Date("2026-03-10T15:59:59.999Z"); // 2026-03-10 23:59:59.999 CST, an 超期's due instant
    expect(issueTime(overdueAt).toISOString()).toBe("2026-03-11T01:30:00.000Z");
    const morning = new Date("2026-03-10T01:00:00Z"); // 09:00 CST
    expect(cstDate(issueTime(morning))).toBe("2026-03-11");
  });

  it("words the instruction for the warning's rule: only 超期 asks for the reason it was late", () => {
    for (const kind of WARNING_RULE_KIND.values) expect(INSTRUCTIONS[kind]).toBeTruthy();
    expect(INSTRUCTIONS.fee_anomaly).toContain("收费");
    expect(INSTRUCTIONS.fee_anomaly).not.toContain("超期");
    expect(INSTRUCTIONS.overdue).toContain("超期原因");
    expect(Object.values(INSTRUCTIONS).filter((text) => text.includes("超期原因"))).toEqual([INSTRUCTIONS.overdue]);
  });
});
