import type { NotificationPage, ResponsibilityView } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, notifications } from "../../platform/db/schema.ts";
import { makePublishedFramework, makeTestCampaign, type TestCampaign } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer, userId } from "../../test/harness.ts";
import { evidenceForm, samplePdf } from "../evidence/test-files.ts";
import { frameworkWithResponsibilities } from "./test-framework.ts";

let server: TestServer;
let office: Client;
let liaison1: Client;
let liaison2: Client;
let campaign: TestCampaign;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
  await makeUnit(server, { code: "OFFICE", parentCode: "R", name: "考评办" });
  await makeUnit(server, { code: "U1", parentCode: "R", name: "一号局" });
  await makeUnit(server, { code: "U2", parentCode: "R", name: "二号局" });
  await makeUser(server, { username: "office", unitCode: "OFFICE", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison1", unitCode: "U1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "leader1", unitCode: "U1", roles: ["unit_leader"] });
  await makeUser(server, { username: "liaison2", unitCode: "U2", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaison1 = await login(server, "liaison1");
  liaison2 = await login(server, "liaison2");
  const frameworkId = await makePublishedFramework(server, frameworkWithResponsibilities());
  campaign = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "reporting", frameworkId });
  base = `/api/campaigns/${campaign.campaignId}`;
});
afterAll(() => server?.close());

const list = async (client: Client, query = "") =>
  (await client.request({ method: "GET", url: `${base}/responsibilities${query}` })).json();

