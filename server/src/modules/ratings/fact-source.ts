import {
  countReviews,
  emptyRatingCounters,
  isRatingFactKey,
  judgeReview,
  type RatingFactKey,
  type ReviewStatus,
  ratingFactLink,
  ratingMetrics,
} from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { units } from "../../platform/db/schema.ts";
import { textArray } from "../../platform/db/text-array.ts";
import { sumCaseRollups } from "../cases/rollup-query.ts";
import type { CampaignFactSource, UnitSourcedFacts } from "../scores/fact-sources.ts";
import { reviewStates, sumRatingRollups } from "./dashboard.ts";
import { periodAsOf } from "./reviews.ts";

/** Half up to 2 decimals, from the counts (a rate is a percentage). */
const percent = (numerator: number, denominator: number) => Math.round((numerator / denominator) * 10000 + Number.EPSILON) / 100;

/**
 * 好差评 for campaigns: per assessed unit and its subtree, the bad reviews opened in the campaign's
 * period judged as they stand at its end (or now, if sooner) — 申诉超时 (ratings.appeal_overdue),
 * confirmed (ratings.bad_confirmed), bad again after rectification (ratings.bad_again) — and, when
 * declared, the rates from the rollups: 差评整改率, 主动评价率, 差评率 (no ratings: no value).
 */
export const ratingFactSource: CampaignFactSource = {
  origin: "ratings",
  answers: isRatingFactKey,
  async load(db, scope) {
    const keys = scope.keys.filter(isRatingFactKey);
    const asOf = periodAsOf(scope.to);
    const byUnit = new Map<string, UnitSourcedFacts>();
    for (const { unitId } of scope.units) {
      const subtree = await subtreeOf(db, unitId);
      const reviews = await reviewStates(db, subtree, scope);
      const judged = reviews.map((review) => judgeReview({ ...review, status: review.status as ReviewStatus }, asOf));
      const counted = (pick: (j: (typeof judged)[number]) => boolean) => judged.filter(pick).length;
      const values: Partial<Record<RatingFactKey, number>> = {
        "ratings.appeal_overdue": counted((j) => j.responseLate),
        "ratings.bad_confirmed": counted((j) => j.confirmed),
        "ratings.bad_again": counted((j) => j.badAgain),
      };
      if (keys.some((k) => k.endsWith("_rate"))) Object.assign(values, await rates(db, subtree, scope, countReviews(reviews, asOf)));
      const facts = Object.fromEntries(keys.flatMap((key) => (values[key] === undefined ? [] : [[key, values[key]!]])));
      const links = Object.fromEntries(
        Object.keys(facts).map((key) => [key, ratingFactLink(key as RatingFactKey, { unitId, from: scope.from, to: scope.to })]),
      );
      byUnit.set(unitId, { facts, links });
    }
    return byUnit;
  },
};

async function subtreeOf(db: Db | Tx, unitId: string): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select u.id from ${units} u join ${units} root on u.path like root.path || '%' where root.id = any(${textArray([unitId])}::uuid[])`,
  );
  return rows.map((r) => r.id);
}

/** The rates of a subtree: a rate without a denominator (no ratings, nothing due) has no value. */
async function rates(db: Db | Tx, unitIds: string[], period: { from: string; to: string }, reviews: ReturnType<typeof countReviews>) {
  const [[total], cases] = await Promise.all([
    sumRatingRollups(db, { unitIds, ...period }),
    sumCaseRollups(db, { unitIds, subtree: false, ...period }),
  ]);
  const metrics = new Map(ratingMetrics(total?.counters ?? emptyRatingCounters(), reviews, cases.completed).map((m) => [m.key, m]));
  const out: Partial<Record<RatingFactKey, number>> = {};
  for (const [fact, metric] of [
    ["ratings.rectify_rate", "rectify_rate"],
    ["ratings.active_rate", "active_rate"],
    ["ratings.bad_rate", "bad_rate"],
  ] as const) {
    const m = metrics.get(metric)!;
    if (m.denominator) out[fact] = percent(m.numerator, m.denominator);
  }
  return out;
}
