import type { AuditBusinessType, AuditView, auditListQuerySchema, Paged } from "@kaoping/core";
import { and, count, desc, eq, gte, ilike, lte, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../platform/db/client.ts";
import { auditLog } from "../../platform/db/schema.ts";

export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

function presentAudit(row: typeof auditLog.$inferSelect): AuditView {
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
    before: row.before,
    after: row.after,
    reason: row.reason,
    hash: row.hash,
  };
}

/** The audit log, newest first, with the query form's filters. Read-only: there is no write route. */
export async function listAudit(db: Db, query: AuditListQuery): Promise<Paged<AuditView>> {
  const parts: (SQL | undefined)[] = [];
  if (query.action) parts.push(ilike(auditLog.action, `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.entityType) parts.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) parts.push(eq(auditLog.entityId, query.entityId));
  if (query.actorId) parts.push(eq(auditLog.actorId, query.actorId));
  if (query.actor) parts.push(ilike(auditLog.actorName, `%${query.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (query.businessType) parts.push(eq(auditLog.businessType, query.businessType));
  if (query.from) parts.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) parts.push(lte(auditLog.at, new Date(query.to)));
  const where = and(...parts);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map(presentAudit) };
}
