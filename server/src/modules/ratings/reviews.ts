/**
 * The bad-review loop's records (core/src/ratings/loop.ts): the list with its filters — a fact's
 * link lands here with `judged` —, one review with its timeline, the unit's and the office's steps,
 * and a region's deadlines. A liaison sees and handles its own unit's reviews only.
 */
import {
  type JudgementWindow,
  overdueStep,
  type Paged,
  REVIEW_STEP,
  REVIEW_TRANSITIONS,
  type ReviewAction,
  type ReviewDetailView,
  type ReviewJudged,
  type ReviewListQuery,
  type ReviewSettingsInput,
  type ReviewSettingsView,
  type ReviewStatus,
  type ReviewStepInput,
  type ReviewView,
  refuseReviewAction,
  reviewDeadline,
} from "@kaoping/core";
import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { badReviewSteps, badReviews, ratingLoopSettings, ratings, units, users } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { attachmentsByOwner, claimAttachments } from "../attachments/commands.ts";
import { unitsForCases } from "../cases/policy.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";
import { notifyUnits } from "../notifications/commands.ts";
import { judgementsWithin, openedIn, periodWindow, touchedIn } from "./judgements.ts";
import { loadReviewDeadlines, recountRatingAround, regionTerms } from "./store.ts";

type ReviewRow = typeof badReviews.$inferSelect;
type RatingRow = typeof ratings.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReview(review: ReviewRow, rating: RatingRow, unitName: string, now = new Date()): ReviewView {
  return {
    id: review.id,
    reviewNo: `CP-${rating.ratingNo}`,
    status: review.status as ReviewStatus,
    version: review.version,
    unitId: review.unitId,
    unitName,
    rating: {
      id: rating.id,
      ratingNo: rating.ratingNo,
      level: rating.level,
      channel: rating.channel as ReviewView["rating"]["channel"],
      itemCode: rating.itemCode,
      caseNo: rating.caseNo,
      caseKnown: rating.caseKnown,
      tags: rating.tags,
      content: rating.content,
      ratedAt: rating.ratedAt.toISOString(),
    },
    openedAt: review.openedAt.toISOString(),
    verifyDueAt: iso(review.verifyDueAt),
    respondedAt: iso(review.respondedAt),
    appeal: review.appealKind
      ? {
          kind: review.appealKind as "mistaken" | "malicious",
          reason: review.appealReason ?? "",
          at: review.appealedAt!.toISOString(),
          decision: review.decision as "upheld" | "rejected" | null,
          decisionReason: review.decisionReason,
        }
      : null,
    decideDueAt: iso(review.decideDueAt),
    confirmedAt: iso(review.confirmedAt),
    rectifyDueAt: iso(review.rectifyDueAt),
    rectifiedAt: iso(review.rectifiedAt),
    rectifyResult: review.rectifyResult,
    revisitedAt: iso(review.revisitedAt),
    followUpLevel: review.followUpLevel,
    closedAt: iso(review.closedAt),
    overdueStep: overdueStep({ ...review, status: review.status as ReviewStatus }, now),
  };
}

/**
 * Which reviews a `judged` filter keeps: a fact's list, by the predicate that counted it — the judgement
 * became true within the window (`overdue`: a step overdue as of the window's end).
 */
export function judgedWhere(judged: ReviewJudged, window: JudgementWindow): SQL {
  const judgements = judgementsWithin(window);
  const asOf = window.asOf;
  switch (judged) {
    case "response_late":
      return judgements.responseLate;
    case "confirmed":
      return judgements.confirmed;
    case "bad_again":
      return judgements.badAgain;
    case "rectify_due":
      return judgements.rectifyDue;
    case "overdue": {
      const at = sql`${asOf.toISOString()}::timestamptz`;
      const b = badReviews;
      return sql`((${b.status} = 'verifying' and ${b.verifyDueAt} < ${at}) or (${b.status} = 'appealing' and ${b.decideDueAt} < ${at})
        or (${b.status} = 'rectifying' and ${b.rectifyDueAt} < ${at}))`;
    }
  }
}

