import {
  emptyRatingCounters,
  emptyReviewCounters,
  isRatingFactKey,
  type RatingFactKey,
  type ReviewCounters,
  ratingFactLink,
  ratingMetrics,
} from "@kaoping/core";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { badReviews, units } from "../../platform/db/schema.ts";
import { caseCountersByUnit } from "../cases/fact-source.ts";
import { inSubtreeOf, subtreeRoot } from "../cases/rollup-query.ts";
import type { CampaignFactSource, FactSourceScope, UnitSourcedFacts } from "../scores/fact-sources.ts";
import { sumRatingRollupsByRoot } from "./dashboard.ts";
import { openedIn, periodWindow, reviewCounterFields, touchedIn } from "./judgements.ts";

/** Half up to 2 decimals, from the counts (a rate is a percentage). */
const percent = (numerator: number, denominator: number) => Math.round((numerator / denominator) * 10000 + Number.EPSILON) / 100;

/**
 * 好差评 for campaigns: per assessed unit and its subtree, what the bad-review loop did in the campaign's
 * period (up to now, if sooner), whenever the review was opened — 申诉超时 (ratings.appeal_overdue),
 * confirmed (ratings.bad_confirmed), bad again after rectification (ratings.bad_again) — and, when
 * declared, the rates from the rollups: 差评整改率, 主动评价率, 差评率 (no ratings: no value). A few
 * queries for all the campaign's units, whatever their number (nested units each count their subtree).
 */
export const ratingFactSource: CampaignFactSource = {
  origin: "ratings",
  answers: isRatingFactKey,
  async load(db, scope) {
    const keys = scope.keys.filter(isRatingFactKey);
    const reviews = await reviewCountersByRoot(db, scope);
    const rates = keys.some((k) => k.endsWith("_rate")) ? await ratesByRoot(db, scope, reviews) : new Map<string, RateValues>();
    const byUnit = new Map<string, UnitSourcedFacts>();
    for (const { unitId } of scope.units) {
      const judged = reviews.get(unitId) ?? emptyReviewCounters();
      const values: Partial<Record<RatingFactKey, number>> = {
        "ratings.appeal_overdue": judged.responseLate,
        "ratings.bad_confirmed": judged.confirmed,
        "ratings.bad_again": judged.badAgain,
        ...rates.get(unitId),
      };
      const facts = Object.fromEntries(keys.flatMap((key) => (values[key] === undefined ? [] : [[key, values[key]!]])));
      const links = Object.fromEntries(
        Object.keys(facts).map((key) => [key, ratingFactLink(key as RatingFactKey, { unitId, from: scope.from, to: scope.to })]),
      );
      byUnit.set(unitId, { facts, links });
    }
    return byUnit;
  },
};

type RateValues = Partial<Record<RatingFactKey, number>>;

/** The judgements of the bad reviews under each assessed unit that became true in the period, by that unit's id. */
async function reviewCountersByRoot(db: Db | Tx, scope: FactSourceScope): Promise<Map<string, ReviewCounters>> {
  const rows = await db
    .select({ rootId: subtreeRoot.id, ...reviewCounterFields(periodWindow(scope), openedIn(scope)) })
    .from(badReviews)
    .innerJoin(units, eq(units.id, badReviews.unitId))
    .innerJoin(subtreeRoot, inSubtreeOf(scope.units.map((u) => u.unitId)))
    .where(touchedIn(scope))
    .groupBy(subtreeRoot.id);
  return new Map(rows.map(({ rootId, ...counters }) => [rootId, counters]));
}

/** The rates of each assessed unit's subtree: a rate without a denominator (no ratings, nothing due) has no value. */
async function ratesByRoot(db: Db | Tx, scope: FactSourceScope, reviews: Map<string, ReviewCounters>) {
  const rootIds = scope.units.map((u) => u.unitId);
  const period = { from: scope.from, to: scope.to };
  const [ratingCounters, caseCounters] = await queriesOn(db, [
    () => sumRatingRollupsByRoot(db, { unitIds: rootIds, subtree: true, ...period }, rootIds),
    () => caseCountersByUnit(db, scope),
  ]);
  const out = new Map<string, RateValues>();
  for (const unitId of rootIds) {
    const total = ratingCounters.get(unitId) ?? emptyRatingCounters();
    const completed = caseCounters.get(unitId)?.completed ?? 0;
    const metrics = new Map(ratingMetrics(total, reviews.get(unitId) ?? emptyReviewCounters(), completed).map((m) => [m.key, m]));
    const values: RateValues = {};
    for (const [fact, metric] of [
      ["ratings.rectify_rate", "rectify_rate"],
      ["ratings.active_rate", "active_rate"],
      ["ratings.bad_rate", "bad_rate"],
    ] as const) {
      const m = metrics.get(metric)!;
      if (m.denominator) values[fact] = percent(m.numerator, m.denominator);
    }
    out.set(unitId, values);
  }
  return out;
}
