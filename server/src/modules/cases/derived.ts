import {
  CalendarGapError,
  type CaseEventKind,
  type CaseType,
  caseClock,
  cstDate,
  type LimitUnit,
  type QualityIssue,
  type WorkCalendar,
  workingDaysBetween,
} from "@kaoping/core";
import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { addToRollups, cstDay, type RollupSpec } from "../../platform/db/rollups.ts";
import { rowsOf } from "../../platform/db/rows.ts";

/**
 * What the case store derives from a stored case: its clock (elapsed days, due instant), its
 * data-quality issues, and its contribution to case_rollups. The ingest calls, per batch and in
 * the batch's transaction: withdrawCases(keys) before it overwrites those cases (or their events),
 * then applyCases(keys) after. A case's contribution is computed in SQL from its stored row both
 * times, so what is withdrawn is exactly what was added.
 */

export type CaseKey = { regionCode: string; sourceCode: string; caseNo: string };

/** pg_advisory_xact_lock key of the case store's writers (see lockCaseStore). */
const CASE_STORE_LOCK_KEY = 7_240_615;

/**
 * Every transaction that withdraws and adds rollup contributions — an import batch (cases or
 * events), a re-derivation batch, a calendar change — takes this lock first: two writers touching
 * the same case would otherwise both withdraw its old contribution (or miss a case the other just
 * inserted) and the rollups would drift. Held to the commit; batches are short.
 */
