import type { OrderStatus, OrderView } from "@kaoping/core";

/**
 * What the printed 督办通知单 asks of the unit. While the order waits for its reply (待反馈): the
 * reply by the deadline the order was issued with (`firstDueAt`, the 规定时间 a late reply is judged
 * by), with the deadline of the latest 催办 beside it once urged — never the later deadline alone
 * under the original instruction. Otherwise the order's state, and no request to reply (a closed
 * order asks nothing; under 立项调查 the unit owes its correction by the correction deadline).
 */
export type NoticeAsk =
  | { kind: "reply"; due: string; urged: { count: number; due: string } | null }
  | { kind: "state"; status: Exclude<OrderStatus, "issued">; at: string | null; due: string | null; isReplyLate: boolean | null };

type NoticeOrder = Pick<OrderView, "status" | "firstDueAt" | "dueAt" | "urgeCount" | "repliedAt" | "isReplyLate" | "closedAt">;

export function noticeAsk(order: NoticeOrder): NoticeAsk {
  const { status } = order;
  if (status === "issued")
    return {
      kind: "reply",
      due: order.firstDueAt,
      urged: order.urgeCount > 0 && order.dueAt !== order.firstDueAt ? { count: order.urgeCount, due: order.dueAt } : null,
    };
  return {
    kind: "state",
    status,
    at: status === "closed" ? order.closedAt : status === "replied" ? order.repliedAt : null,
    due: status === "investigating" ? order.dueAt : null,
    isReplyLate: order.isReplyLate,
  };
}
