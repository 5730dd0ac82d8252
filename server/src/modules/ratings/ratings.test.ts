import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  type CaseDetailView,
  RATING_COLUMNS,
  RATINGS_TODO_GROUP,
  type RatingDashboardView,
  type ReviewDetailView,
  type ReviewView,
  type TodoList,
} from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../platform/db/rows.ts";
import { auditLog, badReviews, ingestQuarantine, ratings, serviceItems } from "../../platform/db/schema.ts";
import { ingestFile } from "../../platform/ingest/index.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { coverYears } from "../../test/ratings.ts";
import { ratingFactSource } from "./fact-source.ts";
import { NEW_REVIEWS_LINK, recountRatingRollups } from "./store.ts";

let server: TestServer;
let ids: Map<string, string>;
let dir: string;
let office: Client;
let liaisonA1: Client;
let liaisonB1: Client;

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  const year = new Date().getUTCFullYear();
  await coverYears(server.database.db, [2024, year, year + 1]);
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison_a1", unitCode: "A1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "liaison_b1", unitCode: "B1", roles: ["unit_liaison"] });
  [office, liaisonA1, liaisonB1] = await Promise.all([login(server, "office"), login(server, "liaison_a1"), login(server, "liaison_b1")]);
  // Four cases of A1 completed in March 2024: the 主动评价率's denominator.
  await storeCases(
    server.database.db,
    ["BJ-1", "BJ-2", "BJ-3", "BJ-4"].map((caseNo) => ({
      caseNo,
      unitId: ids.get("A1")!,
      regionCode: "330105",
      acceptedAt: cst("2024-03-01T09:00:00"),
      completedAt: cst("2024-03-01T10:00:00"),
    })),
  );
  dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-ratings-"));
}, 120_000);
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

type Row = Partial<Record<keyof typeof RATING_COLUMNS, string>>;
const csvOf = (rows: Row[]) =>
  `${Object.values(RATING_COLUMNS).join(",")}\n${rows
    .map((r) => (Object.keys(RATING_COLUMNS) as (keyof typeof RATING_COLUMNS)[]).map((k) => r[k] ?? "").join(","))
    .join("\n")}\n`;
const rating = (ratingNo: string, over: Row = {}): Row => ({
  ratingNo,
  caseNo: "BJ-1",
  regionCode: "330105",
  ratedUnitCode: "A1",
  itemCode: "ITEM-1",
  ratingChannel: "窗口",
  level: "满意",
  ratedAt: "2024-03-04 10:00:00",
  raterName: "王小明",
  raterPhone: "13812345678",
  ...over,
});
let fileNo = 0;
const ingest = async (rows: Row[]) => {
  const filePath = path.join(dir, `r${++fileNo}.csv`);
  await writeFile(filePath, csvOf(rows));
  return ingestFile({ database: server.database, kind: "ratings", sourceCode: "default", filePath });
};

const MARCH_FILE = [
  rating("PJ-1", { level: "不满意", tags: "等待时间长、态度差", content: "排队两小时" }),
  rating("PJ-2", { level: "非常满意", isDefault: "是", caseNo: "BJ-2" }),
  rating("PJ-3", { level: "4", ratingChannel: "网上", caseNo: "BJ-9" }),
  rating("PJ-4", { ratedUnitCode: "ZZ" }),
  rating("PJ-5", { level: "很好" }),
  rating("PJ-1", { level: "非常满意" }),
  rating("PJ-6", { ratingKind: "追评", level: "非常不满意", ratedAt: "2024-03-05 09:00:00" }),
];

const rollupTotals = async () =>
  (
    await selectRows(
      server.database.db,
      sql`select sum(level1)::int l1, sum(level2)::int l2, sum(level4)::int l4, sum(level5)::int l5, sum(defaults)::int d, sum(follow_ups)::int f from rating_rollups`,
    )
  )[0];

