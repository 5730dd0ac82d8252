/**
 * Runs the warning rules over the case store, in the background loop every queue shares
 * (platform/jobs). Two passes, each in batches with its cursor in system_settings, so a killed
 * server resumes where it stopped and a rerun raises nothing twice (one ledger row per case and
 * rule, ON CONFLICT DO NOTHING):
 *
 * - changed cases: every case written since the cursor, in the order the writes committed — the
 *   case store's writers stamp `updated_at` with clock_timestamp() while holding the store's lock
 *   (lockCaseStore), so a later commit never carries an earlier stamp;
 * - open cases, once a day (China time) and again when the rule set changes: 即将超期 and 超期 move
 *   with the clock, not with the data. Closed cases are not judged again by a changed rule.
 */
import {
  type CaseEventKind,
  type CaseType,
  caseClock,
  cstDate,
  cstStart,
  evaluateCase,
  type LimitUnit,
  nextDate,
  type SigningKey,
  type SupervisedItem,
  supervisedItemOf,
  type WarningRule,
  type WorkCalendar,
} from "@kaoping/core";
import { inArray, type SQL, sql } from "drizzle-orm";
import type { Database, Db, Tx } from "../../platform/db/client.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { guideDefects, serviceGuides, serviceItems, signingKeys, systemSettings, warnings } from "../../platform/db/schema.ts";
import { textArray } from "../../platform/db/text-array.ts";
import { isPostgres } from "../../platform/db/transaction.ts";
import { bulkUpsert } from "../../platform/ingest/copy.ts";
import type { JobRunner } from "../../platform/jobs/worker.ts";
import { sharedWorkCalendar } from "../calendar/load.ts";
import { type LoadedRuleSet, loadWarningRuleSet } from "./rule-sets.ts";

const CHANGED_KEY = "supervision.changed_cursor";
const SWEEP_KEY = "supervision.open_sweep";
export const WARNING_BATCH = 2000;

type Key = [regionCode: string, sourceCode: string, caseNo: string];
/** The changed-cases cursor: the stamp as PostgreSQL's text (microseconds kept) and the key after it. */
export interface ChangedCursor {
  stamp: string;
  key: Key;
}
/** Today's open-case pass: the China date, the rule version it ran, where it is (null: done). */
interface SweepState {
  date: string;
  version: number;
  after: Key | null;
}

export interface CaseRow {
  region_code: string;
  source_code: string;
  case_no: string;
  unit_id: string;
  item_code: string;
  case_type: CaseType;
  applied_at: string | null;
  accepted_at: string;
  completed_at: string | null;
  legal_limit: number | null;
  legal_limit_unit: LimitUnit | null;
  promised_limit: number | null;
  promised_limit_unit: LimitUnit | null;
  fee: string | null;
  stamp: string;
  events: [CaseEventKind, string, string | null, string | null][];
}

const keyOf = (r: CaseRow): Key => [r.region_code, r.source_code, r.case_no];
const date = (value: string | null) => (value ? new Date(value) : null);

async function readSetting<T>(tx: Tx, key: string): Promise<T | null> {
  const [row] = rowsOf<{ value: T }>(await tx.execute(sql`select value from ${systemSettings} where key = ${key} for update`));
  return row?.value ?? null;
}

