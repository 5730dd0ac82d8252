/** Rating factories for tests: a rating written as the ingest writes it (store, rollups, its bad review). */
import { sql } from "drizzle-orm";
import { countRatings, lockRatingStore, openReviews } from "../modules/ratings/store.ts";
import type { Db } from "../platform/db/client.ts";
import { badReviews, calendarYears, ratings } from "../platform/db/schema.ts";

export type TestRating = Partial<typeof ratings.$inferInsert> & { unitId: string };

let seq = 0;

/** The nationwide calendar covers these years (a deadline needs its year: else 时限无法计算). */
export async function coverYears(db: Db, years: number[]): Promise<void> {
  await db
    .insert(calendarYears)
    .values(years.map((year) => ({ year, source: "test" })))
    .onConflictDoNothing();
}

/** Stores ratings (a 差评 opens its review); answers each rating's id and review id (null: none opened). */
export async function storeRatings(db: Db, rows: TestRating[]): Promise<{ ratingId: string; reviewId: string | null }[]> {
  return db.transaction(async (tx) => {
    await lockRatingStore(tx);
    const inserted = await tx
      .insert(ratings)
      .values(
        rows.map((row) => ({
          sourceCode: "test",
          ratingNo: `T-${++seq}-${Date.now()}`,
          regionCode: "330105",
          channel: "window",
          level: 1,
          ratedAt: new Date(),
          ...row,
        })),
      )
      .returning({ id: ratings.id });
    const ids = inserted.map((r) => r.id);
    await countRatings(tx, sql`r.id = any(${`{${ids.join(",")}}`}::uuid[])`, 1);
    await openReviews(tx, ids);
    const reviews = await tx.select({ id: badReviews.id, ratingId: badReviews.ratingId }).from(badReviews);
    const reviewOf = new Map(reviews.map((r) => [r.ratingId, r.id]));
    return ids.map((ratingId) => ({ ratingId, reviewId: reviewOf.get(ratingId) ?? null }));
  });
}

/** A fresh bad review of a unit, rated now (its 核实 window open). */
export async function badReview(db: Db, unitId: string): Promise<string> {
  const year = new Date().getUTCFullYear();
  await coverYears(db, [year, year + 1]);
  const [stored] = await storeRatings(db, [{ unitId }]);
  return stored!.reviewId!;
}
