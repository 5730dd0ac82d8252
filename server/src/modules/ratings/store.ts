import { REVIEW_DEFAULTS, type ReviewDeadlines, reviewDeadline, type WorkCalendar } from "@kaoping/core";
import { inArray, type SQL, sql } from "drizzle-orm";
import pg from "pg";
import type { Db, Tx } from "../../platform/db/client.ts";
import { compiledSql } from "../../platform/db/compiled.ts";
import { addToRollups, cstDay, type RollupSpec, rollupStatement } from "../../platform/db/rollups.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { badReviewSteps, badReviews, notifications, ratingLoopSettings, users } from "../../platform/db/schema.ts";
import { textArray } from "../../platform/db/text-array.ts";
import { loadWorkCalendar, sharedWorkCalendar } from "../calendar/load.ts";

/**
 * The rating store's writes shared by the import and the public page: the rollups, opening a bad
 * review for each new 差评, and closing a review with the applicant's 追评. Callers hold
 * lockRatingStore for the transaction.
 */

const RATING_STORE_LOCK_KEY = 7_240_616;

/** Every writer of ratings and their rollups takes this first (as the case store's writers take theirs). */
export async function lockRatingStore(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${RATING_STORE_LOCK_KEY})`);
}

/** Namespace of a case's own lock (two-key form, apart from the one-key locks and the 找茬 throttle's 0x6b70). */
const RATING_CASE_LOCK = 0x6b72;

/**
 * The same lock, shared, and then the case's own, as one statement: for writers of one rating each
 * (the public page), which run side by side — each on its own case, adding to the rollups only
 * with upserts — but never beside an import batch or a recount, which hold the store exclusively.
 * Literals only (the case's key escaped), so it can go with the BEGIN (`runCommand`'s beginWith).
 * The key is the one earlier releases took, so a rolling deploy's old and new processes exclude
 * each other too.
 */
export function ratingCaseLock(key: { regionCode: string; caseNo: string }): string {
  const caseKey = pg.escapeLiteral(`${key.regionCode}\u0001${key.caseNo}`);
  return `select pg_advisory_xact_lock_shared(${RATING_STORE_LOCK_KEY}), pg_advisory_xact_lock(${RATING_CASE_LOCK}, hashtext(${caseKey}))`;
}

const active = "r.kind = 'first' and not r.is_default";
const RATING_ROLLUPS: RollupSpec = {
  daily: "rating_rollups",
  monthly: "rating_rollups_monthly",
  alias: "r",
  dimensions: [
    ["region_code", "r.region_code"],
    ["unit_id", "r.unit_id"],
    ["item_code", "coalesce(r.item_code, '')"],
    ["channel", "r.channel"],
  ],
  day: cstDay("r.rated_at"),
  counters: [
    ...[1, 2, 3, 4, 5].map((level): [string, string] => [`level${level}`, `count(*) filter (where ${active} and r.level = ${level})`]),
    ["defaults", "count(*) filter (where r.kind = 'first' and r.is_default)"],
    ["follow_ups", "count(*) filter (where r.kind = 'follow_up')"],
    ["follow_ups_bad", "count(*) filter (where r.kind = 'follow_up' and r.level <= 2)"],
    [
      "voided",
      `count(*) filter (where ${active} and r.level <= 2 and exists (select 1 from bad_reviews b where b.rating_id = r.id and b.status = 'voided'))`,
    ],
  ],
};

/** Adds (1) or withdraws (-1) the ratings `where` selects (alias r) from `relation` (the store, or a batch's stage). */
export const countRatings = (tx: Tx | Db, where: SQL, sign: 1 | -1, relation: SQL = sql`ratings`) =>
  addToRollups(tx, RATING_ROLLUPS, { relation, where, sign });

const countOne = compiledSql(() =>
  rollupStatement(RATING_ROLLUPS, { relation: sql`ratings`, where: sql`r.id = ${sql.placeholder("id")}::uuid`, sign: 1 }),
);

/**
 * Adds one stored rating, by its id: the public page's every rating. A prepared statement —
 * PostgreSQL spent ≈ 1.4 ms planning this CTE for each rating against 0.2 ms running it
 * (docs/performance.md, load:rating-page).
 */
export const countRating = (tx: Tx | Db, id: string) => countOne(tx, { id });

/**
 * Changes a bad review's status in a way the rollups count (申诉成立 voids it: the `voided` counter):
 * the rating's contribution withdrawn before and added after, so it moves by exactly the difference.
 * Under the store's lock shared, like the public page's writers: never beside an import batch.
 */
export async function recountRatingAround<T>(tx: Tx, ratingId: string, change: () => Promise<T>): Promise<T> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${RATING_STORE_LOCK_KEY})`);
  await countRatings(tx, sql`r.id = ${ratingId}::uuid`, -1);
  const result = await change();
  await countRatings(tx, sql`r.id = ${ratingId}::uuid`, 1);
  return result;
}

