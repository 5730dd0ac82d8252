import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BUILTIN_FRAMEWORKS,
  type BulletinContent,
  cstDate,
  cstStart,
  endOfDay,
  type GuideResult,
  isValidUscc,
  isWorkingDay,
  nextDate,
  type Phases,
  reportingDeadline,
  type ServiceGuide,
  startOfDay,
  type WorkCalendar,
} from "@kaoping/core";
import { and, asc, count, countDistinct, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bannerLines } from "./cli/serve.ts";
import { loadWorkCalendar } from "./modules/calendar/load.ts";
import { cstDay } from "./modules/demo/demo-campaigns.ts";
import { DEMO_CAMPAIGN_UNITS, LIAISON_UNIT } from "./modules/demo/demo-story.ts";
import type { PublishedResult } from "./modules/scores/publication.ts";
import { computeCampaignScores } from "./modules/scores/scoring.ts";
import { verifyAuditChain } from "./platform/audit/verify.ts";
import { type Config, loadConfig } from "./platform/config.ts";
import { selectRows } from "./platform/db/rows.ts";
import {
  appeals,
  auditLog,
  badReviewSteps,
  badReviews,
  campaigns,
  caseEvents,
  cases,
  evidenceFiles,
  findings,
  frameworks,
  guideDefects,
  hotlineCalls,
  hotlineRounds,
  publications,
  ratings,
  selfAssessments,
  serviceGuides,
  serviceItems,
  signingKeys,
  submissions,
  supervisionBulletins,
  supervisionOrderSteps,
  supervisionOrders,
  unitGroupMembers,
  unitGroups,
  units,
  users,
  warnings,
} from "./platform/db/schema.ts";
import { createServer } from "./server.ts";
import { type SetupReport, setupDatabase } from "./setup.ts";
import { openTestDatabase } from "./test/database.ts";
import { login, type TestServer } from "./test/harness.ts";

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

/** 9:00–18:00 China time on a working day of the calendar. */
const inOfficeHours = (calendar: WorkCalendar, at: Date) => {
  const hour = (at.getUTCHours() + 8) % 24;
  return isWorkingDay(calendar, cstDate(at)) && hour >= 9 && hour < 18;
};

// The demo's evidence files go to a directory of this test's own, not the repository's data/.
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-setup-evidence-"));
const config: Config = { ...loadConfig({}), loginRateLimitPerMinute: 10_000, storageDir };
afterAll(() => fs.rmSync(storageDir, { recursive: true, force: true }));

/** The HTTP app over an already set-up database, shaped as the harness's TestServer. */
async function serve(database: TestDatabase): Promise<TestServer> {
  const { app, routes } = await createServer({ database, config });
  await app.ready();
  return { app, routes, database, config, close: () => app.close() };
}

const tryLogin = (server: TestServer, username: string, password: string) =>
  server.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

async function countOf(
  database: TestDatabase,
  table: typeof units | typeof users | typeof auditLog | typeof unitGroups | typeof campaigns | typeof warnings | typeof ratings,
) {
  const [row] = await database.db.select({ n: count() }).from(table);
  return row!.n;
}

async function groupMembers(database: TestDatabase, code: string) {
  return database.db
    .select({ code: units.code, kind: units.kind, isReference: units.isReference, parentId: units.parentId })
    .from(unitGroupMembers)
    .innerJoin(unitGroups, eq(unitGroups.id, unitGroupMembers.groupId))
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(eq(unitGroups.code, code));
}

