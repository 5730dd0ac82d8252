import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, notifications } from "../../platform/db/schema.ts";
import { insertConfirmedFinding, makeTestCampaign } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer, userId } from "../../test/harness.ts";
import { evidenceForm, samplePdf } from "../evidence/test-files.ts";
import { livePoints } from "../findings/testing.ts";

let server: TestServer;
let reviewer: Client;
let liaison1: Client;
let liaison2: Client;
let office: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  for (const code of ["D1", "D2"]) await makeUnit(server, { code, parentCode: "R", kind: "district" });
  await makeUser(server, { username: "rev", unitCode: "R", roles: ["reviewer"] });
  await makeUser(server, { username: "liaison1", unitCode: "D1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "liaison2", unitCode: "D2", roles: ["unit_liaison"] });
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  office = await login(server, "office");
  reviewer = await login(server, "rev");
  liaison1 = await login(server, "liaison1");
  liaison2 = await login(server, "liaison2");
}, 120_000);
afterAll(() => server?.close());

/** A campaign in its appeal phase with the fixture's confirmed 市级 finding on D1 (1.1: 6 → 5). */
const appealStage = (phases?: Parameters<typeof makeTestCampaign>[1]["phases"]) =>
  makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "appeal", reviewers: ["rev"], phases });

const lodge = (client: Client, campaignId: string, findingId: string, reason = "该问题已于通报前整改") =>
  client.request({ method: "POST", url: `/api/campaigns/${campaignId}/findings/${findingId}/appeals`, payload: { reason } });

const decide = (campaignId: string, appealId: string, decision: "upheld" | "overturned", reason = "经复核") =>
  reviewer.request({ method: "POST", url: `/api/campaigns/${campaignId}/appeals/${appealId}/decide`, payload: { decision, reason } });

const appealsOf = async (client: Client, campaignId: string) =>
  (await client.request({ method: "GET", url: `/api/campaigns/${campaignId}/appeals` })).json();

