/**
 * The call sheet's keyboard, as a pure step function: (state, event) → next state, and the save to
 * send when Enter completes a record. A checker logs a call in a few keystrokes —
 *
 *   1 8 Enter   接通且答复准确, answered after 8 s, saved; the next pending call becomes current
 *   5 Enter     无人接听, saved
 *   Esc         skipped: the next pending call becomes current (the skipped one stays pending)
 *
 * The first digit picks the outcome (1–7, OUTCOME_KEYS); once a connected outcome (1–4) is picked,
 * digits type the seconds to answer; after an unconnected one (5–7) a digit 1–7 picks again, as
 * seconds do not apply. Backspace takes back the last digit, then the outcome. ↑/↓ move between
 * calls.
 *
 * A checker types ahead: keys pressed while a save is on its way are queued, in order (`queued`; the
 * page still keeps them from the browser). When the server takes the record (`saved`) the sheet moves
 * on, then replays the queued keys one by one as if typed now; a replayed Enter that completes a
 * record returns that save, and the keys after it stay queued until its own `saved`. When the save
 * fails (`failed`) the draft stays for another try and the queued keys, meant for the following calls,
 * are dropped with a notice (keysDropped) so the checker types them again; so are keys left over when
 * the sheet runs out of calls. Clicks (a row, an outcome button, the seconds field) while saving do
 * nothing: the draft and the current call stay as sent.
 */
import { type CallOutcome, isConnected, OUTCOME_KEYS } from "@kaoping/core";

/** What the sheet needs of a call: its id, and its outcome (null: still to ring). */
export interface SheetCall {
  id: string;
  outcome: CallOutcome | null;
}

export interface CallDraft {
  outcome: CallOutcome | null;
  /** Digits only, at most SECONDS_MAX. */
  seconds: string;
}

/** Why the last key did nothing, or that keys typed during a save were dropped (keysDropped), for the hint bar. */
export type SheetNotice = "pickOutcome" | "noSeconds" | "secondsMax" | "keysDropped";

export interface SheetState<C extends SheetCall = SheetCall> {
  calls: readonly C[];
  /** The call being rung; null when the sheet is empty. */
  current: string | null;
  draft: CallDraft;
  isSaving: boolean;
  /** Keys typed while a save is on its way, in order, to replay once it is saved. Empty unless saving. */
  queued: readonly string[];
  notice: SheetNotice | null;
}

/** The record Enter sends for the current call. */
export interface SaveRequest {
  callId: string;
  outcome: CallOutcome;
  secondsToAnswer: number | null;
}

export type SheetEvent<C extends SheetCall = SheetCall> =
  /** A page of calls arrived (first load, refresh): the current call stays when it is still there. */
  | { type: "load"; calls: readonly C[] }
  | { type: "key"; key: string }
  /** A click on a row. */
  | { type: "select"; id: string }
  /** A click on an outcome button. */
  | { type: "outcome"; outcome: CallOutcome }
  /** Typing in the seconds field. */
  | { type: "seconds"; value: string }
  /** The server took the record: `call` replaces the row, or leaves the sheet when `keep` is false (a pending-only sheet). */
  | { type: "saved"; call: C; keep: boolean }
  /** The save failed: the draft stays for another try. */
  | { type: "failed" };

export interface SheetStep<C extends SheetCall = SheetCall> {
  state: SheetState<C>;
  /** The save to send (Enter with an outcome, typed now or replayed after a `saved`); one at a time. */
  save: SaveRequest | null;
  /** The key meant something to the sheet: the page keeps it from the browser (no scroll, no click). */
  handled: boolean;
}

/** The API's bound on seconds to answer (callRecordSchema). */
export const SECONDS_MAX = 600;

const EMPTY_DRAFT: CallDraft = { outcome: null, seconds: "" };

export function initialSheet<C extends SheetCall>(calls: readonly C[] = []): SheetState<C> {
  return { calls, current: firstCurrent(calls), draft: EMPTY_DRAFT, isSaving: false, queued: [], notice: null };
}

