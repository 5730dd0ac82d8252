import { cstDate, SUPERVISION_TODO_GROUP, type TodoItem } from "@kaoping/core";
import { and, eq, inArray } from "drizzle-orm";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { supervisionOrders, units, warnings } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";

/**
 * The 督办单 on someone's to-do list: a unit's orders waiting on its answer (反馈, or 纠正 after
 * 立项调查), due at their current deadline; the office's orders answered and waiting to be closed.
 * The caller's scope decides which (an office user with scope all sees every unit's answers).
 */
export async function supervisionTodoItems(
  ctx: QueryContext,
  kinds: { reply: boolean; review: boolean },
  now: number,
): Promise<TodoItem[]> {
  const statuses = [...(kinds.reply ? ["issued", "investigating"] : []), ...(kinds.review ? ["replied", "corrected"] : [])];
  if (!statuses.length) return [];
  const rows = await ctx.db
    .select({ order: supervisionOrders, unitName: units.name, caseNo: warnings.caseNo, ruleName: warnings.ruleName })
    .from(supervisionOrders)
    .innerJoin(warnings, eq(warnings.id, supervisionOrders.warningId))
    .innerJoin(units, eq(units.id, supervisionOrders.unitId))
    .where(
      and(
        inArray(supervisionOrders.status, statuses),
        buildScopeWhere(ctx.principal.scope, { unitId: supervisionOrders.unitId }, ctx.principal.id ?? ""),
      ),
    );
  return rows.map(({ order, unitName, caseNo, ruleName }): TodoItem => {
    const waitsOnUnit = order.status === "issued" || order.status === "investigating";
    return {
      kind: waitsOnUnit ? "supervision_reply" : "supervision_review",
      campaignId: null,
      campaignName: SUPERVISION_TODO_GROUP,
      unitId: order.unitId,
      unitName,
      title: `${order.orderNo}：${ruleName}（办件 ${caseNo}）${waitsOnUnit ? (order.status === "investigating" ? "，请反馈纠正情况" : "，请反馈") : "，待核销"}`,
      detail: waitsOnUnit ? order.instruction : null,
      due: waitsOnUnit ? cstDate(order.dueAt) : null,
      overdue: waitsOnUnit && now > order.dueAt.getTime(),
      link: `/supervision/orders?id=${order.id}`,
    };
  });
}
