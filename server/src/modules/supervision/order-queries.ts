import {
  AWAITING_UNIT,
  cstStart,
  nextDate,
  type OrderDetailView,
  type OrderListQuery,
  type OrderStep,
  type OrderView,
  type Paged,
} from "@kaoping/core";
import { type SQL, sql } from "drizzle-orm";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { isoOf, rowsOf, selectRows } from "../../platform/db/rows.ts";
import { serviceItems, supervisionOrderSteps, supervisionOrders, units, users, warnings } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { attachmentsByOwner } from "../attachments/commands.ts";
import { unitsForCases } from "../cases/policy.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";
import { presentWarning, type WarningRow } from "./presenter.ts";

interface OrderRow extends WarningRow {
  order_id: string;
  order_no: string;
  status: OrderView["status"];
  instruction: string;
  reply_days: number;
  first_due_at: Date | string;
  due_at: Date | string;
  urge_count: number;
  issued_at: Date | string;
  replied_at: Date | string | null;
  is_reply_late: boolean | null;
  closed_at: Date | string | null;
}

const awaiting = sql.raw(`o.status in (${AWAITING_UNIT.map((s) => `'${s}'`).join(", ")})`);
/** 逾期反馈: answered after the first deadline (a 催办's new deadline does not make a late answer timely). */
export const repliedLate = sql.raw("o.replied_at > o.first_due_at");
/** 逾期未反馈: unanswered past the first deadline, 催办 or not — the bulletin's count, judged now. */
export const replyMissing = sql.raw("(o.replied_at is null and o.first_due_at < now())");

function presentOrder(row: OrderRow, now: Date): OrderView {
  return {
    id: row.order_id,
    orderNo: row.order_no,
    status: row.status,
    instruction: row.instruction,
    replyDays: Number(row.reply_days),
    firstDueAt: isoOf(row.first_due_at),
    dueAt: isoOf(row.due_at),
    urgeCount: Number(row.urge_count),
    issuedAt: isoOf(row.issued_at),
    repliedAt: isoOf(row.replied_at),
    isReplyLate: row.is_reply_late,
    closedAt: isoOf(row.closed_at),
    isOverdue: (AWAITING_UNIT as string[]).includes(row.status) && now > new Date(row.due_at),
    warning: presentWarning(row),
  };
}

async function selectOrders(qctx: QueryContext, where: SQL, tail: SQL = sql``): Promise<OrderRow[]> {
  const result = await qctx.db.execute(sql`
    select w.*, u.name as unit_name, o.id as order_id, o.order_no, o.status, o.status as order_status, o.instruction, o.reply_days, o.first_due_at, o.due_at,
           o.urge_count, o.issued_at, o.replied_at, o.is_reply_late, o.closed_at
    from ${supervisionOrders} o join ${warnings} w on w.id = o.warning_id join ${units} u on u.id = o.unit_id
    where ${where} ${tail}`);
  return rowsOf<OrderRow>(result);
}

/** 督办单 in the principal's scope: waiting on the unit first, then the newest. */
export async function listOrders(qctx: QueryContext, query: OrderListQuery): Promise<Paged<OrderView>> {
  const inScope = await unitsForCases(qctx.db, qctx.principal, query.unitId);
  const unitIds = query.unitId && query.subtree === "false" ? inScope.filter((id) => id === query.unitId) : inScope;
  const parts: SQL[] = [unitSubtreeCondition(sql.raw("o.unit_id"), unitIds, false)];
  if (query.status) parts.push(sql`o.status = ${query.status}`);
  if (query.waiting === "true") parts.push(awaiting);
  if (query.overdue === "true") parts.push(sql`${awaiting} and o.due_at < now()`);
  if (query.from) parts.push(sql`w.at >= ${cstStart(query.from).toISOString()}::timestamptz`);
  if (query.to) parts.push(sql`w.at < ${cstStart(nextDate(query.to)).toISOString()}::timestamptz`);
  if (query.replyLate) parts.push(sql`(${repliedLate} or ${replyMissing})`);
  if (query.repliedLate) parts.push(repliedLate);
  if (query.replyMissing) parts.push(replyMissing);
  const where = sql.join(parts, sql` and `);
  const [count] = await selectRows<{ n: number }>(
    qctx.db,
    sql`select count(*)::int as n from ${supervisionOrders} o join ${warnings} w on w.id = o.warning_id where ${where}`,
  );
  const rows = await selectOrders(
    qctx,
    where,
    sql`order by (${awaiting}) desc, o.issued_at desc, o.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  const now = new Date();
  return { total: Number(count?.n ?? 0), rows: rows.map((row) => presentOrder(row, now)) };
}

/** One order with its warning and its timeline (404 outside the principal's scope). */
export async function getOrder(qctx: QueryContext, orderId: string): Promise<OrderDetailView> {
  const inScope = buildScopeWhere(qctx.principal.scope, { unitId: supervisionOrders.unitId }, qctx.principal.id ?? "") ?? sql`true`;
  const [row] = await selectOrders(
    qctx,
    sql`o.id = ${orderId} and exists (select 1 from ${supervisionOrders} where ${supervisionOrders.id} = o.id and ${inScope})`,
  );
  if (!row) throw notFound("督办单");
  const steps = await selectRows<{
    id: string;
    kind: OrderStep;
    at: Date | string;
    text: string;
    due_at: Date | string | null;
    actor_name: string | null;
  }>(
    qctx.db,
    sql`
      select s.id, s.kind, s.at, s.text, s.due_at, a.display_name as actor_name
      from ${supervisionOrderSteps} s left join ${users} a on a.id = s.actor_id
      where s.order_id = ${orderId} order by s.at, s.kind = 'escalate', s.id`,
  );
  const attachments = await attachmentsByOwner(
    qctx.db,
    "supervision_order_step",
    steps.map((s) => s.id),
  );
  const [item] = await selectRows<{ name: string }>(
    qctx.db,
    sql`select name from ${serviceItems} where code = ${row.item_code} order by name limit 1`,
  );
  return {
    ...presentOrder(row, new Date()),
    steps: steps.map((s) => ({
      kind: s.kind,
      at: isoOf(s.at),
      actorName: s.actor_name,
      text: s.text,
      dueAt: isoOf(s.due_at),
      attachments: attachments.get(s.id) ?? [],
    })),
    itemName: item?.name ?? null,
  };
}
