import type { AuditAction, AuditBusinessType } from "@kaoping/core";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import pg from "pg";
import type { HashAlgorithm } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import { auditHead, auditLog } from "../db/schema.ts";
import type { Transaction } from "../db/transaction.ts";
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
  /** Typed by the registry of labels, so an action without a Chinese title does not compile. */
  action: AuditAction;
  businessType: AuditBusinessType;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

type Head = { seq: number; hash: string };

/**
 * The newest records this process sent, committed or not: the next append links
 * onto them without reading the head first. Only a guess — the write checks it
 * against the head it locks — but right whenever one process appends, which
 * lets appends queue inside the database instead of taking turns through the
 * event loop while the chain is locked.
 */
let tail: Head | null = null;

/**
 * Which run of records `tail` belongs to: a run starts where an append took the
 * head as it really was, and goes on through every append chained after it.
 * When an append of a run fails, every record sent after it in that run is
 * dead too (it chains through the failed one), so a tail of that run is dropped.
 */
let run = 0;

/** Chains `entries` onto the newest records and makes them the newest: the place after every append sent before. */
function extendTail(actor: Actor, entries: AuditEntry[], algorithm: HashAlgorithm, at: Date) {
  // Never the genesis for want of a guess: an append with no guess takes the head as it is (seizeHead).
  if (!tail) throw new Error("no audit guess to chain onto");
  const from = tail;
  const records = chainRecords(from, actor, entries, algorithm, at);
  const last = records[records.length - 1]!;
  tail = last;
  return { from, records, last, run };
}

/** After an append of `failed` run went wrong: the next append starts from no guess unless a newer run began meanwhile. */
function dropRun(failed: number): void {
  if (run === failed) tail = null;
}

/** What a process knows of the head when it starts: nothing (tests use it to act as a fresh process). */
export function forgetAuditGuess(): void {
  tail = null;
  run += 1;
}

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
const LOG_NAMES = LOG_COLUMNS.map(([, column]) => pg.escapeIdentifier(column.name)).join(", ");
const HEAD = pg.escapeIdentifier(getTableName(auditHead));
const LOG = pg.escapeIdentifier(getTableName(auditLog));

/** What `audit_append` raises when the head was not where the append expected it (migration 20261207020543). */
const HEAD_MOVED = "KP409";

/** Whether the error is HEAD_MOVED, raised through node-postgres directly or wrapped by drizzle. */
function isHeadMoved(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === HEAD_MOVED;
}

/** The records as the JSON array of audit_log rows that jsonb_populate_recordset reads, as a literal. */
function recordsLiteral(records: AuditRecord[]): string {
  const rows = records.map((r) =>
    Object.fromEntries(LOG_COLUMNS.map(([key, column]) => [column.name, key === "at" ? r.at.toISOString() : r[key as keyof AuditRecord]])),
  );
  return `${pg.escapeLiteral(JSON.stringify(rows))}::jsonb`;
}

/**
 * One statement: locks the head (waiting, inside the database, for a
 * transaction that holds it to end, then reading the head it left), moves it
 * from `from` to the last record and inserts the records — both, or neither
 * when the head is not `from`. It answers the head it found (no row before
 * the first append ever) with the count written.
 */
function appendStatement(from: Head, records: AuditRecord[]): string {
  const last = records[records.length - 1]!;
  // The lock is taken by `select … for update`, not by the update's own WHERE: an update would test
  // `seq = from.seq` against the head as of this statement's start and skip the row without waiting.
  return `with locked as (select seq, hash from ${HEAD} where id = 1 for update),
    moved as (
      update ${HEAD} set seq = ${last.seq}, hash = ${pg.escapeLiteral(last.hash)} from locked
      where ${HEAD}.id = 1 and locked.seq = ${from.seq} and locked.hash = ${pg.escapeLiteral(from.hash)}
      returning 1),
    written as (
      insert into ${LOG} (${LOG_NAMES})
      select ${LOG_NAMES} from jsonb_populate_recordset(null::${LOG}, ${recordsLiteral(records)})
      where exists (select 1 from moved)
      returning 1)
    select locked.seq, locked.hash, (select count(*) from written)::int as written from locked`;
}

/** How long an append sent with its COMMIT waits for the messages sent before it to commit (see `audit_append`). */
const PREDECESSOR_WAIT_MS = 200;

