import type { CaseDetailView, PublicRatingCaseView, ReviewDetailView } from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectRows } from "../../platform/db/rows.ts";
import { auditLog, badReviews, ratings, serviceItems } from "../../platform/db/schema.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { asSystem, type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { coverYears, storeRatings } from "../../test/ratings.ts";
import { ALREADY_RATED_MESSAGE, NOT_COMPLETED_MESSAGE, ratingCodeOf, ratingCodeSecret, WRONG_CODE_MESSAGE } from "./public.ts";
import { stepReview } from "./reviews.ts";
import { ratingCaseLock } from "./store.ts";

const ATTEMPTS = 3;
const REGION = "330105";
/** A case number as a province numbers them: upper-case letters, which phones type in lower case. */
const CN_NUMBER = "CN3101052026112700004870";
let server: TestServer;
let ids: Map<string, string>;
let office: Client;
let secret: string;

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false, ratingCodeAttempts: ATTEMPTS });
  ids = await makeUnitTree(server);
  const year = new Date().getUTCFullYear();
  await coverYears(server.database.db, [2024, year, year + 1]);
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  office = await login(server, "office");
  const [item] = await server.database.db
    .insert(serviceItems)
    .values({ code: "ITEM-1", name: "不动产转移登记", unitId: ids.get("A1")! })
    .returning({ id: serviceItems.id });
  const completed = { unitId: ids.get("A1")!, regionCode: REGION, itemId: item!.id, completedAt: cst("2024-03-04T16:00:00") };
  await storeCases(server.database.db, [
    { caseNo: "GS-1", ...completed },
    { caseNo: "GS-2", ...completed },
    { caseNo: "GS-4", ...completed },
    { caseNo: "GS-5", ...completed },
    { caseNo: "GS-6", ...completed },
    { caseNo: "GS-7", ...completed },
    { caseNo: CN_NUMBER, ...completed },
    // Two real numbers differing only in their letters' case.
    { caseNo: "ab-7", ...completed },
    { caseNo: "AB-7", ...completed },
    { caseNo: "GS-3", unitId: ids.get("A1")!, regionCode: REGION },
  ]);
  // GS-4 was rated on the provincial system already; GS-7 by the system, its applicant having not (默认评价).
  await storeRatings(server.database.db, [
    { unitId: ids.get("A1")!, regionCode: REGION, caseNo: "GS-4", level: 5 },
    { unitId: ids.get("A1")!, regionCode: REGION, caseNo: "GS-7", level: 5, isDefault: true },
  ]);
  secret = await ratingCodeSecret(server.database.db);
}, 120_000);
afterAll(() => server?.close());

const codeOf = (caseNo: string) => ratingCodeOf(secret, { regionCode: REGION, sourceCode: "test", caseNo });
let callers = 0;
/** A request from the public: no session, each from an address of its own unless one is given. */
const post = (url: string, payload: Record<string, unknown>, ip = `198.51.100.${++callers}`) =>
  server.app.inject({ method: "POST", url, payload, remoteAddress: ip });
const lookup = (payload: Record<string, unknown>, ip?: string) => post("/api/public/ratings/case", payload, ip);
const rate = (payload: Record<string, unknown>, ip?: string) => post("/api/public/ratings", payload, ip);
const rollups = async () =>
  (
    await selectRows<{ l1: number; l5: number; f: number; fb: number }>(
      server.database.db,
      sql`select coalesce(sum(level1), 0)::int l1, coalesce(sum(level5), 0)::int l5, coalesce(sum(follow_ups), 0)::int f,
        coalesce(sum(follow_ups_bad), 0)::int fb from rating_rollups where channel <> 'window'`,
    )
  )[0]!;

