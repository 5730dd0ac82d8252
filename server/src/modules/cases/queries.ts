import {
  CASE_CHANNEL,
  CASE_COUNTER_KEYS,
  CASE_TYPE_LABELS,
  type CaseCounters,
  type CaseListPage,
  type CaseMetricKey,
  type CaseMetricsView,
  type CaseQualityRow,
  type CaseQualityView,
  type CaseScopeQuery,
  type caseListQuerySchema,
  caseMetrics,
  type caseMetricsQuerySchema,
  cstStart,
  nextDate,
  QUALITY_ISSUE,
  type QualityIssue,
  UNATTRIBUTED_UNIT_ID,
} from "@kaoping/core";
import { inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../platform/db/client.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { cases, ingestJobs, ingestQuarantine, serviceItems, units } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { CASE_PREDICATES, type CasePredicate } from "./derived.ts";
import { unitsForCases } from "./policy.ts";
import { type CaseListDbRow, listRowOf } from "./presenter.ts";
import { type CaseRollupFilter, sumCaseRollups, sumCaseRollupsBy, unitSubtreeCondition } from "./rollup-query.ts";

type MetricsQuery = z.infer<typeof caseMetricsQuerySchema>;
type ListQuery = z.infer<typeof caseListQuerySchema>;

async function rollupFilter(qctx: QueryContext, query: CaseScopeQuery): Promise<CaseRollupFilter> {
  const unitIds = await unitsForCases(qctx.db, qctx.principal, query.unitId);
  return {
    unitIds,
    from: query.from,
    to: query.to,
    itemCode: query.itemCode,
    channel: query.channel,
    caseType: query.caseType,
    subtree: false,
  };
}

/** Cases (alias c) of a scope: units, acceptance instants in [from, to], optional item/channel/type. */
function caseWhere(filter: CaseRollupFilter): SQL {
  const parts: SQL[] = [
    unitSubtreeCondition(sql.raw("c.unit_id"), filter.unitIds, false),
    sql`c.accepted_at >= ${cstStart(filter.from).toISOString()}::timestamptz and c.accepted_at < ${cstStart(nextDate(filter.to)).toISOString()}::timestamptz`,
  ];
  if (filter.itemCode) parts.push(sql`c.item_code = ${filter.itemCode}`);
  if (filter.channel) parts.push(sql`c.channel = ${filter.channel}`);
  if (filter.caseType) parts.push(sql`c.case_type = ${filter.caseType}`);
  return sql.join(parts, sql` and `);
}

/**
 * The scope's open cases, and those past due now — from the cases, not the rollups (it changes
 * with time); the partial index cases_open_unit_accepted_idx holds only open cases.
 */
export async function countOpenCases(db: Db | Tx, filter: CaseRollupFilter): Promise<{ overdue: number; open: number }> {
  if (!filter.unitIds.length) return { overdue: 0, open: 0 };
  const result = await db.execute(sql`
    select count(*) filter (where ${sql.raw(CASE_PREDICATES.open_overdue)})::int as overdue, count(*)::int as open
    from ${cases} c where ${caseWhere(filter)} and ${sql.raw(CASE_PREDICATES.open)}`);
  const [row] = rowsOf<{ overdue: number; open: number }>(result);
  return { overdue: Number(row?.overdue ?? 0), open: Number(row?.open ?? 0) };
}

/** overdue_open: open cases past due now, over open cases. */
async function overdueOpen(qctx: QueryContext, filter: CaseRollupFilter) {
  const { overdue, open } = await countOpenCases(qctx.db, filter);
  return { key: "overdue_open" as const, value: overdue, numerator: overdue, denominator: open };
}

/** The metrics of a scope, and (groupBy) per period or dimension; figures from the rollups. */
export async function getCaseMetrics(qctx: QueryContext, query: MetricsQuery): Promise<CaseMetricsView> {
  const { groupBy, period, ...scope } = query;
  const filter = await rollupFilter(qctx, scope);
  const metrics = caseMetrics(await sumCaseRollups(qctx.db, filter));
  const open = await overdueOpen(qctx, filter);
  metrics.splice(
    metrics.findIndex((m) => m.key === "avg_visits"),
    0,
    open,
  );
  if (!groupBy) return { scope, metrics };
  const groups = await sumCaseRollupsBy(qctx.db, filter, groupBy, period);
  const labels = await groupLabels(
    qctx,
    groupBy,
    groups.map((g) => g.key),
  );
  return {
    scope,
    metrics,
    groups: groups.map((g) => ({ key: g.key, label: labels.get(g.key) ?? g.key, metrics: caseMetrics(g.counters) })),
  };
}

async function groupLabels(
  qctx: QueryContext,
  groupBy: NonNullable<MetricsQuery["groupBy"]>,
  keys: string[],
): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  switch (groupBy) {
    case "unit": {
      const rows = await qctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, keys));
      return new Map(rows.map((r) => [r.id, r.name]));
    }
    case "item": {
      const rows = await qctx.db
        .select({ code: serviceItems.code, name: serviceItems.name })
        .from(serviceItems)
        .where(inArray(serviceItems.code, keys));
      return new Map(rows.map((r) => [r.code, r.name]));
    }
    case "channel":
      return new Map(Object.entries(CASE_CHANNEL.labels));
    case "caseType":
      return new Map(Object.entries(CASE_TYPE_LABELS));
    case "period":
      return new Map();
  }
}