/** The same append as one call of `audit_append`, values as literals, so it can travel with a COMMIT in one message (exported for its tests). */
export function appendCall(from: Head, records: AuditRecord[], waitMs = PREDECESSOR_WAIT_MS): string {
  const last = records[records.length - 1]!;
  return `select audit_append(${from.seq}, ${pg.escapeLiteral(from.hash)}, ${last.seq}, ${pg.escapeLiteral(last.hash)}, ${recordsLiteral(records)}, ${waitMs})`;
}

async function writeRecords(tx: Tx | Db, from: Head, records: AuditRecord[]): Promise<{ written: boolean; head: Head | null }> {
  const result = await tx.execute(sql.raw(appendStatement(from, records)));
  const [found] = rowsOf<{ seq: string | number; hash: string; written: number }>(result);
  if (!found) return { written: false, head: null };
  return { written: found.written === records.length, head: { seq: Number(found.seq), hash: found.hash } };
}

/**
 * Appends records to the hash chain, in order. Call it inside the transaction
 * that makes the change, so the change and its records commit or roll back
 * together; as late as possible in it, since the chain stays locked from here
 * to the commit (commands get this for free: `runCommand` ends with
 * `commitWithAudit`). Returns the last record's sequence number.
 *
 * It first chains onto the newest records this process sent, waiting for them
 * as a message sent with its COMMIT does (`audit_append`, while other appends are on their way):
 * seizing the head instead would put these records ahead of every message in
 * flight, and each of those would fall back in turn. Only when there is no
 * guess (or three were wrong) does it take the head as it really is, one
 * append of the process at a time (`seizeHead`).
 */
export async function appendAudit(tx: Tx, actor: Actor, entries: AuditEntry[], algorithm: HashAlgorithm): Promise<number> {
  if (!entries.length) return 0;
  const at = new Date();
  for (let guesses = 0; guesses < 3; guesses++) {
    const deadline = Date.now() + SEIZE_WAIT_MS;
    // Checked again on resuming: another append that resumed first may have begun to take the head.
    do await seized(deadline);
    while (!tail && seizing && Date.now() < deadline);
    if (!tail) break;
    await tx.execute(sql.raw("savepoint audit_guess"));
    // Set just before sending (the guess may have been dropped while the savepoint was on its way):
    // the next append in this process chains onto these records.
    const guess = tail && extendTail(actor, entries, algorithm, at);
    if (!guess) break;
    // A predecessor worth waiting for is an append on its way (a message, or another guess). With none
    // (and always on PGlite, whose one connection runs one transaction at a time) a guess found short
    // fails at once, and seizeHead waits for the head's lock instead — held by whatever transaction
    // appended last, until it ends.
    const waitMs = inFlight.busy() || guessesOnTheirWay > 0 ? PREDECESSOR_WAIT_MS : 0;
    guessesOnTheirWay += 1;
    try {
      await tx.execute(sql.raw(appendCall(guess.from, guess.records, waitMs)));
      return guess.last.seq;
    } catch (error) {
      dropRun(guess.run);
      if (!isHeadMoved(error)) throw error;
      await tx.execute(sql.raw("rollback to savepoint audit_guess"));
    } finally {
      guessesOnTheirWay -= 1;
    }
    fallbacks += 1;
  }
  return seizeHead(tx, actor, entries, algorithm, at);
}

/**
 * Set while an append takes the head as it really is. The others wait for it and chain onto its
 * records: each taking the head too would move it under the messages chained onto the one before,
 * and those would fall back in turn (the cascade seen at a server's start, when every guess is empty).
 */
let seizing: Promise<void> | null = null;

/** appendAudit's guesses sent and not yet answered. */
let guessesOnTheirWay = 0;

/**
 * How long an append waits for another to take the head before taking it itself: a seizer whose
 * connection hangs must not hold up every command of the process (each waiting with its
 * transaction and connection open).
 */
const SEIZE_WAIT_MS = 1_000;

/**
 * Returns once no append is taking the head for want of a guess, or at `deadline` (SEIZE_WAIT_MS
 * by default). The caller resumes a microtask later: one that would take the head itself checks again then.
 */
