import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../platform/db/schema.ts";
import { makeTestCampaign } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer, userId } from "../../test/harness.ts";
import { evidenceForm, samplePdf } from "../evidence/test-files.ts";
import { livePoints } from "../findings/testing.ts";

let server: TestServer;
let reviewer: Client;
let liaison1: Client;
let liaison2: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  for (const code of ["D1", "D2"]) await makeUnit(server, { code, parentCode: "R", kind: "district" });
  await makeUser(server, { username: "rev", unitCode: "R", roles: ["reviewer"] });
  await makeUser(server, { username: "liaison1", unitCode: "D1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "liaison2", unitCode: "D2", roles: ["unit_liaison"] });
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