export async function lockCaseStore(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CASE_STORE_LOCK_KEY})`);
}

/**
 * `alias.(region_code, source_code, case_no)` among the keys. The keys travel as one JSON
 * parameter (drizzle would spread an array into a tuple of parameters).
 */
export function keyFilter(alias: string, keys: CaseKey[]): SQL {
  const a = sql.raw(alias);
  const json = JSON.stringify(keys.map((k) => ({ r: k.regionCode, s: k.sourceCode, n: k.caseNo })));
  return sql`(${a}.region_code, ${a}.source_code, ${a}.case_no) in (
    select k.r, k.s, k.n from json_to_recordset(${json}::json) as k(r text, s text, n text))`;
}

/** 承诺时限压缩比 compares like with like: a legal limit > 0 and a promised one in the same unit. */
const LIMITED =
  "c.legal_limit > 0 and c.promised_limit is not null and coalesce(c.promised_limit_unit, 'working_day') = coalesce(c.legal_limit_unit, 'working_day')";
const CLOCKED = "c.completed_at is not null and c.elapsed_days is not null";
const hasIssue = (issue: QualityIssue) => `c.quality @> '["${issue}"]'`;

/**
 * Which cases (alias `c`) each rollup counter counts, as SQL: the rollups, the drill-down and
 * the open-case counts read this one definition, so a metric's drill-down lists exactly the
 * cases its counters counted.
 */
export const CASE_PREDICATES = {
  accepted: "true",
  online_accepted: "c.channel in ('online', 'mobile')",
  fully_online: "c.channel in ('online', 'mobile') and c.visits = 0",
  instant: "c.case_type = 'instant'",
  completed: "c.completed_at is not null",
  completed_on_time: "c.completed_at <= c.due_at",
  completed_late: "c.completed_at > c.due_at",
  /** on_time_rate's denominator: completed with a due instant. */
  judged: "c.completed_at is not null and c.due_at is not null",
  clocked: CLOCKED,
  promised_clocked: `${CLOCKED} and c.promised_limit > 0`,
  limited: LIMITED,
  visits_counted: "c.visits is not null",
  zero_visit: "c.visits = 0",
  at_most_one_visit: "c.visits <= 1",
  corrected:
    "exists (select 1 from case_events e where e.region_code = c.region_code and e.source_code = c.source_code and e.case_no = c.case_no and e.kind = 'correction')",
  not_corrected:
    "not exists (select 1 from case_events e where e.region_code = c.region_code and e.source_code = c.source_code and e.case_no = c.case_no and e.kind = 'correction')",
  materials_reused: "c.materials_reused",
  quality_defective: "jsonb_array_length(coalesce(c.quality, '[]')) > 0",
  unknown_item: hasIssue("unknown_item"),
  missing_optional: hasIssue("missing_optional"),
  late_upload: hasIssue("late_upload"),
  limit_unknown: hasIssue("limit_unknown"),
  open: "c.completed_at is null",
  open_overdue: "c.completed_at is null and c.due_at < now()",
} as const;
export type CasePredicate = keyof typeof CASE_PREDICATES;

const count = (p: CasePredicate) => `count(*) filter (where ${CASE_PREDICATES[p]})`;
const total = (expression: string, p: CasePredicate) => `coalesce(sum(${expression}) filter (where ${CASE_PREDICATES[p]}), 0)`;

/** The counters a case adds to its rollup row, as aggregates over its cases. */
const COUNTERS: [column: string, aggregate: string][] = [
  ["accepted", "count(*)"],
  ...(
    [
      "online_accepted",
      "fully_online",
      "instant",
      "completed",
      "completed_on_time",
      "completed_late",
      "clocked",
      "promised_clocked",
    ] as const
  ).map((p) => [p, count(p)] as [string, string]),
  ["elapsed_days_sum", total("c.elapsed_days", "clocked")],
  // Rounded per case, so that a batch withdraws exactly what another batch added.
  ["elapsed_to_promised_sum", total("round(c.elapsed_days::numeric / c.promised_limit, 6)", "promised_clocked")],
  ["limited", count("limited")],
  ["legal_days_sum", total("c.legal_limit", "limited")],
  ["promised_days_sum", total("c.promised_limit", "limited")],
  ["visits_counted", count("visits_counted")],
  ["visits_sum", "coalesce(sum(c.visits), 0)"],
  ...(
    [
      "zero_visit",
      "at_most_one_visit",
      "corrected",
      "materials_reused",
      "quality_defective",
      "unknown_item",
      "missing_optional",
      "late_upload",
      "limit_unknown",
    ] as const
  ).map((p) => [p, count(p)] as [string, string]),
];

/** case_rollups and case_rollups_monthly: one row per unit, item, channel, case type and day of acceptance. */
const CASE_ROLLUPS: RollupSpec = {
  daily: "case_rollups",
  monthly: "case_rollups_monthly",
  alias: "c",
  dimensions: ["region_code", "unit_id", "item_code", "channel", "case_type"].map((column) => [column, `c.${column}`]),
  day: cstDay("c.accepted_at"),
  counters: COUNTERS,
};

/**
 * Adds (sign 1) or subtracts (sign -1) the contributions of the cases `cases` selects (alias `c`)
 * from `relation` — the case store, or a batch's staging table that holds the rows just written.
 */
const addContributions = (tx: Tx, cases: SQL, sign: 1 | -1, relation: SQL = sql`cases`) =>
  addToRollups(tx, CASE_ROLLUPS, { relation, where: cases, sign });

/** Subtracts the stored cases' contributions from case_rollups (call before overwriting them). */
export async function withdrawCases(tx: Tx, keys: CaseKey[]): Promise<void> {
  if (keys.length) await addContributions(tx, keyFilter("c", keys), -1);
}

/**
 * Counts case_rollups again from every stored case (an operator's repair, and the tests' proof
 * that the incremental withdraw/apply at ingest keeps exactly this).
 */
export async function recountCaseRollups(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from case_rollups`);
  await tx.execute(sql`delete from case_rollups_monthly`);
  await addContributions(tx, sql`true`, 1);
}

/** Adds the contributions of the stored cases `where` selects (alias `c`): bench:case-metrics fills 10 M cases in SQL. */
export async function countCasesIntoRollups(tx: Tx | Db, where: SQL): Promise<void> {
  await addContributions(tx as Tx, where, 1);
}

export const FIRST_CASE_KEY: CaseKey = { regionCode: "", sourceCode: "", caseNo: "" };