const isPending = (call: SheetCall) => call.outcome === null;

/** The first call to ring: the first pending one, else the first of the sheet. */
function firstCurrent(calls: readonly SheetCall[]): string | null {
  return (calls.find(isPending) ?? calls[0])?.id ?? null;
}

/**
 * The call after `id`: the next pending one, going round to the top (never `id` itself); with none
 * pending, the next row down; null when there is none.
 */
export function nextCall(calls: readonly SheetCall[], id: string | null): string | null {
  const at = calls.findIndex((c) => c.id === id);
  const after = [...calls.slice(at + 1), ...calls.slice(0, Math.max(at, 0))];
  const pending = after.find((c) => isPending(c) && c.id !== id);
  if (pending) return pending.id;
  return at >= 0 ? (calls[at + 1]?.id ?? null) : firstCurrent(calls);
}

/** The seconds typed so far with one more digit, or null when that would pass SECONDS_MAX. */
function withDigit(seconds: string, digit: string): string | null {
  const next = String(Number(`${seconds}${digit}`));
  return Number(next) > SECONDS_MAX ? null : next;
}

/** Digits only, as typed in the field; null when the text is not a number of seconds within bounds. */
export function parseSeconds(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return "";
  if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) > SECONDS_MAX) return null;
  return String(Number(trimmed));
}

/** The seconds a record sends: for a connected outcome, what was typed (none typed: null). */
export function secondsToSend(draft: CallDraft): number | null {
  return draft.outcome && isConnected(draft.outcome) && draft.seconds !== "" ? Number(draft.seconds) : null;
}

function moveTo<C extends SheetCall>(state: SheetState<C>, id: string | null): SheetState<C> {
  return id === state.current ? { ...state, notice: null } : { ...state, current: id, draft: EMPTY_DRAFT, notice: null };
}

function pickOutcome<C extends SheetCall>(state: SheetState<C>, outcome: CallOutcome): SheetState<C> {
  // Seconds belong to connected calls only; a switch between connected outcomes keeps them.
  const seconds = isConnected(outcome) ? state.draft.seconds : "";
  return { ...state, draft: { outcome, seconds }, notice: null };
}

const step = <C extends SheetCall>(state: SheetState<C>, handled = true, save: SaveRequest | null = null): SheetStep<C> => ({
  state,
  save,
  handled,
});

function onDigit<C extends SheetCall>(state: SheetState<C>, digit: string): SheetStep<C> {
  const { outcome, seconds } = state.draft;
  const keyed = OUTCOME_KEYS[digit];
  if (outcome && isConnected(outcome)) {
    const next = withDigit(seconds, digit);
    return next === null ? step({ ...state, notice: "secondsMax" }) : step({ ...state, draft: { outcome, seconds: next }, notice: null });
  }
  if (keyed) return step(pickOutcome(state, keyed));
  return step({ ...state, notice: outcome ? "noSeconds" : "pickOutcome" });
}

function onKey<C extends SheetCall>(state: SheetState<C>, key: string): SheetStep<C> {
  if (/^\d$/.test(key)) return state.current ? onDigit(state, key) : step(state);
  switch (key) {
    case "Enter": {
      if (!state.current) return step(state);
      const { outcome } = state.draft;
      if (!outcome) return step({ ...state, notice: "pickOutcome" });
      const save = { callId: state.current, outcome, secondsToAnswer: secondsToSend(state.draft) };
      return step({ ...state, isSaving: true, notice: null }, true, save);
    }
    case "Escape":
      return step(moveTo(state, nextCall(state.calls, state.current)));
    case "Backspace": {
      const { outcome, seconds } = state.draft;
      if (seconds) return step({ ...state, draft: { outcome, seconds: seconds.slice(0, -1) }, notice: null });
      if (outcome) return step({ ...state, draft: EMPTY_DRAFT, notice: null });
      return step(state, false);
    }
    case "ArrowDown":
    case "ArrowUp": {
      const at = state.calls.findIndex((c) => c.id === state.current);
      const to = state.calls[key === "ArrowDown" ? at + 1 : at - 1];
      return step(to ? moveTo(state, to.id) : state);
    }
    default:
      return step(state, false);
  }
}

