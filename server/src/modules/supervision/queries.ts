import { cstStart, nextDate, WARNING_SEVERITY, type WarningListQuery, type WarningListView, type WarningSeverity } from "@kaoping/core";
import { type SQL, sql } from "drizzle-orm";
import { selectRows } from "../../platform/db/rows.ts";
import { supervisionOrders, units, warnings } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { unitsForCases } from "../cases/policy.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";
import { presentWarning, type WarningRow } from "./presenter.ts";

/** The ledger's rows a principal may see (their scope, cut to the asked unit's subtree), filtered. */
async function warningWhere(qctx: QueryContext, query: WarningListQuery): Promise<SQL> {
  const inScope = await unitsForCases(qctx.db, qctx.principal, query.unitId);
  const unitIds = query.unitId && query.subtree === "false" ? inScope.filter((id) => id === query.unitId) : inScope;
  const parts: SQL[] = [unitSubtreeCondition(sql.raw("w.unit_id"), unitIds, false)];
  if (query.from) parts.push(sql`w.at >= ${cstStart(query.from).toISOString()}::timestamptz`);
  if (query.to) parts.push(sql`w.at < ${cstStart(nextDate(query.to)).toISOString()}::timestamptz`);
  if (query.kind) parts.push(sql`w.rule_kind = ${query.kind}`);
  if (query.severity) parts.push(sql`w.severity = ${query.severity}`);
  if (query.caseNo) parts.push(sql`w.case_no = ${query.caseNo}`);
  if (query.unsupervised)
    parts.push(
      sql`${sql.raw(query.unsupervised === "true" ? "not exists" : "exists")} (select 1 from ${supervisionOrders} o where o.warning_id = w.id)`,
    );
  return sql.join(parts, sql` and `);
}

/** 预警台账: newest condition first, with the count per severity over the same filters. */
export async function listWarnings(qctx: QueryContext, query: WarningListQuery): Promise<WarningListView> {
  const where = await warningWhere(qctx, query);
  const counts = await selectRows<{ severity: WarningSeverity; n: number }>(
    qctx.db,
    sql`select w.severity, count(*)::int as n from ${warnings} w where ${where} group by w.severity`,
  );
  const bySeverity = Object.fromEntries(WARNING_SEVERITY.values.map((s) => [s, 0])) as Record<WarningSeverity, number>;
  for (const row of counts) bySeverity[row.severity] = Number(row.n);
  const rows = await selectRows<WarningRow>(
    qctx.db,
    sql`
      select w.*, u.name as unit_name, o.id as order_id, o.order_no, o.status as order_status
      from ${warnings} w join ${units} u on u.id = w.unit_id left join ${supervisionOrders} o on o.warning_id = w.id
      where ${where} order by w.at desc, w.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  return { total: Object.values(bySeverity).reduce((a, b) => a + b, 0), rows: rows.map(presentWarning), bySeverity };
}