async function writeSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx.execute(sql`insert into ${systemSettings} (key, value) values (${key}, ${JSON.stringify(value)}::jsonb)
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
}

/** A batch of cases with their events, the rows' stamps as text. */
export async function readCases(tx: Tx | Db, where: SQL, order: SQL): Promise<CaseRow[]> {
  return rowsOf<CaseRow>(
    await tx.execute(sql`
      select c.region_code, c.source_code, c.case_no, c.unit_id, c.item_code, c.case_type, c.applied_at, c.accepted_at,
             c.completed_at, c.legal_limit::float8 as legal_limit, c.legal_limit_unit, c.promised_limit::float8 as promised_limit,
             c.promised_limit_unit, c.fee::text as fee, c.updated_at::text as stamp,
             coalesce((select json_agg(json_build_array(e.kind, e.at, e.end_at, e.sign_key_id) order by e.seq) from case_events e
               where e.region_code = c.region_code and e.source_code = c.source_code and e.case_no = c.case_no), '[]'::json) as events
      from cases c where ${where} order by ${order} limit ${WARNING_BATCH}`),
  );
}

/** What the rules read about the rows: each region's calendar, each registry item's 收费 and open errors. */
export interface RowContext {
  calendars: Map<string, WorkCalendar>;
  items: Map<string, SupervisedItem>;
  /** Per unit, its registered signing keys (a unit without any: 签章异常 has nothing to compare). */
  keys: Map<string, SigningKey[]>;
}

/** The warnings the rules raise on each row, judged at `asOf` on the row's region's calendar. */
export function judgeRows(rows: CaseRow[], context: RowContext, rules: WarningRule[], asOf: Date) {
  return rows.flatMap((row) => {
    const calendar = context.calendars.get(row.region_code)!;
    const c = {
      fee: row.fee,
      caseType: row.case_type,
      appliedAt: date(row.applied_at),
      acceptedAt: new Date(row.accepted_at),
      completedAt: date(row.completed_at),
      legalLimit: row.legal_limit,
      legalLimitUnit: row.legal_limit_unit,
      promisedLimit: row.promised_limit,
      promisedLimitUnit: row.promised_limit_unit,
    };
    const events = row.events.map(([kind, at, endAt, signKeyId]) => ({ kind, at: new Date(at), endAt: date(endAt), signKeyId }));
    const clock = caseClock(c, events, calendar, { asOf, explain: false });
    const item = context.items.get(row.item_code) ?? null;
    const signingKeys = context.keys.get(row.unit_id);
    return evaluateCase({ case: c, events, clock, calendar, asOf, rules, item, signingKeys }).map((warning) => ({ row, warning }));
  });
}

/**
 * The rows' context: their regions' calendars (kept per database across batches, sharedWorkCalendar)
 * and, for their items in the guide registry, the newest online guide's 是否收费, 收费标准 and 办理流程
 * step limits, and the intervals its 错误 were open. An item not in the registry has none: its rules stay silent.
 */
export async function contextFor(tx: Tx | Db, rows: CaseRow[], owner: Db): Promise<RowContext> {
  const calendars = new Map<string, WorkCalendar>();
  for (const region of new Set(rows.map((r) => r.region_code))) calendars.set(region, await sharedWorkCalendar(tx, region, owner));
  const codes = textArray([...new Set(rows.map((r) => r.item_code))]);
  const guides = rowsOf<{ code: string; guide: Parameters<typeof supervisedItemOf>[0] }>(
    await tx.execute(sql`select si.code, g.guide from ${serviceItems} si
      left join lateral (select sg.guide from ${serviceGuides} sg where sg.item_id = si.id and sg.channel = 'online'
        order by sg.version desc limit 1) g on true
      where si.code = any(${codes})`),
  );
  const errors = rowsOf<{ code: string; created_at: string; closed_at: string | null }>(
    await tx.execute(sql`select si.code, d.created_at, d.closed_at from ${guideDefects} d join ${serviceItems} si on si.id = d.item_id
      where d.severity = 'error' and d.channel = 'online' and si.code = any(${codes})`),
  );
  const items = new Map<string, SupervisedItem>();
  for (const { code, guide } of guides)
    items.set(
      code,
      supervisedItemOf(
        guide,
        errors.filter((e) => e.code === code).map((e) => ({ from: new Date(e.created_at), to: date(e.closed_at) })),
      ),
    );
  const keys = new Map<string, SigningKey[]>();
  for (const key of await tx
    .select()
    .from(signingKeys)
    .where(inArray(signingKeys.unitId, [...new Set(rows.map((r) => r.unit_id))]))) {
    keys.set(key.unitId, [
      ...(keys.get(key.unitId) ?? []),
      {
        keyId: key.keyId,
        approver: key.approver,
        validFrom: cstStart(key.validFrom),
        validTo: key.validTo ? new Date(cstStart(nextDate(key.validTo)).getTime() - 1) : null,
        revokedAt: key.revokedAt,
      },
    ]);
  }
  return { calendars, items, keys };
}

/** The ledger rows the rules raise over a batch, judged at `asOf`; `db` is the database its calendars are cached for. */
async function judgeBatch(q: Tx | Db, db: Db, rows: CaseRow[], { rules, version }: LoadedRuleSet, asOf: Date) {
  if (!rows.length) return [];
  return judgeRows(rows, await contextFor(q, rows, db), rules, asOf).map(({ row, warning: w }) => ({
    regionCode: row.region_code,
    sourceCode: row.source_code,
    caseNo: row.case_no,
    unitId: row.unit_id,
    itemCode: row.item_code,
    ruleId: w.ruleId,
    ruleKind: w.kind,
    ruleName: rules.find((rule) => rule.id === w.ruleId)!.name,
    severity: w.severity,
    ruleVersion: version,
    at: w.at,
    raisedAt: asOf,
    explanation: w.explanation,
    facts: w.facts,
  }));
}
type Raised = Awaited<ReturnType<typeof judgeBatch>>;

/** Adds the raised warnings to the ledger; a warning raised before stays as it was. */
async function writeWarnings(tx: Tx, db: Db, raised: Raised): Promise<void> {
  if (!raised.length) return;
  // Through the bulk path (COPY on PostgreSQL): a batch raises a thousand warnings or more, and
  // json_to_recordset took twice as long to insert them (docs/performance.md, bench:supervision).
  await bulkUpsert(tx, isPostgres(db) ? "postgres" : "pglite", warnings, raised, {
    conflict: ["region_code", "source_code", "case_no", "rule_id"],
    keepStored: true,
  });
}

/** The next batch of cases written after the cursor, in commit order (what the rules read; the bench's baseline). */
export async function readChangedCases(tx: Tx | Db, cursor: ChangedCursor | null): Promise<CaseRow[]> {
  const after = cursor
    ? sql`(c.updated_at, c.region_code, c.source_code, c.case_no) > (${cursor.stamp}::timestamptz, ${cursor.key[0]}, ${cursor.key[1]}, ${cursor.key[2]})`
    : sql`true`;
  return readCases(tx, after, sql`c.updated_at, c.region_code, c.source_code, c.case_no`);
}

export const cursorAfter = (rows: CaseRow[]): ChangedCursor => {
  const last = rows[rows.length - 1]!;
  return { stamp: last.stamp, key: keyOf(last) };
};

/** The change cursor as a list of texts (jsonb gives an object back with its keys in its own order). */
export const changedFrom = (cursor: ChangedCursor | null): string[] | null => cursor && [cursor.stamp, ...cursor.key];

/** The next batch of open cases after a key (today's pass). */
const readOpenCases = (q: Tx | Db, after: Key | null) =>
  readCases(
    q,
    after
      ? sql`c.completed_at is null and (c.region_code, c.source_code, c.case_no) > (${after[0]}, ${after[1]}, ${after[2]})`
      : sql`c.completed_at is null`,
    sql`c.region_code, c.source_code, c.case_no`,
  );

/** A batch to read: where it starts (null: the pass's beginning), and how to read it. */
interface Due {
  from: string[] | null;
  read(q: Tx | Db): Promise<CaseRow[]>;
}

/** A pass over the case store in batches, its place kept in system_settings under `key`. */
interface Pass<S> {
  key: string;
  /** The batch due after the stored state under the rule version, or null when the pass has nothing to do. */
  due(state: S | null, version: number, asOf: Date): Due | null;
  /** The state to store once the batch's warnings are written; null when there is no work (nothing stored). */
  after(rows: CaseRow[], version: number, asOf: Date): S | null;
}

/** Every case written since the cursor, in commit order. */
const changedPass: Pass<ChangedCursor> = {
  key: CHANGED_KEY,
  due: (cursor) => ({ from: changedFrom(cursor), read: (q) => readChangedCases(q, cursor) }),
  after: (rows) => (rows.length ? cursorAfter(rows) : null),
};

/** Today's pass over the open cases, again when the rule set changes; done (after: null) until then. */
const openPass: Pass<SweepState> = {
  key: SWEEP_KEY,
  due(state, version, asOf) {
    const fresh = !state || state.date !== cstDate(asOf) || state.version !== version;
    if (!fresh && state.after === null) return null;
    const after = fresh ? null : state.after;
    return { from: after, read: (q) => readOpenCases(q, after) };
  },
  after: (rows, version, asOf) => ({
    date: cstDate(asOf),
    version,
    after: rows.length < WARNING_BATCH ? null : keyOf(rows[rows.length - 1]!),
  }),
};

/** A batch read and judged: where it started, under which rule version. */
interface JudgedBatch {
  from: string[] | null;
  version: number;
  rows: CaseRow[];
  raised: Raised;
}

async function judgeDue(q: Tx | Db, db: Db, due: Due, ruleSet: LoadedRuleSet, asOf: Date): Promise<JudgedBatch> {
  const rows = await due.read(q);
  return { from: due.from, version: ruleSet.version, rows, raised: await judgeBatch(q, db, rows, ruleSet, asOf) };
}

export const sameFrom = (a: string[] | null, b: string[] | null) =>
  a === null || b === null ? a === b : a.length === b.length && a.every((part, i) => part === b[i]);

/** What became of the batches read ahead: taken by the next transaction, read again instead, or failed. */
export interface ReadAheadCounts {
  taken: number;
  discarded: number;
  failed: number;
}

/** A pass's run: its turn, where to count and say what became of the batches read ahead. */
interface PassRun {
  db: Db;
  asOf: Date;
  /** Checked before each batch and before reading the next one ahead: the turn is over. */
  enough: () => boolean;
  counts: ReadAheadCounts;
  log?: (message: string, error: unknown) => void;
}

/**
 * One batch of the pass; null when it has nothing to do. `ahead`, a batch read and judged outside
 * this transaction, is used when it starts where the stored state says under the same rule version
 * (another process may have moved on). On PostgreSQL, unless the turn is over, the next batch is read
 * and judged on another connection while this one is written (PGlite has one connection). Reading early misses nothing: a changed case
 * committed later carries a later stamp (see the header), and an open case is judged again by
 * tomorrow's pass, or by the changed pass once it is written.
 */
async function evaluateBatch<S>(tx: Tx, pass: Pass<S>, run: PassRun, ahead: JudgedBatch | null = null) {
  const { db, asOf, counts } = run;
  const state = await readSetting<S>(tx, pass.key);
  const ruleSet = await loadWarningRuleSet(tx);
  const due = pass.due(state, ruleSet.version, asOf);
  if (!due) return null;
  const taken = ahead !== null && ahead.version === ruleSet.version && sameFrom(ahead.from, due.from);
  if (ahead) counts[taken ? "taken" : "discarded"]++;
  const batch = taken ? ahead! : await judgeDue(tx, db, due, ruleSet, asOf);
  const after = pass.after(batch.rows, ruleSet.version, asOf);
  if (after === null) return null;
  const nextDue = isPostgres(db) && !run.enough() ? pass.due(after, ruleSet.version, asOf) : null;
  const next = nextDue
    ? judgeDue(db, db, nextDue, ruleSet, asOf).catch((error: unknown) => {
        // Only a batch read again in its own transaction; said, so a read ahead that always fails shows.
        counts.failed++;
        run.log?.("supervision warnings: a batch read ahead failed; it is read again", error);
        return null;
      })
    : Promise.resolve(null);
  await writeWarnings(tx, db, batch.raised);
  await writeSetting(tx, pass.key, after);
  return { next };
}

/**
 * The pass batch after batch, until it has nothing to do or `run.enough` says so; answers whether it
 * did any. On PostgreSQL each batch is read and judged while the one before it is written, so the
 * database's work and the rules' overlap (docs/performance.md, bench:supervision).
 */
async function evaluatePass<S>(pass: Pass<S>, run: PassRun): Promise<boolean> {
  let ahead: JudgedBatch | null = null;
  for (let worked = false; ; worked = true) {
    if (worked && run.enough()) return true;
    const done = await run.db.transaction((tx) => evaluateBatch(tx, pass, run, ahead));
    if (!done) return worked;
    ahead = await done.next;
  }
}

const newRun = (db: Db, asOf: Date, enough: () => boolean, log?: PassRun["log"]): PassRun => ({
  db,
  asOf,
  enough,
  counts: { taken: 0, discarded: 0, failed: 0 },
  ...(log ? { log } : {}),
});

/**
 * One batch of warning work in its own transaction: changed cases first, then today's open-case
 * pass. Answers whether it did any.
 */
export async function evaluateWarningsOnce(db: Db, asOf: Date = new Date()): Promise<boolean> {
  // Its turn over at once: nothing read ahead.
  const run = newRun(db, asOf, () => true);
  return db.transaction(
    async (tx) => (await evaluateBatch(tx, changedPass, run)) !== null || (await evaluateBatch(tx, openPass, run)) !== null,
  );
}

/** Every pending batch until none is left (tests, the CLI, the demo); answers what became of the batches read ahead. */
export async function evaluateWarnings(db: Db, asOf: Date = new Date()): Promise<ReadAheadCounts> {
  const run = newRun(db, asOf, () => false);
  await evaluatePass(changedPass, run);
  await evaluatePass(openPass, run);
  while (await evaluateWarningsOnce(db, asOf));
  return run.counts;
}

/** How long the background loop's turn at the warnings lasts before the other queues get theirs. */
const TURN_MS = 2000;

/** The warning rules as a runner of the background loop: a turn at the changed cases, else at today's open-case pass. */
export function warningRunner({ database, log }: { database: Database; log?: PassRun["log"] }): JobRunner {
  return {
    name: "supervision warnings",
    runOne: async (signal) => {
      const asOf = new Date();
      const end = asOf.getTime() + TURN_MS;
      const run = newRun(database.db, asOf, () => signal.aborted || Date.now() > end, log);
      return (await evaluatePass(changedPass, run)) || evaluatePass(openPass, run);
    },
  };
}
