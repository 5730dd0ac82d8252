import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCampaign } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer, workbook } from "../../test/harness.ts";
import { livePoints } from "./testing.ts";

let server: TestServer;
let reviewer: Client;

const HEADERS = ["单位编码", "指标编号", "细则编号", "事实", "来源层级", "次数", "分值", "通报文号", "发现日期", "问题描述"];
/** The template adds 所涉内容 (同一内容取最高分); a ledger without that optional column still imports (the uploads below). */
const TEMPLATE_HEADERS = [...HEADERS.slice(0, 7), "所涉内容", ...HEADERS.slice(7)];

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  for (const code of ["D1", "D2"]) await makeUnit(server, { code, parentCode: "R", kind: "district" });
  await makeUser(server, { username: "rev", unitCode: "R", roles: ["reviewer"] });
  reviewer = await login(server, "rev");
}, 120_000);
afterAll(() => server?.close());

const campaign = () => makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage: "reviewing", reviewers: ["rev"] });

async function upload(campaignId: string, rows: (string | number | null)[][], query = "") {
  const body = multipart(await workbook(HEADERS, rows, "问题台账"), "findings.xlsx");
  return reviewer.request({
    method: "POST",
    url: `/api/campaigns/${campaignId}/findings/import${query}`,
    payload: body.payload,
    headers: body.headers,
  });
}

const count = async (campaignId: string) =>
  (await reviewer.request({ method: "GET", url: `/api/campaigns/${campaignId}/findings` })).json().total as number;

describe("finding import template", () => {
  it("has the ledger sheet with drop-downs, every rule with what it needs, and the units", async () => {
    const c = await campaign();
    const res = await reviewer.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings/import-template` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ledger = wb.getWorksheet("问题台账")!;
    expect((ledger.getRow(1).values as string[]).slice(1).map((h) => h.replace("*", ""))).toEqual(TEMPLATE_HEADERS);
    expect(ledger.getCell("E2").dataValidation.formulae?.[0]).toBe('"区级,市级,省级,国家级,媒体,群众"');
    expect(ledger.getCell("A2").dataValidation.formulae?.[0]).toBe("'单位'!$A$2:$A$3");
    const rules = wb.getWorksheet("细则")!;
    const byId = new Map<string, string[]>();
    rules.eachRow((row, n) => {
      if (n > 1) byId.set(String(row.getCell(1).value), (row.values as string[]).slice(1));
    });
    expect([...byId.keys()].sort()).toEqual(["r-exposed", "r-late", "r-manual", "r-missing", "r-problem", "r-rate"]);
    expect(byId.get("r-problem")).toEqual([
      "r-problem",
      "1.1",
      "事项管理",
      "每发现一个问题，区级通报扣0.5分，市级通报扣1分",
      "填写次数与来源层级（区级 0.5 分、市级 1 分）",
    ]);
    expect(byId.get("r-manual")![4]).toBe("填写分值（0.5–3），问题描述即计分理由");
    expect(byId.get("r-rate")![4]).toContain("测评数据");
    expect(wb.getWorksheet("单位")!.getCell("A2").value).toBe("D1");
  });
});

describe("finding import", () => {
  it("refuses the whole file over one bad row, naming every error's row and column", async () => {
    const c = await campaign();
    const res = await upload(c.campaignId, [
      ["D1", "1.1", "r-problem", "", "市级", 1, "", "通〔2026〕1号", "2026-03-01", "指南缺失"],
      ["D2", "1.1", "r-rate", "", "市级", "", "", "", "", "细则不对"],
      ["D1", "2.2", "r-manual", "", "", "", "5", "", "", "分值超范围"],
      ["D9", "1.1", "r-problem", "", "县级", "两", "", "", "3月1日", "样样不对"],
      ["D2", "2.2", "r-exposed", "", "", "", "", "", "", "被曝光"],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("IMPORT_INVALID");
    const details = res.json().details.map((d: { row: number; column: string; sheet: string }) => `${d.sheet}!${d.row}:${d.column}`);
    expect(details).toEqual([
      "问题台账!3:细则编号",
      "问题台账!4:分值",
      "问题台账!5:来源层级",
      "问题台账!5:次数",
      "问题台账!5:发现日期",
      "问题台账!5:单位编码",
    ]);
    const messages = res.json().details.map((d: { message: string }) => d.message);
    expect(messages[0]).toBe("细则 r-rate 不属于指标 1.1");
    expect(messages[5]).toBe("单位不在本次考核中");
    expect(await count(c.campaignId)).toBe(0);
  });

  it("imports good rows as drafts, or confirmed with confirm=true so they count at once", async () => {
    const c = await campaign();
    const rows = [
      ["D1", "1.1", "r-problem", "", "区级", 2, "", "", "", "指南缺失"],
      ["D2", "2.2", "r-manual", "", "", "", "1.5", "", "", "回应迟缓"],
    ];
    const drafts = await upload(c.campaignId, rows);
    expect(drafts.statusCode, drafts.body).toBe(200);
    expect(drafts.json()).toEqual({ created: 2, status: "draft" });
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("6");
    const listed = (await reviewer.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/findings?status=draft` })).json();
    expect(listed.total).toBe(2);

    const confirmed = await upload(c.campaignId, rows, "?confirm=true");
    expect(confirmed.json()).toEqual({ created: 2, status: "confirmed" });
    expect(await livePoints(server, c.campaignId, "D1", "1.1")).toBe("5");
    expect(await livePoints(server, c.campaignId, "D2", "2.2")).toBe("3.5");
    expect(await count(c.campaignId)).toBe(4);
  });
});
