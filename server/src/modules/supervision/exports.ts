/**
 * 导出: the 预警台账 and 督办单 lists as .xlsx, over the filters the page shows (the same query as the
 * list, without paging), Chinese headers and labels, at most EXPORT_MAX rows (platform/excel/list-export.ts).
 */
import {
  ORDER_STATUS,
  type OrderListQuery,
  type OrderView,
  WARNING_RULE_KIND,
  WARNING_SEVERITY,
  type WarningListQuery,
  type WarningView,
} from "@kaoping/core";
import { exportRows } from "../../platform/excel/list-export.ts";
import { beijingTime, type SheetSpec, writeSheet } from "../../platform/excel/workbook.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { listOrders } from "./order-queries.ts";
import { listWarnings } from "./queries.ts";

const WARNING_SHEET = {
  name: "预警台账",
  columns: [
    { key: "at", header: "预警时间", required: false, width: 20 },
    { key: "unit", header: "单位", required: false, width: 28 },
    { key: "caseNo", header: "办件编号", required: false, width: 26 },
    { key: "itemCode", header: "事项编码", required: false, width: 24 },
    { key: "rule", header: "预警规则", required: false },
    { key: "severity", header: "级别", required: false, width: 8 },
    { key: "explanation", header: "预警说明", required: false, width: 60 },
    { key: "orderNo", header: "督办单号", required: false },
    { key: "orderStatus", header: "督办状态", required: false },
  ],
} as const satisfies SheetSpec;

const ORDER_SHEET = {
  name: "督办单",
  columns: [
    { key: "orderNo", header: "督办单号", required: false },
    { key: "status", header: "状态", required: false, width: 14 },
    { key: "unit", header: "单位", required: false, width: 28 },
    { key: "caseNo", header: "办件编号", required: false, width: 26 },
    { key: "rule", header: "预警规则", required: false },
    { key: "instruction", header: "督办要求", required: false, width: 40 },
    { key: "issuedAt", header: "督办时间", required: false, width: 20 },
    { key: "firstDueAt", header: "反馈期限", required: false, width: 20 },
    { key: "dueAt", header: "当前期限", required: false, width: 20 },
    { key: "urgeCount", header: "催办次数", required: false, width: 10 },
    { key: "repliedAt", header: "反馈时间", required: false, width: 20 },
    { key: "reply", header: "反馈情况", required: false, width: 12 },
    { key: "closedAt", header: "办结时间", required: false, width: 20 },
  ],
} as const satisfies SheetSpec;

type Paging = { page: number; pageSize: number };

export async function warningsWorkbook(qctx: QueryContext, query: Omit<WarningListQuery, keyof Paging>) {
  const rows = await exportRows(query, (q: WarningListQuery) => listWarnings(qctx, q));
  return { count: rows.length, body: await writeSheet(WARNING_SHEET, rows.map(warningRow)) };
}

export async function ordersWorkbook(qctx: QueryContext, query: Omit<OrderListQuery, keyof Paging>) {
  const rows = await exportRows(query, (q: OrderListQuery) => listOrders(qctx, q));
  return { count: rows.length, body: await writeSheet(ORDER_SHEET, rows.map(orderRow)) };
}

function warningRow(w: WarningView) {
  return {
    at: beijingTime(w.at),
    unit: w.unitName,
    caseNo: w.caseNo,
    itemCode: w.itemCode,
    rule: w.ruleName || WARNING_RULE_KIND.labels[w.ruleKind],
    severity: WARNING_SEVERITY.labels[w.severity],
    explanation: w.explanation,
    orderNo: w.order?.orderNo ?? "未督办",
    orderStatus: w.order ? ORDER_STATUS.labels[w.order.status] : "",
  };
}

/** 反馈情况 as the bulletin words it: on time, late, or none yet past the first deadline. */
function replyText(o: OrderView, now: Date): string {
  if (o.isReplyLate !== null) return o.isReplyLate ? "逾期反馈" : "按时反馈";
  return Date.parse(o.firstDueAt) < now.getTime() ? "逾期未反馈" : "待反馈";
}

function orderRow(o: OrderView) {
  return {
    orderNo: o.orderNo,
    status: ORDER_STATUS.labels[o.status],
    unit: o.warning.unitName,
    caseNo: o.warning.caseNo,
    rule: o.warning.ruleName,
    instruction: o.instruction,
    issuedAt: beijingTime(o.issuedAt),
    firstDueAt: beijingTime(o.firstDueAt),
    dueAt: beijingTime(o.dueAt),
    urgeCount: o.urgeCount,
    repliedAt: beijingTime(o.repliedAt),
    reply: replyText(o, new Date()),
    closedAt: beijingTime(o.closedAt),
  };
}
