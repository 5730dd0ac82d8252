/**
 * 好差评 dashboard and the rating list: the metrics of a unit's subtree over a period from the rating
 * rollups (never a scan of the ratings), the completed cases from the case rollups, and the
 * bad-review loop judged as of the period's end. docs/ratings.md (“Metrics”).
 */
import {
  activeRatings,
  badRatings,
  CASE_CHANNEL,
  type CaseChannel,
  cstStart,
  emptyRatingCounters,
  emptyReviewCounters,
  goodRatings,
  nextDate,
  type Paged,
  RATING_COUNTER_KEYS,
  RATING_ITEM_RANKING,
  type RatingChannel,
  type RatingCounters,
  type RatingDashboardView,
  type RatingListQuery,
  type RatingScopeQuery,
  type RatingView,
  type ReviewCounters,
  ratingMetrics,
} from "@kaoping/core";
import { and, count, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { badReviews, ratingRollups, ratingRollupsMonthly, ratings, serviceItems, units } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { unitsForCases } from "../cases/policy.ts";
import { splitPeriod, sumCaseRollups, unitSubtreeCondition } from "../cases/rollup-query.ts";
import { openedIn, periodWindow, reviewCounterFields, touchedIn } from "./judgements.ts";

export interface RatingRollupFilter {
  /** The units counted themselves (already expanded to their subtrees by the caller), or with `subtree` their roots. */
  unitIds: string[];
  /** true: each listed unit with its whole subtree (units.path), expanded in the query. */
  subtree?: boolean;
  from: string;
  to: string;
  channel?: RatingChannel;
  itemCode?: string;
}

const r = ratingRollups;
const sums = sql.join(
  RATING_COUNTER_KEYS.map((key) => sql`coalesce(sum(${r[key]}), 0)::int as ${sql.identifier(key)}`),
  sql`, `,
);

/** The rollup rows of a filter as a FROM item named rating_rollups: whole months monthly, the ends daily. */
function rollupRows(filter: RatingRollupFilter): SQL {
  const where = (range: { from: string; to: string }) =>
    and(
      unitSubtreeCondition(r.unitId, filter.unitIds, filter.subtree === true),
      sql`${r.day} between ${range.from} and ${range.to}`,
      filter.channel ? eq(r.channel, filter.channel) : undefined,
      filter.itemCode ? eq(r.itemCode, filter.itemCode) : undefined,
    )!;
  const { days, months } = splitPeriod(filter.from, filter.to);
  const parts = days.map((range) => sql`select * from ${r} where ${where(range)}`);
  if (months) parts.push(sql`select * from ${ratingRollupsMonthly} as ${r} where ${where(months)}`);
  return sql`(${sql.join(parts, sql` union all `)}) as ${r}`;
}

const countersOf = (row: Record<string, unknown>): RatingCounters => {
  const counters = emptyRatingCounters();
  for (const key of RATING_COUNTER_KEYS) counters[key] = Number(row[key] ?? 0);
  return counters;
};

/** The summed counters per group (`key`: an expression over rating_rollups; null: one total). */
export async function sumRatingRollups(db: Db | Tx, filter: RatingRollupFilter, key: SQL | null = null, join: SQL = sql``) {
  if (!filter.unitIds.length) return [];
  const rows = await selectRows<Record<string, unknown>>(
    db,
    key
      ? sql`select ${key} as group_key, ${sums} from ${rollupRows(filter)} ${join} group by 1 order by 1`
      : sql`select ${sums} from ${rollupRows(filter)}`,
  );
  return rows.map((row) => ({ key: String(row.group_key ?? ""), counters: countersOf(row) }));
}

const uuids = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/** The summed counters per root unit whose subtree holds the rollup rows (the filter's units: those subtrees, expanded). */
export async function sumRatingRollupsByRoot(
  db: Db | Tx,
  filter: RatingRollupFilter,
  rootIds: string[],
): Promise<Map<string, RatingCounters>> {
  if (!rootIds.length) return new Map();
  const join = sql`join ${units} u on u.id = ${r.unitId} join ${units} root on u.path like root.path || '%' and root.id = any(${uuids(rootIds)})`;
  return new Map((await sumRatingRollups(db, filter, sql`root.id`, join)).map((g) => [g.key, g.counters]));
}

const bad = badRatings;
const good = goodRatings;
const rated = activeRatings;
const badRateOf = (c: RatingCounters) => (rated(c) ? Math.round((bad(c) / rated(c)) * 1e6) / 1e6 : null);

/** A bad review whose rating is of the item (the reviews carry no item code of their own). */
const reviewOfItem = (ratingId: SQL | typeof badReviews.ratingId, itemCode?: string) =>
  itemCode ? sql`exists (select 1 from ${ratings} x where x.id = ${ratingId} and x.item_code = ${itemCode})` : undefined;

/**
 * The units' bad reviews opened in the period (`reviews`) and the loop's judgements that became true
 * within it, whenever the review was opened, counted in the database.
 */
export async function reviewCounters(
  db: Db | Tx,
  unitIds: string[],
  period: { from: string; to: string },
  itemCode?: string,
): Promise<ReviewCounters> {
  if (!unitIds.length) return emptyReviewCounters();
  const [row] = await db
    .select(reviewCounterFields(periodWindow(period), openedIn(period)))
    .from(badReviews)
    .where(and(unitSubtreeCondition(badReviews.unitId, unitIds, false), touchedIn(period), reviewOfItem(badReviews.ratingId, itemCode)));
  return row ?? emptyReviewCounters();
}

export async function ratingDashboard(qctx: QueryContext, query: RatingScopeQuery): Promise<RatingDashboardView> {
  const { db, principal } = qctx;
  const unitIds = await unitsForCases(db, principal, query.unitId);
  const filter = { unitIds, from: query.from, to: query.to, channel: query.channel, itemCode: query.itemCode };
  const caseChannel = (CASE_CHANNEL.values as readonly string[]).includes(query.channel ?? "") ? (query.channel as CaseChannel) : undefined;
  const [[total], byChannel, byMonth, caseCounters, reviews, listed, byItem] = await Promise.all([
    sumRatingRollups(db, filter),
    sumRatingRollups(db, filter, sql`${r.channel}`),
    sumRatingRollups(db, filter, sql`to_char(${r.day}, 'YYYY-MM')`),
    sumCaseRollups(db, { unitIds, subtree: false, from: query.from, to: query.to, channel: caseChannel, itemCode: query.itemCode }),
    reviewCounters(db, unitIds, query, query.itemCode),
    listedUnits(db, unitIds, query.unitId),
    itemRanking(db, filter),
  ]);
  const counters = total?.counters ?? emptyRatingCounters();
  const byUnit = await unitRanking(db, filter, listed);
  return {
    metrics: ratingMetrics(counters, reviews, caseCounters.completed),
    completedCases: caseCounters.completed,
    levels: [1, 2, 3, 4, 5].map((level) => ({ level, count: counters[`level${level}` as keyof RatingCounters] })),
    defaults: counters.defaults,
    byChannel: byChannel.map((g) => ({
      channel: g.key as RatingChannel,
      rated: rated(g.counters),
      good: good(g.counters),
      bad: bad(g.counters),
    })),
    byMonth: byMonth.map((g) => ({ month: g.key, rated: rated(g.counters), good: good(g.counters), bad: bad(g.counters) })),
    byItem,
    units: byUnit,
  };
}

/** The items with the most 差评 (then the worst 差评率, the most ratings), named from the registry where it knows them. */
async function itemRanking(db: Db | Tx, filter: RatingRollupFilter): Promise<RatingDashboardView["byItem"]> {
  const grouped = (await sumRatingRollups(db, filter, sql`${r.itemCode}`)).filter((g) => g.key !== "");
  const ranked = grouped
    .map(({ key, counters: c }) => ({ itemCode: key, rated: rated(c), good: good(c), bad: bad(c), badRate: badRateOf(c) }))
    .sort((a, b) => b.bad - a.bad || (b.badRate ?? -1) - (a.badRate ?? -1) || b.rated - a.rated || a.itemCode.localeCompare(b.itemCode))
    .slice(0, RATING_ITEM_RANKING);
  if (!ranked.length) return [];
  const named = await db
    .select({ code: serviceItems.code, name: serviceItems.name })
    .from(serviceItems)
    .where(
      inArray(
        serviceItems.code,
        ranked.map((i) => i.itemCode),
      ),
    );
  const nameOf = new Map(named.map((i) => [i.code, i.name]));
  return ranked.map((item) => ({ ...item, itemName: nameOf.get(item.itemCode) ?? null }));
}

/** A unit the ranking lists; `isOwn`: the asked unit's own ratings (本级), its subtree left to its children's rows. */
interface ListedUnit {
  id: string;
  name: string;
  isOwn: boolean;
}

/**
 * The units the ranking lists: the asked unit's children (itself at a leaf), or the scope's top units.
 * With children, the asked unit's own ratings are in none of their subtrees: it is listed too, as 本级,
 * so the rows add up to the cards.
 */
async function listedUnits(db: Db | Tx, unitIds: string[], unitId?: string): Promise<ListedUnit[]> {
  if (!unitIds.length) return [];
  const inScope = await db
    .select({ id: units.id, name: units.name, parentId: units.parentId })
    .from(units)
    .where(inArray(units.id, unitIds));
  const ids = new Set(inScope.map((u) => u.id));
  const listed = (list: typeof inScope, isOwn: boolean) => list.map((u) => ({ id: u.id, name: u.name, isOwn }));
  if (!unitId)
    return listed(
      inScope.filter((u) => !u.parentId || !ids.has(u.parentId)),
      false,
    );
  const itself = inScope.filter((u) => u.id === unitId);
  const children = inScope.filter((u) => u.parentId === unitId);
  return children.length ? [...listed(children, false), ...listed(itself, true)] : listed(itself, false);
}

/**
 * Per listed unit with its subtree (本级: the unit alone): ratings, bad ones and open reviews; worst
 * 差评率 first. A 本级 row with no ratings and no open review is left out.
 */
async function unitRanking(db: Db | Tx, filter: RatingRollupFilter, listed: ListedUnit[]): Promise<RatingDashboardView["units"]> {
  if (!listed.length) return [];
  const roots = listed.filter((u) => !u.isOwn);
  const own = listed.find((u) => u.isOwn);
  const ids = uuids(roots.map((u) => u.id));
  const inScope = and(unitSubtreeCondition(sql`b.unit_id`, filter.unitIds, false), reviewOfItem(sql`b.rating_id`, filter.itemCode));
  const [grouped, open, [ownTotal], ownOpen] = await Promise.all([
    sumRatingRollupsByRoot(
      db,
      filter,
      roots.map((u) => u.id),
    ),
    roots.length
      ? selectRows<{ id: string; n: number }>(
          db,
          sql`select root.id, count(*)::int as n from ${badReviews} b join ${units} u on u.id = b.unit_id
            join ${units} root on u.path like root.path || '%' and root.id = any(${ids})
            where ${inScope} and b.status not in ('closed', 'voided') group by root.id`,
        )
      : [],
    own ? sumRatingRollups(db, { ...filter, unitIds: [own.id], subtree: false }) : [],
    own
      ? selectRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from ${badReviews} b
            where b.unit_id = ${own.id} and ${inScope} and b.status not in ('closed', 'voided')`,
        )
      : [],
  ]);
  const openOf = new Map(open.map((o) => [o.id, Number(o.n)]));
  const row = (u: ListedUnit, c: RatingCounters, reviewsOpen: number) => ({
    unitId: u.id,
    unitName: u.name,
    isOwn: u.isOwn,
    rated: rated(c),
    bad: bad(c),
    badRate: badRateOf(c),
    reviewsOpen,
  });
  const rows = roots.map((u) => row(u, grouped.get(u.id) ?? emptyRatingCounters(), openOf.get(u.id) ?? 0));
  if (own) {
    const ownRow = row(own, ownTotal?.counters ?? emptyRatingCounters(), Number(ownOpen[0]?.n ?? 0));
    if (ownRow.rated > 0 || ownRow.reviewsOpen > 0) rows.push(ownRow);
  }
  return rows.sort((a, b) => (b.badRate ?? -1) - (a.badRate ?? -1) || b.rated - a.rated);
}

export async function listRatings(qctx: QueryContext, query: RatingListQuery): Promise<Paged<RatingView>> {
  const unitIds = await unitsForCases(qctx.db, qctx.principal, query.unitId);
  const where = and(
    unitSubtreeCondition(ratings.unitId, unitIds, false),
    gte(ratings.ratedAt, cstStart(query.from)),
    lt(ratings.ratedAt, cstStart(nextDate(query.to))),
    query.channel ? eq(ratings.channel, query.channel) : undefined,
    query.level ? eq(ratings.level, Number(query.level)) : undefined,
    query.caseNo ? eq(ratings.caseNo, query.caseNo) : undefined,
    query.itemCode ? eq(ratings.itemCode, query.itemCode) : undefined,
    // The dashboard's drills: its levels, channels, months and items count 主动评价 (kind=first, isDefault=false), 默认评价 apart.
    query.kind ? eq(ratings.kind, query.kind) : undefined,
    query.isDefault ? eq(ratings.isDefault, query.isDefault === "true") : undefined,
  );
  const [total] = await qctx.db.select({ n: count() }).from(ratings).where(where);
  const rows = await qctx.db
    .select({ rating: ratings, unitName: units.name, reviewId: badReviews.id })
    .from(ratings)
    .innerJoin(units, eq(units.id, ratings.unitId))
    .leftJoin(badReviews, eq(badReviews.ratingId, ratings.id))
    .where(where)
    .orderBy(desc(ratings.ratedAt), desc(ratings.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map((row) => presentRating(row.rating, row.unitName, row.reviewId)) };
}

export function presentRating(rating: typeof ratings.$inferSelect, unitName: string, reviewId: string | null): RatingView {
  return {
    id: rating.id,
    ratingNo: rating.ratingNo,
    origin: rating.origin as RatingView["origin"],
    kind: rating.kind as RatingView["kind"],
    level: rating.level,
    channel: rating.channel as RatingChannel,
    unitId: rating.unitId,
    unitName,
    itemCode: rating.itemCode,
    caseNo: rating.caseNo,
    caseKnown: rating.caseKnown,
    tags: rating.tags,
    content: rating.content,
    ratedAt: rating.ratedAt.toISOString(),
    isDefault: rating.isDefault,
    raterMasked: rating.raterMasked,
    reviewId,
  };
}