describe("the rating slip on the case detail", () => {
  it("gives a completed case its code and link, an open case neither", async () => {
    const done = (await office.request({ method: "GET", url: `/api/cases/${REGION}/test/GS-1` })).json() as CaseDetailView;
    expect(done.ratingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(done.ratingCode).toBe(codeOf("GS-1"));
    expect(done.ratingLink).toBe(`/rate?region=${REGION}&case=GS-1&code=${done.ratingCode}`);
    const open = (await office.request({ method: "GET", url: `/api/cases/${REGION}/test/GS-3` })).json() as CaseDetailView;
    expect(open).toMatchObject({ ratingCode: null, ratingLink: null });
  });
});

describe("the public rating page", () => {
  it("shows what a right code proves: the item, unit and completion, and that it may be rated", async () => {
    // Typed by hand: lower case, with a hyphen, without the region.
    const code = codeOf("GS-1");
    const res = await lookup({ caseNo: "GS-1", code: `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      caseNo: "GS-1",
      regionCode: REGION,
      itemName: "不动产转移登记",
      unitName: "单位 A1",
      completedAt: cst("2024-03-04T16:00:00").toISOString(),
      firstRating: null,
      action: "first",
      reason: null,
    } satisfies PublicRatingCaseView);
  });

  it("answers a wrong code and an unknown case number alike, and writes nothing", async () => {
    const before = await server.database.db.select().from(ratings);
    const wrong = await rate({ caseNo: "GS-1", code: "ABCDEFGH", level: 5 });
    const unknown = await rate({ caseNo: "GS-999", code: "ABCDEFGH", level: 5 });
    const otherRegion = await lookup({ regionCode: "110101", caseNo: "GS-1", code: codeOf("GS-1") });
    for (const res of [wrong, unknown, otherRegion]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: "NOT_FOUND", message: WRONG_CODE_MESSAGE });
    }
    expect(unknown.body).toBe(wrong.body);
    expect(await server.database.db.select().from(ratings)).toEqual(before);
  });

  it("refuses a case not yet completed, saying so", async () => {
    const shown = await lookup({ caseNo: "GS-3", code: codeOf("GS-3") });
    expect(shown.json()).toMatchObject({ completedAt: null, action: null, reason: NOT_COMPLETED_MESSAGE });
    const res = await rate({ caseNo: "GS-3", code: codeOf("GS-3"), level: 4 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(NOT_COMPLETED_MESSAGE);
  });

  it("stores a rating like an imported one — counted in the rollups, audited — keeping nothing of the rater", async () => {
    const res = await rate({
      regionCode: REGION,
      caseNo: "GS-1",
      code: codeOf("GS-1"),
      kind: "first",
      level: 5,
      tags: ["办事效率高", "服务态度好"],
      content: "窗口人员很耐心",
      channel: "mobile",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ratingNo: expect.stringMatching(/^KP-\d{8}-[0-9A-HJKMNP-TV-Z]{10}$/), kind: "first" });
    const [row] = await server.database.db.select().from(ratings).where(eq(ratings.ratingNo, res.json().ratingNo));
    expect(row).toMatchObject({
      sourceCode: "kaoping",
      origin: "public",
      kind: "first",
      regionCode: REGION,
      unitId: ids.get("A1"),
      itemCode: "ITEM-1",
      caseNo: "GS-1",
      caseKnown: true,
      channel: "mobile",
      level: 5,
      tags: ["办事效率高", "服务态度好"],
      content: "窗口人员很耐心",
      isDefault: false,
      raterHash: null,
      raterMasked: null,
    });
    expect(await rollups()).toEqual({ l1: 0, l5: 1, f: 0, fb: 0 });
    expect(await server.database.db.select().from(badReviews).where(eq(badReviews.ratingId, row!.id))).toEqual([]);
    const [audited] = await server.database.db.select().from(auditLog).where(eq(auditLog.entityId, row!.id));
    expect(audited).toMatchObject({ action: "rating.public.submit", actorName: "公众（好差评）" });
    expect(JSON.stringify(audited)).not.toContain("窗口人员很耐心");
  });

  it("rates a case once, whatever the origin of its first rating", async () => {
    const again = await rate({ caseNo: "GS-1", code: codeOf("GS-1"), level: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(ALREADY_RATED_MESSAGE);
    const shown = (await lookup({ caseNo: "GS-1", code: codeOf("GS-1") })).json() as PublicRatingCaseView;
    expect(shown).toMatchObject({ firstRating: { level: 5, isDefault: false }, action: null, reason: ALREADY_RATED_MESSAGE });
    const imported = await rate({ caseNo: "GS-4", code: codeOf("GS-4"), level: 2 });
    expect(imported.statusCode).toBe(409);
    expect(imported.json().message).toBe(ALREADY_RATED_MESSAGE);
    const provincial = (await lookup({ caseNo: "GS-4", code: codeOf("GS-4") })).json() as PublicRatingCaseView;
    expect(provincial.firstRating).toMatchObject({ level: 5, isDefault: false });
  });

  it("tells a 默认评价 from the applicant's own rating, and still refuses a first rating after it", async () => {
    const shown = (await lookup({ caseNo: "GS-7", code: codeOf("GS-7") })).json() as PublicRatingCaseView;
    expect(shown).toMatchObject({
      firstRating: { level: 5, isDefault: true, ratedAt: expect.any(String) },
      action: null,
      reason: ALREADY_RATED_MESSAGE,
    });
    const res = await rate({ caseNo: "GS-7", code: codeOf("GS-7"), level: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(ALREADY_RATED_MESSAGE);
  });

  it("reads a case number typed in lower case as its upper-cased form, and rates it", async () => {
    const typed = CN_NUMBER.toLowerCase();
    const shown = await lookup({ caseNo: typed, code: codeOf(CN_NUMBER) });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ caseNo: CN_NUMBER, regionCode: REGION, action: "first" });
    // With the printed link's region too.
    expect((await lookup({ regionCode: REGION, caseNo: typed, code: codeOf(CN_NUMBER) })).statusCode).toBe(200);
    const res = await rate({ caseNo: ` ${typed} `, code: codeOf(CN_NUMBER).toLowerCase(), level: 4 });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await server.database.db.select().from(ratings).where(eq(ratings.ratingNo, res.json().ratingNo));
    expect(row).toMatchObject({ caseNo: CN_NUMBER, regionCode: REGION });
  });

  it("matches a number exactly as typed first: a real lower-case number is its own case", async () => {
    expect((await lookup({ caseNo: "ab-7", code: codeOf("ab-7") })).json()).toMatchObject({ caseNo: "ab-7" });
    expect((await lookup({ caseNo: "AB-7", code: codeOf("AB-7") })).json()).toMatchObject({ caseNo: "AB-7" });
  });

  it("answers a wrong number or code typed in lower case as before: the same 404, writing nothing", async () => {
    const before = await server.database.db.select().from(ratings);
    const unknown = await lookup({ caseNo: "CN-NO-SUCH", code: codeOf(CN_NUMBER) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: "NOT_FOUND", message: WRONG_CODE_MESSAGE });
    const answers = [
      await lookup({ caseNo: "cn-no-such", code: codeOf(CN_NUMBER) }),
      await lookup({ caseNo: CN_NUMBER.toLowerCase(), code: "ABCDEFGH" }),
      await lookup({ caseNo: `${CN_NUMBER.toLowerCase()}9`, code: codeOf(CN_NUMBER) }),
      await rate({ caseNo: "cn-no-such", code: codeOf(CN_NUMBER), level: 5 }),
      await rate({ caseNo: CN_NUMBER.toLowerCase(), code: "ABCDEFGH", level: 5 }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
    expect(await server.database.db.select().from(ratings)).toEqual(before);
  });

  it("refuses tags that do not fit the level, naming the field", async () => {
    const res = await rate({ caseNo: "GS-5", code: codeOf("GS-5"), level: 5, tags: ["等待时间长"] });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: ["body", "tags", "0"], message: "标签“等待时间长”与所选评价等级不符" }]);
  });
});

describe("a bad rating, its review and the one 追评", () => {
  let reviewId: string;
  const follow = (level: number) => rate({ caseNo: "GS-2", code: codeOf("GS-2"), kind: "follow_up", level });

  it("opens a review for a 差评; a 追评 before the rectification is refused", async () => {
    const res = await rate({ caseNo: "GS-2", code: codeOf("GS-2"), level: 1, tags: ["等待时间长"], content: "排队两小时" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().message).toContain("整改");
    const [review] = await server.database.db
      .select()
      .from(badReviews)
      .innerJoin(ratings, eq(ratings.id, badReviews.ratingId))
      .where(eq(ratings.ratingNo, res.json().ratingNo));
    expect(review!.bad_reviews).toMatchObject({ status: "verifying", unitId: ids.get("A1") });
    reviewId = review!.bad_reviews.id;
    expect(await rollups()).toMatchObject({ l1: 1, l5: 1 });
    const early = await follow(4);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe("您的差评正在核实整改中，整改完成后才能追评");
  });

  it("after the rectification takes one 追评, which closes the review; a second is refused", async () => {
    await asSystem(server, async (ctx) => {
      await stepReview({ ctx, reviewId, input: { action: "confirm", version: 0, note: "已核实" } });
      await stepReview({ ctx, reviewId, input: { action: "rectify", version: 1, note: "增设取号窗口" } });
    });
    const shown = (await lookup({ caseNo: "GS-2", code: codeOf("GS-2") })).json() as PublicRatingCaseView;
    expect(shown).toMatchObject({ firstRating: { level: 1 }, action: "follow_up", reason: null });
    expect((await rate({ caseNo: "GS-2", code: codeOf("GS-2"), level: 4 })).json().message).toBe(ALREADY_RATED_MESSAGE);

    const res = await follow(4);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: "follow_up", message: "感谢您的追评！" });
    const detail = (await office.request({ method: "GET", url: `/api/ratings/reviews/${reviewId}` })).json() as ReviewDetailView;
    expect(detail).toMatchObject({ status: "closed", followUpLevel: 4 });
    expect(detail.steps.map((s) => s.step)).toEqual(["open", "confirm", "rectify", "follow_up"]);
    expect(await rollups()).toMatchObject({ f: 1, fb: 0 });

    const second = await follow(2);
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe("该办件已追评，每件只能追评一次");
  });
});

describe("guessing codes", () => {
  it("refuses a caller after the wrong codes allowed for a case number, even with the right one; others are not affected", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < ATTEMPTS; i++) expect((await lookup({ caseNo: "GS-5", code: `ZZZZZZZ${i}` }, ip)).statusCode).toBe(404);
    const blocked = await lookup({ caseNo: "GS-5", code: codeOf("GS-5") }, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("验证码错误次数过多") });
    expect((await rate({ caseNo: "GS-5", code: codeOf("GS-5"), level: 5 }, ip)).statusCode).toBe(429);
    // The same network's /64 (IPv6) is one caller; another caller, or another case number, goes on.
    expect((await lookup({ caseNo: "GS-5", code: codeOf("GS-5") }, "203.0.113.8")).statusCode).toBe(200);
    expect((await lookup({ caseNo: "GS-1", code: codeOf("GS-1") }, ip)).statusCode).toBe(200);
    // An unknown number counts the same as a wrong code.
    for (let i = 0; i < ATTEMPTS; i++) await lookup({ caseNo: "NO-SUCH", code: "ABCDEFGH" }, ip);
    expect((await lookup({ caseNo: "NO-SUCH", code: "ABCDEFGH" }, ip)).statusCode).toBe(429);
  });

  it("counts a wrong code for a lower-case number once, and the number's tries whatever the case it is typed in", async () => {
    const ip = "203.0.113.30";
    const typed = CN_NUMBER.toLowerCase();
    for (let i = 0; i < ATTEMPTS - 1; i++) expect((await lookup({ caseNo: typed, code: `ZZZZZZZ${i}` }, ip)).statusCode).toBe(404);
    // Two lookups (as typed, then upper-cased) are one attempt: one try is left, and the right code passes.
    expect((await lookup({ caseNo: typed, code: codeOf(CN_NUMBER) }, ip)).statusCode).toBe(200);
    // Typing the letters in another case does not give more tries.
    expect((await lookup({ caseNo: `Cn${CN_NUMBER.slice(2)}`, code: "ZZZZZZZZ" }, ip)).statusCode).toBe(404);
    for (const caseNo of [CN_NUMBER, typed]) expect((await lookup({ caseNo, code: codeOf(CN_NUMBER) }, ip)).statusCode).toBe(429);
  });
});

describe("ratings arriving at once", () => {
  it("takes one first rating of a case when several arrive at once; the others are refused", async () => {
    const before = await rollups();
    // Connections open beforehand: one opened on demand takes longer than a whole rating, and the race would not happen.
    await Promise.all(Array.from({ length: 12 }, () => server.database.db.execute(sql`select pg_sleep(0.05)`)));
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => rate({ caseNo: "GS-6", code: codeOf("GS-6"), level: i % 3 ? 5 : 1 })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, ...Array(11).fill(409)]);
    const stored = await server.database.db.select().from(ratings).where(eq(ratings.caseNo, "GS-6"));
    expect(stored).toHaveLength(1);
    const after = await rollups();
    expect(after.l1 - before.l1 + after.l5 - before.l5).toBe(1);
    expect(await server.database.db.select().from(badReviews).where(eq(badReviews.ratingId, stored[0]!.id))).toHaveLength(
      stored[0]!.level === 1 ? 1 : 0,
    );
  });
});

describe("the case's lock", () => {
  // PostgreSQL's: a rolling deploy is a server's matter (and PGlite's pg_locks does not show the backend's own).
  it.runIf(process.env.KAOPING_TEST_DB === "postgres")(
    "is the key earlier releases took (hashtext of region, chr(1), number), so old and new processes exclude each other",
    async () => {
      const key = { regionCode: REGION, caseNo: "GS-'1\\" };
      const [held] = await server.database.db.transaction(async (tx) => {
        await tx.execute(sql.raw(ratingCaseLock(key)));
        return selectRows<{ same: boolean }>(
          tx,
          sql`select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and classid = ${0x6b72}
          and objid::bigint = (hashtext(${key.regionCode} || chr(1) || ${key.caseNo})::bigint & 4294967295)) as same`,
        );
      });
      expect(held).toEqual({ same: true });
    },
  );
});