/**
 * Derives again (clock, due instant, quality, rollups) the next `batchSize` stored cases `where`
 * selects (alias `c`) after `after` in key order: after the calendar they were counted with
 * changed. Answers the keys done (none: nothing left).
 */
export async function rederiveCaseBatch(options: {
  tx: Tx;
  where: SQL;
  after: CaseKey;
  calendarFor(regionCode: string): Promise<WorkCalendar>;
  batchSize?: number;
}): Promise<CaseKey[]> {
  const { tx, where, after } = options;
  await lockCaseStore(tx);
  const keys = rowsOf<{ region_code: string; source_code: string; case_no: string }>(
    await tx.execute(sql`select c.region_code, c.source_code, c.case_no from cases c
      where (${where}) and (c.region_code, c.source_code, c.case_no) > (${after.regionCode}, ${after.sourceCode}, ${after.caseNo})
      order by 1, 2, 3 limit ${options.batchSize ?? 5000}`),
  ).map((r) => ({ regionCode: r.region_code, sourceCode: r.source_code, caseNo: r.case_no }));
  if (!keys.length) return keys;
  await withdrawCases(tx, keys);
  for (const region of new Set(keys.map((k) => k.regionCode)))
    await applyCases(
      tx,
      keys.filter((k) => k.regionCode === region),
      await options.calendarFor(region),
    );
  return keys;
}

interface StoredCase {
  region_code: string;
  source_code: string;
  case_no: string;
  case_type: CaseType;
  accepted_at: string | Date;
  completed_at: string | Date | null;
  uploaded_at: string | Date | null;
  legal_limit: number | null;
  legal_limit_unit: LimitUnit | null;
  promised_limit: number | null;
  promised_limit_unit: LimitUnit | null;
  result: string | null;
  visits: number | null;
  registered_item_id: string | null;
}

/** What a case's clock and quality are computed from. */
export interface DerivableCase {
  caseType: CaseType;
  acceptedAt: Date;
  completedAt: Date | null;
  uploadedAt: Date | null;
  legalLimit: number | null;
  legalLimitUnit: LimitUnit | null;
  promisedLimit: number | null;
  promisedLimitUnit: LimitUnit | null;
  result: string | null;
  visits: number | null;
  /** The guide registry's item with the case's code, if any. */
  itemId: string | null;
}

export type CasePause = { kind: CaseEventKind; at: Date; endAt: Date | null };
export interface DerivedCase {
  elapsedDays: number | null;
  dueAt: Date | null;
  quality: QualityIssue[];
}

const asDate = (value: string | Date | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));
const keyOf = (r: { region_code: string; source_code: string; case_no: string }) =>
  `${r.region_code}\u0000${r.source_code}\u0000${r.case_no}`;

/** The stored cases' pausing events (补正, 特别程序), by case key. */
export async function loadPauses(tx: Tx, keys: CaseKey[]): Promise<Map<string, CasePause[]>> {
  const pauses = new Map<string, CasePause[]>();
  if (!keys.length) return pauses;
  const events = rowsOf<{
    region_code: string;
    source_code: string;
    case_no: string;
    kind: CaseEventKind;
    at: string | Date;
    end_at: string | Date | null;
  }>(
    await tx.execute(sql`
      select e.region_code, e.source_code, e.case_no, e.kind, e.at, e.end_at from case_events e
      where ${keyFilter("e", keys)} and e.kind in ('correction', 'special')`),
  );
  for (const e of events) {
    const list = pauses.get(keyOf(e)) ?? [];
    list.push({ kind: e.kind, at: asDate(e.at)!, endAt: asDate(e.end_at) });
    pauses.set(keyOf(e), list);
  }
  return pauses;
}

export const caseKeyString = (k: CaseKey) => keyOf({ region_code: k.regionCode, source_code: k.sourceCode, case_no: k.caseNo });

/**
 * Adds the stored cases' contributions to case_rollups (after writing them with their derived
 * columns): read from `stage` when the write left the batch's rows there (bulkUpsert on
 * PostgreSQL), else found in the store by key.
 */