describe("appeals", () => {
  it("lodged within the window and overturned: the finding stops counting and the unit is told", async () => {
    const c = await appealStage();
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("5");
    const res = await lodge(liaison1, c.campaignId, c.findingId!);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      findingId: c.findingId,
      unitName: "单位 D1",
      indicatorCode: "1.1",
      findingDescription: "办事指南要素缺失（市级通报）",
      status: "pending",
      createdBy: "liaison1",
      decidedBy: null,
      evidence: [],
    });
    const findings = (await reviewer.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings` })).json();
    expect(findings.rows[0].appealStatus).toBe("pending");

    const again = await lodge(liaison1, c.campaignId, c.findingId!);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("已有待处理的申诉");

    const decided = await decide(c.campaignId, res.json().id, "overturned", "通报时已整改到位");
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: "overturned", decidedBy: "rev", decisionReason: "通报时已整改到位" });
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("6");
    const after = (await reviewer.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings` })).json();
    expect(after.rows[0]).toMatchObject({ status: "overturned", appealStatus: "overturned" });
    const notes = await server.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, await userId(server, "liaison1")));
    expect(notes.find((n) => n.kind === "appeal_decided" && n.campaignId === c.campaignId)).toMatchObject({
      title: expect.stringContaining("撤销扣分"),
      body: "通报时已整改到位",
    });
    expect((await decide(c.campaignId, res.json().id, "upheld")).statusCode).toBe(409);
    expect((await lodge(liaison1, c.campaignId, c.findingId!)).statusCode).toBe(409);
  });

  it("shows the unit's evidence on its appeal", async () => {
    const c = await appealStage();
    const appeal = (await lodge(liaison1, c.campaignId, c.findingId!)).json();
    const form = evidenceForm({ ownerType: "appeal", ownerKey: appeal.id }, [{ name: "整改照片.pdf", data: samplePdf("整改") }]);
    const upload = await liaison1.request({
      method: "POST",
      url: `/api/campaigns/${c.campaignId}/units/${c.unitIds.D1}/evidence`,
      ...form,
    });
    expect(upload.statusCode, upload.body).toBeLessThan(300);
    const listed = await appealsOf(reviewer, c.campaignId);
    expect(listed.rows[0].evidence.map((e: { fileName: string }) => e.fileName)).toEqual(["整改照片.pdf"]);
  });

  it("upheld: the finding keeps counting and cannot be appealed again", async () => {
    const c = await appealStage();
    const appeal = (await lodge(liaison1, c.campaignId, c.findingId!)).json();
    expect((await decide(c.campaignId, appeal.id, "upheld")).json().status).toBe("upheld");
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("5");
    const again = await lodge(liaison1, c.campaignId, c.findingId!);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("已裁定维持");
  });

  it("refuses an appeal after the window closed, with the date", async () => {
    const c = await appealStage({ reportingOpens: "2025-01-01", reportingCloses: "2025-06-30", appealCloses: "2025-12-10" });
    const res = await lodge(liaison1, c.campaignId, c.findingId!);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "CONFLICT", message: "申诉期已于 2025-12-10 截止，不再受理申诉" });
  });

  it("refuses an appeal outside the appeal phase", async () => {
    const c = await appealStage();
    const reviewing = await makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "reviewing", reviewers: ["rev"] });
    const draft = await reviewer.request({
      method: "POST",
      url: `/api/campaigns/${reviewing.campaignId}/findings`,
      payload: { unitId: reviewing.unitIds.D1, indicatorCode: "1.1", ruleId: "r-problem", sourceLevel: "city", description: "问题" },
    });
    // A unit does not see drafts; once confirmed, the phase is what refuses.
    expect((await lodge(liaison1, reviewing.campaignId, draft.json().id)).statusCode).toBe(404);
    await reviewer.request({
      method: "POST",
      url: `/api/campaigns/${reviewing.campaignId}/findings/${draft.json().id}/confirm`,
      payload: {},
    });
    const early = await lodge(liaison1, reviewing.campaignId, draft.json().id);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain("当前不在申诉期");
    expect((await lodge(liaison1, c.campaignId, c.findingId!)).statusCode).toBe(201);
  });

  it("keeps other units out: another unit's liaison gets 404 and sees no appeals", async () => {
    const c = await appealStage();
    expect((await lodge(liaison2, c.campaignId, c.findingId!)).statusCode).toBe(404);
    await lodge(liaison1, c.campaignId, c.findingId!);
    expect((await appealsOf(liaison2, c.campaignId)).total).toBe(0);
    expect((await appealsOf(liaison1, c.campaignId)).total).toBe(1);
    expect((await appealsOf(reviewer, c.campaignId)).rows[0].status).toBe("pending");
    const byLiaison = await liaison1.request({
      method: "POST",
      url: `/api/campaigns/${c.campaignId}/appeals/${(await appealsOf(liaison1, c.campaignId)).rows[0].id}/decide`,
      payload: { decision: "overturned", reason: "自己裁定" },
    });
    expect(byLiaison.statusCode).toBe(403);
  });
});

/** What a caller reads of the appeal rule: the campaign's window, each visible unit's and each finding's canAppeal. */
async function appealFlags(client: Client, campaignId: string) {
  const get = async (tail: string) => (await client.request({ method: "GET", url: `/api/campaigns/${campaignId}${tail}` })).json();
  const [campaign, units, findings] = await Promise.all([get(""), get("/units"), get("/findings")]);
  return {
    window: campaign.appealWindow,
    units: Object.fromEntries(units.rows.map((u: { code: string; canAppeal: boolean }) => [u.code, u.canAppeal])),
    findings: findings.rows.map((f: { canAppeal: boolean }) => f.canAppeal),
  };
}

