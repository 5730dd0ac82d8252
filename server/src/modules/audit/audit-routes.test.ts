import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCampaign } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

describe("audit log as a reader sees it", () => {
  let server: TestServer;
  let admin: Client;
  let office: Client;
  let campaignId: string;
  let findingId: string;

  beforeAll(async () => {
    server = await startTestServer();
    await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
    await makeUnit(server, { code: "A", kind: "district", parentCode: "R", name: "甲区" });
    await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
    await makeUser(server, { username: "office1", unitCode: "R", roles: ["assessment_admin"] });
    await makeUser(server, { username: "liaison1", unitCode: "A", roles: ["unit_liaison"] });
    admin = await login(server, "admin1");
    office = await login(server, "office1");
    const campaign = await makeTestCampaign(server, { unitCodes: ["A"], stage: "appeal" });
    campaignId = campaign.campaignId;
    findingId = campaign.findingId!;
  });
  afterAll(() => server?.close());

  const list = async (query: string) => (await admin.request({ method: "GET", url: `/api/audit?${query}` })).json();

  it("names the campaign, the unit and the finding a record is about, not their ids", async () => {
    const campaign = await list(`entityId=${campaignId}&action=campaign.appeal`);
    expect(campaign.rows[0].entityName).toMatch(/^测试考核 \d+$/);
    const finding = await list(`entityId=${findingId}&action=finding.confirm`);
    expect(finding.rows[0].entityName).toBe("甲区 沪审改通〔2026〕1号 办事指南要素缺失（市级通报）");
    const unit = await list("entityType=unit&action=unit.create");
    expect(unit.rows.map((r: { entityName: string }) => r.entityName).sort()).toEqual(["测试市", "甲区"]);
    const submission = await list("entityType=submission");
    // A submission is keyed "campaignId:unitId": named by both.
    expect(submission.rows[0].entityName).toMatch(/^测试考核 \d+ · 甲区$/);
  });

  it("exports the log to Excel with Chinese headers, labels and names, and audits the export", async () => {
    const res = await office.request({ method: "GET", url: `/api/audit/export?entityId=${findingId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("审计日志")!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([
      "序号",
      "时间",
      "操作人",
      "操作人单位",
      "IP 地址",
      "操作",
      "业务类型",
      "对象类型",
      "对象",
      "变更内容",
      "原因",
      "记录哈希",
    ]);
    const rows = sheet.getSheetValues().slice(2) as (string | number)[][];
    const actions = rows.map((row) => row[6]);
    expect(actions).toEqual(["确认扣分事项", "新增扣分事项"]);
    const confirm = rows[0]!;
    expect(confirm[7]).toBe("确认");
    expect(confirm[8]).toBe("扣分事项");
    expect(confirm[9]).toBe("甲区 沪审改通〔2026〕1号 办事指南要素缺失（市级通报）");
    expect(confirm[10]).toContain("状态：草稿 → 已确认");
    const exported = await list("action=audit.export");
    expect(exported.rows[0]).toMatchObject({ actorName: expect.any(String), businessType: "export", after: { count: 2 } });
  });

  it("lets only holders of 导出审计日志 export", async () => {
    const liaison = await login(server, "liaison1");
    expect((await liaison.request({ method: "GET", url: "/api/audit/export" })).statusCode).toBe(403);
  });
});
