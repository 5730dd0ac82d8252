import type { CallOutcome } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import {
  initialSheet,
  nextCall,
  parseSeconds,
  type SheetCall,
  type SheetEvent,
  type SheetState,
  type SheetStep,
  sheetStep,
  sheetTakesKey,
} from "./call-sheet-keys.ts";

const call = (id: string, outcome: CallOutcome | null = null): SheetCall => ({ id, outcome });
const sheet = (...calls: SheetCall[]) => initialSheet(calls);

/** Presses the keys one by one; the last step, with every save asked for on the way. */
function press(state: SheetState, ...keys: string[]): SheetStep & { saves: SheetStep["save"][] } {
  let last: SheetStep = { state, save: null, handled: false };
  const saves: SheetStep["save"][] = [];
  for (const key of keys) {
    last = sheetStep(last.state, { type: "key", key });
    if (last.save) saves.push(last.save);
  }
  return { ...last, saves };
}

const on = (state: SheetState, event: SheetEvent) => sheetStep(state, event).state;

describe("the call sheet's keys", () => {
  it("starts on the first pending call", () => {
    expect(sheet(call("a", "busy"), call("b"), call("c")).current).toBe("b");
    expect(sheet(call("a", "busy")).current).toBe("a");
    expect(sheet().current).toBeNull();
  });

  it("logs a connected call in four keys: outcome, seconds, Enter", () => {
    const done = press(sheet(call("a"), call("b")), "1", "1", "2", "Enter");
    expect(done.save).toEqual({ callId: "a", outcome: "answered_correct", secondsToAnswer: 12 });
    expect(done.state.isSaving).toBe(true);
    expect(done.handled).toBe(true);
  });

  it("logs an unconnected call in two, sending no seconds; a digit after it picks again", () => {
    expect(press(sheet(call("a")), "5", "Enter").save).toEqual({ callId: "a", outcome: "no_answer", secondsToAnswer: null });
    expect(press(sheet(call("a")), "5", "7", "Enter").save).toMatchObject({ outcome: "dead_number" });
    const nine = press(sheet(call("a")), "6", "9");
    expect(nine.state.draft).toEqual({ outcome: "busy", seconds: "" });
    expect(nine.state.notice).toBe("noSeconds");
  });

  it("maps each key 1–7 to its outcome in CALL_OUTCOME's order", () => {
    const picked = ["1", "2", "3", "4", "5", "6", "7"].map((key) => press(sheet(call("a")), key).state.draft.outcome);
    expect(picked).toEqual(["answered_correct", "answered_wrong", "wrong_department", "hung_up", "no_answer", "busy", "dead_number"]);
    expect(press(sheet(call("a")), "8").state).toMatchObject({ draft: { outcome: null }, notice: "pickOutcome" });
  });

  it("refuses Enter without an outcome, and seconds beyond 600", () => {
    const none = press(sheet(call("a")), "Enter");
    expect(none.save).toBeNull();
    expect(none.state.notice).toBe("pickOutcome");
    const long = press(sheet(call("a")), "1", "6", "0", "1");
    expect(long.state.draft.seconds).toBe("60");
    expect(long.state.notice).toBe("secondsMax");
    expect(press(sheet(call("a")), "1", "6", "0", "0").state.draft.seconds).toBe("600");
    expect(press(sheet(call("a")), "1", "0", "7").state.draft.seconds).toBe("7");
  });

  it("takes back digits, then the outcome, with Backspace", () => {
    const typed = press(sheet(call("a")), "2", "1", "5");
    expect(press(typed.state, "Backspace").state.draft).toEqual({ outcome: "answered_wrong", seconds: "1" });
    expect(press(typed.state, "Backspace", "Backspace", "Backspace").state.draft).toEqual({ outcome: null, seconds: "" });
    expect(press(sheet(call("a")), "Backspace").handled).toBe(false);
  });

  it("skips with Esc to the next pending call, round to the top, leaving the skipped one pending", () => {
    const start = sheet(call("a"), call("b", "busy"), call("c"), call("d"));
    expect(press(start, "Escape").state.current).toBe("c");
    expect(press(start, "Escape", "Escape").state.current).toBe("d");
    expect(press(start, "Escape", "Escape", "Escape").state.current).toBe("a");
    // A draft does not follow the skip.
    expect(press(start, "3", "Escape").state.draft).toEqual({ outcome: null, seconds: "" });
  });

  it("moves with the arrows, row by row, stopping at the ends", () => {
    const start = sheet(call("a"), call("b", "busy"), call("c"));
    expect(press(start, "ArrowDown").state.current).toBe("b");
    expect(press(start, "ArrowDown", "ArrowDown", "ArrowDown").state.current).toBe("c");
    expect(press(start, "ArrowUp").state.current).toBe("a");
  });

  it("after a save, moves to the next pending call and drops the saved one from a pending-only sheet", () => {
    const sent = press(sheet(call("a"), call("b"), call("c")), "4", "Enter");
    const saved = on(sent.state, { type: "saved", call: call("a", "hung_up"), keep: false });
    expect(saved).toMatchObject({ current: "b", isSaving: false, draft: { outcome: null, seconds: "" } });
    expect(saved.calls.map((c) => c.id)).toEqual(["b", "c"]);
    const kept = on(sent.state, { type: "saved", call: call("a", "hung_up"), keep: true });
    expect(kept.calls).toEqual([call("a", "hung_up"), call("b"), call("c")]);
    expect(kept.current).toBe("b");
  });

  it("ends with no current call once the last pending one is saved", () => {
    const sent = press(sheet(call("a")), "6", "Enter");
    expect(on(sent.state, { type: "saved", call: call("a", "busy"), keep: false })).toMatchObject({ calls: [], current: null });
  });

  it("corrects recorded calls row by row when none is pending", () => {
    const recorded = sheet(call("a", "busy"), call("b", "busy"));
    const sent = press(recorded, "5", "Enter");
    expect(on(sent.state, { type: "saved", call: call("a", "no_answer"), keep: true }).current).toBe("b");
  });

  it("waits while a save is on its way, and keeps the draft when it fails", () => {
    const sent = press(sheet(call("a"), call("b")), "1", "8", "Enter");
    const waiting = press(sent.state, "3", "Escape", "Enter");
    expect(waiting.state).toEqual(sent.state);
    expect(waiting.saves).toEqual([]);
    expect(waiting.handled).toBe(true);
    const failed = on(sent.state, { type: "failed" });
    expect(failed).toMatchObject({ isSaving: false, current: "a", draft: { outcome: "answered_correct", seconds: "8" } });
  });

  it("keeps the current call and its draft over a refresh that still holds it", () => {
    const typed = press(sheet(call("a"), call("b")), "ArrowDown", "2").state;
    const reloaded = on(typed, { type: "load", calls: [call("b"), call("c")] });
    expect(reloaded).toMatchObject({ current: "b", draft: { outcome: "answered_wrong" } });
    expect(on(typed, { type: "load", calls: [call("c")] })).toMatchObject({ current: "c", draft: { outcome: null } });
  });

  it("takes clicks and typing: a row, an outcome button, the seconds field", () => {
    const start = sheet(call("a"), call("b"));
    expect(on(start, { type: "select", id: "b" }).current).toBe("b");
    expect(on(start, { type: "select", id: "zz" }).current).toBe("a");
    const typed = on(on(start, { type: "outcome", outcome: "answered_correct" }), { type: "seconds", value: "09" });
    expect(typed.draft).toEqual({ outcome: "answered_correct", seconds: "9" });
    expect(on(typed, { type: "outcome", outcome: "busy" }).draft).toEqual({ outcome: "busy", seconds: "" });
    expect(on(typed, { type: "seconds", value: "abc" }).notice).toBe("secondsMax");
    expect(press(typed, "Enter").save).toEqual({ callId: "a", outcome: "answered_correct", secondsToAnswer: 9 });
  });

  it("ignores keys on an empty sheet", () => {
    expect(press(sheet(), "1", "Enter").saves).toEqual([]);
  });
});