describe("the appeal window as the office and the units see it", () => {
  const FUTURE = { reportingOpens: "2026-01-01", reportingCloses: "2098-12-30", appealOpens: "2099-01-01", appealCloses: "2099-12-31" };

  it("opening the appeal phase before the window is refused with the date until the office acknowledges it", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "reviewing", reviewers: ["rev"], phases: FUTURE });
    await insertConfirmedFinding(server, c.campaignId, c.unitIds.D1!);
    const url = `/api/campaigns/${c.campaignId}/transition`;
    const view = (await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}` })).json();
    expect(view.appealOpening).toContain("申诉期定于 2099-01-01 开始");

    const refused = await office.request({ method: "POST", url, payload: { to: "appeal" } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("CONFIRMATION_REQUIRED");
    expect(refused.json().message).toContain("各单位要到 2099-01-01 才能提出申诉");
    expect(refused.json().details).toEqual([{ path: ["body", "confirmOutsideWindow"], message: refused.json().message }]);
    const still = (await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}` })).json();
    expect(still.status).toBe("reviewing");

    const opened = await office.request({ method: "POST", url, payload: { to: "appeal", confirmOutsideWindow: true } });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      status: "appeal",
      appealOpening: null,
      appealWindow: { open: false, message: "申诉期自 2099-01-01 开始" },
    });
    const [audit] = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "campaign.appeal"), eq(auditLog.entityId, c.campaignId)));
    expect((audit!.after as { acknowledged: string }).acknowledged).toContain("2099-01-01");

    // The phase is open, the window is not: the unit sees no appeal button and the command agrees.
    expect(await appealFlags(liaison1, c.campaignId)).toEqual({
      window: { open: false, message: "申诉期自 2099-01-01 开始" },
      units: { D1: false },
      findings: [false],
    });
    const findingId = (await liaison1.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings` })).json().rows[0].id;
    expect((await lodge(liaison1, c.campaignId, findingId)).json().message).toBe("申诉期自 2099-01-01 开始");
  });

  it("inside the window no acknowledgement is asked", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "reviewing", reviewers: ["rev"] });
    const view = (await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}` })).json();
    expect(view.appealOpening).toBeNull();
    const opened = await office.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/transition`, payload: { to: "appeal" } });
    expect(opened.statusCode).toBe(200);
  });

  it("opening after the window closed is refused with the closing date until acknowledged", async () => {
    const past = { reportingOpens: "2025-01-01", reportingCloses: "2025-06-30", appealCloses: "2025-12-10" };
    const c = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "reviewing", reviewers: ["rev"], phases: past });
    const refused = await office.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/transition`, payload: { to: "appeal" } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain("申诉期已于 2025-12-10 截止");
  });

  it("canAppeal follows the rule per finding and per unit: open window, own confirmed finding, no pending or upheld appeal", async () => {
    const c = await appealStage();
    expect(await appealFlags(liaison1, c.campaignId)).toMatchObject({ window: { open: true }, units: { D1: true }, findings: [true] });
    // Another unit's liaison sees only D2, which has nothing to appeal; the reviewer may not appeal at all.
    expect(await appealFlags(liaison2, c.campaignId)).toMatchObject({ units: { D2: false }, findings: [] });
    expect(await appealFlags(reviewer, c.campaignId)).toMatchObject({ units: { D1: false, D2: false }, findings: [false] });

    const appeal = (await lodge(liaison1, c.campaignId, c.findingId!)).json();
    expect(await appealFlags(liaison1, c.campaignId)).toMatchObject({ units: { D1: false }, findings: [false] });
    await decide(c.campaignId, appeal.id, "upheld");
    expect(await appealFlags(liaison1, c.campaignId)).toMatchObject({ units: { D1: false }, findings: [false] });
  });

  it("after the window closed nothing can be appealed", async () => {
    const c = await appealStage({ reportingOpens: "2025-01-01", reportingCloses: "2025-06-30", appealCloses: "2025-12-10" });
    expect(await appealFlags(liaison1, c.campaignId)).toEqual({
      window: { open: false, message: "申诉期已于 2025-12-10 截止，不再受理申诉" },
      units: { D1: false },
      findings: [false],
    });
  });
});
