import {
  countReviews,
  judgeReview,
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
import { reviewCounterFields } from "./judgements.ts";
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

describe("the loop's judgements in SQL", () => {
  it.each(instants.map((asOf) => [asOf.toISOString(), asOf] as const))("count as core counts them, as of %s", async (_, asOf) => {
    const [row] = await server.database.db
      .select(reviewCounterFields(asOf))
      .from(badReviews)
      .where(
        inArray(
          badReviews.id,
          reviews.map((r) => r.id),
        ),
      );
    expect(row).toEqual(countReviews(reviews, asOf));
  });

  it("are held on reviews that make every judgement both true and false (not a vacuous match)", () => {
    const counted = countReviews(reviews, instants[2]!);
    for (const key of REVIEW_JUDGEMENT_KEYS) {
      expect(counted[key], key).toBeGreaterThan(0);
      expect(counted[key], key).toBeLessThan(REVIEWS);
    }
  });

  it("keep in a fact's list exactly the reviews core judges so", async () => {
    for (const asOf of instants)
      for (const judged of Object.keys(judgedKeys) as Exclude<ReviewJudged, "overdue">[]) {
        const listed = await server.database.db.select({ id: badReviews.id }).from(badReviews).where(judgedWhere(judged, asOf));
        const expected = reviews.filter((r) => judgeReview(r, asOf)[judgedKeys[judged]]).map((r) => r.id);
        expect(listed.map((r) => r.id).sort(), `${REVIEW_JUDGED[judged]} as of ${asOf.toISOString()}`).toEqual(expected.sort());
      }
  });
});