export async function addCases(tx: Tx, keys: CaseKey[], stage: SQL | null = null): Promise<void> {
  if (!keys.length) return;
  await (stage ? addContributions(tx, sql`true`, 1, stage) : addContributions(tx, keyFilter("c", keys), 1));
}

/**
 * Computes each stored case's clock and quality from its row and pausing events, writes them to
 * the row (with the registry's item id), then adds the cases' contributions to case_rollups.
 */
export async function applyCases(tx: Tx, keys: CaseKey[], calendar: WorkCalendar, asOf: Date = new Date()): Promise<void> {
  if (!keys.length) return;
  const stored = rowsOf<StoredCase>(
    await tx.execute(sql`
      select c.region_code, c.source_code, c.case_no, c.case_type, c.accepted_at, c.completed_at, c.uploaded_at,
             c.legal_limit::float8 as legal_limit, c.legal_limit_unit, c.promised_limit::float8 as promised_limit,
             c.promised_limit_unit, c.result, c.visits,
             (select si.id from service_items si where si.code = c.item_code) as registered_item_id
      from cases c where ${keyFilter("c", keys)}`),
  );
  const pauses = await loadPauses(tx, keys);
  const values = JSON.stringify(
    stored.map((r) => {
      const derived = deriveCase(
        {
          caseType: r.case_type,
          acceptedAt: asDate(r.accepted_at)!,
          completedAt: asDate(r.completed_at),
          uploadedAt: asDate(r.uploaded_at),
          legalLimit: r.legal_limit,
          legalLimitUnit: r.legal_limit_unit,
          promisedLimit: r.promised_limit,
          promisedLimitUnit: r.promised_limit_unit,
          result: r.result,
          visits: r.visits,
          itemId: r.registered_item_id,
        },
        pauses.get(keyOf(r)) ?? [],
        calendar,
        asOf,
      );
      return {
        r: r.region_code,
        s: r.source_code,
        n: r.case_no,
        elapsed: derived.elapsedDays,
        due: derived.dueAt,
        quality: derived.quality,
        item: r.registered_item_id,
      };
    }),
  );
  await tx.execute(sql`
    update cases c set elapsed_days = v.elapsed, due_at = v.due, quality = v.quality, item_id = v.item, updated_at = clock_timestamp()
    from json_to_recordset(${values}::json) as v(r text, s text, n text, elapsed int, due timestamptz, quality jsonb, item uuid)
    where c.region_code = v.r and c.source_code = v.s and c.case_no = v.n`);
  await addContributions(tx, keyFilter("c", keys), 1);
}

/** A case's clock (elapsed working days when completed, due instant) and data-quality issues. */
export function deriveCase(row: DerivableCase, pauses: CasePause[], calendar: WorkCalendar, asOf: Date): DerivedCase {
  const clock = caseClock(row, pauses, calendar, { asOf, explain: false });
  const quality: QualityIssue[] = [];
  if (!row.itemId) quality.push("unknown_item");
  const noLimit = row.legalLimit === null && row.promisedLimit === null && row.caseType !== "instant";
  if ((row.completedAt && !row.result) || noLimit || row.visits === null) quality.push("missing_optional");
  if (row.completedAt && isLateUpload(row.completedAt, row.uploadedAt, calendar)) quality.push("late_upload");
  if (clock.gapYear !== null) quality.push("limit_unknown");
  return { elapsedDays: row.completedAt ? clock.elapsed : null, dueAt: clock.dueAt, quality };
}

/** 归集及时性: uploaded more than 1 working day after completion (natural days where the calendar has a gap). */
function isLateUpload(completedAt: Date, uploadedAt: Date | null, calendar: WorkCalendar): boolean {
  if (!uploadedAt) return false;
  const [from, to] = [cstDate(completedAt), cstDate(uploadedAt)];
  try {
    return workingDaysBetween(calendar, from, to) > 1;
  } catch (error) {
    if (error instanceof CalendarGapError) return Date.parse(to) - Date.parse(from) > 3 * 86_400_000;
    throw error;
  }
}