describe("responsibilities (责任分解)", () => {
  it("lists every row in framework order with names, milestones and the overdue flag", async () => {
    const page = await list(office);
    expect(page.total).toBe(4);
    expect(
      page.rows.map((r: ResponsibilityView) => [
        r.indicatorCode,
        r.indicatorName,
        r.unitCode,
        r.unitName,
        r.role,
        r.dueDate,
        r.status,
        r.overdue,
      ]),
    ).toEqual([
      ["1.1", "事项管理", "U1", "一号局", "lead", "2020-06-30", "not_started", true],
      ["1.1", "事项管理", "U2", "二号局", "co", "2020-06-30", "not_started", true],
      ["2.1", "按时报送", "U2", "二号局", "lead", "2099-12-31", "not_started", false],
      // The office leads an indicator without being assessed: its live name stands in.
      ["2.2", "舆情", "OFFICE", "考评办", "lead", null, "not_started", false],
    ]);
    expect(page.rows[0].milestone).toBe("2020年6月底前完成事项梳理");
  });

  it("makes no rows without responsible codes, nor from codes that name no unit or group: the two empty states the tab explains", async () => {
    // The tab tells them apart by the frozen definition the campaign view carries (web: responsibilitiesEmptyReason).
    const responsibleOf = (view: { definition: { indicators: { children: { responsible?: { lead: string[] } }[] }[] } }) =>
      view.definition.indicators.flatMap((i) => i.children.flatMap((c) => c.responsible?.lead ?? []));
    const plain = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "reporting" });
    const unknown = frameworkWithResponsibilities();
    for (const indicator of unknown.indicators) {
      for (const child of indicator.children)
        if ("responsible" in child) Object.assign(child, { responsible: { lead: ["NO-SUCH-UNIT"], co: [] } });
    }
    const unmatched = await makeTestCampaign(server, {
      unitCodes: ["U1", "U2"],
      stage: "reporting",
      frameworkId: await makePublishedFramework(server, unknown),
    });
    for (const [c, codes] of [
      [plain, []],
      [unmatched, ["NO-SUCH-UNIT", "NO-SUCH-UNIT", "NO-SUCH-UNIT"]],
    ] as const) {
      const rows = await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/responsibilities` });
      expect(rows.json().total).toBe(0);
      const view = await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}` });
      expect(responsibleOf(view.json())).toEqual(codes);
    }
  });

  it("shows a unit its own rows only, and filters by unit and overdue", async () => {
    const own = await list(liaison1);
    expect(own.rows.map((r: ResponsibilityView) => `${r.indicatorCode}:${r.unitCode}`)).toEqual(["1.1:U1"]);
    const overdue = await list(office, "?overdueOnly=true");
    expect(overdue.rows.map((r: ResponsibilityView) => `${r.indicatorCode}:${r.unitCode}`)).toEqual(["1.1:U1", "1.1:U2"]);
    const ofU2 = await list(office, `?unitId=${campaign.unitIds.U2}&pageSize=1&page=2`);
    expect(ofU2).toMatchObject({ total: 2, rows: [{ indicatorCode: "2.1", unitCode: "U2" }] });
  });

  it("saves progress with the version, refuses a stale save and another unit's row", async () => {
    const row = ((await list(liaison2)).rows as ResponsibilityView[]).find((r) => r.indicatorCode === "2.1");
    const url = `${base}/responsibilities/${row!.id}`;
    const saved = await liaison2.request({ method: "PUT", url, payload: { status: "done", note: "已完成梳理", version: 1 } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: "done", note: "已完成梳理", version: 2, overdue: false, unitCode: "U2" });
    const stale = await liaison2.request({ method: "PUT", url, payload: { status: "in_progress", note: "", version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toEqual([{ path: ["body", "version"], message: "版本已过期" }]);
    const foreign = await liaison1.request({ method: "PUT", url, payload: { status: "in_progress", note: "", version: 2 } });
    expect(foreign.statusCode).toBe(404);
    const bad = await liaison2.request({ method: "PUT", url, payload: { status: "finished", note: "", version: 2 } });
    expect(bad.statusCode).toBe(400);
    const audits = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "responsibility.progress"));
    expect(audits.map((a) => [a.entityId, (a.before as { status: string }).status, (a.after as { status: string }).status])).toEqual([
      [row!.id, "not_started", "done"],
    ]);
  });

  it("counts a responsibility's evidence", async () => {
    const [row] = (await list(liaison1)).rows as ResponsibilityView[];
    const upload = await liaison1.request({
      method: "POST",
      url: `${base}/units/${campaign.unitIds.U1}/evidence`,
      ...evidenceForm({ ownerType: "responsibility", ownerKey: row!.id }, [{ name: "梳理清单.pdf", data: samplePdf() }]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect((await list(liaison1)).rows[0].evidenceCount).toBe(1);
    const wrongUnit = await liaison2.request({
      method: "POST",
      url: `${base}/units/${campaign.unitIds.U2}/evidence`,
      ...evidenceForm({ ownerType: "responsibility", ownerKey: row!.id }, [{ name: "x.pdf", data: samplePdf() }]),
    });
    expect(wrongUnit.statusCode).toBe(404);
  });
});

describe("reminders (催办)", () => {
  const remind = (payload: object) => office.request({ method: "POST", url: `${base}/reminders`, payload });
  const inbox = async (username: string) =>
    server.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, await userId(server, username)));

  it("reminds the units with overdue milestones", async () => {
    // U2's overdue co-row stays open; U1's lead row is overdue too.
    const res = await remind({ overdueOnly: true, message: "请尽快完成事项梳理" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ units: 2, recipients: 3 });
    const [note] = await inbox("liaison1");
    expect(note).toMatchObject({ kind: "reminder", body: "请尽快完成事项梳理", campaignId: campaign.campaignId });
    expect(note!.title).toContain("催办");
    const audits = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "campaign.remind"));
    expect(audits.map((a) => [a.businessType, a.reason])).toEqual([["remind", "请尽快完成事项梳理"]]);
  });

  it("reminds the chosen units, or by default every unit whose report is not confirmed", async () => {
    expect((await remind({ unitIds: [campaign.unitIds.U2], message: "请报送" })).json()).toEqual({ units: 1, recipients: 1 });
    expect((await remind({ message: "请按时填报" })).json()).toEqual({ units: 2, recipients: 3 });
    expect((await inbox("liaison2")).length).toBe(3);
  });

  it("refuses units outside the campaign and callers without the office's permission", async () => {
    const officeUnit = (await list(office)).rows.find((r: ResponsibilityView) => r.unitCode === "OFFICE").unitId;
    const res = await remind({ unitIds: [campaign.unitIds.U1, officeUnit], message: "x" });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: ["body", "unitIds", 1], message: "该单位不是本考核的参评单位" }]);
    expect((await liaison1.request({ method: "POST", url: `${base}/reminders`, payload: { message: "x" } })).statusCode).toBe(403);
    expect((await remind({ message: "" })).statusCode).toBe(400);
  });

  it("reaches the recipients' notification lists", async () => {
    const page = (await liaison1.request({ method: "GET", url: "/api/notifications" })).json() as NotificationPage;
    expect(page.unread).toBe(page.total);
    expect(page.rows.every((n) => n.kind === "reminder" && !n.read)).toBe(true);
  });
});
