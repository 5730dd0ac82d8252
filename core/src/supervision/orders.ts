/**
 * 督办: the supervision order a warning leads to, and its steps — 督办 → (催办 …) → 反馈 → 核销, or
 * → 立项调查 → 纠正 → 核销. Pure: the status machine, the deadlines on the working-day clock, whether
 * a reply came in time. docs/supervision.md (“The workflow”) states the rules.
 */
import { addWorkingDays, cstDate, cstStart, nextDate, type WorkCalendar } from "../calendar/working-days.ts";
import { labelled } from "../labelled.ts";

export const ORDER_STATUS = labelled({
  issued: "待反馈",
  replied: "已反馈待核",
  investigating: "立项调查待纠正",
  corrected: "已纠正待核",
  closed: "已办结",
});
export type OrderStatus = keyof typeof ORDER_STATUS.labels;

/** The steps of an order's timeline. 催办 and 升级 are the system's; the rest a person's. */
export const ORDER_STEP = labelled({
  issue: "督办",
  urge: "催办",
  escalate: "升级督办（告知单位负责人）",
  reply: "情况反馈",
  investigate: "立项调查",
  correct: "纠正反馈",
  close: "核销办结",
});
export type OrderStep = keyof typeof ORDER_STEP.labels;

/** What a person may do to an order, from which statuses, into which. */
export const ORDER_TRANSITIONS = {
  reply: { from: ["issued"], to: "replied", by: "unit" },
  correct: { from: ["investigating"], to: "corrected", by: "unit" },
  investigate: { from: ["replied"], to: "investigating", by: "office" },
  close: { from: ["replied", "corrected"], to: "closed", by: "office" },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus; by: "unit" | "office" }>;
export type OrderAction = keyof typeof ORDER_TRANSITIONS;

/** Statuses that wait on the unit: their deadline runs and 催办 follows when it passes. */
export const AWAITING_UNIT: readonly OrderStatus[] = ["issued", "investigating"];

/** The office's defaults: days to reply, days a 催办 gives, the 催办 after which the leader is told. */
export const ORDER_DEFAULTS = { replyDays: 3, urgeDays: 2, escalateAfterUrges: 2 } as const;

/** Why an action is refused, in the words the unit or the office reads. */
export function refuseOrderAction(status: OrderStatus, action: OrderAction): string | null {
  if ((ORDER_TRANSITIONS[action].from as readonly OrderStatus[]).includes(status)) return null;
  if (status === "closed") return "该督办单已办结，不能再办理";
  return `该督办单当前为「${ORDER_STATUS.labels[status]}」，不能${ORDER_STEP.labels[action]}`;
}

/**
 * The deadline N working days after an instant: the end (23:59:59.999 China time) of the Nth
 * working day after its date, the date itself not counted (like a case's limit).
 */
export function workingDeadline(calendar: WorkCalendar, from: Date, workingDays: number): Date {
  const last = addWorkingDays(calendar, cstDate(from), workingDays);
  return new Date(cstStart(nextDate(last)).getTime() - 1);
}

/** A reply is late when it comes after the order's first deadline (规定时间), whatever 催办 followed. */
export const isReplyLate = (firstDueAt: Date, repliedAt: Date) => repliedAt > firstDueAt;