/** Which cases a metric's numerator and denominator count (CASE_PREDICATES). */
const DRILL_DOWN: Record<CaseMetricKey, [numerator: CasePredicate, denominator: CasePredicate]> = {
  accepted: ["accepted", "accepted"],
  online_rate: ["online_accepted", "accepted"],
  fully_online_rate: ["fully_online", "accepted"],
  instant_ratio: ["instant", "accepted"],
  // Sums of days: both parts list the cases whose days are summed.
  limit_compression: ["limited", "limited"],
  avg_elapsed_days: ["clocked", "clocked"],
  elapsed_to_promised: ["promised_clocked", "promised_clocked"],
  on_time_rate: ["completed_on_time", "judged"],
  overdue_completed: ["completed_late", "completed"],
  overdue_open: ["open_overdue", "open"],
  avg_visits: ["visits_counted", "visits_counted"],
  zero_visit_rate: ["zero_visit", "visits_counted"],
  at_most_one_visit_rate: ["at_most_one_visit", "visits_counted"],
  one_time_rate: ["not_corrected", "accepted"],
  correction_rate: ["corrected", "accepted"],
  reuse_rate: ["materials_reused", "accepted"],
  quality_defect_rate: ["quality_defective", "accepted"],
};

/**
 * The cases behind a metric's numerator (or denominator), newest acceptance first, paged. Given the
 * `next` of the page before (`after`), a page starts from that key instead of skipping rows with
 * OFFSET, so page 2 000 costs what page 2 does (docs/performance.md, bench:cases).
 */
export async function listCases(qctx: QueryContext, query: ListQuery): Promise<CaseListPage> {
  const filter = await rollupFilter(qctx, query);
  if (!filter.unitIds.length) return { total: 0, rows: [], next: null };
  const parts = [caseWhere(filter)];
  const predicate: CasePredicate = query.metric ? DRILL_DOWN[query.metric][query.part === "denominator" ? 1 : 0] : "accepted";
  if (query.metric) parts.push(sql.raw(CASE_PREDICATES[predicate]));
  if (query.caseNo) parts.push(sql`c.case_no = ${query.caseNo}`);
  const where = sql.join(parts, sql` and `);
  const countTotal = async () => (query.caseNo ? null : await countFromRollups(qctx.db, filter, predicate)) ?? countCases(qctx.db, where);
  const start = query.after ? sql`and ${afterKey(query.after)}` : sql``;
  const skip = query.after ? 0 : (query.page - 1) * query.pageSize;
  const [total, listed] = await Promise.all([
    countTotal(),
    qctx.db.execute(sql`
      select c.region_code, c.source_code, c.case_no, c.unit_id, u.name as unit_name, c.item_code, si.name as item_name,
             c.channel, c.case_type, c.accepted_at, c.completed_at, c.due_at, c.elapsed_days, c.promised_limit::float8 as promised_limit,
             c.promised_limit_unit, c.result, c.visits, c.quality
      from ${cases} c join ${units} u on u.id = c.unit_id left join ${serviceItems} si on si.id = c.item_id
      where ${where} ${start}
      order by c.accepted_at desc, c.region_code, c.source_code, c.case_no
      limit ${query.pageSize} offset ${skip}`),
  ]);
  const found = rowsOf<CaseListDbRow>(listed);
  const last = found.length === query.pageSize ? found[found.length - 1] : undefined;
  return { total, rows: found.map((r) => listRowOf(r)), next: last ? cursorOf(last) : null };
}

async function countCases(db: Db | Tx, where: SQL): Promise<number> {
  return Number(
    rowsOf<{ total: number }>(await db.execute(sql`select count(*)::int as total from ${cases} c where ${where}`))[0]?.total ?? 0,
  );
}

/**
 * How many cases a predicate holds, from the rollups kept at ingest (a deep list never counts
 * its cases): the counters are those predicates' counts (derived.ts), and 未补正 is accepted less
 * 补正. Null for a predicate the rollups do not keep (the open cases, judged on the clock now).
 */
async function countFromRollups(db: Db | Tx, filter: CaseRollupFilter, predicate: CasePredicate): Promise<number | null> {
  const counter = predicate.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof CaseCounters;
  if (predicate !== "not_corrected" && !CASE_COUNTER_KEYS.includes(counter)) return null;
  const counters = await sumCaseRollups(db, filter);
  return predicate === "not_corrected" ? counters.accepted - counters.corrected : counters[counter];
}

