import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../platform/db/schema.ts";
import { CAMPAIGN_TEST_FRAMEWORK, makePublishedFramework, makeTestCampaign, unitIdOf } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { evidenceForm, samplePdf } from "../evidence/test-files.ts";
import { liveIndicator, livePoints } from "./testing.ts";

let server: TestServer;
let office: Client;
let reviewer: Client;
let outsider: Client;
let liaison: Client;

/** The test framework plus categories, an indicator only districts have, a 取最高分 pair and a rule on two facts. */
const VARIANT = {
  ...CAMPAIGN_TEST_FRAMEWORK,
  code: "test-variant",
  basePoints: "25",
  categories: [
    { code: "district", label: "区" },
    { code: "street", label: "街道" },
  ],
  facts: [
    ...CAMPAIGN_TEST_FRAMEWORK.facts,
    { key: "pub_city", label: "市级宣传", type: "count" },
    { key: "pub_province", label: "省级宣传", type: "count" },
    { key: "leak", label: "泄密", type: "count" },
    { key: "loss", label: "丢失", type: "count" },
  ],
  indicators: [
    ...CAMPAIGN_TEST_FRAMEWORK.indicators,
    {
      code: "3",
      name: "区级专项",
      points: "5",
      appliesTo: ["district"],
      rules: [
        {
          id: "r-max",
          kind: "max_of",
          text: "同一问题被多级通报的，取最高扣分",
          rules: [
            { id: "r-pub-city", kind: "per_count", effect: "deduct", fact: "pub_city", amount: "0.5", text: "市级通报一次扣0.5分" },
            { id: "r-pub-province", kind: "per_count", effect: "deduct", fact: "pub_province", amount: "1", text: "省级通报一次扣1分" },
          ],
        },
        {
          id: "r-two",
          kind: "when",
          condition: {
            any: [
              { fact: "leak", op: "ge", value: 1 },
              { fact: "loss", op: "ge", value: 1 },
            ],
          },
          outcome: "zero",
          text: "发生泄密或丢失的，不得分",
        },
      ],
    },
  ],
};

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
  for (const code of ["D1", "D2"]) await makeUnit(server, { code, parentCode: "R", kind: "district", name: `区 ${code}` });
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "rev", unitCode: "R", roles: ["reviewer"] });
  await makeUser(server, { username: "rev_out", unitCode: "R", roles: ["reviewer"] });
  await makeUser(server, { username: "liaison1", unitCode: "D1", roles: ["unit_liaison"] });
  office = await login(server, "office");
  reviewer = await login(server, "rev");
  outsider = await login(server, "rev_out");
  liaison = await login(server, "liaison1");
}, 120_000);
afterAll(() => server?.close());

const campaign = (stage: "reporting" | "reviewing" | "appeal" = "reviewing") =>
  makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage, reviewers: ["rev"] });

const create = (client: Client, campaignId: string, payload: object) =>
  client.request({ method: "POST", url: `/api/campaigns/${campaignId}/findings`, payload });

const post = (client: Client, url: string, payload: object = {}) => client.request({ method: "POST", url, payload });