describe("nextCall", () => {
  it("prefers pending calls, then the row below", () => {
    const calls = [call("a", "busy"), call("b"), call("c", "busy")];
    expect(nextCall(calls, "a")).toBe("b");
    expect(nextCall(calls, "b")).toBe("c");
    expect(nextCall(calls, "c")).toBe("b");
    expect(nextCall([call("a", "busy"), call("b", "busy")], "b")).toBeNull();
  });
});

describe("parseSeconds", () => {
  it("takes whole seconds up to 600", () => {
    expect(parseSeconds(" 12 ")).toBe("12");
    expect(parseSeconds("")).toBe("");
    expect(parseSeconds("601")).toBeNull();
    expect(parseSeconds("1.5")).toBeNull();
  });
});

describe("sheetTakesKey", () => {
  const origin = { ctrlKey: false, altKey: false, metaKey: false };
  it("leaves text fields, shortcuts and other controls' Enter alone", () => {
    expect(sheetTakesKey({ ...origin, key: "1", target: "sheet" })).toBe(true);
    expect(sheetTakesKey({ ...origin, key: "Enter", target: "sheet" })).toBe(true);
    expect(sheetTakesKey({ ...origin, key: "1", target: "text" })).toBe(false);
    expect(sheetTakesKey({ ...origin, key: "Enter", target: "control" })).toBe(false);
    expect(sheetTakesKey({ ...origin, key: "5", target: "control" })).toBe(true);
    expect(sheetTakesKey({ ...origin, key: "c", ctrlKey: true, target: "sheet" })).toBe(false);
    expect(sheetTakesKey({ ...origin, key: "1", ctrlKey: true, target: "sheet" })).toBe(false);
    expect(sheetTakesKey({ ...origin, key: "a", target: "sheet" })).toBe(false);
  });
});
