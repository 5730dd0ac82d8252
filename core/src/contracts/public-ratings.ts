/** The public rating page's API: no login; a case is named by its number and the code printed on its result. */
import { z } from "zod";
import { RATING_LEVEL } from "../ratings/model.ts";
import {
  ALL_PUBLIC_RATING_TAGS,
  normalizeRatingCode,
  PUBLIC_RATING_CONTENT_MAX,
  RATING_CODE_PATTERN,
  tagsForLevel,
} from "../ratings/public.ts";

/** The case and the code that proves the caller holds its result. The region is optional: the link carries it. */
export const publicRatingCaseSchema = z.strictObject({
  regionCode: z
    .string()
    .trim()
    .max(32)
    .regex(/^[0-9A-Za-z_-]*$/, "区划编码只能包含字母、数字")
    .optional(),
  caseNo: z.string().trim().min(1, "请填写办件编号").max(64),
  code: z
    .string()
    .max(32)
    .transform(normalizeRatingCode)
    .pipe(z.string().regex(RATING_CODE_PATTERN, "验证码应为 8 位字母或数字（见办结通知或办件结果上的评价码）")),
});
export type PublicRatingCaseInput = z.input<typeof publicRatingCaseSchema>;

/** Only the channels a web page can be: a computer's browser or a phone. */
export const PUBLIC_RATING_CHANNELS = ["online", "mobile"] as const;

export const publicRatingInputSchema = publicRatingCaseSchema
  .extend({
    /** 首次评价, or the one 追评 after a bad review was rectified. */
    kind: z.enum(["first", "follow_up"]).default("first"),
    level: z
      .number()
      .int()
      .min(1, `评价等级应为 1–5（${RATING_LEVEL.labels[1]} … ${RATING_LEVEL.labels[5]}）`)
      .max(5, `评价等级应为 1–5（${RATING_LEVEL.labels[1]} … ${RATING_LEVEL.labels[5]}）`),
    tags: z.array(z.enum(ALL_PUBLIC_RATING_TAGS, "请从页面给出的标签中选择")).max(ALL_PUBLIC_RATING_TAGS.length).default([]),
    content: z.string().trim().max(PUBLIC_RATING_CONTENT_MAX).optional(),
    channel: z.enum(PUBLIC_RATING_CHANNELS).default("online"),
  })
  .superRefine((input, ctx) => {
    const allowed = new Set<string>(tagsForLevel(input.level));
    input.tags.forEach((tag, index) => {
      if (!allowed.has(tag)) ctx.addIssue({ code: "custom", path: ["tags", index], message: `标签“${tag}”与所选评价等级不符` });
    });
  });
export type PublicRatingInput = z.input<typeof publicRatingInputSchema>;

/** What the page may do for a case now. */
export type PublicRatingAction = "first" | "follow_up";

/** What a right code shows: the case's item, unit and completion, and what may be done now (and why not). */
export interface PublicRatingCaseView {
  caseNo: string;
  regionCode: string;
  itemName: string | null;
  unitName: string;
  /** Null while the case is not completed (then `reason` says so). */
  completedAt: string | null;
  /**
   * The case's first rating, from this page or from the provincial system. `isDefault`: a 默认评价 —
   * the system rated the case because the applicant did not within the window — not the applicant's own.
   */
  firstRating: { level: number; ratedAt: string; isDefault: boolean } | null;
  /** What the applicant may do now; null when nothing (the reason is in `reason`). */
  action: PublicRatingAction | null;
  reason: string | null;
}

export interface PublicRatingResultView {
  ratingNo: string;
  kind: PublicRatingAction;
  message: string;
}