/**
 * The keys typed during a save, replayed as if typed now, up to the first that sends a save: the keys
 * after it stay queued until that one is saved. Keys left once the sheet has no call are dropped, with
 * the notice.
 */
function replay<C extends SheetCall>(state: SheetState<C>, keys: readonly string[]): SheetStep<C> {
  let at = state;
  for (let i = 0; i < keys.length; i++) {
    if (!at.current) return step({ ...at, notice: "keysDropped" });
    const next = onKey(at, keys[i] as string);
    if (next.save) return step({ ...next.state, queued: keys.slice(i + 1) }, true, next.save);
    at = next.state;
  }
  return step(at);
}

/** One event on the sheet. */
export function sheetStep<C extends SheetCall>(state: SheetState<C>, event: SheetEvent<C>): SheetStep<C> {
  switch (event.type) {
    case "load": {
      const kept = event.calls.some((c) => c.id === state.current);
      if (kept) return step({ ...state, calls: event.calls });
      // A save on its way keeps its queue; a warning of dropped keys outlasts the refresh of an emptied sheet.
      const { isSaving, queued } = state;
      return step({ ...initialSheet(event.calls), isSaving, queued, notice: state.notice === "keysDropped" ? state.notice : null });
    }
    case "failed": {
      // The draft stays for another try; the keys typed meanwhile were for the following calls.
      const dropped = state.queued.length > 0;
      return step({ ...state, isSaving: false, queued: [], notice: dropped ? "keysDropped" : state.notice });
    }
    case "saved": {
      const { call, keep } = event;
      const replaced = state.calls.map((c) => (c.id === call.id ? call : c));
      const next = nextCall(replaced, call.id);
      const calls = keep ? replaced : replaced.filter((c) => c.id !== call.id);
      const current = next ?? (keep ? call.id : null);
      return replay({ calls, current, draft: EMPTY_DRAFT, isSaving: false, queued: [], notice: null }, state.queued);
    }
    default:
      break;
  }
  // While a save is on its way the draft and the current call stay as sent: the sheet's keys wait in
  // the queue, clicks do nothing.
  if (state.isSaving) {
    if (event.type !== "key" || !isSheetKey(event.key)) return step(state, false);
    return step({ ...state, queued: [...state.queued, event.key] });
  }
  switch (event.type) {
    case "key":
      return onKey(state, event.key);
    case "select":
      return step(moveTo(state, state.calls.some((c) => c.id === event.id) ? event.id : state.current));
    case "outcome":
      return step(pickOutcome(state, event.outcome));
    case "seconds": {
      const seconds = parseSeconds(event.value);
      if (seconds === null) return step({ ...state, notice: "secondsMax" });
      return step({ ...state, draft: { ...state.draft, seconds }, notice: null });
    }
  }
}

/** The keys the sheet reads (digits, Enter, Esc, Backspace, ↑/↓). */
export function isSheetKey(key: string): boolean {
  return /^\d$/.test(key) || ["Enter", "Escape", "Backspace", "ArrowDown", "ArrowUp"].includes(key);
}

/** Where a key was pressed, as the page sees it. */
export interface KeyOrigin {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** `text`: a field that takes typing (the note, a search box); `control`: a button, link or select elsewhere on the page; `sheet`: the body or the sheet's own buttons. */
  target: "text" | "control" | "sheet";
}

/**
 * Whether the page-wide key listener should take a key: never with a modifier (copy, browser
 * shortcuts) or in a text field; on another control only the digits and Esc (its Enter and arrows are
 * its own); anywhere on the sheet itself, every key the sheet reads.
 */
export function sheetTakesKey(origin: KeyOrigin): boolean {
  if (origin.ctrlKey || origin.altKey || origin.metaKey || !isSheetKey(origin.key)) return false;
  if (origin.target === "text") return false;
  if (origin.target === "control") return /^\d$/.test(origin.key) || origin.key === "Escape";
  return true;
}
