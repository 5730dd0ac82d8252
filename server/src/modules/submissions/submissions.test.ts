import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../platform/db/schema.ts";
import { makeTestCampaign } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let office: Client;
let liaison: Client;
let liaison2: Client;
let leader: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "CITY", kind: "city" });
  await makeUnit(server, { code: "D1", kind: "district", parentCode: "CITY" });
  await makeUser(server, { username: "office", unitCode: "CITY", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison", unitCode: "D1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "liaison2", unitCode: "D1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "leader", unitCode: "D1", roles: ["unit_leader"] });
  office = await login(server, "office");
  liaison = await login(server, "liaison");
  liaison2 = await login(server, "liaison2");
  leader = await login(server, "leader");
}, 120_000);
afterAll(() => server?.close());

const paths = (campaignId: string, unitId: string) => {
  const base = `/api/campaigns/${campaignId}/units/${unitId}`;
  return { base, save: (code: string) => `${base}/self-assessments/${code}` };
};

describe("self-assessments and the submission", () => {
  it("tells the second of two concurrent editors that their copy is stale", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"] });
    const p = paths(c.campaignId, c.unitIds.D1!);
    const first = await liaison.request({
      method: "PUT",
      url: p.save("1.1"),
      payload: { completion: "partial", narrative: "初稿", version: 0 },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(1);
    // Both editors loaded version 1; the first save wins, the second is told, not overwritten.
    const a = await liaison.request({
      method: "PUT",
      url: p.save("1.1"),
      payload: { completion: "done", narrative: "甲的修改", version: 1 },
    });
    const b = await liaison2.request({
      method: "PUT",
      url: p.save("1.1"),
      payload: { completion: "done", narrative: "乙的修改", version: 1 },
    });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(409);
    expect(b.json().message).toContain("请刷新");
    const view = await liaison.request({ method: "GET", url: `${p.base}/submission` });
    expect(view.json().items.find((i: { indicatorCode: string }) => i.indicatorCode === "1.1").narrative).toBe("甲的修改");
  });

  it("submit → locked; leader confirms with a seal; office returns with a reason; the unit corrects", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"] });
    const p = paths(c.campaignId, c.unitIds.D1!);
    await liaison.request({ method: "PUT", url: p.save("1.1"), payload: { completion: "done", narrative: "已完成", version: 0 } });
    expect((await leader.request({ method: "POST", url: `${p.base}/submission/confirm` })).statusCode).toBe(409);
    const submitted = await liaison.request({ method: "POST", url: `${p.base}/submission/submit`, payload: { confirmEmpty: true } });
    expect(submitted.json().status).toBe("submitted");
    const locked = await liaison.request({
      method: "PUT",
      url: p.save("1.1"),
      payload: { completion: "done", narrative: "改", version: 1 },
    });
    expect(locked.statusCode).toBe(423);
    const confirmed = await leader.request({ method: "POST", url: `${p.base}/submission/confirm` });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe("confirmed");
    expect(confirmed.json().seal).toMatch(/^[0-9a-f]{64}$/);
    expect(confirmed.json().confirmedBy).toBe("leader");
    expect(confirmed.json().late).toBe(false);
    const returned = await office.request({
      method: "POST",
      url: `${p.base}/submission/return`,
      payload: { reason: "佐证材料缺少盖章页" },
    });
    expect(returned.json().status).toBe("returned");
    expect(returned.json().returnReason).toBe("佐证材料缺少盖章页");
    const fixed = await liaison.request({
      method: "PUT",
      url: p.save("1.1"),
      payload: { completion: "done", narrative: "已补正", version: 1 },
    });
    expect(fixed.statusCode).toBe(200);
  });

  it("a submit with indicators left empty answers 409 naming each one, changes nothing, and goes through once acknowledged", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"] });
    const p = paths(c.campaignId, c.unitIds.D1!);
    await liaison.request({ method: "PUT", url: p.save("1.1"), payload: { completion: "done", narrative: "已完成", version: 0 } });
    // A narrative without a completion status is still 未填, as the progress counts it.
    await liaison.request({ method: "PUT", url: p.save("2.1"), payload: { completion: null, narrative: "草稿", version: 0 } });
    const unfilled = [
      { indicatorCode: "1.2", indicatorName: "网办率" },
      { indicatorCode: "2.1", indicatorName: "按时报送" },
      { indicatorCode: "2.2", indicatorName: "舆情" },
    ];
    expect((await liaison.request({ method: "GET", url: `${p.base}/submission` })).json().unfilled).toEqual(unfilled);

    const refused = await liaison.request({ method: "POST", url: `${p.base}/submission/submit` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("CONFIRMATION_REQUIRED");
    expect(refused.json().message).toBe("未填 3 项：1.2 网办率、2.1 按时报送、2.2 舆情。请补填，或确认后仍提交");
    expect(refused.json().details).toEqual(
      unfilled.map((u) => ({ path: ["items", u.indicatorCode], message: `${u.indicatorCode} ${u.indicatorName}` })),
    );
    expect(
      (await liaison.request({ method: "POST", url: `${p.base}/submission/submit`, payload: { confirmEmpty: false } })).statusCode,
    ).toBe(409);
    const unchanged = await liaison.request({ method: "GET", url: `${p.base}/submission` });
    expect(unchanged.json().status).toBe("open");

    const submitted = await liaison.request({ method: "POST", url: `${p.base}/submission/submit`, payload: { confirmEmpty: true } });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe("submitted");
    const [audit] = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "submission.submit"), eq(auditLog.entityId, `${c.campaignId}:${c.unitIds.D1}`)));
    expect((audit!.after as { unfilled: string[] }).unfilled).toEqual(["1.2", "2.1", "2.2"]);
  });

  it("a submit with every indicator filled needs no acknowledgement", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"] });
    const p = paths(c.campaignId, c.unitIds.D1!);
    for (const code of ["1.1", "1.2", "2.1", "2.2"]) {
      const completion = code === "2.2" ? "not_applicable" : "done";
      await liaison.request({ method: "PUT", url: p.save(code), payload: { completion, narrative: "", version: 0 } });
    }
    const submitted = await liaison.request({ method: "POST", url: `${p.base}/submission/submit` });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().unfilled).toEqual([]);
  });

  it("the acknowledgement is a boolean and nothing else", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"] });
    const p = paths(c.campaignId, c.unitIds.D1!);
    const res = await liaison.request({ method: "POST", url: `${p.base}/submission/submit`, payload: { confirmEmpty: "yes" } });
    expect(res.statusCode).toBe(400);
    const extra = await liaison.request({ method: "POST", url: `${p.base}/submission/submit`, payload: { confirmEmpty: true, force: 1 } });
    expect(extra.statusCode).toBe(400);
  });

  it("a liaison cannot confirm and a leader cannot return", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "submitted" });
    const p = paths(c.campaignId, c.unitIds.D1!);
    expect((await liaison.request({ method: "POST", url: `${p.base}/submission/confirm` })).statusCode).toBe(403);
    expect((await leader.request({ method: "POST", url: `${p.base}/submission/return`, payload: { reason: "x" } })).statusCode).toBe(403);
  });

  it("refuses edits once reporting has closed", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "reviewing" });
    const p = paths(c.campaignId, c.unitIds.D1!);
    const res = await liaison.request({ method: "PUT", url: p.save("1.2"), payload: { completion: "done", narrative: "x", version: 0 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain("评审");
  });
});
