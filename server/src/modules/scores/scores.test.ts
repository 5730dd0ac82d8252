import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findings } from "../../platform/db/schema.ts";
import { insertConfirmedFinding, makeTestCampaign } from "../../test/campaigns.ts";
import { asSystem, type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { transitionCampaign } from "../campaigns/commands.ts";
import { confirmReport, submitReport } from "../submissions/commands.ts";

let server: TestServer;
let office: Client;
let liaison: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "CITY", kind: "city" });
  for (const code of ["D1", "D2", "D3"]) await makeUnit(server, { code, kind: "district", parentCode: "CITY" });
  await makeUser(server, { username: "office", unitCode: "CITY", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison", unitCode: "D1", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaison = await login(server, "liaison");
}, 120_000);
afterAll(() => server?.close());

type Row = { unitCode: string; total: string; rank: number | null; indicators: Record<string, string | null> };
const board = async (client: Client, campaignId: string) => {
  const res = await client.request({ method: "GET", url: `/api/campaigns/${campaignId}/scores` });
  return { res, byCode: new Map<string, Row>((res.json().units ?? []).map((u: Row) => [u.unitCode, u])) };
};

describe("deadline facts (迟报 / 漏报)", () => {
  it("fills report_late for a confirmation after the deadline and report_missing for none, without anyone typing them", async () => {
    // Reporting closed on 2020-01-02: D1 confirms now (late), D2 never does (missing), D3 likewise.
    const c = await makeTestCampaign(server, {
      unitCodes: ["D1", "D2"],
      phases: { reportingOpens: "2020-01-01", reportingCloses: "2020-01-02" },
    });
    await asSystem(server, (ctx) => submitReport({ ctx, campaignId: c.campaignId, unitId: c.unitIds.D1!, confirmEmpty: true }));
    await asSystem(server, (ctx) => confirmReport({ ctx, campaignId: c.campaignId, unitId: c.unitIds.D1! }));
    const { byCode } = await board(office, c.campaignId);
    // 2.1 按时报送 (5): 迟报一次扣1分 → 4; 漏报的，不得分 → 0.
    expect(byCode.get("D1")!.indicators["2.1"]).toBe("4");
    expect(byCode.get("D2")!.indicators["2.1"]).toBe("0");
    expect(byCode.get("D1")!.total).toBe("19");
    expect(byCode.get("D2")!.total).toBe("15");
    const detail = await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${c.unitIds.D2}/score` });
    expect(detail.json().sources.report_missing.auto).toBe("report_missing");
    const submission = await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${c.unitIds.D1}/submission` });
    expect(submission.json().late).toBe(true);
  });

  it("fills nothing before the deadline", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1", "D2"] });
    const { byCode } = await board(office, c.campaignId);
    expect(byCode.get("D2")!.total).toBe("20");
  });
});

