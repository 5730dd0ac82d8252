import type { Paged, RatingDashboardView, RatingView } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cst } from "../../test/cases.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { coverYears, storeRatings, type TestRating } from "../../test/ratings.ts";

/**
 * The dashboard's drills into 评价明细: each figure counts 主动评价 (first, not default) or 默认评价
 * (first, default) from the rollups, never the 追评; the list narrowed as the drill narrows it
 * (web/src/pages/ratings/rating-charts.ts) holds exactly the figure's ratings.
 */

let server: TestServer;
let ids: Map<string, string>;
let office: Client;

const SCOPE = { from: "2025-01-01", to: "2025-03-31" };
/** The drills' filters (rating-charts.ts: ACTIVE_RATINGS, DEFAULT_RATINGS). */
const ACTIVE = { kind: "first", isDefault: "false" };
const DEFAULTS = { kind: "first", isDefault: "true" };

/** China times: month ends at night (the rollups' day and the list's bounds are both China days), two out of the period. */
const TIMES = ["2025-01-15T10:00:00", "2025-02-28T23:30:00", "2025-03-31T23:59:00", "2024-12-31T23:30:00", "2025-04-01T00:10:00"];
const CHANNELS = ["window", "online", "mobile"];
const ITEMS = ["ITEM-A", "ITEM-B", null];
/** Four in seven first ratings of the applicant's, two system defaults, one 追评. */
const KINDS = [
  { kind: "first", isDefault: false },
  { kind: "first", isDefault: false },
  { kind: "first", isDefault: true },
  { kind: "follow_up", isDefault: false },
  { kind: "first", isDefault: false },
  { kind: "first", isDefault: true },
  { kind: "first", isDefault: false },
];

const seeded: TestRating[] = [];

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  await coverYears(server.database.db, [2024, 2025]);
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  office = await login(server, "office");
  for (let i = 0; i < 140; i++) {
    const { kind, isDefault } = KINDS[i % KINDS.length]!;
    seeded.push({
      unitId: ids.get(i % 2 ? "A1" : "B1")!,
      caseNo: `BJ-${i}`,
      kind,
      isDefault,
      level: (i % 5) + 1,
      channel: CHANNELS[i % CHANNELS.length]!,
      itemCode: ITEMS[i % 4 === 3 ? 2 : i % 2]!,
      ratedAt: cst(TIMES[Math.floor(i / 5) % TIMES.length]!),
    });
  }
  await storeRatings(server.database.db, seeded);
}, 120_000);
afterAll(async () => {
  await server.close();
});

const dashboard = async (scope: Record<string, string> = {}): Promise<RatingDashboardView> => {
  const query = new URLSearchParams({ unitId: ids.get("R")!, ...SCOPE, ...scope });
  const res = await office.request({ method: "GET", url: `/api/ratings/dashboard?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RatingDashboardView;
};

/** The list's total as the dashboard's drill opens it: the scope, then the drill's filters. */
const listed = async (scope: Record<string, string>, drill: Record<string, string> = {}): Promise<number> => {
  const query = new URLSearchParams({ unitId: ids.get("R")!, ...SCOPE, ...scope, ...drill, pageSize: "1" });
  const res = await office.request({ method: "GET", url: `/api/ratings?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Paged<RatingView>).total;
};

const inPeriod = (r: TestRating) => r.ratedAt! >= cst("2025-01-01T00:00:00") && r.ratedAt! < cst("2025-04-01T00:00:00");

describe("the dashboard's drills into the rating list", () => {
  it("each figure's drill lists exactly the ratings the figure counts", async () => {
    const scopes: Record<string, string>[] = [{}, { itemCode: "ITEM-A" }, { channel: "online" }];
    for (const scope of scopes) {
      const view = await dashboard(scope);
      const rated = view.metrics.find((m) => m.key === "rated")!;
      expect(rated.value).toBeGreaterThan(0);
      expect(await listed(scope, ACTIVE)).toBe(rated.value);
      // 评价等级: a level's bar, and 默认评价's.
      for (const { level, count } of view.levels) expect(await listed(scope, { level: String(level), ...ACTIVE })).toBe(count);
      expect(view.defaults).toBeGreaterThan(0);
      expect(await listed(scope, DEFAULTS)).toBe(view.defaults);
      // 各渠道, the months (a month's dates as the trend's drill clips them), the items' 明细.
      for (const row of view.byChannel) expect(await listed(scope, { channel: row.channel, ...ACTIVE })).toBe(row.rated);
      const months: Record<string, { from: string; to: string }> = {
        "2025-01": { from: "2025-01-01", to: "2025-01-31" },
        "2025-02": { from: "2025-02-01", to: "2025-02-28" },
        "2025-03": { from: "2025-03-01", to: "2025-03-31" },
      };
      expect(view.byMonth.map((m) => m.month)).toEqual(Object.keys(months));
      for (const row of view.byMonth) expect(await listed(scope, { ...months[row.month]!, ...ACTIVE })).toBe(row.rated);
      for (const row of view.byItem) expect(await listed(scope, { itemCode: row.itemCode, ...ACTIVE })).toBe(row.rated);
    }
  });

  it("the figures are the seeded ratings', and without the drill's filters the list holds every rating, 追评 and defaults too", async () => {
    const view = await dashboard();
    const inScope = seeded.filter(inPeriod);
    const active = inScope.filter((r) => r.kind === "first" && !r.isDefault);
    expect(view.levels.map((l) => l.count)).toEqual([1, 2, 3, 4, 5].map((level) => active.filter((r) => r.level === level).length));
    expect(view.defaults).toBe(inScope.filter((r) => r.kind === "first" && r.isDefault).length);
    expect(view.byItem.find((i) => i.itemCode === "ITEM-B")!.rated).toBe(active.filter((r) => r.itemCode === "ITEM-B").length);

    expect(await listed({})).toBe(inScope.length);
    expect(await listed({}, { kind: "follow_up" })).toBe(inScope.filter((r) => r.kind === "follow_up").length);
    expect(await listed({}, { kind: "first" })).toBe(inScope.filter((r) => r.kind === "first").length);
    expect(await listed({}, { isDefault: "false" })).toBe(inScope.filter((r) => !r.isDefault).length);
    // The drill before the fix (a level alone) also listed that level's 追评 and default ratings.
    const five = view.levels.find((l) => l.level === 5)!.count;
    expect(await listed({}, { level: "5" })).toBe(inScope.filter((r) => r.level === 5).length);
    expect(await listed({}, { level: "5" })).toBeGreaterThan(five);
  });

  it("the rows are the filters' own, and a filter it does not know is refused", async () => {
    const query = new URLSearchParams({ unitId: ids.get("R")!, ...SCOPE, ...DEFAULTS, pageSize: "500" });
    const res = await office.request({ method: "GET", url: `/api/ratings?${query}` });
    const rows = (res.json() as Paged<RatingView>).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.kind === "first" && r.isDefault)).toBe(true);
    for (const bad of ["isDefault=yes", "isDefault=1", "kind=second"]) {
      const refused = await office.request({ method: "GET", url: `/api/ratings?from=${SCOPE.from}&to=${SCOPE.to}&${bad}` });
      expect(refused.statusCode, bad).toBe(400);
    }
  });
});

