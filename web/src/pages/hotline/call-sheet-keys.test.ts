import type { CallOutcome } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import {
  initialSheet,
  nextCall,
  parseSeconds,
  type SaveRequest,
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

  it("queues keys while a save is on its way, leaving the draft as sent, and keeps the draft when it fails", () => {
    const sent = press(sheet(call("a"), call("b")), "1", "8", "Enter");
    const waiting = press(sent.state, "3", "Escape", "Enter");
    expect(waiting.state).toEqual({ ...sent.state, queued: ["3", "Escape", "Enter"] });
    expect(waiting.saves).toEqual([]);
    expect(waiting.handled).toBe(true);
    const failed = on(sent.state, { type: "failed" });
    expect(failed).toMatchObject({ isSaving: false, current: "a", draft: { outcome: "answered_correct", seconds: "8" }, notice: null });
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

/** A key typed, or the server's answer to the save on its way. */
type Typed = string | { server: "saved" | "failed" };
const SAVED = { server: "saved" } as const;
const FAILED = { server: "failed" } as const;

/**
 * A checker at the keyboard and the server: keys go to the sheet as typed; SAVED records the save on
 * its way as the call's outcome, FAILED refuses it. At most one save is ever on its way.
 */
function session(state: SheetState, typed: readonly Typed[], keep = false) {
  let at = state;
  let onItsWay: SaveRequest | null = null;
  const stored: SaveRequest[] = [];
  let handled = true;
  for (const item of typed) {
    let result: SheetStep;
    if (typeof item === "string") {
      result = sheetStep(at, { type: "key", key: item });
      handled &&= result.handled;
    } else {
      if (!onItsWay) throw new Error("no save on its way");
      if (item.server === "saved") {
        stored.push(onItsWay);
        result = sheetStep(at, { type: "saved", call: call(onItsWay.callId, onItsWay.outcome), keep });
      } else result = sheetStep(at, { type: "failed" });
      onItsWay = null;
    }
    if (result.save) {
      if (onItsWay) throw new Error("a second save while one is on its way");
      onItsWay = result.save;
    }
    at = result.state;
  }
  return { state: at, stored, onItsWay, handled };
}

/** Every order in which `keys` and the server's answers can arrive, the answers only to a save on its way. */
function interleavings(state: SheetState, keys: readonly string[]): Typed[][] {
  const orders: Typed[][] = [];
  const walk = (typed: Typed[], rest: readonly string[]) => {
    const { onItsWay } = session(state, typed);
    if (rest.length === 0 && !onItsWay) orders.push(typed);
    if (rest.length > 0) walk([...typed, rest[0] as string], rest.slice(1));
    if (onItsWay) walk([...typed, SAVED], rest);
  };
  walk([], keys);
  return orders;
}

describe("typing ahead while a save is on its way", () => {
  // QA: 5 Enter (无人接听), 1 2 Enter (接通且答复准确, 2 s: the first digit is the outcome), 6 Enter (占线), 2 9 Enter (答复不准确, 9 s).
  const QA_KEYS = ["5", "Enter", "1", "2", "Enter", "6", "Enter", "2", "9", "Enter"];
  const QA_RECORDS: SaveRequest[] = [
    { callId: "a", outcome: "no_answer", secondsToAnswer: null },
    { callId: "b", outcome: "answered_correct", secondsToAnswer: 2 },
    { callId: "c", outcome: "busy", secondsToAnswer: null },
    { callId: "d", outcome: "answered_wrong", secondsToAnswer: 9 },
  ];
  const fiveCalls = () => sheet(call("a"), call("b"), call("c"), call("d"), call("e"));

  it("records QA's sequence, typed during the first save, each on its own call", () => {
    const typed = session(fiveCalls(), QA_KEYS);
    expect(typed.stored).toEqual([]);
    expect(typed.onItsWay).toEqual(QA_RECORDS[0]);
    expect(typed.handled).toBe(true);
    expect(typed.state.queued).toEqual(QA_KEYS.slice(2));
    for (const keep of [false, true]) {
      const done = session(fiveCalls(), [...QA_KEYS, SAVED, SAVED, SAVED, SAVED], keep);
      expect(done.stored).toEqual(QA_RECORDS);
      expect(done.onItsWay).toBeNull();
      expect(done.state).toMatchObject({ current: "e", isSaving: false, queued: [], notice: null, draft: { outcome: null, seconds: "" } });
    }
  });

  it("records QA's sequence the same whenever each save comes back", () => {
    const orders = interleavings(fiveCalls(), QA_KEYS);
    expect(orders.length).toBeGreaterThan(100);
    for (const order of orders) expect(session(fiveCalls(), order).stored).toEqual(QA_RECORDS);
  });

  it("sends one save at a time, keeping the keys after a replayed Enter until its own save comes back", () => {
    const first = session(sheet(call("a"), call("b"), call("c")), ["1", "8", "Enter", "5", "Enter", "3"]);
    expect(first.state.queued).toEqual(["5", "Enter", "3"]);
    // a saved: 5 Enter is replayed on b and sent; 3 waits for b's save, and so do the keys typed meanwhile.
    const saved = sheetStep(first.state, { type: "saved", call: call("a", "answered_correct"), keep: false });
    expect(saved.save).toEqual({ callId: "b", outcome: "no_answer", secondsToAnswer: null });
    expect(saved.state).toMatchObject({ current: "b", isSaving: true, queued: ["3"] });
    const more = press(saved.state, "7", "Enter");
    expect(more.saves).toEqual([]);
    expect(more.state.queued).toEqual(["3", "7", "Enter"]);
    // b saved: 3 7 Enter lands on c — wrong_department, 7 s.
    const last = sheetStep(more.state, { type: "saved", call: call("b", "no_answer"), keep: false });
    expect(last.save).toEqual({ callId: "c", outcome: "wrong_department", secondsToAnswer: 7 });
    expect(last.state).toMatchObject({ current: "c", isSaving: true, queued: [] });
  });

  it("replays keys that do not save, leaving their draft and notice on the next call", () => {
    const sent = press(sheet(call("a"), call("b"), call("c")), "5", "Enter", "Escape", "2", "4", "8");
    const saved = sheetStep(sent.state, { type: "saved", call: call("a", "no_answer"), keep: true });
    expect(saved.save).toBeNull();
    expect(saved.state).toMatchObject({ current: "c", isSaving: false, queued: [], draft: { outcome: "answered_wrong", seconds: "48" } });
    const refused = press(sheet(call("a"), call("b")), "5", "Enter", "Enter").state;
    expect(on(refused, { type: "saved", call: call("a", "no_answer"), keep: true })).toMatchObject({ current: "b", notice: "pickOutcome" });
  });

  it("drops the queued keys with a notice when the save fails, keeping its draft for another try", () => {
    const typed = session(sheet(call("a"), call("b"), call("c")), ["1", "8", "Enter", "5", "Enter", "6", FAILED]);
    expect(typed.stored).toEqual([]);
    expect(typed.onItsWay).toBeNull();
    expect(typed.state).toMatchObject({
      current: "a",
      isSaving: false,
      queued: [],
      notice: "keysDropped",
      draft: { outcome: "answered_correct", seconds: "8" },
    });
    // Enter tries again, the notice goes; the dropped keys are typed again.
    const again = session(typed.state, ["Enter", "5", "Enter", SAVED, SAVED]);
    expect(again.stored).toEqual([
      { callId: "a", outcome: "answered_correct", secondsToAnswer: 8 },
      { callId: "b", outcome: "no_answer", secondsToAnswer: null },
    ]);
    expect(sheetStep(typed.state, { type: "key", key: "Enter" }).state.notice).toBeNull();
  });

  it("drops only the keys after a replayed save that fails", () => {
    const typed = session(sheet(call("a"), call("b"), call("c")), ["1", "8", "Enter", "5", "Enter", "6", "Enter", SAVED, FAILED]);
    expect(typed.stored).toEqual([{ callId: "a", outcome: "answered_correct", secondsToAnswer: 8 }]);
    expect(typed.state).toMatchObject({
      current: "b",
      isSaving: false,
      queued: [],
      notice: "keysDropped",
      draft: { outcome: "no_answer" },
    });
  });

  it("drops keys typed past the last call of the sheet, with the notice, which outlasts the refresh", () => {
    const typed = session(sheet(call("a"), call("b")), ["5", "Enter", "5", "Enter", "6", "Enter", SAVED, SAVED]);
    expect(typed.stored.map((r) => r.callId)).toEqual(["a", "b"]);
    expect(typed.onItsWay).toBeNull();
    expect(typed.state).toMatchObject({ calls: [], current: null, isSaving: false, queued: [], notice: "keysDropped" });
    const next = on(typed.state, { type: "load", calls: [call("c")] });
    expect(next).toMatchObject({ current: "c", queued: [], notice: "keysDropped" });
    expect(press(next, "6").state.notice).toBeNull();
  });

  it("keeps the queue over a refresh that arrives during the save", () => {
    const sent = press(sheet(call("a"), call("b")), "5", "Enter", "6").state;
    expect(on(sent, { type: "load", calls: [call("a"), call("b")] }).queued).toEqual(["6"]);
    const moved = on(sent, { type: "load", calls: [call("b"), call("c")] });
    expect(moved).toMatchObject({ current: "b", isSaving: true, queued: ["6"] });
  });

  it("ignores clicks and keys the sheet does not read while saving, queueing neither", () => {
    const sent = press(sheet(call("a"), call("b"), call("c")), "5", "Enter", "1").state;
    for (const event of [
      { type: "select", id: "c" },
      { type: "outcome", outcome: "busy" },
      { type: "seconds", value: "9" },
      { type: "key", key: "a" },
    ] as const) {
      const result = sheetStep(sent, event);
      expect(result.state).toBe(sent);
      expect(result.handled).toBe(false);
    }
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