describe("ratings through the one ingest path", () => {
  it("stores good rows, quarantines bad ones with reasons, keeps the rollups and opens a review for the 差评", async () => {
    const job = await ingest(MARCH_FILE);
    expect(job).toMatchObject({ status: "succeeded", rowsRead: 7, rowsAccepted: 4, rowsQuarantined: 3 });
    const quarantined = await server.database.db.select().from(ingestQuarantine).where(eq(ingestQuarantine.jobId, job.id));
    expect(quarantined.map((q) => [q.line, (q.reasons as { reason: string }[])[0]!.reason]).sort()).toEqual([
      [5, "unknown_unit"],
      [6, "bad_enum"],
      [7, "duplicate_rating"],
    ]);
    // The rater is never kept in clear, in the store or in quarantine.
    expect(JSON.stringify(quarantined)).not.toContain("13812345678");
    const [pj1] = await server.database.db.select().from(ratings).where(eq(ratings.ratingNo, "PJ-1"));
    expect(pj1).toMatchObject({ level: 2, raterMasked: "王** 138****5678", caseKnown: true, tags: ["等待时间长", "态度差"] });
    expect(pj1!.raterHash).toMatch(/^[0-9a-f]{64}$/);
    const [pj3] = await server.database.db.select().from(ratings).where(eq(ratings.ratingNo, "PJ-3"));
    expect(pj3!.caseKnown).toBe(false);

    expect(await rollupTotals()).toEqual({ l1: 0, l2: 1, l4: 1, l5: 0, d: 1, f: 1 });
    const reviews = await server.database.db.select().from(badReviews);
    expect(reviews).toHaveLength(1);
    // Rated Monday 3–4 at 10:00: 核实 within 1 working day, by the end of Tuesday 3–5 (China time).
    expect(reviews[0]).toMatchObject({ status: "verifying", verifyDueAt: cst("2024-03-05T23:59:59.999") });
  });

  it("a file sent again overwrites, never doubles: the rollups stay what a recount gives, and no second review opens", async () => {
    const before = await rollupTotals();
    const job = await ingest(MARCH_FILE);
    expect(job).toMatchObject({ rowsAccepted: 4, rowsQuarantined: 3 });
    expect(await rollupTotals()).toEqual(before);
    await server.database.db.transaction((tx) => recountRatingRollups(tx));
    expect(await rollupTotals()).toEqual(before);
    expect(await server.database.db.select().from(badReviews)).toHaveLength(1);
  });
});

describe("a case's drawer", () => {
  it("lists the ratings given to the case, a 差评 with its review; out of scope, the case is not found", async () => {
    const res = await office.request({ method: "GET", url: "/api/cases/330105/test/BJ-1" });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<CaseDetailView>();
    const pj1 = detail.ratings!.find((r) => r.ratingNo === "PJ-1")!;
    expect(pj1).toMatchObject({ level: 2, channel: "window", content: "排队两小时", review: { status: "verifying" } });
    const [review] = await server.database.db.select().from(badReviews).where(eq(badReviews.ratingId, pj1.id));
    expect(pj1.review!.id).toBe(review!.id);
    expect(detail.warnings).toEqual([]);
    expect((await liaisonB1.request({ method: "GET", url: "/api/cases/330105/test/BJ-1" })).statusCode).toBe(404);
  });
});