describe("publication versions", () => {
  it("freezes version 1, publishes a correction as version 2 with a reason and a diff, and keeps version 1", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1", "D2", "D3"], stage: "appeal" });
    const publish = (reason?: string) =>
      office.request({
        method: "POST",
        url: `/api/campaigns/${c.campaignId}/publish`,
        payload: reason ? { reason, confirmPending: true } : { confirmPending: true },
      });
    const v1 = await publish();
    expect(v1.statusCode).toBe(200);
    expect(v1.json().version).toBe(1);
    // The appeal-stage finding is a 市级 problem on D1: 1.1 loses 1 point.
    const d1v1 = v1.json().units.find((u: Row) => u.unitCode === "D1");
    expect(d1v1.total).toBe("19");
    expect(d1v1.rank).toBe(3);

    // A correction: the finding is withdrawn and another unit gets one.
    await server.database.db.update(findings).set({ status: "withdrawn" }).where(eq(findings.id, c.findingId!));
    await insertConfirmedFinding(server, c.campaignId, c.unitIds.D2!);
    expect((await publish()).statusCode).toBe(400);
    const v2 = await publish("更正：D1 问题系误报");
    expect(v2.json().version).toBe(2);
    const diff = v2.json().diff as { unitCode: string; before: { total: string; rank: number }; after: { total: string; rank: number } }[];
    expect(diff.find((d) => d.unitCode === "D1")).toMatchObject({ before: { total: "19", rank: 3 }, after: { total: "20", rank: 1 } });
    expect(diff.find((d) => d.unitCode === "D2")).toMatchObject({ before: { total: "20" }, after: { total: "19" } });
    expect(diff.find((d) => d.unitCode === "D3")).toBeUndefined();

    const again = await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/publications/1` });
    expect(again.json().units.find((u: Row) => u.unitCode === "D1").total).toBe("19");
    const list = await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/publications` });
    expect(list.json().map((p: { version: number }) => p.version)).toEqual([2, 1]);
  });

  it("shows units only published results, and only their own", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "appeal" });
    const before = await board(liaison, c.campaignId);
    expect(before.res.statusCode).toBe(409);
    expect(before.res.json().message).toContain("尚未发布");
    await office.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/publish`, payload: { confirmPending: true } });
    const after = await board(liaison, c.campaignId);
    expect([...after.byCode.keys()]).toEqual(["D1"]);
    expect(after.res.json().source).toBe("published");
  });

  it("refuses to publish before the appeal phase", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "reviewing" });
    const early = await office.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/publish`, payload: {} });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain("申诉期结束后");
    await asSystem(server, (ctx) => transitionCampaign({ ctx, id: c.campaignId, to: "appeal" }));
    expect(
      (await office.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/publish`, payload: { confirmPending: true } }))
        .statusCode,
    ).toBe(200);
  });

  it("marks a result with pending manual scores and missing measurements 暂定, and publishes it only when confirmed, naming what is missing", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "appeal" });
    const live = (await board(office, c.campaignId)).res.json();
    // The test framework's 2.2 is a manual rule (视情扣0.5-3分) and 1.2 reads 网办率 (online_rate), recorded for no unit.
    expect(live.provisional).toBe(true);
    expect(live.units.every((u: { provisional: boolean }) => u.provisional)).toBe(true);
    expect(live.missing).toContainEqual(expect.objectContaining({ unitCode: "D1", kind: "missing", label: "网办率" }));
    expect(live.missing).toContainEqual(expect.objectContaining({ unitCode: "D1", kind: "pending" }));

    const refused = await office.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/publish`, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain("暂定");
    const lines = refused.json().details.map((d: { message: string }) => d.message);
    expect(lines).toContainEqual(expect.stringContaining("缺少数据（网办率）"));
    expect(lines).toContainEqual(expect.stringContaining("待人工评分"));
    expect((await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/publications` })).json()).toEqual([]);

    const confirmed = await office.request({
      method: "POST",
      url: `/api/campaigns/${c.campaignId}/publish`,
      payload: { confirmPending: true },
    });
    expect(confirmed.statusCode).toBe(200);
    const published = (await board(liaison, c.campaignId)).res.json();
    expect(published).toMatchObject({ source: "published", provisional: true });
  });
});

describe("traces lead to findings, and what-if", () => {
  it("links a lost point to its finding and computes the score without it", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "appeal" });
    const detail = await office.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${c.unitIds.D1}/score` });
    const body = detail.json();
    const step = body.unit.indicators.find((i: { code: string }) => i.code === "1.1").trace[0];
    expect(step.delta).toBe("-1");
    const key = Object.keys(step.facts)[0]!;
    expect(body.sources[key].findingIds).toEqual([c.findingId]);
    expect(body.findings[0]).toMatchObject({ id: c.findingId, noticeNo: "沪审改通〔2026〕1号" });

    const res = await office.request({
      method: "POST",
      url: `/api/campaigns/${c.campaignId}/what-if`,
      payload: { unitId: c.unitIds.D1, excludeFindingIds: [c.findingId] },
    });
    expect(res.json().current).toMatchObject({ total: "19", rank: 2 });
    expect(res.json().whatIf).toMatchObject({ total: "20", rank: 1 });
  });
});
