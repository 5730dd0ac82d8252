/**
 * The bad-review loop's judgements (core's `judgeReview`) as SQL over bad_reviews, as of an instant.
 * The dashboard and the campaign facts count a period's reviews in the database instead of reading
 * them out to judge one by one (a city's year holds hundreds of thousands: docs/performance.md,
 * bench:ratings), and a fact's count and its list (`judged`) use the same predicate. The twin is held
 * to core's answers on random reviews (judgements.test.ts).
 */
import { REVIEW_JUDGEMENT_KEYS, type ReviewCounters, type ReviewJudgement } from "@kaoping/core";
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { badReviews } from "../../platform/db/schema.ts";

/** Each judgement as a predicate: true where core's is, false or null (never counted) elsewhere. */
export function judgementsAsOf(asOf: Date): Record<keyof ReviewJudgement, SQL> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const b = badReviews;
  const by = (instant: AnyPgColumn) => sql`${instant} <= ${at}`;
  const confirmed = by(b.confirmedAt);
  const rectified = by(b.rectifiedAt);
  return {
    responseDue: sql`(${by(b.respondedAt)} or ${b.verifyDueAt} < ${at})`,
    // Answered after the deadline, or not by asOf: an answer after asOf is later than a deadline already past.
    responseLate: sql`(${b.verifyDueAt} < ${at} and (${b.respondedAt} is null or ${b.respondedAt} > ${b.verifyDueAt}))`,
    confirmed,
    rectifyDue: sql`(${confirmed} and (${rectified} or ${b.rectifyDueAt} < ${at}))`,
    rectified,
    rectifiedOnTime: sql`(${rectified} and ${b.rectifiedAt} <= ${b.rectifyDueAt})`,
    revisited: by(b.revisitedAt),
    badAgain: sql`(${b.followUpLevel} <= 2 and ${by(b.closedAt)})`,
  };
}

/** The columns of a select that sums the judgements over its rows (per group), as core's countReviews does. */
export function reviewCounterFields(asOf: Date): { [K in keyof ReviewCounters]: SQL.Aliased<number> } {
  const judgements = judgementsAsOf(asOf);
  const counted = (where: SQL | null, key: keyof ReviewCounters) =>
    sql`count(*)${where ? sql` filter (where ${where})` : sql``}`.mapWith(Number).as(key);
  const fields = { reviews: counted(null, "reviews") } as { [K in keyof ReviewCounters]: SQL.Aliased<number> };
  for (const key of REVIEW_JUDGEMENT_KEYS) fields[key] = counted(judgements[key], key);
  return fields;
}
