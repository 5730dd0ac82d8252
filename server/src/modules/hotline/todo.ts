import { cstDate, HOTLINE_TODO_GROUP, nextDate, type TodoItem } from "@kaoping/core";
import { and, count, eq, isNull } from "drizzle-orm";
import { hotlineCalls, hotlineRounds } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";

/** A checker's calls still to ring, one item per running round, due at the round's last day. */
export async function hotlineTodoItems(ctx: QueryContext, checker: boolean, now: number): Promise<TodoItem[]> {
  if (!checker || !ctx.principal.id) return [];
  const rows = await ctx.db
    .select({ roundId: hotlineRounds.id, name: hotlineRounds.name, to: hotlineRounds.toDate, n: count() })
    .from(hotlineCalls)
    .innerJoin(hotlineRounds, eq(hotlineRounds.id, hotlineCalls.roundId))
    .where(and(eq(hotlineCalls.checkerId, ctx.principal.id), isNull(hotlineCalls.outcome), eq(hotlineRounds.status, "running")))
    .groupBy(hotlineRounds.id, hotlineRounds.name, hotlineRounds.toDate);
  return rows.map((r) => ({
    kind: "hotline_call",
    campaignId: null,
    campaignName: HOTLINE_TODO_GROUP,
    unitId: "",
    unitName: "",
    title: `「${r.name}」还有 ${r.n} 通电话待拨打`,
    detail: null,
    due: r.to,
    overdue: cstDate(new Date(now)) >= nextDate(r.to),
    link: `/hotline/calls?roundId=${r.roundId}`,
  }));
}
