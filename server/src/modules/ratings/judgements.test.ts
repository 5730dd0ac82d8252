import {
  countReviews,
  type JudgementWindow,
  judgeReviewWithin,
  REVIEW_JUDGED,
  REVIEW_JUDGEMENT_KEYS,
  type ReviewJudged,
  type ReviewState,
  type ReviewStatus,
} from "@kaoping/core";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badReviews } from "../../platform/db/schema.ts";
import { makeUnitTree, startTestServer, type TestServer } from "../../test/harness.ts";
import { coverYears, storeRatings } from "../../test/ratings.ts";
import { periodWindow, reviewCounterFields, touchedIn } from "./judgements.ts";
import { judgedWhere } from "./reviews.ts";

/**
 * The SQL twin of core's judgeReview on random reviews: every instant is null or one of a few
 * around the instants judged at, so ties (a step done exactly at asOf, or exactly at its deadline)
 * come up often — where `<` and `<=` differ.
 */
let server: TestServer;
let reviews: (ReviewState & { id: string })[];
const REVIEWS = 240;
const day = 86_400_000;
const at0 = Date.UTC(2024, 5, 10);
const instants = [-2, -1, 0, 1, 2].map((d) => new Date(at0 + d * day));

/** A small deterministic generator (so a failure reproduces). */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  const ids = await makeUnitTree(server);
  const db = server.database.db;
  await coverYears(db, [2024]);
  const stored = await storeRatings(
    db,
    Array.from({ length: REVIEWS }, () => ({ unitId: ids.get("A1")!, ratedAt: new Date(at0 - 5 * day) })),
  );
  const next = random(16);
  const pick = () => (next() < 0.3 ? null : instants[Math.floor(next() * instants.length)]!);
  await db.transaction(async (tx) => {
    for (const { reviewId } of stored)
      await tx
        .update(badReviews)
        .set({
          verifyDueAt: pick(),
          respondedAt: pick(),
          confirmedAt: pick(),
          rectifyDueAt: pick(),
          rectifiedAt: pick(),
          revisitedAt: pick(),
          followUpLevel: next() < 0.4 ? null : 1 + Math.floor(next() * 5),
          closedAt: pick(),
        })
        .where(eq(badReviews.id, reviewId!));
  });
  const rows = await db
    .select()
    .from(badReviews)
    .where(
      inArray(
        badReviews.id,
        stored.map((s) => s.reviewId!),
      ),
    );
  reviews = rows.map((row) => ({ ...row, status: row.status as ReviewStatus }));
}, 120_000);
afterAll(() => server.close());

const judgedKeys = { response_late: "responseLate", confirmed: "confirmed", bad_again: "badAgain", rectify_due: "rectifyDue" } as const;

/** Every window over the instants: from the beginning, and from each instant to each later one (ties with steps and deadlines on both ends). */
const windows: JudgementWindow[] = instants.flatMap((asOf) => [
  { since: null, asOf },
  ...instants.filter((since) => since < asOf).map((since) => ({ since, asOf })),
]);
const named = (window: JudgementWindow) => `${window.since?.toISOString() ?? "…"} → ${window.asOf.toISOString()}`;

describe("the loop's judgements in SQL", () => {
  it.each(windows.map((window) => [named(window), window] as const))("count as core counts them, within %s", async (_, window) => {
    const [row] = await server.database.db
      .select(reviewCounterFields(window))
      .from(badReviews)
      .where(
        inArray(
          badReviews.id,
          reviews.map((r) => r.id),
        ),
      );
    expect(row).toEqual(countReviews(reviews, window));
  });

  it("are held on reviews that make every judgement both true and false (not a vacuous match)", () => {
    for (const window of [
      { since: null, asOf: instants[2]! },
      { since: instants[1]!, asOf: instants[3]! },
    ]) {
      const counted = countReviews(reviews, window);
      for (const key of REVIEW_JUDGEMENT_KEYS) {
        expect(counted[key], `${key} within ${named(window)}`).toBeGreaterThan(0);
        expect(counted[key], `${key} within ${named(window)}`).toBeLessThan(REVIEWS);
      }
    }
  });

  it("keep in a fact's list exactly the reviews core judges so", async () => {
    for (const window of windows)
      for (const judged of Object.keys(judgedKeys) as Exclude<ReviewJudged, "overdue">[]) {
        const listed = await server.database.db.select({ id: badReviews.id }).from(badReviews).where(judgedWhere(judged, window));
        const expected = reviews.filter((r) => judgeReviewWithin(r, window)[judgedKeys[judged]]).map((r) => r.id);
        expect(listed.map((r) => r.id).sort(), `${REVIEW_JUDGED[judged]} within ${named(window)}`).toEqual(expected.sort());
      }
  });

  it("leave out of a period only reviews with nothing to count in it (touchedIn)", async () => {
    const now = new Date(Date.UTC(2030, 0, 1));
    let left = 0;
    for (const period of [
      { from: "2024-06-10", to: "2024-06-10" },
      { from: "2024-06-11", to: "2024-06-12" },
      { from: "2024-06-12", to: "2024-06-30" },
    ]) {
      const kept = new Set(
        (await server.database.db.select({ id: badReviews.id }).from(badReviews).where(touchedIn(period))).map((r) => r.id),
      );
      for (const review of reviews.filter((r) => !kept.has(r.id))) {
        left += 1;
        expect(Object.values(judgeReviewWithin(review, periodWindow(period, now))).some(Boolean), review.id).toBe(false);
      }
    }
    expect(left).toBeGreaterThan(0);
  });
});