/** A rating from the public page: the case's number and code proved, no rater kept. */
export interface PublicRating {
  sourceCode: string;
  ratingNo: string;
  regionCode: string;
  unitId: string;
  itemCode: string | null;
  caseNo: string;
  channel: string;
  level: number;
  tags: string[];
  content: string | null;
  ratedAt: Date;
}

const typed = (name: keyof PublicRating, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;

/** Inserts the rating unless the case already has a first rating (of any origin): the check and the write in one statement. */
const insertFirst = sql`inserted as (
  insert into ratings (source_code, rating_no, origin, kind, region_code, unit_id, item_code, case_no, case_known, channel, level, tags, content, rated_at)
  select ${typed("sourceCode", "text")}, ${typed("ratingNo", "text")}, 'public', 'first', ${typed("regionCode", "text")},
    ${typed("unitId", "uuid")}, ${typed("itemCode", "text")}, ${typed("caseNo", "text")}, true, ${typed("channel", "text")},
    ${typed("level", "int")}, ${typed("tags", "jsonb")}, ${typed("content", "text")}, ${typed("ratedAt", "timestamptz")}
  where not exists (
    select 1 from ratings where region_code = ${typed("regionCode", "text")} and case_no = ${typed("caseNo", "text")} and kind = 'first')
  returning *)`;
const firstCounted = compiledSql(() =>
  rollupStatement(RATING_ROLLUPS, {
    relation: sql`inserted`,
    where: sql`true`,
    sign: 1,
    around: { before: insertFirst, answer: sql`select id from inserted` },
  }),
);
const firstOnly = compiledSql(() => sql`with ${insertFirst} select id from inserted`);

/**
 * Adds the public page's first rating of a case, answering its id, or null when the case already
 * has one. `counted`: its rollups in the same statement (one round trip, the page's common case);
 * else the caller counts it with countRating once it has done what must come first (a 差评's review),
 * so the rollup rows a unit's ratings share stay locked only from there to the commit. Callers hold
 * ratingCaseLock, so no other first rating of the case can commit between the check and the write.
 */
export async function addPublicFirstRating(tx: Tx | Db, rating: PublicRating, counted: boolean): Promise<string | null> {
  const values = { ...rating, tags: JSON.stringify(rating.tags), ratedAt: rating.ratedAt.toISOString() };
  const result = (await (counted ? firstCounted : firstOnly)(tx, values)) as { rows: { id: string }[] };
  return result.rows[0]?.id ?? null;
}

/** Counts the rollups again from every stored rating (an operator's repair; the tests' proof of the incremental path). */
export async function recountRatingRollups(tx: Tx): Promise<void> {
  await tx.execute(sql`delete from rating_rollups`);
  await tx.execute(sql`delete from rating_rollups_monthly`);
  await countRatings(tx, sql`true`, 1);
}

/** A region's loop deadlines: its rating_loop_settings row, else the installation's ('' region), else core's defaults. */
export async function loadReviewDeadlines(db: Db | Tx, regionCode: string): Promise<ReviewDeadlines & { isDefault: boolean }> {
  const rows = await db
    .select()
    .from(ratingLoopSettings)
    .where(inArray(ratingLoopSettings.regionCode, [...new Set([regionCode, ""])]));
  const row = rows.find((r) => r.regionCode === regionCode) ?? rows.find((r) => r.regionCode === "");
  return row
    ? { verifyDays: row.verifyDays, rectifyDays: row.rectifyDays, decideDays: row.decideDays, isDefault: false }
    : { ...REVIEW_DEFAULTS, isDefault: true };
}

/**
 * A region's calendar and deadlines, once each per call. With `shared` (an owner object that lives
 * longer than the call), the calendar is kept across calls while its rows stay as they are
 * (sharedWorkCalendar: one small query instead of reading and building it again).
 */
export function regionTerms(db: Db | Tx, shared?: object) {
  const cache = new Map<string, Promise<{ calendar: WorkCalendar; deadlines: ReviewDeadlines }>>();
  return (regionCode: string) => {
    let terms = cache.get(regionCode);
    if (!terms) {
      // One after the other: `db` may be a transaction, one connection that takes one query at a time (pg 9 refuses a second).
      const calendar = shared ? sharedWorkCalendar(db, regionCode, shared) : loadWorkCalendar(db, regionCode);
      terms = calendar.then(async (calendar) => ({ calendar, deadlines: await loadReviewDeadlines(db, regionCode) }));
      cache.set(regionCode, terms);
    }
    return terms;
  };
}

/** A stored rating that is a 差评 (a first, active rating of level 1–2) with no review yet. */
export interface NewBadRating {
  id: string;
  unitId: string;
  regionCode: string;
  ratedAt: Date;
}

/**
 * Opens a bad review for each of these ratings that is a 差评 and has none yet: its 核实 deadline
 * runs from the rating's time (the rating system tells the unit at once). Answers the reviews opened.
 */
export async function openReviews(tx: Tx, ratingIds: string[]): Promise<number> {
  if (!ratingIds.length) return 0;
  const bad = await selectRows<{ id: string; unit_id: string; region_code: string; rated_at: Date | string }>(
    tx,
    sql`select r.id, r.unit_id, r.region_code, r.rated_at from ratings r
      where r.id = any(${textArray(ratingIds)}::uuid[]) and ${sql.raw(active)} and r.level <= 2
        and not exists (select 1 from bad_reviews b where b.rating_id = r.id)`,
  );
  const ratings = bad.map((r) => ({ id: r.id, unitId: r.unit_id, regionCode: r.region_code, ratedAt: new Date(r.rated_at) }));
  return openReviewsOf(tx, ratings, regionTerms(tx));
}

/** openReviews for ratings the caller knows to be new 差评 (the public page's, just stored), with the terms it keeps. */
export async function openReviewsOf(tx: Tx, bad: NewBadRating[], terms: ReturnType<typeof regionTerms>): Promise<number> {
  if (!bad.length) return 0;
  const rows = [];
  for (const r of bad) {
    const { calendar, deadlines } = await terms(r.regionCode);
    rows.push({
      ratingId: r.id,
      unitId: r.unitId,
      regionCode: r.regionCode,
      openedAt: r.ratedAt,
      verifyDueAt: reviewDeadline(calendar, r.ratedAt, deadlines.verifyDays),
    });
  }
  const opened = tx
    .insert(badReviews)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: badReviews.id, openedAt: badReviews.openedAt, unitId: badReviews.unitId });
  // The reviews and their first steps in one statement; the units that received one.
  const units = await selectRows<{ unit_id: string; n: number }>(
    tx,
    sql`with opened as (${opened.getSQL()}),
      steps as (insert into ${badReviewSteps} (review_id, step, at) select id, 'open', opened_at from opened)
      select unit_id, count(*)::int as n from opened group by unit_id`,
  );
  await notifyNewReviews(
    tx,
    units.map((u) => u.unit_id),
  );
  return units.reduce((sum, u) => sum + Number(u.n), 0);
}

