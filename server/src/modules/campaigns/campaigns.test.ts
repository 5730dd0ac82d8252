import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignUnits, findings, units } from "../../platform/db/schema.ts";
import { CAMPAIGN_TEST_FRAMEWORK, makePublishedFramework, makeTestCampaign, OPEN_PHASES } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let admin: Client;
let liaisonA: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "CITY", kind: "city" });
  for (const code of ["D1", "D2", "D3"]) await makeUnit(server, { code, kind: "district", parentCode: "CITY" });
  await makeUser(server, { username: "office", unitCode: "CITY", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison_d1", unitCode: "D1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "reviewer_x", unitCode: "CITY", roles: ["reviewer"] });
  admin = await login(server, "office");
  liaisonA = await login(server, "liaison_d1");
}, 120_000);
afterAll(() => server?.close());

const ids = async (...codes: string[]) => {
  const rows = await server.database.db.select().from(units);
  return codes.map((c) => rows.find((r) => r.code === c)!.id);
};

describe("campaign lifecycle", () => {
  it("is created from a published framework only, naming the field", async () => {
    const [d1] = await ids("D1");
    const draftFramework = await admin.request({
      method: "POST",
      url: "/api/frameworks",
      payload: { definition: { ...CAMPAIGN_TEST_FRAMEWORK, code: "unpublished-one" } },
    });
    const res = await admin.request({
      method: "POST",
      url: "/api/campaigns",
      payload: { frameworkId: draftFramework.json().id, name: "x", year: 2026, phases: OPEN_PHASES, units: [{ unitId: d1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toEqual(["body", "frameworkId"]);
  });

  it("refuses phases out of order and duplicate units", async () => {
    const [d1] = await ids("D1");
    const frameworkId = await makePublishedFramework(server);
    const res = await admin.request({
      method: "POST",
      url: "/api/campaigns",
      payload: {
        frameworkId,
        name: "x",
        year: 2026,
        phases: { reportingOpens: "2026-05-01", reportingCloses: "2026-04-01" },
        units: [{ unitId: d1 }, { unitId: d1 }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain("reportingCloses");
  });

  it("freezes the units when it opens: a later rename does not reach it", async () => {
    const campaign = await makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "draft" });
    const [d2] = await ids("D2");
    await admin.request({ method: "PATCH", url: `/api/units/${d2}`, payload: { name: "开启前改名" } });
    const opened = await admin.request({
      method: "POST",
      url: `/api/campaigns/${campaign.campaignId}/transition`,
      payload: { to: "reporting" },
    });
    expect(opened.statusCode).toBe(200);
    await admin.request({ method: "PATCH", url: `/api/units/${d2}`, payload: { name: "开启后改名" } });
    const rows = await server.database.db.select().from(campaignUnits).where(eq(campaignUnits.campaignId, campaign.campaignId));
    expect(rows.find((r) => r.unitId === d2)!.name).toBe("开启前改名");
    const list = await admin.request({ method: "GET", url: `/api/campaigns/${campaign.campaignId}/units` });
    expect(list.json().rows.map((r: { name: string }) => r.name)).toContain("开启前改名");
    const edit = await admin.request({
      method: "PATCH",
      url: `/api/campaigns/${campaign.campaignId}`,
      payload: { version: opened.json().version, units: [{ unitId: d2 }] },
    });
    expect(edit.statusCode).toBe(409);
  });

  it("guards transitions: no skipping, a reason to reopen, no appeal phase with draft findings", async () => {
    const campaign = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "reporting" });
    const url = `/api/campaigns/${campaign.campaignId}/transition`;
    const skip = await admin.request({ method: "POST", url, payload: { to: "appeal" } });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().message).toContain("不能转到“申诉”");
    expect((await admin.request({ method: "POST", url, payload: { to: "reviewing" } })).statusCode).toBe(200);
    const reopen = await admin.request({ method: "POST", url, payload: { to: "reporting" } });
    expect(reopen.statusCode).toBe(400);
    await server.database.db.insert(findings).values({
      campaignId: campaign.campaignId,
      unitId: campaign.unitIds.D1!,
      indicatorCode: "1.1",
      ruleId: "r-problem",
      sourceLevel: "city",
      description: "草稿",
    });
    const appeal = await admin.request({ method: "POST", url, payload: { to: "appeal" } });
    expect(appeal.statusCode).toBe(409);
    expect(appeal.json().message).toContain("草稿");
  });

  it("refuses a stale edit of the campaign", async () => {
    const campaign = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "draft" });
    const url = `/api/campaigns/${campaign.campaignId}`;
    expect((await admin.request({ method: "PATCH", url, payload: { version: 1, name: "第一次" } })).statusCode).toBe(200);
    const stale = await admin.request({ method: "PATCH", url, payload: { version: 1, name: "第二次" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain("已被他人修改");
  });
});

describe("who sees a campaign", () => {
  it("a liaison sees only their own unit of a shared campaign", async () => {
    const campaign = await makeTestCampaign(server, { unitCodes: ["D1", "D2"] });
    const list = await liaisonA.request({ method: "GET", url: `/api/campaigns/${campaign.campaignId}/units` });
    expect(list.json().rows.map((r: { code: string }) => r.code)).toEqual(["D1"]);
    const other = await liaisonA.request({
      method: "GET",
      url: `/api/campaigns/${campaign.campaignId}/units/${campaign.unitIds.D2}/submission`,
    });
    expect(other.statusCode).toBe(404);
    const notMine = await makeTestCampaign(server, { unitCodes: ["D2", "D3"] });
    expect((await liaisonA.request({ method: "GET", url: `/api/campaigns/${notMine.campaignId}` })).statusCode).toBe(404);
    const listed = await liaisonA.request({ method: "GET", url: "/api/campaigns?pageSize=500" });
    expect(listed.json().rows.map((r: { id: string }) => r.id)).not.toContain(notMine.campaignId);
  });

  it("a reviewer sees only the campaigns they are assigned to, with every unit", async () => {
    const reviewer = await login(server, "reviewer_x");
    const assigned = await makeTestCampaign(server, { unitCodes: ["D2", "D3"], reviewers: ["reviewer_x"] });
    const other = await makeTestCampaign(server, { unitCodes: ["D2", "D3"] });
    const units = await reviewer.request({ method: "GET", url: `/api/campaigns/${assigned.campaignId}/units` });
    expect(units.json().rows.map((r: { code: string }) => r.code)).toEqual(["D2", "D3"]);
    expect((await reviewer.request({ method: "GET", url: `/api/campaigns/${other.campaignId}` })).statusCode).toBe(404);
  });
});

describe("applicability", () => {
  it("a unit reports only on the indicators of its category", async () => {
    const frameworkId = await makePublishedFramework(server, {
      ...CAMPAIGN_TEST_FRAMEWORK,
      categories: [
        { code: "district", label: "区" },
        { code: "city_body", label: "市级部门" },
      ],
      indicators: CAMPAIGN_TEST_FRAMEWORK.indicators.map((i) => (i.code === "2" ? { ...i, appliesTo: ["city_body"] } : i)),
    });
    const campaign = await makeTestCampaign(server, {
      unitCodes: ["D1", "D2"],
      frameworkId,
      categories: { D1: "district", D2: "city_body" },
    });
    const d1 = await admin.request({ method: "GET", url: `/api/campaigns/${campaign.campaignId}/units/${campaign.unitIds.D1}/submission` });
    const d2 = await admin.request({ method: "GET", url: `/api/campaigns/${campaign.campaignId}/units/${campaign.unitIds.D2}/submission` });
    expect(d1.json().items.map((i: { indicatorCode: string }) => i.indicatorCode)).toEqual(["1.1", "1.2"]);
    expect(d2.json().items.map((i: { indicatorCode: string }) => i.indicatorCode)).toEqual(["1.1", "1.2", "2.1", "2.2"]);
    const save = await liaisonA.request({
      method: "PUT",
      url: `/api/campaigns/${campaign.campaignId}/units/${campaign.unitIds.D1}/self-assessments/2.1`,
      payload: { completion: "done", narrative: "x", version: 0 },
    });
    expect(save.statusCode).toBe(400);
    expect(save.json().message).toContain("2.1");
  });
});
