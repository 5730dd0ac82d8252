import type { AuditVerifyResult, AuditView, Paged } from "@kaoping/core";
import { api, download } from "./client.ts";

export interface AuditFilters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  businessType?: string;
  /** ISO date-times with offset. */
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (query: AuditFilters & { page: number; pageSize: number }) => api.get<Paged<AuditView>>("/api/audit", { ...query }),
  exportXlsx: (filters: AuditFilters) => download("/api/audit/export", { ...filters }, "审计日志.xlsx"),
  verify: () => api.get<AuditVerifyResult>("/api/audit/verify"),
};
