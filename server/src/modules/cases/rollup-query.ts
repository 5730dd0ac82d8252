import {
  CASE_COUNTER_KEYS,
  type CaseChannel,
  type CaseCounters,
  type CaseType,
  emptyCaseCounters,
  nextDate,
  type Period,
} from "@kaoping/core";
import { and, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../platform/db/client.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { caseRollups, caseRollupsMonthly, units } from "../../platform/db/schema.ts";

/**
 * Sums of case_rollups: the counters behind every 办件 metric, over units and their subtrees and
 * a range of acceptance days. Never a scan of the cases (docs/cases.md, “Metrics”).
 */

export interface CaseRollupFilter {
  /** The units whose cases count, each with its whole subtree (units.path); [] counts nothing. */
  unitIds: string[];
  /** Acceptance days, inclusive, "YYYY-MM-DD" (CST). */
  from: string;
  to: string;
  itemCode?: string;
  channel?: CaseChannel;
  caseType?: CaseType;
  /** false: only the listed units themselves, not their subtrees. */
  subtree?: boolean;
}

export type RollupGroupBy = "period" | "unit" | "channel" | "item" | "caseType";

const sums = sql.join(
  CASE_COUNTER_KEYS.map((key) => sql`coalesce(sum(${caseRollups[key]}), 0) as ${sql.identifier(key)}`),
  sql`, `,
);

/** Rows of the listed units and (unless `subtree` is false) their subtrees, by units.path. */
export function unitSubtreeCondition(column: PgColumn | SQL, unitIds: string[], subtree = true): SQL {
  if (!unitIds.length) return sql`false`;
  const ids = uuidArray(unitIds);
  return subtree
    ? sql`${column} in (select u.id from ${units} u join ${units} root on u.path like root.path || '%' where root.id = any(${ids}))`
    : sql`${column} = any(${ids})`;
}

/** An alias of units for the assessed (root) unit whose subtree holds a row's unit: `inSubtreeOf` joins it. */
export const subtreeRoot = alias(units, "subtree_root");

/**
 * Joins `subtreeRoot` to a row's unit (`units`, joined already) for each listed root whose subtree holds
 * it: one query answers many roots, and a row under nested roots (a district and its department) counts
 * for each.
 */
export function inSubtreeOf(rootIds: string[]): SQL {
  return and(sql`${units.path} like ${subtreeRoot.path} || '%'`, inArray(subtreeRoot.id, rootIds))!;
}

/** The condition on the rollup rows (named case_rollups, daily or monthly) for a filter and a range of days. */
function rollupWhere(filter: CaseRollupFilter, range: { from: string; to: string }): SQL {
  const parts: SQL[] = [
    unitSubtreeCondition(caseRollups.unitId, filter.unitIds, filter.subtree !== false),
    sql`${caseRollups.day} between ${range.from} and ${range.to}`,
  ];
  if (filter.itemCode) parts.push(sql`${caseRollups.itemCode} = ${filter.itemCode}`);
  if (filter.channel) parts.push(sql`${caseRollups.channel} = ${filter.channel}`);
  if (filter.caseType) parts.push(sql`${caseRollups.caseType} = ${filter.caseType}`);
  return sql.join(parts, sql` and `);
}

/**
 * A period as the rollups hold it: its whole months (read from case_rollups_monthly) and the days
 * at its ends that are not a whole month (read from case_rollups). `daily` keeps every day daily
 * (grouping by day or week needs it).
 */
export function splitPeriod(
  from: string,
  to: string,
  daily = false,
): { days: { from: string; to: string }[]; months: { from: string; to: string } | null } {
  const firstWhole = from.endsWith("-01") ? from : `${nextDate(`${from.slice(0, 7)}-28`, 4).slice(0, 7)}-01`;
  const lastWhole = nextDate(to).endsWith("-01") ? to : nextDate(`${to.slice(0, 7)}-01`, -1);
  if (daily || firstWhole > lastWhole) return { days: [{ from, to }], months: null };
  const days = [];
  if (from < firstWhole) days.push({ from, to: nextDate(firstWhole, -1) });
  if (to > lastWhole) days.push({ from: nextDate(lastWhole), to });
  return { days, months: { from: firstWhole, to: lastWhole } };
}

/** The rollup rows of a filter, as a FROM item named case_rollups (so the counters' columns read the same). */
function rollupRows(filter: CaseRollupFilter, daily = false): SQL {
  const { days, months } = splitPeriod(filter.from, filter.to, daily);
  const parts = days.map((range) => sql`select * from ${caseRollups} where ${rollupWhere(filter, range)}`);
  if (months) parts.push(sql`select * from ${caseRollupsMonthly} as ${caseRollups} where ${rollupWhere(filter, months)}`);
  return sql`(${sql.join(parts, sql` union all `)}) as ${caseRollups}`;
}

const uuidArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

function countersOf(row: Record<string, unknown>): CaseCounters {
  const counters = emptyCaseCounters();
  for (const key of CASE_COUNTER_KEYS) counters[key] = Number(row[key] ?? 0);
  return counters;
}

/** The summed counters of a scope: feed them to caseMetrics. */
export async function sumCaseRollups(db: Db | Tx, filter: CaseRollupFilter): Promise<CaseCounters> {
  if (!filter.unitIds.length) return emptyCaseCounters();
  const result = await db.execute(sql`select ${sums} from ${rollupRows(filter)}`);
  const [row] = rowsOf<Record<string, unknown>>(result);
  return row ? countersOf(row) : emptyCaseCounters();
}

/** The start date of a day's period (weeks start on Monday). */
function periodKey(period: Period): SQL {
  const trunc = { day: "day", week: "week", month: "month", quarter: "quarter", year: "year" }[period];
  return sql`to_char(date_trunc(${trunc}, ${caseRollups.day}::timestamp), 'YYYY-MM-DD')`;
}

function groupKey(groupBy: Exclude<RollupGroupBy, "unit">, period: Period): SQL {
  switch (groupBy) {
    case "period":
      return periodKey(period);
    case "channel":
      return sql`${caseRollups.channel}`;
    case "item":
      return sql`${caseRollups.itemCode}`;
    case "caseType":
      return sql`${caseRollups.caseType}`;
  }
}

/**
 * The counters per group: per period (the period's first day as key), per channel, item, case
 * type, or per listed unit (each with its subtree). Groups without cases are absent.
 */
export async function sumCaseRollupsBy(
  db: Db | Tx,
  filter: CaseRollupFilter,
  groupBy: RollupGroupBy,
  period: Period = "month",
): Promise<{ key: string; counters: CaseCounters }[]> {
  if (!filter.unitIds.length) return [];
  const key = groupBy === "unit" ? unitGroupKey(filter) : groupKey(groupBy, period);
  const result = await db.execute(
    sql`select ${key} as group_key, ${sums} from ${rollupRows(filter, groupBy === "period" && (period === "day" || period === "week"))} group by 1 order by 1`,
  );
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    key: String(row.group_key),
    counters: countersOf(row),
  }));
}

/** Per listed unit: the listed unit whose subtree holds the rollup row (the deepest one, should they nest). */
function unitGroupKey(filter: CaseRollupFilter): SQL {
  if (filter.subtree === false) return sql`${caseRollups.unitId}::text`;
  const ids = uuidArray(filter.unitIds);
  return sql`(select root.id::text from ${units} root join ${units} u on u.path like root.path || '%'
    where u.id = ${caseRollups.unitId} and root.id = any(${ids}) order by length(root.path) desc limit 1)`;
}
