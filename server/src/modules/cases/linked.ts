/**
 * What the other layers know of one case, for its drawer: the 电子监察 warnings raised on it (with
 * their 督办单) and the 好差评 ratings given to it (a 差评 with its review). Each list only for a
 * reader who may see that layer; the case's own scope check has already passed.
 */
import {
  type CaseRatingRef,
  type CaseWarningRef,
  type OrderStatus,
  PERMISSIONS,
  type RatingChannel,
  type ReviewStatus,
  type WarningSeverity,
} from "@kaoping/core";
import { and, asc, eq } from "drizzle-orm";
import { badReviews, ratings, supervisionOrders, warnings } from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";

type CaseId = { regionCode: string; sourceCode: string; caseNo: string };

export async function caseWarnings(ctx: CommandContext, c: CaseId): Promise<CaseWarningRef[] | null> {
  if (!ctx.principal.permissions.has(PERMISSIONS.warningRead)) return null;
  const rows = await ctx.tx
    .select({ w: warnings, orderId: supervisionOrders.id, orderNo: supervisionOrders.orderNo, orderStatus: supervisionOrders.status })
    .from(warnings)
    .leftJoin(supervisionOrders, eq(supervisionOrders.warningId, warnings.id))
    .where(and(eq(warnings.regionCode, c.regionCode), eq(warnings.sourceCode, c.sourceCode), eq(warnings.caseNo, c.caseNo)))
    .orderBy(asc(warnings.at));
  return rows.map(({ w, orderId, orderNo, orderStatus }) => ({
    id: w.id,
    ruleName: w.ruleName,
    severity: w.severity as WarningSeverity,
    at: w.at.toISOString(),
    explanation: w.explanation,
    order: orderId ? { id: orderId, orderNo: orderNo!, status: orderStatus as OrderStatus } : null,
  }));
}

/** Ratings carry the case's region and number, not its source: a case number is one case in its region. */
export async function caseRatings(ctx: CommandContext, c: CaseId): Promise<CaseRatingRef[] | null> {
  if (!ctx.principal.permissions.has(PERMISSIONS.ratingRead)) return null;
  const rows = await ctx.tx
    .select({ r: ratings, reviewId: badReviews.id, reviewStatus: badReviews.status })
    .from(ratings)
    .leftJoin(badReviews, eq(badReviews.ratingId, ratings.id))
    .where(and(eq(ratings.regionCode, c.regionCode), eq(ratings.caseNo, c.caseNo)))
    .orderBy(asc(ratings.ratedAt));
  return rows.map(({ r, reviewId, reviewStatus }) => ({
    id: r.id,
    ratingNo: r.ratingNo,
    level: r.level,
    channel: r.channel as RatingChannel,
    ratedAt: r.ratedAt.toISOString(),
    content: r.content,
    review: reviewId ? { id: reviewId, status: reviewStatus as ReviewStatus } : null,
  }));
}
