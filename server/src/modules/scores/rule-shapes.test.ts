import { BUILTIN_FRAMEWORKS } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePublishedFramework, makeTestCampaign, type TestCampaign } from "../../test/campaigns.ts";
import { asSystem, type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { createGroup } from "../groups/commands.ts";

/**
 * The Gongshu template's rule shapes through a campaign: findings with their subject
 * (同一宣传内容取最高分), one amount per finding (每发现一起扣1-3分), the lowest within the
 * 进驻单位 group (没有进驻大厅的部门按进驻单位最低得分计分) and the peers' average
 * (与样本框无关联的部门在平均分基础上下浮1分), all read by the live scoreboard.
 */
const gongshu = BUILTIN_FRAMEWORKS.find((f) => (f as { code: string }).code === "gongshu-business-environment")!;

let server: TestServer;
let office: Client;
let campaign: TestCampaign;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "GS", kind: "district" });
  for (const code of ["A", "B", "N", "J"]) await makeUnit(server, { code, kind: "department", parentCode: "GS" });
  await makeUser(server, { username: "office", unitCode: "GS", roles: ["assessment_admin"] });
  office = await login(server, "office");
  const frameworkId = await makePublishedFramework(server, gongshu);
  campaign = await makeTestCampaign(server, { unitCodes: ["A", "B", "N", "J"], stage: "reviewing", frameworkId });
  await asSystem(server, (ctx) =>
    createGroup({
      ctx,
      input: { code: "GS-G-STATIONED", name: "进驻单位", memberUnitIds: [campaign.unitIds.A!, campaign.unitIds.B!] },
    }),
  );
}, 120_000);
afterAll(() => server?.close());

const url = (path: string) => `/api/campaigns/${campaign.campaignId}${path}`;

async function record(unit: string, input: Record<string, unknown>) {
  const res = await office.request({
    method: "POST",
    url: url("/findings"),
    payload: { unitId: campaign.unitIds[unit], description: "测试问题", ...input },
  });
  if (res.statusCode === 201) {
    const confirmed = await office.request({ method: "POST", url: url(`/findings/${res.json().id}/confirm`) });
    expect(confirmed.statusCode).toBe(200);
  }
  return res;
}

async function measure(unit: string, fact: string, value: number | boolean) {
  const res = await office.request({ method: "PUT", url: url("/measurements"), payload: { unitId: campaign.unitIds[unit], fact, value } });
  expect(res.statusCode).toBe(200);
}

async function unitScore(unit: string) {
  const res = await office.request({ method: "GET", url: url(`/units/${campaign.unitIds[unit]}/score`) });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    unit: { indicators: { code: string; points: string | null; trace: { ruleId: string; arithmetic: string }[] }[] };
    sources: Record<string, { findingIds: string[] }>;
  };
}
const indicator = async (unit: string, code: string) => (await unitScore(unit)).unit.indicators.find((i) => i.code === code)!;

describe("同一宣传内容取最高分 through findings", () => {
  it("refuses a finding on such a rule without its subject, naming the field", async () => {
    const res = await record("A", { indicatorCode: "8.1", ruleId: "gs-8.1-a1", sourceLevel: "national" });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: ["body", "subject"], message: expect.stringContaining("须填写所涉内容") }]);
  });

  it("two contents add up: 「一件事」中央级 2 and 市级 1.5 → 2; 「帮代办」领跑者 3 → 3; 8.1 = 5", async () => {
    expect((await record("A", { indicatorCode: "8.1", ruleId: "gs-8.1-a1", sourceLevel: "national", subject: "一件事" })).statusCode).toBe(
      201,
    );
    expect((await record("A", { indicatorCode: "8.1", ruleId: "gs-8.1-a3", sourceLevel: "city", subject: "一件事" })).statusCode).toBe(201);
    expect((await record("A", { indicatorCode: "8.1", ruleId: "gs-8.1-a4", subject: "帮代办" })).statusCode).toBe(201);
    const score = await unitScore("A");
    const row = score.unit.indicators.find((i) => i.code === "8.1")!;
    expect(row.points).toBe("5");
    expect(row.trace[0]!.arithmetic).toContain("「一件事」");
    expect(row.trace[0]!.arithmetic).toContain("；合计 5");
    // The subject is kept on the finding and shown in its view.
    const list = await office.request({ method: "GET", url: url(`/findings?unitId=${campaign.unitIds.A}&indicatorCode=8.1`) });
    expect(
      list
        .json()
        .rows.map((f: { subject: string }) => f.subject)
        .sort(),
    ).toEqual(["一件事", "一件事", "帮代办"]);
  });
});

describe("每发现一起扣1-3分 through findings", () => {
  it("takes one amount per finding within 1–3 and refuses one outside it: 1 + 1.5 → 2.3.2 = 3 − 2.5 = 0.5", async () => {
    const outside = await record("B", { indicatorCode: "2.3.2", ruleId: "gs-2.3.2-a", points: "4" });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].path).toEqual(["body", "points"]);
    expect((await record("B", { indicatorCode: "2.3.2", ruleId: "gs-2.3.2-a", points: "1", description: "投诉一" })).statusCode).toBe(201);
    expect((await record("B", { indicatorCode: "2.3.2", ruleId: "gs-2.3.2-a", points: "1.5", description: "曝光一" })).statusCode).toBe(
      201,
    );
    const score = await unitScore("B");
    const row = score.unit.indicators.find((i) => i.code === "2.3.2")!;
    expect(row.points).toBe("0.5");
    expect(row.trace[0]!.arithmetic).toBe("第 1 起 1：投诉一；第 2 起 1.5：曝光一；合计 2.5");
    expect(score.sources["manual:gs-2.3.2-a"]!.findingIds).toHaveLength(2);
  });
});

describe("the lowest within 进驻单位, and the peers' average", () => {
  it("没有进驻大厅的部门按进驻单位最低得分计分: A 90, B 80 (进驻), street J 60 → N without a score gets 80 → 2.4", async () => {
    await measure("A", "window_annual_score", 90);
    await measure("B", "window_annual_score", 80);
    await measure("J", "window_annual_score", 60);
    const n = await indicator("N", "2.3.1");
    expect(n.points).toBe("2.4");
    expect(n.trace[0]!.arithmetic).toBe("无成绩，按「进驻单位」最低 80 ÷ 100 × 3 = 2.4");
    expect((await indicator("J", "2.3.1")).points).toBe("1.8");
  });

  it("与样本框无关联的部门在平均分基础上下浮1分: A 5, B 5, J 5 − 2 × 0.5 = 4 → N (unrelated) (5 + 5 + 4) ÷ 3 − 1 = 3.6667", async () => {
    const complaints = await record("J", { indicatorCode: "7.1", ruleId: "gs-7.1-d", count: 2 });
    expect(complaints.statusCode).toBe(201);
    await measure("N", "business_env_sample_unrelated", true);
    const n = await indicator("N", "7.1");
    expect(n.points).toBe("3.6667");
    expect(n.trace.map((s) => s.ruleId)).toEqual(["gs-7.1-c"]);
    expect(n.trace[0]!.arithmetic).toMatch(/^同类单位 3 家平均 \(.+ 5 \+ .+ 5 \+ .+ 4\) ÷ 3 = 4\.6667；4\.6667 − 1 = 3\.6667/);
  });
});
