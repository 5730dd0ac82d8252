import { CASE_EVENT_KIND, type CaseEventKind } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { eventColor, eventEndNote, isPausingEvent } from "./case-timeline.ts";

const END = "2024-04-03T07:00:00.000Z";

describe("case timeline", () => {
  it("says the clock paused only for 补正 and 特别程序", () => {
    expect(eventEndNote({ kind: "correction", endAt: END })).toEqual({ key: "cases.detail.pausedUntil", at: END });
    expect(eventEndNote({ kind: "special", endAt: END })).toEqual({ key: "cases.detail.pausedUntil", at: END });
  });

  it("says only when it ended for every other step with an end time", () => {
    const others = CASE_EVENT_KIND.values.filter((kind) => kind !== "correction" && kind !== "special");
    expect(others).toEqual(["accept", "review", "decide", "complete", "deliver"]);
    for (const kind of others) expect(eventEndNote({ kind, endAt: END }), kind).toEqual({ key: "cases.detail.endedAt", at: END });
  });

  it("adds no line without an end time", () => {
    for (const kind of CASE_EVENT_KIND.values) expect(eventEndNote({ kind, endAt: null }), kind).toBeNull();
  });

  it("colours the pauses orange, 办结 green, the rest blue", () => {
    const colours = Object.fromEntries(CASE_EVENT_KIND.values.map((kind: CaseEventKind) => [kind, eventColor(kind)]));
    expect(colours).toEqual({
      accept: "blue",
      review: "blue",
      correction: "orange",
      special: "orange",
      decide: "blue",
      complete: "green",
      deliver: "blue",
    });
    expect(isPausingEvent("review")).toBe(false);
  });
});
