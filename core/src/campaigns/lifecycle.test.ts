import { describe, expect, it } from "vitest";
import type { Phases } from "../contracts/campaigns.ts";
import { appealDatesState, appealOpeningWarning, appealRefusal, appealWindow } from "./lifecycle.ts";

const phases: Phases = {
  reportingOpens: "2026-03-01",
  reportingCloses: "2026-03-31",
  appealOpens: "2026-05-10",
  appealCloses: "2026-05-15",
};
/** A moment in China Standard Time. */
const at = (local: string) => Date.parse(`${local}+08:00`);

describe("the appeal window", () => {
  it("opens at 00:00 of appealOpens and closes at 24:00 of appealCloses, China Standard Time", () => {
    expect(appealDatesState(phases, at("2026-05-09T23:59:59"))).toBe("before");
    expect(appealDatesState(phases, at("2026-05-10T00:00:00"))).toBe("within");
    expect(appealDatesState(phases, at("2026-05-15T23:59:59"))).toBe("within");
    expect(appealDatesState(phases, at("2026-05-16T00:00:00"))).toBe("after");
    expect(appealDatesState({ reportingOpens: "2026-03-01", reportingCloses: "2026-03-31" }, at("2030-01-01T00:00:00"))).toBe("within");
  });

  it("receives appeals only in the appeal phase and within the dates", () => {
    expect(appealWindow("reviewing", phases, at("2026-05-12T10:00:00")).open).toBe(false);
    expect(appealWindow("appeal", phases, at("2026-05-09T10:00:00"))).toEqual({ open: false, message: "申诉期自 2026-05-10 开始" });
    expect(appealWindow("appeal", phases, at("2026-05-12T10:00:00"))).toEqual({ open: true, message: "申诉期 2026-05-10 至 2026-05-15" });
    expect(appealWindow("appeal", phases, at("2026-05-16T10:00:00")).message).toBe("申诉期已于 2026-05-15 截止，不再受理申诉");
  });

  it("warns the office opening the phase before the window with the date, and after it with the closing date", () => {
    const early = appealOpeningWarning(phases, at("2026-05-01T09:00:00"));
    expect(early).toContain("申诉期定于 2026-05-10 开始");
    expect(early).toContain("各单位要到 2026-05-10 才能提出申诉");
    expect(appealOpeningWarning(phases, at("2026-05-20T09:00:00"))).toContain("申诉期已于 2026-05-15 截止");
    expect(appealOpeningWarning(phases, at("2026-05-10T09:00:00"))).toBeNull();
  });
});

describe("appealRefusal: the one rule behind the appeal command and canAppeal", () => {
  const open = { status: "appeal" as const, phases, now: at("2026-05-12T10:00:00") };

  it("lets a unit appeal a confirmed finding without an open or upheld appeal", () => {
    expect(appealRefusal({ ...open, findingStatus: "confirmed", appealStatuses: [] })).toBeNull();
  });

  it("names why not: the window, the finding's status, a pending or upheld appeal", () => {
    expect(appealRefusal({ ...open, now: at("2026-05-09T10:00:00"), findingStatus: "confirmed", appealStatuses: [] })).toBe(
      "申诉期自 2026-05-10 开始",
    );
    expect(appealRefusal({ ...open, findingStatus: "overturned", appealStatuses: ["overturned"] })).toBe("只能对已确认的问题提出申诉");
    expect(appealRefusal({ ...open, findingStatus: "confirmed", appealStatuses: ["pending"] })).toContain("待处理的申诉");
    expect(appealRefusal({ ...open, findingStatus: "confirmed", appealStatuses: ["upheld"] })).toContain("裁定维持");
  });
});