/** Creates and confirms a finding as the reviewer; returns its view. */
async function confirmed(campaignId: string, payload: object) {
  const draft = await create(reviewer, campaignId, payload);
  expect(draft.statusCode, draft.body).toBe(201);
  const res = await post(reviewer, `/api/campaigns/${campaignId}/findings/${draft.json().id}/confirm`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const problem = (unitId: string, sourceLevel: string) => ({
  unitId,
  indicatorCode: "1.1",
  ruleId: "r-problem",
  sourceLevel,
  description: `办事指南缺失（${sourceLevel}）`,
});

describe("findings and the live score", () => {
  it("counts a confirmed 市级 problem as 1 point and a 区级 one as 0.5, drafts not at all", async () => {
    const c = await campaign();
    const d1 = c.unitIds.D1!;
    const draft = await create(reviewer, c.campaignId, { ...problem(d1, "city"), noticeNo: "通〔2026〕3号", foundOn: "2026-03-15" });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({
      status: "draft",
      unitCode: "D1",
      indicatorName: "事项管理",
      ruleText: "每发现一个问题，区级通报扣0.5分，市级通报扣1分",
      effect: "deduct",
      fact: "problem",
      sourceLevel: "city",
      count: 1,
      points: null,
      noticeNo: "通〔2026〕3号",
      foundOn: "2026-03-15",
      createdBy: "rev",
      evidenceCount: 0,
      appealStatus: null,
      version: 1,
    });
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("6");
    const done = await post(reviewer, `/api/campaigns/${c.campaignId}/findings/${draft.json().id}/confirm`);
    expect(done.json()).toMatchObject({ status: "confirmed", version: 2 });
    expect(done.json().confirmedAt).not.toBeNull();
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("5");

    await confirmed(c.campaignId, problem(d1, "district"));
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("4.5");
    expect(await livePoints(server, c.campaignId, "D2", "1.1")).toBe("6");
    const again = await post(reviewer, `/api/campaigns/${c.campaignId}/findings/${draft.json().id}/confirm`);
    expect(again.statusCode).toBe(409);
  });

  it("halves 2.2 on an exposure flag, and takes a manual score with the description as the reason", async () => {
    const c = await campaign();
    await confirmed(c.campaignId, { unitId: c.unitIds.D1, indicatorCode: "2.2", ruleId: "r-exposed", description: "被电视台曝光" });
    expect(await livePoints(server, c.campaignId, "D1", "2.2")).toBe("2.5");

    const manual = await confirmed(c.campaignId, {
      unitId: c.unitIds.D2,
      indicatorCode: "2.2",
      ruleId: "r-manual",
      points: "2",
      description: "舆情回应迟缓",
    });
    expect(manual).toMatchObject({ points: "2", fact: null, effect: "deduct" });
    const indicator = await liveIndicator(server, c.campaignId, "D2", "2.2");
    expect(indicator.points).toBe("3");
    expect(JSON.stringify(indicator.trace)).toContain("舆情回应迟缓");
  });

  it("counts several occurrences in one finding", async () => {
    const c = await campaign();
    await confirmed(c.campaignId, { ...problem(c.unitIds.D1!, "district"), count: 3 });
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("4.5");
  });
});

describe("finding validation", () => {
  const expectField = async (
    res: { statusCode: number; json(): { details: { path: string[]; message: string }[] } },
    field: string,
    text: string,
  ) => {
    expect(res.statusCode).toBe(400);
    const detail = res.json().details.find((d) => d.path.join(".") === `body.${field}`);
    expect(detail, JSON.stringify(res.json())).toBeDefined();
    expect(detail!.message).toContain(text);
  };

  it("names the field of each mistake", async () => {
    const c = await campaign();
    const d1 = c.unitIds.D1!;
    const base = problem(d1, "city");
    const outside = await unitIdOf(server, "R");
    const cases: [object, string, string][] = [
      [{ ...base, unitId: outside }, "unitId", "单位不在本次考核中"],
      [{ ...base, indicatorCode: "9.9" }, "indicatorCode", "指标 9.9 不在"],
      [{ ...base, ruleId: "r-rate" }, "ruleId", "细则 r-rate 不属于指标 1.1"],
      [{ ...base, ruleId: "r-nothing" }, "ruleId", "细则 r-nothing 不属于指标 1.1"],
      [{ ...base, indicatorCode: "1.2", ruleId: "r-rate" }, "ruleId", "测评数据"],
      [{ ...base, sourceLevel: undefined }, "sourceLevel", "请填写来源层级"],
      [{ ...base, sourceLevel: "province" }, "sourceLevel", "不按省级计分"],
      [{ ...base, fact: "exposed" }, "fact", "不涉及事实 exposed"],
      [{ ...base, points: "1" }, "points", "不能填写分值"],
      [{ unitId: d1, indicatorCode: "2.2", ruleId: "r-manual", description: "x" }, "points", "须填写分值（0.5–3）"],
      [{ unitId: d1, indicatorCode: "2.2", ruleId: "r-manual", points: "3.5", description: "x" }, "points", "0.5–3 之间"],
      [{ unitId: d1, indicatorCode: "2.2", ruleId: "r-manual", points: "0.25", description: "x" }, "points", "0.5–3 之间"],
      [{ ...base, description: "" }, "description", ""],
    ];
    for (const [payload, field, text] of cases) await expectField(await create(reviewer, c.campaignId, payload), field, text);
    const none = await reviewer.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings` });
    expect(none.json().total).toBe(0);
  });

  it("checks categories, rules inside 取最高分 and rules on several facts", async () => {
    const frameworkId = await makePublishedFramework(server, VARIANT);
    const c = await makeTestCampaign(server, {
      unitCodes: ["D1", "D2"],
      stage: "reviewing",
      reviewers: ["rev"],
      frameworkId,
      categories: { D1: "street", D2: "district" },
    });
    const on = (unit: string, extra: object) => ({ unitId: c.unitIds[unit], indicatorCode: "3", description: "专项问题", ...extra });
    await expectField(
      await create(reviewer, c.campaignId, on("D1", { ruleId: "r-pub-city" })),
      "indicatorCode",
      "不适用于区 D1（类别 street）",
    );
    await expectField(await create(reviewer, c.campaignId, on("D2", { ruleId: "r-max" })), "ruleId", "取最高分");
    await expectField(await create(reviewer, c.campaignId, on("D2", { ruleId: "r-two" })), "fact", "涉及多个事实（leak、loss）");
    await expectField(await create(reviewer, c.campaignId, on("D2", { ruleId: "r-two", fact: "pub_city" })), "fact", "不涉及事实 pub_city");
    await expectField(
      await create(reviewer, c.campaignId, { ...on("D2", { ruleId: "r-pub-city" }), indicatorCode: "1.1" }),
      "ruleId",
      "不属于指标 1.1",
    );

    const inner = await confirmed(c.campaignId, on("D2", { ruleId: "r-pub-province" }));
    expect(inner).toMatchObject({ ruleId: "r-pub-province", fact: "pub_province", ruleText: "省级通报一次扣1分" });
    expect(await livePoints(server, c.campaignId, "D2", "3")).toBe("4");
    await confirmed(c.campaignId, on("D2", { ruleId: "r-two", fact: "loss" }));
    expect(await livePoints(server, c.campaignId, "D2", "3")).toBe("0");
  });
});

describe("editing, confirming and withdrawing", () => {
  it("edits a draft by version, keeps fields left out, and refuses a stale version", async () => {
    const c = await campaign();
    const draft = (await create(reviewer, c.campaignId, { ...problem(c.unitIds.D1!, "city"), count: 3 })).json();
    const url = `/api/campaigns/${c.campaignId}/findings/${draft.id}`;
    const edited = await reviewer.request({ method: "PATCH", url, payload: { version: 1, description: "改写描述" } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ description: "改写描述", count: 3, sourceLevel: "city", version: 2 });
    const stale = await reviewer.request({ method: "PATCH", url, payload: { version: 1, count: 2 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain("已被他人修改");
    const invalid = await reviewer.request({ method: "PATCH", url, payload: { version: 2, sourceLevel: "national" } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details[0].path).toEqual(["body", "sourceLevel"]);
    // Switching to a manual rule resolves the fact anew.
    const moved = await reviewer.request({
      method: "PATCH",
      url,
      payload: { version: 2, indicatorCode: "2.2", ruleId: "r-manual", points: "1.5", sourceLevel: null },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ indicatorCode: "2.2", ruleId: "r-manual", fact: null, points: "1.5", version: 3 });
  });

  it("lets only the office correct a confirmed finding, with a reason that is audited", async () => {
    const c = await campaign();
    const view = await confirmed(c.campaignId, problem(c.unitIds.D1!, "city"));
    const url = `/api/campaigns/${c.campaignId}/findings/${view.id}`;
    const byReviewer = await reviewer.request({ method: "PATCH", url, payload: { version: view.version, sourceLevel: "district" } });
    expect(byReviewer.statusCode).toBe(403);
    const noReason = await office.request({ method: "PATCH", url, payload: { version: view.version, sourceLevel: "district" } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].path).toEqual(["body", "reason"]);
    const fixed = await office.request({
      method: "PATCH",
      url,
      payload: { version: view.version, sourceLevel: "district", reason: "通报层级登记有误" },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("5.5");
    const [record] = await server.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, view.id), eq(auditLog.action, "finding.correct")));
    expect(record).toMatchObject({ reason: "通报层级登记有误", businessType: "update" });
  });

  it("withdraws with a reason, and the score comes back", async () => {
    const c = await campaign();
    const view = await confirmed(c.campaignId, problem(c.unitIds.D1!, "city"));
    const url = `/api/campaigns/${c.campaignId}/findings/${view.id}/withdraw`;
    const noReason = await post(office, url);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].path).toEqual(["body", "reason"]);
    const done = await post(office, url, { reason: "重复登记" });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe("withdrawn");
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("6");
    expect((await post(office, url, { reason: "再次" })).statusCode).toBe(409);
    const draft = (await create(reviewer, c.campaignId, problem(c.unitIds.D1!, "city"))).json();
    const byReviewer = await post(reviewer, `/api/campaigns/${c.campaignId}/findings/${draft.id}/withdraw`, { reason: "登记错误" });
    expect(byReviewer.json().status).toBe("withdrawn");
  });
});

describe("who records findings, and when", () => {
  it("records only while reviewing; the office may still correct during the appeal", async () => {
    const reporting = await campaign("reporting");
    const early = await create(reviewer, reporting.campaignId, problem(reporting.unitIds.D1!, "city"));
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain("自查填报");
    const appeal = await campaign("appeal");
    expect((await create(reviewer, appeal.campaignId, problem(appeal.unitIds.D1!, "city"))).statusCode).toBe(409);
    expect((await create(office, appeal.campaignId, problem(appeal.unitIds.D1!, "city"))).statusCode).toBe(201);
  });

  it("hides the campaign from unassigned reviewers and refuses units", async () => {
    const c = await campaign();
    expect((await create(outsider, c.campaignId, problem(c.unitIds.D1!, "city"))).statusCode).toBe(404);
    expect((await outsider.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings` })).statusCode).toBe(404);
    expect((await create(liaison, c.campaignId, problem(c.unitIds.D1!, "city"))).statusCode).toBe(403);
  });

  it("counts the reviewer's evidence on a finding", async () => {
    const c = await campaign();
    const view = await confirmed(c.campaignId, problem(c.unitIds.D1!, "city"));
    const notice = evidenceForm({}, [{ name: "通报扫描件.pdf", data: samplePdf("通报") }]);
    const scan = await reviewer.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/findings/${view.id}/evidence`, ...notice });
    expect(scan.statusCode, scan.body).toBeLessThan(300);
    const listed = (await reviewer.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings` })).json();
    expect(listed.rows[0].evidenceCount).toBe(1);
  });

  it("lists with filters; a unit sees its own confirmed findings only", async () => {
    const c = await campaign();
    await confirmed(c.campaignId, { ...problem(c.unitIds.D1!, "city"), description: "窗口无人值守" });
    await confirmed(c.campaignId, problem(c.unitIds.D2!, "district"));
    await create(reviewer, c.campaignId, problem(c.unitIds.D1!, "district"));
    const list = async (client: Client, query = "") =>
      (await client.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings${query}` })).json();
    expect((await list(reviewer)).total).toBe(3);
    expect((await list(reviewer, "?status=draft")).total).toBe(1);
    expect((await list(reviewer, `?unitId=${c.unitIds.D2}`)).rows.map((r: { unitCode: string }) => r.unitCode)).toEqual(["D2"]);
    expect((await list(reviewer, `?q=${encodeURIComponent("无人值守")}`)).total).toBe(1);
    expect((await list(reviewer, "?indicatorCode=2.2")).total).toBe(0);
    const own = await list(liaison);
    expect(own.total).toBe(1);
    expect(own.rows[0]).toMatchObject({ unitCode: "D1", status: "confirmed", description: "窗口无人值守" });
  });
});
