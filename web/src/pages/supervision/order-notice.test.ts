import { ORDER_STATUS } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { supervisionEnUS } from "../../i18n/supervision.en-US.ts";
import { supervisionZhCN } from "../../i18n/supervision.zh-CN.ts";
import { noticeAsk } from "./order-notice.ts";

const issued = {
  status: "issued" as const,
  firstDueAt: "2026-11-05T15:59:59.999Z",
  dueAt: "2026-11-05T15:59:59.999Z",
  urgeCount: 0,
  repliedAt: null,
  isReplyLate: null,
  closedAt: null,
};
/** After 立项调查 the order's deadline is the correction deadline, weeks after the reply deadline. */
const correctionDue = "2026-11-20T15:59:59.999Z";

describe("督办通知单", () => {
  it("asks for the reply by the deadline the order was issued with, the 催办's beside it", () => {
    expect(noticeAsk(issued)).toEqual({ kind: "reply", due: issued.firstDueAt, urged: null });
    const urged = { ...issued, urgeCount: 2, dueAt: "2026-11-10T15:59:59.999Z" };
    expect(noticeAsk(urged)).toEqual({ kind: "reply", due: issued.firstDueAt, urged: { count: 2, due: urged.dueAt } });
  });

  it("asks no reply of an order past it: its state instead, never the later deadline as the reply's", () => {
    const replied = { ...issued, status: "replied" as const, repliedAt: "2026-11-06T02:00:00.000Z", isReplyLate: true };
    expect(noticeAsk(replied)).toEqual({ kind: "state", status: "replied", at: replied.repliedAt, due: null, isReplyLate: true });
    const investigating = { ...replied, status: "investigating" as const, dueAt: correctionDue };
    expect(noticeAsk(investigating)).toMatchObject({ kind: "state", status: "investigating", due: correctionDue });
    const closed = { ...investigating, status: "closed" as const, closedAt: "2026-11-21T02:00:00.000Z" };
    expect(noticeAsk(closed)).toEqual({ kind: "state", status: "closed", at: closed.closedAt, due: null, isReplyLate: true });
  });

  it("has a state line for every status but 待反馈, in both languages", () => {
    const states = ORDER_STATUS.values.filter((s) => s !== "issued");
    expect(Object.keys(supervisionZhCN.noticeState).sort()).toEqual([...states].sort());
    expect(Object.keys(supervisionEnUS.noticeState).sort()).toEqual([...states].sort());
  });
});
