import type { AuditBusinessType } from "@kaoping/core";
import { eq, getTableColumns, sql } from "drizzle-orm";
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
 * onto it without reading the head first. Only a guess — the write below
 * checks it against the stored head — but right whenever one process appends,
 * which lets appends queue inside the database instead of taking turns
 * through the event loop while the chain is locked.
 */
let tail: Head | null = null;

/** The chain head, locked (`for update` re-reads one a concurrent append just committed); made on the first append. */
async function lockHead(tx: Tx | Db): Promise<Head> {
  const read = () => tx.select().from(auditHead).where(eq(auditHead.id, 1)).for("update");
  const [head] = await read();
  if (head) return head;
  await tx.insert(auditHead).values({ id: 1, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  return (await read())[0]!;
}

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

/**
 * One statement: moves the head from `from` to the last record and inserts the
 * records — both, or neither when the stored head is not `from`. Waits in the
 * database while another transaction holds the head. Returns whether it wrote.
 */
async function writeRecords(tx: Tx | Db, from: Head, records: AuditRecord[]): Promise<boolean> {
  const last = records[records.length - 1]!;
  const rows = records.map((r) =>
    Object.fromEntries(LOG_COLUMNS.map(([key, column]) => [column.name, key === "at" ? r.at.toISOString() : r[key as keyof AuditRecord]])),
  );
  const names = sql.join(
    LOG_COLUMNS.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const result = await tx.execute(sql`
    with moved as (
      update ${auditHead} set seq = ${last.seq}, hash = ${last.hash}
      where ${auditHead.id} = 1 and ${auditHead.seq} = ${from.seq} and ${auditHead.hash} = ${from.hash}
      returning 1)
    insert into ${auditLog} (${names})
    select ${names} from jsonb_populate_recordset(null::${auditLog}, ${JSON.stringify(rows)}::jsonb)
    where exists (select 1 from moved)
    returning 1`);
  return (result as unknown as { rows: unknown[] }).rows.length === records.length;
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
  if (tail) {
    const records = chainRecords(tail, actor, entries, algorithm, at);
    const from = tail;
    tail = records[records.length - 1]!;
    if (await writeRecords(tx, from, records)) return tail.seq;
  }
  // No guess, or a wrong one (another process appended, or a transaction we chained onto rolled back).
  const head = await lockHead(tx);
  const records = chainRecords(head, actor, entries, algorithm, at);
  if (!(await writeRecords(tx, head, records))) throw new Error("audit head moved while locked");
  tail = records[records.length - 1]!;
  return tail.seq;
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
