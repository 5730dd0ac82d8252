/**
 * The bad-review loop's judgements (core's `judgeReview`) as SQL over bad_reviews, as of an instant.
 * The dashboard and the campaign facts count a period's reviews in the database instead of reading
 * them out to judge one by one (a city's year holds hundreds of thousands: docs/performance.md,
 * bench:ratings), and a fact's count and its list (`judged`) use the same predicate. The twin is held
 * to core's answers on random reviews (judgements.test.ts).
 */
import { cstStart, type JudgementWindow, nextDate, REVIEW_JUDGEMENT_KEYS, type ReviewCounters, type ReviewJudgement } from "@kaoping/core";
import { and, gte, lt, type SQL, sql } from "drizzle-orm";
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

/**
 * The judgements that became true within the window (core's judgeReviewWithin): true as of its end,
 * not as of its start (a predicate's null there counts as not yet).
 */
export function judgementsWithin(window: JudgementWindow): Record<keyof ReviewJudgement, SQL> {
  const atEnd = judgementsAsOf(window.asOf);
  if (!window.since) return atEnd;
  const atStart = judgementsAsOf(window.since);
  const within = {} as Record<keyof ReviewJudgement, SQL>;
  for (const key of REVIEW_JUDGEMENT_KEYS) within[key] = sql`(${atEnd[key]} and not coalesce(${atStart[key]}, false))`;
  return within;
}

/**
 * The columns of a select that sums, over its rows (per group), the judgements that became true within
 * the window, as core's countReviews does; `reviews` counts the rows `opened` keeps (all without it).
 */
export function reviewCounterFields(window: JudgementWindow, opened?: SQL): { [K in keyof ReviewCounters]: SQL.Aliased<number> } {
  const judgements = judgementsWithin(window);
  const counted = (where: SQL | undefined, key: keyof ReviewCounters) =>
    sql`count(*)${where ? sql` filter (where ${where})` : sql``}`.mapWith(Number).as(key);
  const fields = { reviews: counted(opened, "reviews") } as { [K in keyof ReviewCounters]: SQL.Aliased<number> };
  for (const key of REVIEW_JUDGEMENT_KEYS) fields[key] = counted(judgements[key], key);
  return fields;
}

/** A period's reviews are judged as they stood at its end, or now if sooner (as the campaign facts are). */
export function periodAsOf(to: string | undefined, now = new Date()): Date {
  if (!to) return now;
  const end = cstStart(nextDate(to));
  return end < now ? end : now;
}

/** The window of a period (China days, inclusive): from its first day's start to its end, or now if sooner. */
export function periodWindow(period: { from?: string; to?: string }, now = new Date()): JudgementWindow {
  return { since: period.from ? cstStart(period.from) : null, asOf: periodAsOf(period.to, now) };
}

/** Bad reviews opened in the period (China days, inclusive). */
export const openedIn = (period: { from?: string; to?: string }) =>
  and(
    period.from ? gte(badReviews.openedAt, cstStart(period.from)) : undefined,
    period.to ? lt(badReviews.openedAt, cstStart(nextDate(period.to))) : undefined,
  );

/**
 * The reviews a period can count anything of: opened before its end, and opened in it or with a step
 * or deadline after its start — every judgement of the others stood at the start as it stands at the end.
 */
export function touchedIn(period: { from?: string; to?: string }): SQL | undefined {
  const b = badReviews;
  const before = period.to ? lt(b.openedAt, cstStart(nextDate(period.to))) : undefined;
  if (!period.from) return before;
  const since = cstStart(period.from);
  const lastStep = sql`greatest(${b.verifyDueAt}, ${b.respondedAt}, ${b.confirmedAt}, ${b.rectifyDueAt}, ${b.rectifiedAt}, ${b.revisitedAt}, ${b.closedAt})`;
  return and(before, sql`(${b.openedAt} >= ${since} or ${lastStep} >= ${since})`);
}
