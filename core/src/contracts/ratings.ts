/** 好差评's API: ratings, the metrics dashboard, the bad-review loop and its deadlines (docs/ratings.md). */
import { z } from "zod";
import { APPEAL_KIND, type AppealKind, REVIEW_STATUS, type ReviewStatus, type ReviewStep } from "../ratings/loop.ts";
import type { RatingMetricValue } from "../ratings/metrics.ts";
import { RATING_CHANNEL, RATING_KIND, RATING_LEVEL, type RatingChannel, type RatingKind, type RatingOrigin } from "../ratings/model.ts";
import { type AttachmentView, attachmentIdsSchema } from "./attachments.ts";
import { idSchema, isoDateSchema, LIMITS, pageQuerySchema } from "./common.ts";

/** A unit and its subtree, and a period of rating dates (China time), optionally one channel. */
export const ratingScopeQuerySchema = z.object({
  unitId: idSchema.optional(),
  from: isoDateSchema,
  to: isoDateSchema,
  channel: z.enum(RATING_CHANNEL.values).optional(),
  /** 实施编码: one service item's ratings (and its completed cases for 主动评价率). */
  itemCode: z.string().trim().min(1).max(64).optional(),
});
export type RatingScopeQuery = z.infer<typeof ratingScopeQuerySchema>;

export const ratingListQuerySchema = ratingScopeQuerySchema.extend(pageQuerySchema.shape).extend({
  level: z.enum(RATING_LEVEL.values).optional(),
  caseNo: z.string().trim().max(64).optional(),
  /** 评价类型: 首次评价 or 追评 only. */
  kind: z.enum(RATING_KIND.values).optional(),
  /** A query-string flag: "true" 默认评价 only, "false" the applicant's own only (主动评价: kind=first&isDefault=false). */
  isDefault: z.enum(["true", "false"]).optional(),
});
export type RatingListQuery = z.infer<typeof ratingListQuerySchema>;

export interface RatingView {
  id: string;
  ratingNo: string;
  origin: RatingOrigin;
  kind: RatingKind;
  level: number;
  channel: RatingChannel;
  unitId: string;
  unitName: string;
  itemCode: string | null;
  caseNo: string | null;
  /** The case is in the case store (its timeline can be opened). */
  caseKnown: boolean;
  tags: string[];
  content: string | null;
  ratedAt: string;
  isDefault: boolean;
  raterMasked: string | null;
  /** The bad review this rating opened, if it did. */
  reviewId: string | null;
}

/** What the dashboard shows for a scope: the metrics, levels, channels, months and units ranked by 差评率. */
/** How many items the dashboard ranks. */
export const RATING_ITEM_RANKING = 30;

export interface RatingDashboardView {
  metrics: RatingMetricValue[];
  completedCases: number;
  levels: { level: number; count: number }[];
  defaults: number;
  byChannel: { channel: RatingChannel; rated: number; good: number; bad: number }[];
  byMonth: { month: string; rated: number; good: number; bad: number }[];
  /** The items with the most 差评 in the scope (RATING_ITEM_RANKING at most; ratings without an item code left out). */
  byItem: { itemCode: string; itemName: string | null; rated: number; good: number; bad: number; badRate: number | null }[];
  /**
   * The scope's child units (or the unit itself at a leaf), worst 差评率 first; with children, the unit's
   * own ratings as a row of their own (`isOwn`, 本级) when it has any, so the rows add up to the cards.
   */
  units: {
    unitId: string;
    unitName: string;
    /** The unit's own ratings (本级), not its subtree's: not a drill. */
    isOwn: boolean;
    rated: number;
    bad: number;
    badRate: number | null;
    reviewsOpen: number;
  }[];
}

/** Which reviews a campaign fact counts (ratings.<fact>'s link): as judged at the period's end. */
export const REVIEW_JUDGED = {
  response_late: "核实申诉超时",
  confirmed: "确认差评",
  bad_again: "整改后追评仍为差评",
  rectify_due: "整改已到期或已整改",
  overdue: "当前有超期环节",
} as const;
export type ReviewJudged = keyof typeof REVIEW_JUDGED;

export const reviewListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  status: z.enum(REVIEW_STATUS.values).optional(),
  judged: z.enum(Object.keys(REVIEW_JUDGED) as [ReviewJudged, ...ReviewJudged[]]).optional(),
});
export type ReviewListQuery = z.infer<typeof reviewListQuerySchema>;

export interface ReviewView {
  id: string;
  reviewNo: string;
  status: ReviewStatus;
  /** Bumped by every step: a step sent with an older version is stale (409). */
  version: number;
  unitId: string;
  unitName: string;
  rating: Pick<RatingView, "id" | "ratingNo" | "level" | "channel" | "itemCode" | "caseNo" | "caseKnown" | "tags" | "content" | "ratedAt">;
  openedAt: string;
  /** Null: 时限无法计算 (the calendar lacks the year). */
  verifyDueAt: string | null;
  respondedAt: string | null;
  appeal: { kind: AppealKind; reason: string; at: string; decision: "upheld" | "rejected" | null; decisionReason: string | null } | null;
  decideDueAt: string | null;
  confirmedAt: string | null;
  rectifyDueAt: string | null;
  rectifiedAt: string | null;
  rectifyResult: string | null;
  revisitedAt: string | null;
  followUpLevel: number | null;
  closedAt: string | null;
  /** The step past its deadline now, if any (the office's list and the unit's to-do). */
  overdueStep: "verify" | "decide" | "rectify" | null;
}

export interface ReviewStepView {
  step: ReviewStep;
  at: string;
  actorName: string | null;
  note: string | null;
  /** 附件 the step cited (申诉's evidence, 整改's proof). */
  attachments: AttachmentView[];
}

export interface ReviewDetailView extends ReviewView {
  steps: ReviewStepView[];
}

const note = z.string().trim().min(1, "请填写说明").max(LIMITS.reasonMax);

const version = z.number().int().min(0);

/** The unit's steps on its review (核实属实 / 申诉 / 整改完成), with the version the liaison saw. */
export const reviewUnitStepSchema = z
  .strictObject({
    action: z.enum(["confirm", "appeal", "rectify"]),
    version,
    note,
    /** 申诉类型: required with an appeal. */
    appealKind: z.enum(APPEAL_KIND.values).optional(),
    /** Uploaded 附件 this step cites (POST /api/attachments). */
    attachmentIds: attachmentIdsSchema,
  })
  .refine((step) => step.action !== "appeal" || step.appealKind, { path: ["appealKind"], message: "申诉须选择申诉类型（误评或恶意差评）" });
/** The office's steps (申诉成立 / 不成立, 回访, 办结). */
export const reviewOfficeStepSchema = z.strictObject({
  action: z.enum(["uphold", "reject", "revisit", "close"]),
  version,
  note,
  attachmentIds: attachmentIdsSchema,
});
export type ReviewStepInput = z.infer<typeof reviewUnitStepSchema> | (z.infer<typeof reviewOfficeStepSchema> & { appealKind?: undefined });

const days = z.number().int().min(1).max(60);
/** A region's loop deadlines in working days (the defaults: REVIEW_DEFAULTS). */
export const reviewSettingsSchema = z.strictObject({ verifyDays: days, rectifyDays: days, decideDays: days });
export type ReviewSettingsInput = z.infer<typeof reviewSettingsSchema>;
export interface ReviewSettingsView extends ReviewSettingsInput {
  regionCode: string;
  /** Not yet set: the defaults apply. */
  isDefault: boolean;
}
