import { AUDIT_BUSINESS_TYPES, AUDIT_ENTITY_LABELS, type AuditView, auditActionLabel, diffAudit } from "@kaoping/core";
import { beijingTime, type SheetSpec, writeSheet } from "../../platform/excel/workbook.ts";

const AUDIT_SHEET = {
  name: "审计日志",
  columns: [
    { key: "seq", header: "序号", required: false, width: 8 },
    { key: "at", header: "时间", required: false, width: 20 },
    { key: "actor", header: "操作人", required: false, width: 14 },
    { key: "actorUnit", header: "操作人单位", required: false, width: 22 },
    { key: "ip", header: "IP 地址", required: false, width: 16 },
    { key: "action", header: "操作", required: false, width: 22 },
    { key: "businessType", header: "业务类型", required: false, width: 10 },
    { key: "entityType", header: "对象类型", required: false, width: 12 },
    { key: "entity", header: "对象", required: false, width: 36 },
    { key: "changes", header: "变更内容", required: false, width: 60 },
    { key: "reason", header: "原因", required: false, width: 30 },
    { key: "hash", header: "记录哈希", required: false, width: 20 },
  ],
} as const satisfies SheetSpec;

/** The changed fields, one line each: "名称：甲区 → 甲区人民政府". */
function describeChanges(record: AuditView): string {
  return diffAudit(record.before, record.after, { statusOf: record.entityType })
    .filter((line) => line.isChanged)
    .map((line) => (line.before ? `${line.label}：${line.before} → ${line.after}` : `${line.label}：${line.after}`))
    .join("\n");
}

/** One record as the export's row: labels, not codes; the object by name when known. */
export function auditExportRow(record: AuditView): Record<(typeof AUDIT_SHEET.columns)[number]["key"], string | number | null> {
  return {
    seq: record.seq,
    at: beijingTime(record.at),
    actor: record.actorName,
    actorUnit: record.actorUnitName,
    ip: record.ip,
    action: auditActionLabel(record.action),
    businessType: AUDIT_BUSINESS_TYPES[record.businessType] ?? record.businessType,
    entityType: AUDIT_ENTITY_LABELS[record.entityType] ?? record.entityType,
    entity: record.entityName ?? record.entityId,
    changes: describeChanges(record),
    reason: record.reason,
    hash: record.hash,
  };
}

/** The audit log as an .xlsx with Chinese headers (RuoYi's 操作日志导出). */
export function exportAuditWorkbook(records: readonly AuditView[]): Promise<Buffer> {
  return writeSheet(AUDIT_SHEET, records.map(auditExportRow));
}