export async function listReviews(qctx: QueryContext, query: ReviewListQuery): Promise<Paged<ReviewView>> {
  const unitIds = await unitsForCases(qctx.db, qctx.principal, query.unitId);
  const now = new Date();
  // A judged list (a fact's) holds the reviews whose judgement became true in the period, whenever
  // opened — as the fact counts them; overdue ones are overdue now; any other list, those opened in the period.
  const judged = query.judged && query.judged !== "overdue" ? query.judged : null;
  const where = and(
    unitSubtreeCondition(badReviews.unitId, unitIds, false),
    judged ? and(touchedIn(query), judgedWhere(judged, periodWindow(query, now))) : openedIn(query),
    query.judged === "overdue" ? judgedWhere("overdue", { since: null, asOf: now }) : undefined,
    query.status ? eq(badReviews.status, query.status) : undefined,
  );
  const [total] = await qctx.db.select({ n: count() }).from(badReviews).where(where);
  const rows = await qctx.db
    .select({ review: badReviews, rating: ratings, unitName: units.name })
    .from(badReviews)
    .innerJoin(ratings, eq(ratings.id, badReviews.ratingId))
    .innerJoin(units, eq(units.id, badReviews.unitId))
    .where(where)
    .orderBy(desc(badReviews.openedAt), asc(badReviews.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map((r) => presentReview(r.review, r.rating, r.unitName, now)) };
}

/** A review the principal's scope reaches (404 otherwise: another unit's reviews are not even confirmed to exist). */
async function loadVisibleReview(db: QueryContext["db"], principal: QueryContext["principal"], id: string, lock = false) {
  const query = db
    .select({ review: badReviews, rating: ratings, unitName: units.name })
    .from(badReviews)
    .innerJoin(ratings, eq(ratings.id, badReviews.ratingId))
    .innerJoin(units, eq(units.id, badReviews.unitId))
    .where(and(eq(badReviews.id, id), buildScopeWhere(principal.scope, { unitId: badReviews.unitId }, principal.id ?? "")));
  const [row] = lock ? await query.for("update", { of: badReviews }) : await query;
  if (!row) throw notFound("差评");
  return row;
}

export async function getReview(qctx: QueryContext, id: string): Promise<ReviewDetailView> {
  const row = await loadVisibleReview(qctx.db, qctx.principal, id);
  const steps = await qctx.db
    .select({
      id: badReviewSteps.id,
      step: badReviewSteps.step,
      at: badReviewSteps.at,
      note: badReviewSteps.note,
      actorName: users.displayName,
    })
    .from(badReviewSteps)
    .leftJoin(users, eq(users.id, badReviewSteps.actorId))
    .where(eq(badReviewSteps.reviewId, id))
    .orderBy(asc(badReviewSteps.at), asc(badReviewSteps.id));
  const attachments = await attachmentsByOwner(
    qctx.db,
    "bad_review_step",
    steps.map((s) => s.id),
  );
  return {
    ...presentReview(row.review, row.rating, row.unitName),
    steps: steps.map((s) => ({
      step: s.step as ReviewDetailView["steps"][number]["step"],
      at: s.at.toISOString(),
      actorName: s.actorName,
      note: s.note,
      attachments: attachments.get(s.id) ?? [],
    })),
  };
}

/** The steps of a review the caller can see, for its attachments' download (404 out of scope). */
export async function reviewStepIds(ctx: CommandContext, reviewId: string): Promise<SQL> {
  await loadVisibleReview(ctx.tx, ctx.principal, reviewId);
  return sql`(select ${badReviewSteps.id} from ${badReviewSteps} where ${badReviewSteps.reviewId} = ${reviewId})`;
}

/**
 * One step on a review, by the unit (核实属实 / 申诉 / 整改完成) or the office (申诉成立 / 不成立, 回访,
 * 办结): checked against the version the caller saw (a concurrent step makes it stale), the status
 * machine and the appeal window; the next deadline set on the region's calendar; audited.
 */
export async function stepReview(options: {
  ctx: CommandContext;
  reviewId: string;
  input: ReviewStepInput;
  /** When the step is taken (the demo replays past steps); default now. */
  now?: Date;
}): Promise<ReviewDetailView> {
  const { ctx, reviewId, input } = options;
  const { review, rating, unitName } = await loadVisibleReview(ctx.tx, ctx.principal, reviewId, true);
  if (review.version !== input.version)
    throw new AppError("CONFLICT", "该差评已被他人办理，请刷新后查看最新状态再操作", [
      { path: ["body", "version"], message: "版本已过期" },
    ]);
  const now = options.now ?? new Date();
  const refusal = refuseReviewAction({ status: review.status as ReviewStatus, verifyDueAt: review.verifyDueAt }, input.action, now);
  if (refusal) throw new AppError("CONFLICT", refusal, [{ path: ["body", "action"], message: refusal }]);
  const { calendar, deadlines } = await regionTerms(ctx.tx)(review.regionCode);
  const changes = stepChanges(input, now, (days) => reviewDeadline(calendar, now, deadlines[days]));
  const write = () =>
    ctx.tx
      .update(badReviews)
      .set({ ...changes, status: REVIEW_TRANSITIONS[input.action].to, version: review.version + 1, updatedAt: now })
      .where(eq(badReviews.id, reviewId))
      .returning();
  // 申诉成立 voids the bad review: its rating leaves 差评 and 主动评价 in the rollups (metrics.ts `voided`).
  const [updated] = input.action === "uphold" ? await recountRatingAround(ctx.tx, review.ratingId, write) : await write();
  const [step] = await ctx.tx
    .insert(badReviewSteps)
    .values({ reviewId, step: input.action, at: now, actorId: ctx.principal.id, note: input.note })
    .returning({ id: badReviewSteps.id });
  const attachments = await claimAttachments({ ctx, ids: input.attachmentIds, ownerType: "bad_review_step", ownerId: step!.id });
  // The office's decision reaches the unit's people (申诉裁定, 回访): its to-do item changes quietly otherwise.
  if (REVIEW_TRANSITIONS[input.action].by === "office")
    await notifyUnits({
      ctx,
      unitIds: [review.unitId],
      notification: {
        campaignId: null,
        kind: "rating_review",
        title: `差评 CP-${rating.ratingNo}：${REVIEW_STEP.labels[input.action]}`,
        body: input.note,
        link: `/ratings/reviews?id=${reviewId}`,
      },
    });
  await ctx.audit({
    action: `rating.review.${input.action}`,
    businessType: "update",
    entityType: "bad_review",
    entityId: reviewId,
    before: { status: review.status },
    after: {
      status: updated!.status,
      unitName,
      note: input.note,
      ...(input.appealKind ? { appealKind: input.appealKind } : {}),
      ...(attachments.length ? { attachments: attachments.map((a) => a.fileName) } : {}),
    },
  });
  return getReview({ db: ctx.tx, principal: ctx.principal }, reviewId);
}

type Days = "rectifyDays" | "decideDays";

/** The columns a step sets: its instant, its text, and the next step's deadline. */
function stepChanges(input: ReviewStepInput, now: Date, due: (days: Days) => Date | null): Partial<ReviewRow> {
  const action: ReviewAction = input.action;
  switch (action) {
    case "confirm":
      return { respondedAt: now, confirmedAt: now, rectifyDueAt: due("rectifyDays") };
    case "appeal":
      return {
        respondedAt: now,
        appealedAt: now,
        appealReason: input.note,
        appealKind: input.appealKind ?? null,
        decideDueAt: due("decideDays"),
      };
    case "uphold":
      return { decision: "upheld", decisionReason: input.note, decidedAt: now, closedAt: now };
    case "reject":
      return { decision: "rejected", decisionReason: input.note, decidedAt: now, confirmedAt: now, rectifyDueAt: due("rectifyDays") };
    case "rectify":
      return { rectifiedAt: now, rectifyResult: input.note };
    case "revisit":
      return { revisitedAt: now };
    case "close":
      return { closedAt: now };
  }
}

export async function getReviewSettings(qctx: QueryContext, regionCode: string): Promise<ReviewSettingsView> {
  const { isDefault, ...deadlines } = await loadReviewDeadlines(qctx.db, regionCode);
  return { regionCode, ...deadlines, isDefault };
}

/** Sets a region's deadlines; reviews already open keep the deadlines they were given. */
export async function updateReviewSettings(options: { ctx: CommandContext; regionCode: string; input: ReviewSettingsInput }) {
  const { ctx, regionCode, input } = options;
  const before = await loadReviewDeadlines(ctx.tx, regionCode);
  await ctx.tx
    .insert(ratingLoopSettings)
    .values({ regionCode, ...input, updatedBy: ctx.principal.id })
    .onConflictDoUpdate({ target: ratingLoopSettings.regionCode, set: { ...input, updatedBy: ctx.principal.id, updatedAt: new Date() } });
  await ctx.audit({
    action: "rating.settings.update",
    businessType: "update",
    entityType: "rating_loop_settings",
    entityId: regionCode || "default",
    before,
    after: input,
  });
  return getReviewSettings({ db: ctx.tx, principal: ctx.principal }, regionCode);
}