describe("the unit ranking adds up to the cards", () => {
  /** June 2024, apart from the drills' period: ratings at R itself, at A itself, under A (A1) and under B (B1). */
  const JUNE = { from: "2024-06-01", to: "2024-06-30" };
  const at = (code: string, level: number, day: number): TestRating => ({
    unitId: ids.get(code)!,
    caseNo: `RANK-${code}-${level}-${day}`,
    kind: "first",
    isDefault: false,
    level,
    channel: "window",
    ratedAt: cst(`2024-06-${String(day).padStart(2, "0")}T10:00:00`),
  });

  beforeAll(async () => {
    await storeRatings(server.database.db, [
      at("R", 1, 3),
      at("R", 4, 4),
      at("R", 5, 5),
      at("A", 2, 6),
      at("A", 5, 7),
      at("A1", 3, 10),
      at("B1", 1, 11),
      // A default rating at R: counted apart from 主动评价, in no row and no card's count.
      { ...at("R", 5, 12), isDefault: true },
    ]);
  });

  const sumsOf = (view: RatingDashboardView) => ({
    rated: view.units.reduce((sum, u) => sum + u.rated, 0),
    bad: view.units.reduce((sum, u) => sum + u.bad, 0),
  });
  const cardsOf = (view: RatingDashboardView) => ({
    rated: view.metrics.find((m) => m.key === "rated")!.value,
    bad: view.levels[0]!.count + view.levels[1]!.count,
  });

  it("a unit with children and ratings of its own lists them as its 本级 row, and the rows sum to the cards", async () => {
    const view = await dashboard(JUNE);
    expect(cardsOf(view)).toEqual({ rated: 7, bad: 3 });
    expect(sumsOf(view)).toEqual(cardsOf(view));
    const own = view.units.find((u) => u.isOwn)!;
    expect(own).toMatchObject({ unitId: ids.get("R"), rated: 3, bad: 1, reviewsOpen: 1 });
    expect(view.units.filter((u) => !u.isOwn).map((u) => [u.unitId, u.rated])).toEqual(
      expect.arrayContaining([
        [ids.get("A"), 3],
        [ids.get("B"), 1],
      ]),
    );

    const a = await dashboard({ ...JUNE, unitId: ids.get("A")! });
    expect(sumsOf(a)).toEqual(cardsOf(a));
    expect(a.units.map((u) => [u.unitId, u.isOwn, u.rated])).toEqual(
      expect.arrayContaining([
        [ids.get("A1"), false, 1],
        [ids.get("A"), true, 2],
      ]),
    );
    expect(a.units).toHaveLength(2);
  });

  it("a unit with no ratings of its own has no 本级 row; a leaf is its own single row", async () => {
    const b = await dashboard({ ...JUNE, unitId: ids.get("B")! });
    expect(b.units.map((u) => [u.unitId, u.isOwn])).toEqual([[ids.get("B1"), false]]);
    expect(sumsOf(b)).toEqual(cardsOf(b));
    const leaf = await dashboard({ ...JUNE, unitId: ids.get("A1")! });
    expect(leaf.units.map((u) => [u.unitId, u.isOwn, u.rated])).toEqual([[ids.get("A1"), false, 1]]);
  });
});
