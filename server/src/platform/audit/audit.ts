import type { AuditBusinessType } from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import type { HashAlgorithm } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import { auditHead, auditLog } from "../db/schema.ts";
import { GENESIS_HASH, hashRecord } from "./hash.ts";

/** Who did it: every command receives this with its transaction. */
export interface Actor {
  id: string | null;
  name: string;
  unitId: string | null;
  unitName: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  businessType: AuditBusinessType;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Any constant: serialises appends so each record links to the one before it. */
const CHAIN_LOCK_KEY = 7_240_613;

/**
 * Appends one record to the hash chain. Call it inside the transaction that
 * makes the change, so the change and its record commit or roll back together.
 */
export async function writeAudit(tx: Tx | Db, actor: Actor, entry: AuditEntry, algorithm: HashAlgorithm): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const content = {
    seq,
    at: new Date(),
    actorId: actor.id,
    actorName: actor.name,
    actorUnitId: actor.unitId,
    actorUnitName: actor.unitName,
    ip: actor.ip,
    action: entry.action,
    businessType: entry.businessType,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    algorithm,
    prevHash,
  };
  const hash = hashRecord(content, algorithm);
  await tx.insert(auditLog).values({ ...content, hash });
  await tx.insert(auditHead).values({ id: 1, seq, hash }).onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } });
  return seq;
}

/** The keys whose values differ, for an update's before/after pair. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
