import type { AuditBusinessType } from "@kaoping/core";
import { getTableColumns, sql } from "drizzle-orm";
import type { HashAlgorithm } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import { auditHead, auditLog } from "../db/schema.ts";
import { type ChainedContent, GENESIS_HASH, hashRecord } from "./hash.ts";

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

type Head = { seq: number; hash: string };

/**
 * The head this process last wrote, committed or not: the next append links
 * onto it without reading the head first. Only a guess — the write checks it
 * against the head it locks — but right whenever one process appends, which
 * lets appends queue inside the database instead of taking turns through the
 * event loop while the chain is locked.
 */
let tail: Head | null = null;

/** Where the chain starts: the head before the first record. */
const GENESIS: Head = { seq: 0, hash: GENESIS_HASH };

type AuditRecord = typeof auditLog.$inferInsert & ChainedContent & { hash: string };

function chainRecords(head: Head, actor: Actor, entries: AuditEntry[], algorithm: HashAlgorithm, at: Date): AuditRecord[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return entries.map((entry) => {
    seq += 1;
    const content: ChainedContent = {
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
}

const LOG_COLUMNS = Object.entries(getTableColumns(auditLog));
const LOG_NAMES = sql.join(
  LOG_COLUMNS.map(([, column]) => sql.identifier(column.name)),
  sql`, `,
);

/**
 * One statement: locks the head (waiting, inside the database, for a
 * transaction that holds it to end, then reading the head it left), moves it
 * from `from` to the last record and inserts the records — both, or neither
 * when the head is not `from`. Answers whether it wrote, and the head it found
 * (null before the first append ever), which this transaction now holds.
 */
async function writeRecords(tx: Tx | Db, from: Head, records: AuditRecord[]): Promise<{ written: boolean; head: Head | null }> {
  const last = records[records.length - 1]!;
  const rows = records.map((r) =>
    Object.fromEntries(LOG_COLUMNS.map(([key, column]) => [column.name, key === "at" ? r.at.toISOString() : r[key as keyof AuditRecord]])),
  );
  // The lock is taken by `select … for update`, not by the update's own WHERE: an update would test
  // `seq = from.seq` against the head as of this statement's start and skip the row without waiting.
  const result = await tx.execute(sql`
    with locked as (select seq, hash from ${auditHead} where ${auditHead.id} = 1 for update),
    moved as (
      update ${auditHead} set seq = ${last.seq}, hash = ${last.hash} from locked
      where ${auditHead.id} = 1 and locked.seq = ${from.seq} and locked.hash = ${from.hash}
      returning 1),
    written as (
      insert into ${auditLog} (${LOG_NAMES})
      select ${LOG_NAMES} from jsonb_populate_recordset(null::${auditLog}, ${JSON.stringify(rows)}::jsonb)
      where exists (select 1 from moved)
      returning 1)
    select locked.seq, locked.hash, (select count(*) from written)::int as written from locked`);
  const [found] = (result as unknown as { rows: { seq: string | number; hash: string; written: number }[] }).rows;
  if (!found) return { written: false, head: null };
  return { written: found.written === records.length, head: { seq: Number(found.seq), hash: found.hash } };
}

/**
 * Appends records to the hash chain, in order. Call it inside the transaction
 * that makes the change, so the change and its records commit or roll back
 * together; as late as possible in it, since the chain stays locked from here
 * to the commit (commands get this for free: `runCommand` appends their
 * records just before committing). Returns the last record's sequence number.
 */
export async function appendAudit(tx: Tx | Db, actor: Actor, entries: AuditEntry[], algorithm: HashAlgorithm): Promise<number> {
  if (!entries.length) return 0;
  const at = new Date();
  let from = tail ?? GENESIS;
  // A wrong guess (another process appended, or a transaction chained onto rolled back) comes back
  // with the real head, locked by this transaction, so the next write cannot miss. The one exception:
  // no head row yet (the first append ever) — it is made, and the write tried again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const records = chainRecords(from, actor, entries, algorithm, at);
    const last = records[records.length - 1]!;
    tail = last; // the next append in this process chains onto these records and waits for this commit
    const outcome = await writeRecords(tx, from, records);
    if (outcome.written) return last.seq;
    if (!outcome.head)
      await tx
        .insert(auditHead)
        .values({ id: 1, ...GENESIS })
        .onConflictDoNothing();
    from = outcome.head ?? GENESIS;
  }
  throw new Error("audit head moved while locked");
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
