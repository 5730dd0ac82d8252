import { cstStart, nextDate, type SupervisionBoardView, type supervisionBoardQuerySchema, unitCard } from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { selectRows } from "../../platform/db/rows.ts";
import { supervisionOrders, units, warnings } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { unitsForCases } from "../cases/policy.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";
import { repliedLate, replyMissing } from "./order-queries.ts";
import { loadWarningRuleSet } from "./rule-sets.ts";

interface CountRow {
  unit_id: string;
  unit_name: string;
  warnings: number;
  red: number;
  yellow: number;
  unsupervised: number;
  waiting: number;
  missing: number;
  late: number;
}

/**
 * 监察看板: per unit in scope with warnings in the period, its counts, its 黄牌 / 红牌 by the rule
 * set's thresholds and why; the units with the hardest cards first. With the month-by-month trend.
 */
export async function getSupervisionBoard(
  qctx: QueryContext,
  query: z.infer<typeof supervisionBoardQuerySchema>,
): Promise<SupervisionBoardView> {
  const unitIds = await unitsForCases(qctx.db, qctx.principal, query.unitId);
  const from = cstStart(query.from).toISOString();
  const to = cstStart(nextDate(query.to)).toISOString();
  const where = sql`${unitSubtreeCondition(sql.raw("w.unit_id"), unitIds, false)} and w.at >= ${from}::timestamptz and w.at < ${to}::timestamptz`;
  const counts = await selectRows<CountRow>(
    qctx.db,
    sql`
      select w.unit_id, u.name as unit_name, count(*)::int as warnings,
        count(*) filter (where w.severity = 'red')::int as red, count(*) filter (where w.severity = 'yellow')::int as yellow,
        count(*) filter (where o.id is null)::int as unsupervised,
        count(*) filter (where o.status in ('issued', 'investigating'))::int as waiting,
        count(*) filter (where ${replyMissing})::int as missing,
        count(*) filter (where ${repliedLate})::int as late
      from ${warnings} w join ${units} u on u.id = w.unit_id left join ${supervisionOrders} o on o.warning_id = w.id
      where ${where} group by w.unit_id, u.name`,
  );
  const trend = await selectRows<SupervisionBoardView["trend"][number]>(
    qctx.db,
    sql`
      select to_char(w.at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
        count(*) filter (where w.severity = 'red')::int as red, count(*) filter (where w.severity = 'yellow')::int as yellow,
        count(*) filter (where w.severity = 'notice')::int as notice
      from ${warnings} w where ${where} group by 1 order by 1`,
  );
  const { cards } = await loadWarningRuleSet(qctx.db);
  const rank = { red: 0, yellow: 1, none: 2 } as const;
  const rows = counts
    .map((r) => {
      const tally = { warnings: r.warnings, redWarnings: r.red, unsupervised: r.unsupervised, repliesLate: r.late + r.missing };
      return {
        unitId: r.unit_id,
        unitName: r.unit_name,
        ...tally,
        yellowWarnings: r.yellow,
        waiting: r.waiting,
        overdueReplies: r.missing,
        repliedLate: r.late,
        ...unitCard(tally, cards),
      };
    })
    .sort((a, b) => rank[a.card] - rank[b.card] || b.redWarnings - a.redWarnings || b.warnings - a.warnings);
  return {
    from: query.from,
    to: query.to,
    rows,
    trend: trend.map((t) => ({ month: t.month, red: Number(t.red), yellow: Number(t.yellow), notice: Number(t.notice) })),
  };
}
