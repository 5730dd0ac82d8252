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
 * Appends records to the hash chain, in order. Call it inside the transaction
 * that makes the change, so the change and its records commit or roll back
 * together. Returns the last record's sequence number.
 */
export async function appendAudit(tx: Tx | Db, actor: Actor, entries: AuditEntry[], algorithm: HashAlgorithm): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const at = new Date();
  const records = entries.map((entry) => {
    seq += 1;
    const content = {
      seq,
      at,
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
    prevHash = hashRecord(content, algorithm);
    return { ...content, hash: prevHash };
  });
  for (let i = 0; i < records.length; i += 500) await tx.insert(auditLog).values(records.slice(i, i + 500));
  if (records.length) {
    await tx
      .insert(auditHead)
      .values({ id: 1, seq, hash: prevHash })
      .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash: prevHash } });
  }
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