describe("setupDatabase on a fresh database with the demo data", () => {
  let database: TestDatabase;
  let server: TestServer;
  let report: SetupReport;

  beforeAll(async () => {
    database = await openTestDatabase();
    // A small year of demo cases: the default (DEMO_CASES) is for a first start, not a test.
    report = await setupDatabase(database, config, { KAOPING_DEMO_CASES: "2000" });
    server = await serve(database);
    // The whole demo (units, guides, two campaigns) through the commands: ~30 s of CPU, more on a shared machine.
  }, 360_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it("reports what it loaded and the first admin's one-time password", () => {
    expect(report.demo?.units).toBe(161);
    expect(report.demo?.groups).toBe(8);
    expect(report.demo?.usernames.sort()).toEqual(["cn_scjg_fzr", "cn_scjg_lly", "dangxiao", "kpb", "viewer"]);
    expect(report.admin).toEqual({ username: "admin", password: expect.any(String), oneTime: true });
    expect(report.admin!.password!.length).toBeGreaterThanOrEqual(12);
    expect(report.admin!.password).not.toBe(report.demo!.password);
  });

  it("loads 161 units and 8 groups", async () => {
    expect(await countOf(database, units)).toBe(161);
    expect(await countOf(database, unitGroups)).toBe(8);
    const roots = await database.db
      .select({ code: units.code, kind: units.kind, path: units.path })
      .from(units)
      .where(isNull(units.parentId));
    const rootCodes = roots.map((u) => u.code);
    expect(roots.every((u) => u.kind === "city")).toBe(true);
    expect(rootCodes.sort()).toEqual(["230500", "310000"]);
  });

  it("marks the 15 reference units of SH-G-REFERENCE and no assessed unit", async () => {
    const reference = await groupMembers(database, "SH-G-REFERENCE");
    expect(reference).toHaveLength(15);
    expect(reference.every((m) => m.isReference)).toBe(true);
    const assessed = await groupMembers(database, "SH-G-ASSESSED");
    expect(assessed).toHaveLength(33);
    expect(assessed.some((m) => m.isReference)).toBe(false);
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(units).where(eq(units.isReference, true));
    expect(n).toBe(15);
  });

  it("loads service guides for Changning's 20 window departments, half corrected since, and the real provincial record", async () => {
    const items = await database.db.select({ n: count() }).from(serviceItems);
    expect(items[0]!.n).toBe(61);
    const versions = await database.db.select({ channel: serviceGuides.channel, version: serviceGuides.version }).from(serviceGuides);
    expect(versions.filter((v) => v.version === 2)).toHaveLength(30);
    expect(versions.filter((v) => v.channel === "offline")).toHaveLength(1);
    const closed = await database.db.select({ n: count() }).from(guideDefects).where(eq(guideDefects.status, "closed"));
    expect(closed[0]!.n).toBeGreaterThan(0);
  });

  it("loads a year of generated cases for the window departments' items through the ingest, planted problems quarantined", async () => {
    const summary = report.demo!.cases!;
    expect(summary.cases).toBe(2000);
    expect(summary.accepted).toBeGreaterThan(1900);
    expect(summary.accepted + summary.planted.bad_date + summary.planted.completed_before_accepted).toBeLessThanOrEqual(2000);
    expect(summary.quarantined).toBeGreaterThan(0);
    const stored = await database.db
      .select({ n: count(), units: countDistinct(cases.unitId), items: countDistinct(cases.itemCode) })
      .from(cases);
    expect(stored[0]!.n).toBe(summary.accepted);
    expect(stored[0]!.units).toBeGreaterThan(10);
    const window = await groupMembers(database, "CN-G-WINDOW");
    const caseUnits = await database.db.selectDistinct({ code: units.code }).from(cases).innerJoin(units, eq(units.id, cases.unitId));
    expect(caseUnits.every((u) => window.some((w) => w.code === u.code))).toBe(true);
    const itemCodes = new Set((await database.db.select({ code: serviceItems.code }).from(serviceItems)).map((i) => i.code));
    const caseItems = await database.db.selectDistinct({ code: cases.itemCode }).from(cases);
    // Every case is filed under a demo guide's item, but the planted unknown items.
    const unknownItems = caseItems.filter((i) => !itemCodes.has(i.code)).length;
    expect(unknownItems).toBeLessThanOrEqual(summary.planted.unknown_item);
    expect(unknownItems > 0).toBe(summary.planted.unknown_item > 0);
    const [{ n: events } = { n: 0 }] = await database.db.select({ n: count() }).from(caseEvents);
    expect(events).toBeGreaterThan(summary.accepted * 4);
  });

  it("replays 电子监察 over the demo's cases: keys, warnings, an order along each path, last month's bulletin", async () => {
    const summary = report.demo!.supervision!;
    const keys = await database.db.select().from(signingKeys);
    expect(keys.length).toBe(summary.keys);
    expect(summary.keys).toBeGreaterThan(20);
    // The approver who left the post: every decision signed with the key after its last day is a 签章异常.
    const [left] = keys.filter((k) => k.validTo !== null);
    const signedAfter = await database.db
      .select({ caseNo: caseEvents.caseNo })
      .from(caseEvents)
      .where(
        and(eq(caseEvents.signKeyId, left!.keyId), eq(caseEvents.kind, "decide"), gt(caseEvents.at, cstStart(nextDate(left!.validTo!)))),
      );
    const flagged = await database.db
      .select({ caseNo: warnings.caseNo })
      .from(warnings)
      .where(and(eq(warnings.ruleKind, "signature_anomaly"), eq(warnings.unitId, left!.unitId)));
    expect(signedAfter.length).toBeGreaterThan(0);
    expect(new Set(flagged.map((w) => w.caseNo))).toEqual(new Set(signedAfter.map((e) => e.caseNo)));
    expect(summary.warnings).toBe(await countOf(database, warnings));
    // Dated as if the rules had run live: no warning raised before its condition arose, none after today.
    const [dates] = await database.db.select({ early: count() }).from(warnings).where(sql`${warnings.raisedAt} < ${warnings.at}`);
    expect(dates!.early).toBe(0);

    const orders = await database.db.select().from(supervisionOrders);
    expect(orders.length).toBe(summary.orders);
    const stepsOf = async (orderId: string) =>
      (
        await database.db
          .select({ kind: supervisionOrderSteps.kind })
          .from(supervisionOrderSteps)
          .where(eq(supervisionOrderSteps.orderId, orderId))
          .orderBy(asc(supervisionOrderSteps.at))
      )
        .map((step) => step.kind)
        .join(" → ");
    const paths = await Promise.all(orders.map(async (o) => `${await stepsOf(o.id)}: ${o.status}, late ${o.isReplyLate}`));
    expect(paths.sort()).toEqual([
      "issue → reply → close: closed, late false",
      "issue → reply → investigate → correct → close: closed, late false",
      "issue → urge → reply: replied, late true",
      // Unanswered past its first deadline: the background 催办 (running here) may have urged it already.
      expect.stringMatching(/^issue( → urge)?: issued, late null$/),
    ]);
    const waiting = orders.find((o) => o.status === "issued")!;
    expect(waiting.firstDueAt.getTime()).toBeLessThan(Date.now());
    // People's steps fall in office hours on working days of the region's calendar (the system's 催办 runs any time).
    const [{ region } = { region: "" }] = await selectRows<{ region: string }>(
      database.db,
      sql`select distinct region_code as region from ${warnings} limit 1`,
    );
    const calendar = await loadWorkCalendar(database.db, region);
    const peoplesSteps = await database.db.select().from(supervisionOrderSteps).where(sql`${supervisionOrderSteps.kind} <> 'urge'`);
    expect(peoplesSteps.length).toBeGreaterThanOrEqual(orders.length);
    expect(peoplesSteps.filter((step) => !inOfficeHours(calendar, step.at)).map((step) => `${step.kind} ${step.at.toISOString()}`)).toEqual(
      [],
    );

    const [bulletin] = await database.db.select().from(supervisionBulletins);
    expect(bulletin!.month).toBe(summary.bulletinMonth);
    const content = bulletin!.content as BulletinContent;
    expect(content.totals.ordersIssued).toBe(4);
    expect(content.totals.repliedLate).toBe(1);
    expect(content.totals.repliedOnTime).toBe(2);
    expect(content.totals.replyMissing).toBe(1);
  });

  it("rates the demo's cases and takes the older bad reviews along the loop; rings last month's spot-check round", async () => {
    const summary = report.demo!.ratings!;
    expect(summary.ratings).toBeGreaterThan(500);
    expect(await countOf(database, ratings)).toBe(summary.ratings + 1);
    const statuses = await database.db.select({ status: badReviews.status, n: count() }).from(badReviews).groupBy(badReviews.status);
    const of = (status: string) => statuses.find((s) => s.status === status)?.n ?? 0;
    expect(summary.reviews).toBeGreaterThan(5);
    // One in ten upheld (voided), one in seven never answered, one answered by a bad 追评 (closed).
    expect(of("voided")).toBeGreaterThan(0);
    expect(of("closed")).toBe(1);
    expect(of("verifying")).toBeGreaterThan(0);
    const [closed] = await database.db.select().from(badReviews).where(eq(badReviews.status, "closed"));
    expect(closed!.followUpLevel).toBe(2);
    // Every step dated after the one before it, and each audited.
    const stepped = await database.db.select({ n: count() }).from(auditLog).where(sql`${auditLog.action} like 'rating.review.%'`);
    expect(stepped[0]!.n).toBeGreaterThan(summary.reviewsStepped * 2);
    // The unit's and the office's steps in office hours on working days (a rating itself arrives any hour).
    const calendar = await loadWorkCalendar(database.db, closed!.regionCode);
    const worked = await database.db
      .select()
      .from(badReviewSteps)
      .where(inArray(badReviewSteps.step, ["confirm", "appeal", "uphold", "reject", "rectify", "revisit"]));
    expect(worked.length).toBeGreaterThan(summary.reviewsStepped * 2);
    expect(worked.filter((step) => !inOfficeHours(calendar, step.at)).map((step) => `${step.step} ${step.at.toISOString()}`)).toEqual([]);

    expect(summary.calls).toBeGreaterThan(10);
    const calls = await database.db.select().from(hotlineCalls);
    expect(calls).toHaveLength(summary.calls);
    expect(calls.every((c) => c.outcome !== null && c.calledAt!.getTime() === c.plannedAt.getTime())).toBe(true);
    const [round] = await database.db.select().from(hotlineRounds);
    expect(round!.name).toMatch(/^\d{4}年\d{1,2}月区级咨询电话接通率抽查$/);
  });

  it("places every Changning department's guide in Shanghai: its codes, phones and legal bases, none of the Guangxi record's", async () => {
    const rows = await database.db
      .select({ guide: serviceGuides.guide, result: serviceGuides.result, unit: units.code, name: units.name })
      .from(serviceGuides)
      .innerJoin(serviceItems, eq(serviceItems.id, serviceGuides.itemId))
      .innerJoin(units, eq(units.id, serviceItems.unitId));
    expect(rows.length).toBe(92);
    for (const { guide, result, unit, name } of rows as { guide: ServiceGuide; result: GuideResult; unit: string; name: string }[]) {
      expect(unit.startsWith("310105-")).toBe(true);
      expect(guide.implementingBody).toBe(name);
      expect(guide.bodyCode.startsWith("11310105")).toBe(true);
      expect(isValidUscc(guide.bodyCode)).toBe(true);
      expect(guide.implementationCode.startsWith(`${guide.bodyCode}4`)).toBe(true);
      for (const phone of [guide.supervisionPhone, ...guide.locations.map((l) => l.phone)]) expect(phone).toMatch(/^021-/);
      expect(guide.onlineUrl).toContain("sh.gov.cn");
      expect(JSON.stringify(guide)).not.toMatch(/广西|桂发改|0777|灵山|gxzf/);
      expect(guide.legalBases.length + guide.materials.length).toBeGreaterThan(0);
      expect(result.findings.filter((f) => f.element === "itemCode")).toEqual([]);
    }
  });

  it("puts the 16 districts under 上海市", async () => {
    const [shanghai] = await database.db.select().from(units).where(eq(units.code, "310000"));
    expect(shanghai!.name).toContain("上海市");
    const districts = await database.db
      .select({ code: units.code, name: units.name })
      .from(units)
      .where(and(eq(units.parentId, shanghai!.id), eq(units.kind, "district")));
    expect(districts).toHaveLength(16);
    expect(districts.map((d) => d.code)).toContain("310105");
    expect(districts.find((d) => d.code === "310105")!.name).toContain("长宁区");
  });

  it("gives Shuangyashan 8 counties/districts, 42 city units and 3 provincial bodies", async () => {
    const [city] = await database.db.select().from(units).where(eq(units.code, "230500"));
    const children = await database.db.select({ code: units.code, kind: units.kind }).from(units).where(eq(units.parentId, city!.id));
    const counties = children.filter((c) => c.kind === "district" || c.kind === "county");
    expect(counties).toHaveLength(8);
    expect(counties.filter((c) => c.kind === "county")).toHaveLength(4);

    const countyGroup = await groupMembers(database, "SYS-G-COUNTY");
    expect(countyGroup.map((m) => m.code).sort()).toEqual(counties.map((c) => c.code).sort());
    const cityGroup = await groupMembers(database, "SYS-G-CITY");
    expect(cityGroup).toHaveLength(42);
    expect(cityGroup.every((m) => m.parentId === city!.id && (m.kind === "department" || m.kind === "centre"))).toBe(true);
    const provincial = await groupMembers(database, "SYS-G-PROV");
    expect(provincial).toHaveLength(3);
    expect(provincial.every((m) => m.kind === "provincial" && m.parentId === city!.id)).toBe(true);
  });

  it("creates admin with must-change: the one-time password logs in but only /api/auth works", async () => {
    const [admin] = await database.db.select().from(users).where(eq(users.username, "admin"));
    expect(admin!.mustChangePassword).toBe(true);
    const [unit] = await database.db.select().from(units).where(eq(units.id, admin!.unitId));
    expect(unit!.code).toBe("310000-O01");

    const res = await tryLogin(server, "admin", report.admin!.password!);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    expect(res.json().user.roleCodes).toEqual(["sys_admin"]);
    const client = await login(server, "admin", report.admin!.password!);
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(403);
    expect((await client.request({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(200);
    expect((await tryLogin(server, "admin", report.demo!.password)).statusCode).toBe(401);
  });

  it("lets the demo users in with the demo password, each seeing what the role allows", async () => {
    const password = report.demo!.password;
    const liaison = await login(server, "cn_scjg_lly", password);
    const own = await liaison.request({ method: "GET", url: "/api/units?pageSize=500" });
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(1);
    expect(own.json().rows.map((u: { code: string }) => u.code)).toEqual(["310105-D03"]);
    expect((await liaison.request({ method: "GET", url: "/api/users" })).statusCode).toBe(403);
    expect((await liaison.request({ method: "GET", url: "/api/groups" })).statusCode).toBe(403);

    const kpb = await login(server, "kpb", password);
    expect((await kpb.request({ method: "GET", url: "/api/units" })).json().total).toBe(161);
    expect((await kpb.request({ method: "GET", url: "/api/groups" })).json().total).toBe(8);

    const reviewer = await login(server, "dangxiao", password);
    const reviewed = await reviewer.request({ method: "GET", url: "/api/units?pageSize=500" });
    expect(reviewed.json().total).toBe(33);
    const assessed = (await groupMembers(database, "SH-G-ASSESSED")).map((m) => m.code).sort();
    expect(
      reviewed
        .json()
        .rows.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(assessed);

    const viewer = await login(server, "viewer", password);
    expect((await viewer.request({ method: "GET", url: "/api/units" })).json().total).toBe(161);
    const write = await viewer.request({ method: "POST", url: "/api/units", payload: { code: "V1", name: "只读", kind: "other" } });
    expect(write.statusCode).toBe(403);

    const leader = await login(server, "cn_scjg_fzr", password);
    const led = await leader.request({ method: "GET", url: "/api/units?pageSize=500" });
    expect(led.json().rows.map((u: { code: string }) => u.code)).toEqual(["310105-D03"]);

    const demoUsers = await database.db
      .select({ username: users.username, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(inArray(users.username, report.demo!.usernames));
    expect(demoUsers).toHaveLength(5);
    expect(demoUsers.every((u) => !u.mustChangePassword)).toBe(true);
  });

  it("audits everything it loaded, in a chain that verifies", async () => {
    const [created] = await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "unit.import"));
    expect(created!.n).toBe(161);
    const [groups] = await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "group.create"));
    expect(groups!.n).toBe(8);
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(true);
    expect(result.algorithm).toBe("sm3");
  });

  describe("the demo's frameworks and campaigns", () => {
    const thisYear = Number(cstDay(0).slice(0, 4));
    const demoCampaigns = () => database.db.select().from(campaigns).orderBy(asc(campaigns.year));
    const unitScore = (result: PublishedResult, code: string) => result.result.units.find((u) => u.unitCode === code)!;
    const pointsOf = (result: PublishedResult, code: string, indicator: string) =>
      unitScore(result, code).indicators.find((i) => i.code === indicator)!.points;

    it("publishes the five built-in frameworks", async () => {
      const rows = await database.db.select({ code: frameworks.code, status: frameworks.status }).from(frameworks);
      const builtin = BUILTIN_FRAMEWORKS.map((f) => (f as { code: string }).code);
      expect(rows.map((r) => r.code).sort()).toEqual([...builtin].sort());
      expect(rows.every((r) => r.status === "published")).toBe(true);
      expect(report.demo?.frameworks).toBe(5);
    });

    it("holds last year's campaign published and this year's in review, over the same ten units", async () => {
      const [previous, current] = await demoCampaigns();
      expect([previous!.year, current!.year]).toEqual([thisYear - 1, thisYear]);
      expect([previous!.status, current!.status]).toEqual(["published", "reviewing"]);
      expect(previous!.frameworkCode).toBe(current!.frameworkCode);
      expect(report.demo?.campaigns.map((c) => [c.name, c.status])).toEqual([
        [previous!.name, "published"],
        [current!.name, "reviewing"],
      ]);
      const versions = await database.db.select().from(publications).where(eq(publications.campaignId, previous!.id));
      expect(versions.map((v) => v.version)).toEqual([1]);
      expect(await database.db.select().from(publications).where(eq(publications.campaignId, current!.id))).toEqual([]);
      const ranked = (versions[0]!.result as PublishedResult).result.units.map((u) => u.unitCode).sort();
      expect(ranked).toEqual([...DEMO_CAMPAIGN_UNITS].sort());
    });

    it("dates everything relative to today: last year's a year back, this year's deadline passed, no report late", async () => {
      const [previous, current] = await demoCampaigns();
      const previousPhases = previous!.phases as Phases;
      const currentPhases = current!.phases as Phases;
      expect(previousPhases.reportingCloses.slice(0, 4)).toBe(String(thisYear - 1));
      expect(previousPhases.appealCloses! < cstDay(-300)).toBe(true);
      expect(currentPhases.reportingCloses < cstDay(0)).toBe(true);
      expect(currentPhases.appealOpens! > cstDay(0)).toBe(true);
      for (const campaign of [previous!, current!]) {
        const rows = await database.db.select().from(submissions).where(eq(submissions.campaignId, campaign.id));
        const confirmed = rows.filter((r) => r.firstConfirmedAt);
        expect(confirmed.length).toBeGreaterThan(0);
        const deadline = reportingDeadline(campaign.phases as Phases);
        expect(confirmed.every((r) => r.firstConfirmedAt!.getTime() < deadline)).toBe(true);
      }
      const decided = await database.db.select().from(appeals).where(eq(appeals.campaignId, previous!.id));
      for (const appeal of decided) {
        expect(appeal.createdAt.getTime()).toBeGreaterThanOrEqual(startOfDay(previousPhases.appealOpens!));
        expect(appeal.createdAt.getTime()).toBeLessThan(endOfDay(previousPhases.appealCloses!));
        expect(appeal.decidedAt!.getTime()).toBeGreaterThan(appeal.createdAt.getTime());
      }
    });

    it("gives this year's campaign reports in every state, evidence and findings (some still drafts)", async () => {
      const [, current] = await demoCampaigns();
      const rows = await database.db
        .select({ code: units.code, status: submissions.status })
        .from(submissions)
        .innerJoin(units, eq(units.id, submissions.unitId))
        .where(eq(submissions.campaignId, current!.id));
      const byStatus = (status: string) => rows.filter((r) => r.status === status).map((r) => r.code);
      expect(byStatus("confirmed")).toHaveLength(6);
      expect(byStatus("confirmed")).toContain(LIAISON_UNIT);
      expect(byStatus("submitted")).toEqual(["310105-D20"]);
      expect(byStatus("returned")).toEqual(["310105-D23"]);
      const [saved] = await database.db
        .select({ n: count() })
        .from(selfAssessments)
        .innerJoin(units, eq(units.id, selfAssessments.unitId))
        .where(and(eq(selfAssessments.campaignId, current!.id), eq(units.code, "310105-D09")));
      expect(saved!.n).toBe(0);
      const files = await database.db.select().from(evidenceFiles).where(eq(evidenceFiles.campaignId, current!.id));
      expect(files.filter((f) => f.ownerType === "self_assessment").length).toBeGreaterThanOrEqual(16);
      expect(files.some((f) => f.ownerType === "finding")).toBe(true);
      expect(files.every((f) => f.mimeType === "application/pdf")).toBe(true);
      const recorded = await database.db.select({ status: findings.status }).from(findings).where(eq(findings.campaignId, current!.id));
      expect(recorded.filter((f) => f.status === "confirmed")).toHaveLength(4);
      expect(recorded.filter((f) => f.status === "draft")).toHaveLength(2);
    });

    it("decided last year's two appeals: the overturned finding no longer counts, the upheld one does", async () => {
      const [previous] = await demoCampaigns();
      const decided = await database.db
        .select({ status: appeals.status, findingStatus: findings.status, code: units.code, rule: findings.ruleId })
        .from(appeals)
        .innerJoin(findings, eq(findings.id, appeals.findingId))
        .innerJoin(units, eq(units.id, appeals.unitId))
        .where(eq(appeals.campaignId, previous!.id));
      expect(decided.map((a) => [a.code, a.rule, a.status, a.findingStatus]).sort()).toEqual([
        ["310105-D03", "gs-3.1-a", "overturned", "overturned"],
        ["310105-D15", "gs-4.1-a", "upheld", "confirmed"],
      ]);
      const [published] = await database.db.select().from(publications).where(eq(publications.campaignId, previous!.id));
      const result = published!.result as PublishedResult;
      // Gongshu 3.1 (4分) “设施未按规定设置的每项扣0.5分”: the overturned finding takes nothing from 区市场监管局.
      expect(pointsOf(result, LIAISON_UNIT, "3.1")).toBe("4");
      // Gongshu 2.5.1 (4分) “被省“好差评”系统回访确认为差评的,每件次扣1分”: one confirmed 差评, 4 − 1.
      expect(pointsOf(result, LIAISON_UNIT, "2.5.1")).toBe("3");
      // Gongshu 4.1 (5分) “每发现一个应进事项未进驻的扣0.5分”: the upheld finding counts 2 items, 5 − 2 × 0.5.
      expect(pointsOf(result, "310105-D15", "4.1")).toBe("4");
    });

    it("scores consistently: last year's publication is what the engine gives on its records today, ranks follow the totals", async () => {
      const [previous, current] = await demoCampaigns();
      const [published] = await database.db.select().from(publications).where(eq(publications.campaignId, previous!.id));
      const frozen = (published!.result as PublishedResult).result.units;
      const live = (await computeCampaignScores(database.db, previous!)).result.units;
      const summary = (list: typeof live) =>
        list.map((u) => ({ code: u.unitCode, total: u.total, rank: u.rank })).sort((a, b) => a.code.localeCompare(b.code));
      expect(summary(live)).toEqual(summary(frozen));
      const now = (await computeCampaignScores(database.db, current!)).result.units;
      for (const list of [frozen, now]) {
        const ranked = list.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!);
        for (let i = 1; i < ranked.length; i++) expect(Number(ranked[i - 1]!.total)).toBeGreaterThanOrEqual(Number(ranked[i]!.total));
      }
      // This year's confirmed 市级 notice on 区市场监管局's guide: Gongshu 1.1.2 (3分) “被省市级抽查通报问题的每次扣1分”, 3 − 1;
      // its draft on 3.1 does not count yet.
      const liaison = now.find((u) => u.unitCode === LIAISON_UNIT)!;
      expect(liaison.indicators.find((i) => i.code === "1.1.2")!.points).toBe("2");
      expect(liaison.indicators.find((i) => i.code === "3.1")!.points).toBe("4");
    });

    it("shows the office a cockpit with data and a year-on-year trend, and the liaison their unit in both years", async () => {
      const [previous, current] = await demoCampaigns();
      const kpb = await login(server, "kpb", report.demo!.password);
      const cockpit = await kpb.request({ method: "GET", url: `/api/campaigns/${current!.id}/cockpit` });
      expect(cockpit.statusCode).toBe(200);
      expect(cockpit.json().unitCount).toBe(10);
      expect(cockpit.json().trend.map((p: { year: number }) => p.year)).toEqual([thisYear - 1, thisYear]);
      const liaison = await login(server, "cn_scjg_lly", report.demo!.password);
      const list = await liaison.request({ method: "GET", url: "/api/campaigns" });
      expect(
        list
          .json()
          .rows.map((c: { id: string }) => c.id)
          .sort(),
      ).toEqual([previous!.id, current!.id].sort());
      const own = await liaison.request({ method: "GET", url: `/api/campaigns/${current!.id}/findings` });
      expect(own.statusCode).toBe(200);
      // Drafts are the reviewers' work in progress: the unit sees its one confirmed finding only.
      expect(own.json().rows.map((f: { indicatorCode: string }) => f.indicatorCode)).toEqual(["1.1.2"]);
    });
  });

  it("says in the start banner what the demo holds, and warns when Chromium (PDFs) is missing", () => {
    const url = "http://localhost:3000";
    const lines = bannerLines(report, url, { chromiumPath: process.execPath }).join("\n");
    expect(lines).toContain("161 个单位，8 个分组，5 套已发布的指标体系");
    for (const c of report.demo!.campaigns) expect(lines).toContain(`演示考核：${c.name}`);
    expect(lines).toMatch(/（已发布）[\s\S]*（评审）/);
    expect(lines).not.toContain("Chromium");
    const missing = bannerLines(report, url, { chromiumPath: "/nonexistent/chromium" }).join("\n");
    expect(missing).toContain("未找到 Chromium（/nonexistent/chromium），PDF 报告与通报无法生成");
  });

  it("changes nothing when run a second time", async () => {
    const before = {
      units: await countOf(database, units),
      users: await countOf(database, users),
      groups: await countOf(database, unitGroups),
      audit: await countOf(database, auditLog),
      campaigns: await countOf(database, campaigns),
    };
    const [adminBefore] = await database.db.select().from(users).where(eq(users.username, "admin"));
    const again = await setupDatabase(database, config, {});
    expect(again).toEqual({});
    expect({
      units: await countOf(database, units),
      users: await countOf(database, users),
      groups: await countOf(database, unitGroups),
      audit: await countOf(database, auditLog),
      campaigns: await countOf(database, campaigns),
    }).toEqual(before);
    const [adminAfter] = await database.db.select().from(users).where(eq(users.username, "admin"));
    expect(adminAfter!.passwordHash).toBe(adminBefore!.passwordHash);
    expect((await tryLogin(server, "admin", report.admin!.password!)).statusCode).toBe(200);
  });
});

describe("setupDatabase with KAOPING_ADMIN_PASSWORD and KAOPING_DEMO=false", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it("rejects a weak KAOPING_ADMIN_PASSWORD with a clear error and creates nothing", async () => {
    await expect(setupDatabase(database, config, { KAOPING_DEMO: "false", KAOPING_ADMIN_PASSWORD: "admin123" })).rejects.toThrow(
      /KAOPING_ADMIN_PASSWORD: .*密码至少/,
    );
    await expect(setupDatabase(database, config, { KAOPING_DEMO: "false", KAOPING_ADMIN_PASSWORD: "Admin-Password-1" })).rejects.toThrow(
      /KAOPING_ADMIN_PASSWORD: .*用户名/,
    );
    expect(await countOf(database, users)).toBe(0);
    expect(await countOf(database, units)).toBe(0);
    expect(await countOf(database, auditLog)).toBe(0);
  });

  it("uses the given password without must-change and loads no demo units", async () => {
    const password = "Strong-Setup-2026!";
    const report = await setupDatabase(database, config, { KAOPING_DEMO: "false", KAOPING_ADMIN_PASSWORD: password });
    expect(report.demo).toBeUndefined();
    expect(report.admin).toEqual({ username: "admin", password: null, oneTime: false });
    const all = await database.db.select({ code: units.code }).from(units);
    expect(all.map((u) => u.code)).toEqual(["SYSTEM"]);
    expect(await countOf(database, unitGroups)).toBe(0);
    const [admin] = await database.db.select().from(users).where(eq(users.username, "admin"));
    expect(admin!.mustChangePassword).toBe(false);

    const server = await serve(database);
    try {
      const client = await login(server, "admin", password);
      const list = await client.request({ method: "GET", url: "/api/units" });
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(1);
    } finally {
      await server.close();
    }
    // Demo data is not loaded later either, once units exist.
    expect(await setupDatabase(database, config, { KAOPING_ADMIN_PASSWORD: password })).toEqual({});
    expect(await countOf(database, units)).toBe(1);
  });
});
