import { cstDate, RATINGS_TODO_GROUP, REVIEW_STATUS, type ReviewStatus, type TodoItem } from "@kaoping/core";
import { and, eq, inArray } from "drizzle-orm";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { badReviews, ratings, units } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";

/** Whose move a status waits on, what the to-do says, and which deadline it runs against. */
const WAITING: Partial<
  Record<ReviewStatus, { by: "unit" | "office"; ask: string; due: "verifyDueAt" | "rectifyDueAt" | "decideDueAt" | null }>
> = {
  verifying: { by: "unit", ask: "请回访核实，属实则整改，误评或恶意差评可申诉", due: "verifyDueAt" },
  rectifying: { by: "unit", ask: "请整改并提交整改结果", due: "rectifyDueAt" },
  appealing: { by: "office", ask: "申诉待审查", due: "decideDueAt" },
  revisiting: { by: "office", ask: "已整改，待回访", due: null },
};

/**
 * The bad reviews on someone's to-do list: a unit's reviews waiting on its 核实 or 整改, due at that
 * step's deadline; the office's appeals to rule on and rectifications to revisit. The caller's
 * scope decides whose (docs/ratings.md, “The loop”).
 */
export async function ratingTodoItems(ctx: QueryContext, kinds: { handle: boolean; manage: boolean }, now: number): Promise<TodoItem[]> {
  const statuses = (Object.keys(WAITING) as ReviewStatus[]).filter((s) => (WAITING[s]!.by === "unit" ? kinds.handle : kinds.manage));
  if (!statuses.length) return [];
  const rows = await ctx.db
    .select({ review: badReviews, unitName: units.name, ratingNo: ratings.ratingNo, level: ratings.level })
    .from(badReviews)
    .innerJoin(ratings, eq(ratings.id, badReviews.ratingId))
    .innerJoin(units, eq(units.id, badReviews.unitId))
    .where(
      and(
        inArray(badReviews.status, statuses),
        buildScopeWhere(ctx.principal.scope, { unitId: badReviews.unitId }, ctx.principal.id ?? ""),
      ),
    );
  return rows.map(({ review, unitName, ratingNo, level }): TodoItem => {
    const waiting = WAITING[review.status as ReviewStatus]!;
    const due = waiting.due ? review[waiting.due] : null;
    return {
      kind: waiting.by === "unit" ? "review_handle" : "review_manage",
      campaignId: null,
      campaignName: RATINGS_TODO_GROUP,
      unitId: review.unitId,
      unitName,
      title: `差评 ${ratingNo}（${level} 星，${REVIEW_STATUS.labels[review.status as ReviewStatus]}）：${waiting.ask}`,
      detail: null,
      due: due ? cstDate(due) : null,
      overdue: !!due && now > due.getTime(),
      link: `/ratings/reviews?id=${review.id}`,
    };
  });
}
