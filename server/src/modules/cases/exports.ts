/** 导出 of 办件查询: the cases the list's filters show, as .xlsx with Chinese headers and labels. */
import {
  CASE_CHANNEL,
  CASE_RESULT,
  CASE_TYPE_LABELS,
  type CaseListRow,
  type caseExportQuerySchema,
  type caseListQuerySchema,
  LIMIT_UNIT_LABELS,
  QUALITY_ISSUE,
} from "@kaoping/core";
import type { z } from "zod";
import { exportRows } from "../../platform/excel/list-export.ts";
import { beijingTime, type SheetSpec, writeSheet } from "../../platform/excel/workbook.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { listCases } from "./queries.ts";

type ListQuery = z.infer<typeof caseListQuerySchema>;

const CASE_SHEET = {
  name: "办件",
  columns: [
    { key: "caseNo", header: "办件编号", required: false, width: 26 },
    { key: "unit", header: "受理部门", required: false, width: 28 },
    { key: "itemCode", header: "事项编码", required: false, width: 24 },
    { key: "itemName", header: "事项名称", required: false, width: 30 },
    { key: "channel", header: "申请渠道", required: false, width: 10 },
    { key: "caseType", header: "办件类型", required: false, width: 10 },
    { key: "acceptedAt", header: "受理时间", required: false, width: 20 },
    { key: "completedAt", header: "办结时间", required: false, width: 20 },
    { key: "promisedLimit", header: "承诺时限", required: false, width: 12 },
    { key: "elapsed", header: "用时", required: false, width: 10 },
    { key: "overdue", header: "是否超期", required: false, width: 10 },
    { key: "result", header: "办理结果", required: false, width: 10 },
    { key: "visits", header: "跑动次数", required: false, width: 10 },
    { key: "quality", header: "数据质量问题", required: false, width: 30 },
  ],
} as const satisfies SheetSpec;

export async function casesWorkbook(qctx: QueryContext, query: z.infer<typeof caseExportQuerySchema>) {
  const rows = await exportRows(query, (q: ListQuery) => listCases(qctx, q));
  return { count: rows.length, body: await writeSheet(CASE_SHEET, rows.map(caseRow)) };
}

function caseRow(c: CaseListRow) {
  const unit = c.promisedLimitUnit ? LIMIT_UNIT_LABELS[c.promisedLimitUnit] : "";
  return {
    caseNo: c.caseNo,
    unit: c.unitName,
    itemCode: c.itemCode,
    itemName: c.itemName ?? "（未在指南库登记）",
    channel: CASE_CHANNEL.labels[c.channel],
    caseType: CASE_TYPE_LABELS[c.caseType],
    acceptedAt: beijingTime(c.acceptedAt),
    completedAt: beijingTime(c.completedAt),
    promisedLimit: c.promisedLimit === null ? "" : `${c.promisedLimit} ${unit}`,
    elapsed: c.elapsedDays === null ? "" : `${c.elapsedDays} ${unit}`,
    overdue: c.overdue ? "是" : "否",
    result: c.result ? (CASE_RESULT.labels[c.result as keyof typeof CASE_RESULT.labels] ?? c.result) : "",
    visits: c.visits,
    quality: c.quality.map((q) => QUALITY_ISSUE.labels[q]).join("、"),
  };
}