describe("the bad-review loop", () => {
  let review: ReviewView;
  const step = (client: Client, route: "respond" | "decide", payload: Record<string, unknown>) =>
    client.request({ method: "POST", url: `/api/ratings/reviews/${review.id}/${route}`, payload });

  it("lists a unit's reviews to its liaison only", async () => {
    const mine = await liaisonA1.request({ method: "GET", url: "/api/ratings/reviews" });
    expect(mine.statusCode, mine.body).toBe(200);
    review = (mine.json() as { rows: ReviewView[] }).rows[0]!;
    expect(review).toMatchObject({ status: "verifying", overdueStep: "verify", rating: { ratingNo: "PJ-1", content: "排队两小时" } });
    expect((await liaisonB1.request({ method: "GET", url: "/api/ratings/reviews" })).json()).toMatchObject({ total: 0 });
    expect((await liaisonB1.request({ method: "GET", url: `/api/ratings/reviews/${review.id}` })).statusCode).toBe(404);
  });

  it("puts the overdue 核实 on the unit's to-do, and nothing of it on another unit's", async () => {
    const todo = (client: Client) => client.request({ method: "GET", url: "/api/todo" }).then((r) => r.json() as TodoList);
    const items = (await todo(liaisonA1)).items.filter((i) => i.kind === "review_handle");
    expect(items).toEqual([
      expect.objectContaining({
        campaignName: RATINGS_TODO_GROUP,
        title: expect.stringContaining("差评 PJ-1（2 星，待核实）"),
        due: "2024-03-05",
        overdue: true,
        link: `/ratings/reviews?id=${review.id}`,
      }),
    ]);
    expect((await todo(liaisonB1)).items.filter((i) => i.campaignName === RATINGS_TODO_GROUP)).toEqual([]);
    // The office's list waits on appeals and revisits only: nothing yet.
    expect((await todo(office)).items.filter((i) => i.kind === "review_manage")).toEqual([]);
  });

  it("refuses an appeal after its window, and a step on a version the caller did not see", async () => {
    const late = await step(liaisonA1, "respond", { action: "appeal", version: 0, note: "误评", appealKind: "mistaken" });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toBe("申诉期已过（应在 2024-03-05 23:59 前提出），不能再申诉，请核实后整改");
    const confirmed = await step(liaisonA1, "respond", { action: "confirm", version: 0, note: "已电话核实，属实" });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: "rectifying", version: 1, rectifyDueAt: expect.any(String) });
    const stale = await step(liaisonA1, "respond", { action: "rectify", version: 0, note: "已整改" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe("该差评已被他人办理，请刷新后查看最新状态再操作");
    // The office's steps are not the unit's.
    expect((await step(liaisonA1, "decide", { action: "revisit", version: 1, note: "回访" })).statusCode).toBe(403);
  });

  it("rectify → 回访 → a bad 追评 closes it, counted again; every step on the timeline and in the audit", async () => {
    expect((await step(liaisonA1, "respond", { action: "rectify", version: 1, note: "增设取号窗口，高峰期增派人员" })).statusCode).toBe(
      200,
    );
    const officeTodo = (await office.request({ method: "GET", url: "/api/todo" })).json() as TodoList;
    expect(officeTodo.items.filter((i) => i.kind === "review_manage").map((i) => [i.title, i.due])).toEqual([
      ["差评 PJ-1（2 星，待回访）：已整改，待回访", null],
    ]);
    const revisited = await step(office, "decide", { action: "revisit", version: 2, note: "已回访申请人，告知整改情况" });
    expect(revisited.json()).toMatchObject({ status: "awaiting_follow_up" });
    // Rated just now, after the rectification (to the millisecond: the rectification was a moment ago).
    const followUpAt = new Date(Date.now() + 2);
    const text = new Date(followUpAt.getTime() + 8 * 3600_000).toISOString().slice(0, 23).replace("T", " ");
    await ingest([rating("PJ-7", { ratingKind: "追评", level: "不满意", ratedAt: text })]);
    const detail = (await liaisonA1.request({ method: "GET", url: `/api/ratings/reviews/${review.id}` })).json() as ReviewDetailView;
    expect(detail).toMatchObject({ status: "closed", followUpLevel: 2 });
    expect(detail.steps.map((s) => s.step)).toEqual(["open", "confirm", "rectify", "revisit", "follow_up"]);
    expect(detail.steps[1]).toMatchObject({ actorName: "liaison_a1", note: "已电话核实，属实" });
    const audited = await server.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, review.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["rating.review.confirm", "rating.review.rectify", "rating.review.revisit"]);
  });

  it("gives 拱墅 2.5.1 its facts from these records (the arithmetic: gongshu-2021.test.ts), each linked to its reviews", async () => {
    const year = new Date().getUTCFullYear();
    // A district and its department (nested: each counts its subtree) and a unit without reviews, in one load.
    const scope = {
      units: ["A", "A1", "B"].map((code) => ({ unitId: ids.get(code)!, code })),
      from: "2024-01-01",
      to: `${year}-12-31`,
      keys: [
        "ratings.appeal_overdue",
        "ratings.bad_confirmed",
        "ratings.bad_again",
        "ratings.rectify_rate",
        "ratings.active_rate",
        "ratings.bad_rate",
      ],
    };
    const loaded = await ratingFactSource.load(server.database.db, scope);
    const facts = loaded.get(ids.get("A")!)!;
    expect(loaded.get(ids.get("A1")!)!.facts).toEqual(facts.facts);
    expect(loaded.get(ids.get("B")!)!.facts).toEqual({ "ratings.appeal_overdue": 0, "ratings.bad_confirmed": 0, "ratings.bad_again": 0 });
    // Answered today a review due 2024-03-05: late. Confirmed; rectified within its 15 working days; its 追评 bad again.
    // 主动评价 PJ-1 (不满意) and PJ-3 (4) of the four cases completed: 50 % rated, 50 % bad.
    expect(facts.facts).toEqual({
      "ratings.appeal_overdue": 1,
      "ratings.bad_confirmed": 1,
      "ratings.bad_again": 1,
      "ratings.rectify_rate": 100,
      "ratings.active_rate": 50,
      "ratings.bad_rate": 50,
    });
    expect(facts.links!["ratings.bad_again"]).toBe(
      `/ratings/reviews?unitId=${ids.get("A")}&from=2024-01-01&to=${year}-12-31&judged=bad_again`,
    );
    const listed = await office.request({
      method: "GET",
      url: `/api/ratings/reviews?unitId=${ids.get("A")}&from=2024-01-01&to=${year}-12-31&judged=bad_again`,
    });
    expect(listed.json()).toMatchObject({ total: 1 });
  });

  it("counts each step of the loop in the period it happened in, whenever the review was opened", async () => {
    const year = new Date().getUTCFullYear();
    const keys = ["ratings.appeal_overdue", "ratings.bad_confirmed", "ratings.bad_again"];
    const load = async (from: string, to: string) =>
      (await ratingFactSource.load(server.database.db, { units: [{ unitId: ids.get("A")!, code: "A" }], from, to, keys })).get(
        ids.get("A")!,
      )!.facts;
    // The review was opened in March 2024 and left unanswered past its deadline: 申诉超时 belongs to 2024.
    expect(await load("2024-01-01", "2024-12-31")).toEqual({
      "ratings.appeal_overdue": 1,
      "ratings.bad_confirmed": 0,
      "ratings.bad_again": 0,
    });
    // Confirmed, rectified and rated bad again this year: counted in this year's period, though opened in 2024.
    expect(await load(`${year}-01-01`, `${year}-12-31`)).toEqual({
      "ratings.appeal_overdue": 0,
      "ratings.bad_confirmed": 1,
      "ratings.bad_again": 1,
    });
    const listed = await office.request({
      method: "GET",
      url: `/api/ratings/reviews?unitId=${ids.get("A")}&from=${year}-01-01&to=${year}-12-31&judged=bad_again`,
    });
    expect(listed.json()).toMatchObject({ total: 1 });
    // An unjudged list is still the reviews opened in the period: none this year.
    const opened = await office.request({
      method: "GET",
      url: `/api/ratings/reviews?unitId=${ids.get("A")}&from=${year}-01-01&to=${year}-12-31`,
    });
    expect(opened.json()).toMatchObject({ total: 0 });
  });

  it("the dashboard: levels, channels, months and the rates of March 2024 (hand-computed)", async () => {
    const res = await office.request({ method: "GET", url: `/api/ratings/dashboard?unitId=${ids.get("A")}&from=2024-03-01&to=2024-03-31` });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as RatingDashboardView;
    const metric = Object.fromEntries(view.metrics.map((m) => [m.key, m]));
    // Active first ratings: PJ-1 (2) and PJ-3 (4); PJ-2 a default. Four cases completed.
    expect(view.levels.map((l) => l.count)).toEqual([0, 1, 0, 1, 0]);
    expect(view.defaults).toBe(1);
    expect(metric.active_rate).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
    expect(metric.good_rate).toMatchObject({ value: 0.5 });
    expect(metric.bad_rate).toMatchObject({ value: 0.5 });
    expect(view.byChannel).toEqual([
      { channel: "online", rated: 1, good: 1, bad: 0 },
      { channel: "window", rated: 1, good: 0, bad: 1 },
    ]);
    expect(view.byMonth).toEqual([{ month: "2024-03", rated: 2, good: 1, bad: 1 }]);
    expect(view.units).toEqual([
      { unitId: ids.get("A1"), unitName: "单位 A1", isOwn: false, rated: 2, bad: 1, badRate: 0.5, reviewsOpen: 0 },
    ]);
  });

  it("per service item: the items ranked by 差评, and the dashboard and list of one item (hand-computed)", async () => {
    await server.database.db.insert(serviceItems).values({ code: "ITEM-2", name: "个体工商户登记", unitId: ids.get("A1")! });
    const june = [
      rating("PJ-30", { itemCode: "ITEM-2", level: "非常满意", caseNo: "BJ-30", ratedAt: "2024-06-03 10:00:00" }),
      rating("PJ-31", { itemCode: "ITEM-2", level: "基本满意", caseNo: "BJ-31", ratedAt: "2024-06-03 11:00:00" }),
      rating("PJ-32", { level: "非常不满意", caseNo: "BJ-32", ratedAt: "2024-06-04 10:00:00" }),
    ];
    expect(await ingest(june)).toMatchObject({ status: "succeeded", rowsAccepted: 3 });
    const dashboard = async (query: string) => {
      const res = await office.request({ method: "GET", url: `/api/ratings/dashboard?unitId=${ids.get("A")}&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as RatingDashboardView;
    };
    // June: ITEM-1 one 非常不满意 (bad 1 of 1), ITEM-2 a 5 and a 3 (bad 0 of 2); the most 差评 first.
    const all = await dashboard("from=2024-06-01&to=2024-06-30");
    expect(all.byItem).toEqual([
      { itemCode: "ITEM-1", itemName: null, rated: 1, good: 0, bad: 1, badRate: 1 },
      { itemCode: "ITEM-2", itemName: "个体工商户登记", rated: 2, good: 1, bad: 0, badRate: 0 },
    ]);
    const item2 = await dashboard("from=2024-06-01&to=2024-06-30&itemCode=ITEM-2");
    expect(item2.levels.map((l) => l.count)).toEqual([0, 0, 1, 0, 1]);
    expect(item2.units).toEqual([
      { unitId: ids.get("A1"), unitName: "单位 A1", isOwn: false, rated: 2, bad: 0, badRate: 0, reviewsOpen: 0 },
    ]);
    const item1 = await dashboard("from=2024-06-01&to=2024-06-30&itemCode=ITEM-1");
    expect(item1.units[0]).toMatchObject({ rated: 1, bad: 1, reviewsOpen: 1 });
    // The loop's rates count the item's reviews only: PJ-32's 核实 fell due unanswered; ITEM-2 had none.
    const onTime = (view: RatingDashboardView) => view.metrics.find((m) => m.key === "appeal_on_time_rate");
    expect(onTime(item1)).toMatchObject({ numerator: 0, denominator: 1 });
    expect(onTime(item2)).toMatchObject({ denominator: 0 });
    // March, ITEM-1: the four completed cases are all ITEM-1's, so 主动评价率 is the scope's 2 ÷ 4; ITEM-2 had none.
    const march1 = await dashboard("from=2024-03-01&to=2024-03-31&itemCode=ITEM-1");
    expect(march1.metrics.find((m) => m.key === "active_rate")).toMatchObject({ numerator: 2, denominator: 4 });
    const march2 = await dashboard("from=2024-03-01&to=2024-03-31&itemCode=ITEM-2");
    expect(march2).toMatchObject({ completedCases: 0, byItem: [] });
    const listed = await office.request({
      method: "GET",
      url: `/api/ratings?unitId=${ids.get("A")}&from=2024-06-01&to=2024-06-30&itemCode=ITEM-2`,
    });
    expect((listed.json() as { rows: { ratingNo: string }[] }).rows.map((row) => row.ratingNo).sort()).toEqual(["PJ-30", "PJ-31"]);
  });
});

describe("申诉成立: a voided 差评", () => {
  it("leaves 差评 and 主动评价 the moment the office upholds the appeal, as a recount gives it", async () => {
    // Rated now: the appeal window (one working day) is open. Case BJ-3 of A1.
    const now = new Date();
    const text = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
    await ingest([rating("PJ-V1", { caseNo: "BJ-3", level: "非常不满意", ratedAt: text })]);
    const [voidable] = await selectRows<{ id: string }>(
      server.database.db,
      sql`select b.id from ${badReviews} b join ${ratings} r on r.id = b.rating_id where r.rating_no = 'PJ-V1'`,
    );
    const month = text.slice(0, 7);
    const day = text.slice(0, 10);
    const badRate = async () =>
      (
        (
          await office.request({ method: "GET", url: `/api/ratings/dashboard?unitId=${ids.get("A")}&from=${month}-01&to=${day}` })
        ).json() as RatingDashboardView
      ).metrics.find((m) => m.key === "bad_rate");
    expect(await badRate()).toMatchObject({ numerator: 1, denominator: 1 });
    const act = (client: Client, route: "respond" | "decide", payload: Record<string, unknown>) =>
      client.request({ method: "POST", url: `/api/ratings/reviews/${voidable!.id}/${route}`, payload });
    const appealed = await act(liaisonA1, "respond", {
      action: "appeal",
      version: 0,
      note: "非本部门事项，属误评",
      appealKind: "mistaken",
    });
    expect(appealed.statusCode, appealed.body).toBe(200);
    const upheld = await act(office, "decide", { action: "uphold", version: 1, note: "经复核，申诉成立" });
    expect(upheld.json()).toMatchObject({ status: "voided" });
    // The unit hears of the decision (站内消息), not only through its to-do changing.
    const told = (await liaisonA1.request({ method: "GET", url: "/api/notifications?pageSize=50" })).json() as {
      rows: { kind: string; title: string; link: string | null }[];
    };
    expect(told.rows.filter((n) => n.kind === "rating_review" && n.title.includes("PJ-V1"))).toEqual([
      expect.objectContaining({ title: "差评 CP-PJ-V1：申诉成立", link: `/ratings/reviews?id=${voidable!.id}` }),
    ]);
    // Neither a 差评 nor an active rating any more: the rate has nothing to divide.
    expect(await badRate()).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    const sums = async () =>
      selectRows(
        server.database.db,
        sql`select (select sum(voided)::int from rating_rollups) as daily, (select sum(voided)::int from rating_rollups_monthly) as monthly,
          (select sum(level1)::int from rating_rollups) as level1`,
      );
    const incremental = await sums();
    expect(incremental).toEqual([{ daily: 1, monthly: 1, level1: expect.any(Number) }]);
    await server.database.db.transaction((tx) => recountRatingRollups(tx));
    expect(await sums()).toEqual(incremental);
  });
});

describe("telling the unit of new 差评", () => {
  const notices = async (client: Client) =>
    (
      (await client.request({ method: "GET", url: "/api/notifications?pageSize=100" })).json() as {
        rows: { link: string | null; read: boolean; id: string }[];
      }
    ).rows.filter((n) => n.link === NEW_REVIEWS_LINK);

  it("notifies the unit's people once until read, however many batches bring new ones; no other unit hears", async () => {
    // The reviews opened so far (the first file's PJ-1 and after) told A1 once: nobody here reads notices.
    expect(await notices(liaisonA1)).toHaveLength(1);
    await ingest([rating("PJ-N1", { level: "非常不满意", caseNo: "BJ-N1", ratedAt: "2026-11-02 10:00:00" })]);
    await ingest([rating("PJ-N2", { level: "不满意", caseNo: "BJ-N2", ratedAt: "2026-11-02 11:00:00" })]);
    const unread = await notices(liaisonA1);
    expect(unread).toHaveLength(1);
    expect(await notices(liaisonB1)).toEqual([]);
    // Read, the next new 差评 brings a new notice.
    await liaisonA1.request({ method: "POST", url: `/api/notifications/${unread[0]!.id}/read` });
    await ingest([rating("PJ-N3", { level: "非常不满意", caseNo: "BJ-N3", ratedAt: "2026-11-03 10:00:00" })]);
    expect((await notices(liaisonA1)).map((n) => n.read).sort()).toEqual([false, true]);
  });
});
