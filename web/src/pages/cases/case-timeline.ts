import { type CaseDetailView, type CaseEventKind, PAUSING_EVENTS } from "@kaoping/core";

type CaseEvent = Pick<CaseDetailView["events"][number], "kind" | "endAt">;

/** Whether a step stops the clock between its start and its end: only 补正 and 特别程序 (core's PAUSING_EVENTS). */
export const isPausingEvent = (kind: CaseEventKind): boolean => PAUSING_EVENTS.includes(kind);

/**
 * The line under a step that has an end time: 计时暂停至 … for a pausing step, 结束于 … for any
 * other (受理, 审查, 决定, 办结, 送达 end without stopping the clock); none without an end.
 */
export function eventEndNote(event: CaseEvent): { key: "cases.detail.pausedUntil" | "cases.detail.endedAt"; at: string } | null {
  if (!event.endAt) return null;
  return { key: isPausingEvent(event.kind) ? "cases.detail.pausedUntil" : "cases.detail.endedAt", at: event.endAt };
}

/** A step's dot on the timeline: orange for a pause, green for 办结, blue for the rest. */
export function eventColor(kind: CaseEventKind): "orange" | "green" | "blue" {
  return isPausingEvent(kind) ? "orange" : kind === "complete" ? "green" : "blue";
}
