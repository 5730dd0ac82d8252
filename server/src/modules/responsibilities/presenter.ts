import { isMilestoneOverdue, type ResponsibilityRole, type ResponsibilityStatus, type ResponsibilityView } from "@kaoping/core";
import type { responsibilities } from "../../platform/db/schema.ts";

export type ResponsibilityRow = typeof responsibilities.$inferSelect;

export interface ResponsibilityNames {
  indicatorName: string;
  unitCode: string;
  unitName: string;
  evidenceCount: number;
}

export function presentResponsibility(row: ResponsibilityRow, names: ResponsibilityNames, now = Date.now()): ResponsibilityView {
  const status = row.status as ResponsibilityStatus;
  return {
    id: row.id,
    campaignId: row.campaignId,
    indicatorCode: row.indicatorCode,
    indicatorName: names.indicatorName,
    unitId: row.unitId,
    unitCode: names.unitCode,
    unitName: names.unitName,
    role: row.role as ResponsibilityRole,
    milestone: row.milestone,
    dueDate: row.dueDate,
    status,
    note: row.note,
    overdue: isMilestoneOverdue(row.dueDate, status, now),
    evidenceCount: names.evidenceCount,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const auditResponsibility = (row: ResponsibilityRow, unitCode: string) => ({
  indicatorCode: row.indicatorCode,
  unitCode,
  status: row.status,
  note: row.note,
});
