/**
 * 好差评 metrics: from the rating rollups (counts by level, kept at ingest), the completed cases of
 * the same scope (case rollups) and the bad-review loop's judgements. Each metric is a ratio with
 * the numerator and denominator it came from; docs/ratings.md (“Metrics”) gives each formula.
 */
import { type JudgementWindow, judgeReviewWithin, type ReviewJudgement, type ReviewState } from "./loop.ts";

/** The counter columns of rating_rollups, camelCase: sums over any set of rollup rows. */
export interface RatingCounters {
  /** Active first ratings (the applicant rated: 默认评价 excluded), by level. */
  level1: number;
  level2: number;
  level3: number;
  level4: number;
  level5: number;
  /** 默认评价: the system rated for the applicant. */
  defaults: number;
  /** 追评 received, and those bad (level 1–2). */
  followUps: number;
  followUpsBad: number;
  /**
   * Of the bad ones (levels 1–2), those the office voided on appeal (申诉成立: 误评 or 恶意差评). Not
   * counted: neither 差评 nor 主动评价 — 国办发〔2019〕51号's appeal mechanism exists to take them out of
   * the figures. The levels themselves stay as rated.
   */
  voided: number;
}

export const RATING_COUNTER_KEYS = [
  "level1",
  "level2",
  "level3",
  "level4",
  "level5",
  "defaults",
  "followUps",
  "followUpsBad",
  "voided",
] as const satisfies readonly (keyof RatingCounters)[];

export function emptyRatingCounters(): RatingCounters {
  return Object.fromEntries(RATING_COUNTER_KEYS.map((k) => [k, 0])) as unknown as RatingCounters;
}

/** The bad-review loop's judgements summed over a scope (judgeReview, one review each). */
export type ReviewCounters = { [K in keyof ReviewJudgement]: number } & { reviews: number };

/** Every key of a judgement: a record, so a judgement added to ReviewJudgement and not here does not compile. */
const JUDGEMENTS: Record<keyof ReviewJudgement, true> = {
  responseDue: true,
  responseLate: true,
  confirmed: true,
  rectifyDue: true,
  rectifiedOnTime: true,
  rectified: true,
  revisited: true,
  badAgain: true,
};
export const REVIEW_JUDGEMENT_KEYS = Object.keys(JUDGEMENTS) as (keyof ReviewJudgement)[];

/** No reviews: every count 0. */
export function emptyReviewCounters(): ReviewCounters {
  return Object.fromEntries(["reviews", ...REVIEW_JUDGEMENT_KEYS].map((k) => [k, 0])) as unknown as ReviewCounters;
}

/**
 * The reference sum of the reviews given — `reviews` is their number, the judgements those that became
 * true within the window (judgeReviewWithin): the server counts the same judgements in SQL
 * (ratings/judgements.ts), held to this on random reviews by its test.
 */
export function countReviews(reviews: readonly ReviewState[], window: JudgementWindow): ReviewCounters {
  const sum = emptyReviewCounters();
  sum.reviews = reviews.length;
  for (const review of reviews) {
    const judged = judgeReviewWithin(review, window);
    for (const key of REVIEW_JUDGEMENT_KEYS) if (judged[key]) sum[key] += 1;
  }
  return sum;
}

export const RATING_METRIC = {
  rated: { label: "主动评价数", formula: "申请人主动评价的首次评价数（不含默认评价和申诉成立作废的差评）" },
  active_rate: { label: "主动评价率", formula: "主动评价数 ÷ 办结件数" },
  good_rate: { label: "好评率", formula: "（满意 + 非常满意）÷ 主动评价数" },
  bad_rate: { label: "差评率", formula: "（不满意 + 非常不满意，申诉成立作废的除外）÷ 主动评价数" },
  rectify_rate: { label: "差评整改率", formula: "按期整改的有效差评 ÷ 整改已到期或已整改的有效差评" },
  revisit_rate: { label: "回访率", formula: "已回访的差评 ÷ 已整改的差评" },
  appeal_on_time_rate: { label: "申诉按期率", formula: "按期核实或申诉的差评 ÷ 核实期已到或已核实的差评" },
} as const;
export type RatingMetricKey = keyof typeof RATING_METRIC;

export interface RatingMetricValue {
  key: RatingMetricKey;
  /** A ratio (0–1, 6 decimals) or a count; null when the denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
}

const ratio = (key: RatingMetricKey, numerator: number, denominator: number): RatingMetricValue => ({
  key,
  value: denominator === 0 ? null : Math.round((numerator / denominator) * 1e6) / 1e6,
  numerator,
  denominator,
});

/** 主动评价数: the applicant's first ratings, the voided bad ones left out. */
export const activeRatings = (c: RatingCounters) => c.level1 + c.level2 + c.level3 + c.level4 + c.level5 - c.voided;
/** 差评数: bad first ratings (levels 1–2) not voided on appeal. */
export const badRatings = (c: RatingCounters) => c.level1 + c.level2 - c.voided;
/** 好评数: levels 4–5. */
export const goodRatings = (c: RatingCounters) => c.level4 + c.level5;

/** Every 好差评 metric of a scope, in RATING_METRIC's order. */
export function ratingMetrics(c: RatingCounters, reviews: ReviewCounters, completedCases: number): RatingMetricValue[] {
  const rated = activeRatings(c);
  return [
    { key: "rated", value: rated, numerator: rated, denominator: rated + c.defaults },
    ratio("active_rate", rated, completedCases),
    ratio("good_rate", goodRatings(c), rated),
    ratio("bad_rate", badRatings(c), rated),
    ratio("rectify_rate", reviews.rectifiedOnTime, reviews.rectifyDue),
    ratio("revisit_rate", reviews.revisited, reviews.rectified),
    ratio("appeal_on_time_rate", reviews.responseDue - reviews.responseLate, reviews.responseDue),
  ];
}