/** Where a unit's people land from the notice: its reviews waiting for 核实. */
export const NEW_REVIEWS_LINK = "/ratings/reviews?status=verifying";

/**
 * Tells the people of each unit that new 差评 wait for 核实 — once until they read it: an import of
 * a month brings batch after batch, and one unread notice per person says it all (the list counts).
 */
async function notifyNewReviews(tx: Tx, unitIds: string[]): Promise<void> {
  if (!unitIds.length) return;
  await tx.execute(sql`
    insert into ${notifications} (user_id, kind, title, body, link)
    select u.id, 'rating_review', '收到新的差评，请按期核实',
      '本单位有新的差评待核实：请在核实期限内联系申请人核实，属实的转整改，误评或恶意差评的提出申诉。', ${NEW_REVIEWS_LINK}
    from ${users} u
    where u.unit_id = any(${textArray(unitIds)}::uuid[]) and u.status = 'active'
      and not exists (select 1 from ${notifications} n
        where n.user_id = u.id and n.link = ${NEW_REVIEWS_LINK} and n.read_at is null)`);
}

/**
 * Closes the reviews these 追评 answer: the first bad rating of the same case (region and number)
 * whose rectification is done (待回访 or 待追评) before the 追评 was given. A 追评 given earlier is kept
 * as a rating and closes nothing. Answers the reviews closed.
 */
export async function applyFollowUps(tx: Tx, ratingIds: string[]): Promise<number> {
  if (!ratingIds.length) return 0;
  const closed = await selectRows<{ id: string; at: Date | string; level: number }>(
    tx,
    sql`with answered as (
        select distinct on (b.id) b.id, f.id as follow_up_id, f.level, f.rated_at
        from ratings f
          join ratings r on r.region_code = f.region_code and r.case_no = f.case_no and r.kind = 'first'
          join bad_reviews b on b.rating_id = r.id and b.status in ('revisiting', 'awaiting_follow_up') and f.rated_at >= b.rectified_at
        where f.id = any(${textArray(ratingIds)}::uuid[]) and f.kind = 'follow_up'
        order by b.id, f.rated_at)
      update bad_reviews b set status = 'closed', follow_up_rating_id = a.follow_up_id, follow_up_level = a.level,
        closed_at = a.rated_at, version = b.version + 1, updated_at = now()
      from answered a where a.id = b.id
      returning b.id, a.rated_at as at, a.level`,
  );
  if (closed.length)
    await tx.insert(badReviewSteps).values(
      closed.map((r) => ({
        reviewId: r.id,
        step: "follow_up",
        at: new Date(r.at),
        note: `追评：${r.level <= 2 ? "仍为差评" : "已满意"}（${r.level} 级）`,
      })),
    );
  return closed.length;
}