async function seized(deadline = Date.now() + SEIZE_WAIT_MS): Promise<void> {
  while (!tail && seizing && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
    });
    await Promise.race([seizing, late]);
    clearTimeout(timer);
  }
}

/**
 * Appends onto the head as it is. The first try chains onto the genesis; a wrong one comes back with
 * the real head, locked by this transaction, so the next write cannot miss. The one exception: no
 * head row yet (the first append ever) — it is made, and the write tried again.
 */
async function seizeHead(tx: Tx, actor: Actor, entries: AuditEntry[], algorithm: HashAlgorithm, at: Date): Promise<number> {
  let release = () => {};
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  seizing = mine;
  try {
    let from = GENESIS;
    for (let attempt = 0; attempt < 3; attempt++) {
      const records = chainRecords(from, actor, entries, algorithm, at);
      const last = records[records.length - 1]!;
      const outcome = await writeRecords(tx, from, records);
      if (outcome.written) {
        run += 1;
        tail = last;
        return last.seq;
      }
      if (!outcome.head)
        await tx
          .insert(auditHead)
          .values({ id: 1, ...GENESIS })
          .onConflictDoNothing();
      from = outcome.head ?? GENESIS;
    }
    throw new Error("audit head moved while locked");
  } finally {
    if (seizing === mine) seizing = null;
    release();
  }
}

let fallbacks = 0;

/** How many appends of this process found the head elsewhere than they guessed, and tried again (for tests and diagnostics). */
export const auditFallbacks = (): number => fallbacks;

/**
 * Ends a command's transaction with its audit records. On PostgreSQL the
 * append and the COMMIT go as one message, so the chain's head is locked only
 * while the database commits. Each message chains onto the records of the one
 * this process sent before it, committed or not, and up to AUDIT_IN_FLIGHT travel at
 * once: the database takes them in turn on the head's lock, and one that
 * arrives before its predecessor waits for it (`audit_append`). The guess at
 * the head is right while this process is the only writer (a sign-in appends
 * inside its own transaction through `appendAudit`, which chains and waits the
 * same way). When it is wrong (another process appended, or a message chained
 * onto failed) the append raises before the COMMIT; its savepoint is rolled
 * back (releasing the head) and the records are appended again by
 * `appendAudit` before the caller commits.
 */
export async function commitWithAudit(
  transaction: Transaction,
  actor: Actor,
  entries: AuditEntry[],
  algorithm: HashAlgorithm,
): Promise<void> {
  const { tx, endWith } = transaction;
  if (!entries.length) return;
  // PGlite: one connection, transactions one at a time — nothing is ever on its way to wait for.
  if (!endWith) {
    await appendAudit(tx, actor, entries, algorithm);
    return;
  }
  await inFlight.run(async () => {
    await seized();
    // No guess (the process's first append, or its guess was dropped): the head as it is, inside the transaction.
    if (!tail) {
      await appendAudit(tx, actor, entries, algorithm);
      return;
    }
    // Set before sending: the next message chains onto these records.
    const { from, records, run: sent } = extendTail(actor, entries, algorithm, new Date());
    try {
      await endWith(`savepoint audit_append;\n${appendCall(from, records)}`);
    } catch (error) {
      dropRun(sent);
      if (!isHeadMoved(error)) throw error;
      fallbacks += 1;
      await tx.execute(sql.raw("rollback to savepoint audit_append"));
      await appendAudit(tx, actor, entries, algorithm);
    }
  });
}

/**
 * How many appends with their COMMIT one process has on their way at once. Each holds a pooled
 * connection, so the pool caps it too (2 × cores + 1 by default); a message that fails makes the
 * ones sent after it fall back, so the window is not made larger than the gain needs.
 */
export const AUDIT_IN_FLIGHT = 8;

/** Runs at most `limit` calls at once, the others queued in call order. */
function atMost(limit: number) {
  let running = 0;
  const queued: (() => void)[] = [];
  return {
    /** Whether a call is running. */
    busy: () => running > 0,
    async run(fn: () => Promise<void>): Promise<void> {
      if (running >= limit) await new Promise<void>((resolve) => queued.push(resolve));
      else running += 1;
      try {
        await fn();
      } finally {
        const next = queued.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}

const inFlight = atMost(AUDIT_IN_FLIGHT);

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
