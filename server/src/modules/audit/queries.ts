import type { AuditBusinessType, AuditView, auditListQuerySchema, Paged } from "@kaoping/core";
import { and, count, desc, eq, gte, ilike, lte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../platform/db/client.ts";
import { auditLog } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { auditEntityNames } from "./names.ts";

export type AuditListQuery = z.infer<typeof auditListQuerySchema>;
export type AuditExportQuery = Omit<AuditListQuery, "page" | "pageSize">;

/** The most records one export holds: a larger log is exported a period at a time. */
export const AUDIT_EXPORT_MAX = 50_000;

type AuditRow = typeof auditLog.$inferSelect;

function presentAudit(row: AuditRow, names: Map<string, string>): AuditView {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    actorUnitId: row.actorUnitId,
    actorUnitName: row.actorUnitName,
    ip: row.ip,
    action: row.action,
    businessType: row.businessType as AuditBusinessType,
    entityType: row.entityType,
    entityId: row.entityId,
    entityName: row.entityId ? (names.get(`${row.entityType}:${row.entityId}`) ?? null) : null,
    before: row.before,
    after: row.after,
    reason: row.reason,
    hash: row.hash,
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtersWhere(query: AuditExportQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (query.action) parts.push(ilike(auditLog.action, `${escapeLike(query.action)}%`));
  if (query.entityType) parts.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) parts.push(eq(auditLog.entityId, query.entityId));
  if (query.actorId) parts.push(eq(auditLog.actorId, query.actorId));
  if (query.actor) parts.push(ilike(auditLog.actorName, `%${escapeLike(query.actor)}%`));
  if (query.businessType) parts.push(eq(auditLog.businessType, query.businessType));
  if (query.from) parts.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) parts.push(lte(auditLog.at, new Date(query.to)));
  return and(...parts);
}

async function presentAll(db: Db, rows: AuditRow[]): Promise<AuditView[]> {
  const names = await auditEntityNames(db, rows);
  return rows.map((row) => presentAudit(row, names));
}

/** The audit log, newest first, with the query form's filters. Read-only: there is no write route. */
export async function listAudit(db: Db, query: AuditListQuery): Promise<Paged<AuditView>> {
  const where = filtersWhere(query);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: await presentAll(db, rows) };
}

/** Every record the filters match, newest first, for the Excel export; more than AUDIT_EXPORT_MAX is refused. */
export async function listAuditForExport(db: Db, query: AuditExportQuery): Promise<AuditView[]> {
  const where = filtersWhere(query);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  if ((total?.n ?? 0) > AUDIT_EXPORT_MAX) {
    throw new AppError(
      "VALIDATION",
      `符合条件的审计记录共 ${total!.n} 条，超过一次导出的上限 ${AUDIT_EXPORT_MAX} 条，请缩小时间范围或增加筛选条件`,
      [{ path: ["from"], message: "请缩小时间范围" }],
    );
  }
  return presentAll(db, await db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)));
}
