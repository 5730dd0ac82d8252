import type { TodoItem, TodoList } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePublishedFramework, makeTestCampaign } from "../../test/campaigns.ts";
import { asSystem, type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { frameworkWithResponsibilities } from "../responsibilities/test-framework.ts";
import { returnReport } from "../submissions/commands.ts";

let server: TestServer;
let liaison: Client;
let leader: Client;
let viewer: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
  await makeUnit(server, { code: "OFFICE", parentCode: "R", name: "考评办" });
  await makeUnit(server, { code: "U1", parentCode: "R", name: "一号局" });
  await makeUnit(server, { code: "U2", parentCode: "R", name: "二号局" });
  await makeUser(server, { username: "liaison1", unitCode: "U1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "leader1", unitCode: "U1", roles: ["unit_leader"] });
  await makeUser(server, { username: "viewer", unitCode: "R", roles: ["viewer"] });
  liaison = await login(server, "liaison1");
  leader = await login(server, "leader1");
  viewer = await login(server, "viewer");
});
afterAll(() => server?.close());

const todo = async (client: Client) => (await client.request({ method: "GET", url: "/api/todo" })).json() as TodoList;
const brief = (items: TodoItem[], campaignId: string) =>
  items.filter((i) => i.campaignId === campaignId).map((i) => [i.kind, i.unitName, i.title, i.detail, i.due, i.overdue]);

describe("to-do", () => {
  it("shows a returned report with its reason, and overdue milestones, to the liaison", async () => {
    const frameworkId = await makePublishedFramework(server, frameworkWithResponsibilities());
    const c = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "submitted", frameworkId });
    await asSystem(server, (ctx) => returnReport({ ctx, campaignId: c.campaignId, unitId: c.unitIds.U1!, reason: "缺少佐证材料" }));
    const list = await todo(liaison);
    expect(brief(list.items, c.campaignId)).toEqual([
      ["milestone", "一号局", "指标 1.1 事项管理：2020年6月底前完成事项梳理", null, "2020-06-30", true],
      ["report", "一号局", "自查报告被退回补正，请修改后重新提交", "缺少佐证材料", "2099-12-30", false],
    ]);
    const report = list.items.find((i) => i.kind === "report")!;
    expect(report.link).toBe(`/assess/campaigns/${c.campaignId}/units/${c.unitIds.U1}`);
    // The return notified the unit.
    expect(list.unreadNotifications).toBe(1);
    // A leader does not fill reports or milestones.
    expect(brief((await todo(leader)).items, c.campaignId)).toEqual([]);
  });

  it("asks the leader to confirm a submitted report", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "submitted" });
    expect(brief((await todo(leader)).items, c.campaignId)).toEqual([
      ["confirm", "一号局", "确认自查报告（加盖公章）", null, "2099-12-30", false],
    ]);
    expect(brief((await todo(liaison)).items, c.campaignId)).toEqual([]);
  });

  it("offers appeals on confirmed findings during the appeal window", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "appeal" });
    expect(brief((await todo(leader)).items, c.campaignId)).toEqual([
      ["appeal", "一号局", "1 条已确认的问题可在申诉期内提出申诉", null, "2099-12-31", false],
    ]);
  });

  it("has nothing for a read-only viewer", async () => {
    expect((await todo(viewer)).items).toEqual([]);
  });
});