/** Where the next page starts: the last row's acceptance instant and key, as opaque text. */
function cursorOf(row: CaseListDbRow): string {
  const key = [new Date(row.accepted_at).toISOString(), row.region_code, row.source_code, row.case_no];
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The rows after a cursor in the list's order (acceptance newest first, then by key). */
function afterKey(after: string): SQL {
  let key: unknown = null;
  try {
    key = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
  } catch {
    // refused below
  }
  const valid =
    Array.isArray(key) && key.length === 4 && key.every((k) => typeof k === "string") && !Number.isNaN(Date.parse(key[0] as string));
  if (!valid) throw new AppError("VALIDATION", "翻页位置无效，请从第一页重新查询", [{ path: ["after"], message: "翻页位置无效" }]);
  const [at, region, source, caseNo] = key as string[];
  // The first condition alone is what an index on (unit, accepted_at) can range over; the rest breaks ties.
  return sql`c.accepted_at <= ${at}::timestamptz and (c.accepted_at < ${at}::timestamptz
    or (c.region_code, c.source_code, c.case_no) > (${region}, ${source}, ${caseNo}))`;
}

/** The quality report's row of quarantined rows that name no unit the system knows (an unknown unit code, events). */
export const UNATTRIBUTED_UNIT_NAME = "未能归属单位";

/**
 * The data-quality report: per unit of the scope, its issues (from the rollups, by acceptance date)
 * and the rows quarantined by the import jobs created in the period (the job's created_at, China
 * dates — a quarantined row has no acceptance date to trust). Rows the ingest could not give a unit
 * (an unknown unit code; every events row) make one 未能归属单位 row, for a reader who sees every
 * unit and asked for no one unit: then the report's quarantine total is the jobs' in the period.
 */
export async function getCaseQuality(qctx: QueryContext, query: CaseScopeQuery): Promise<CaseQualityView> {
  const filter = await rollupFilter(qctx, query);
  if (!filter.unitIds.length) return { scope: query, rows: [] };
  const withUnattributed = qctx.principal.scope.all && !query.unitId;
  const inPeriod = sql`q.job_id in (select j.id from ${ingestJobs} j
    where j.created_at >= ${cstStart(filter.from).toISOString()}::timestamptz and j.created_at < ${cstStart(nextDate(filter.to)).toISOString()}::timestamptz)`;
  const ofUnits = unitSubtreeCondition(sql.raw("q.unit_id"), filter.unitIds, false);
  const [byUnit, quarantine, names] = await Promise.all([
    sumCaseRollupsBy(qctx.db, filter, "unit"),
    qctx.db.execute(sql`select q.unit_id, count(*)::int as n from ${ingestQuarantine} q
      where ${inPeriod} and (${ofUnits}${withUnattributed ? sql` or q.unit_id is null` : sql``}) group by q.unit_id`),
    qctx.db
      .select({ id: units.id, code: units.code, name: units.name, path: units.path })
      .from(units)
      .where(inArray(units.id, filter.unitIds)),
  ]);
  const counters = new Map(byUnit.map((g) => [g.key, g.counters]));
  const quarantineRows = rowsOf<{ unit_id: string | null; n: number }>(quarantine);
  const quarantined = new Map(quarantineRows.flatMap((r) => (r.unit_id ? [[r.unit_id, Number(r.n)] as const] : [])));
  const noIssues = Object.fromEntries(QUALITY_ISSUE.values.map((issue) => [issue, 0])) as Record<QualityIssue, number>;
  const rows: CaseQualityRow[] = names
    .filter((u) => counters.has(u.id) || quarantined.has(u.id))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((u) => {
      const c = counters.get(u.id);
      const issues = Object.fromEntries(
        QUALITY_ISSUE.values.map((issue: QualityIssue) => [issue, c ? c[issueCounter[issue]] : 0]),
      ) as Record<QualityIssue, number>;
      return {
        unitId: u.id,
        unitCode: u.code,
        unitName: u.name,
        accepted: c?.accepted ?? 0,
        defective: c?.qualityDefective ?? 0,
        issues,
        quarantined: quarantined.get(u.id) ?? 0,
      };
    });
  const unattributed = Number(quarantineRows.find((r) => r.unit_id === null)?.n ?? 0);
  if (unattributed > 0)
    rows.push({
      unitId: UNATTRIBUTED_UNIT_ID,
      unitCode: "",
      unitName: UNATTRIBUTED_UNIT_NAME,
      accepted: 0,
      defective: 0,
      issues: noIssues,
      quarantined: unattributed,
      unattributed: true,
    });
  return { scope: query, rows };
}

const issueCounter = {
  unknown_item: "unknownItem",
  missing_optional: "missingOptional",
  late_upload: "lateUpload",
  limit_unknown: "limitUnknown",
} as const satisfies Record<QualityIssue, string>;
