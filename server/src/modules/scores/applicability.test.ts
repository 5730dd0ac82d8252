import { BUILTIN_FRAMEWORKS, type Scoreboard } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, campaignUnits } from "../../platform/db/schema.ts";
import { makePublishedFramework, makeTestCampaign, type TestCampaign } from "../../test/campaigns.ts";
import { asSystem, type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer } from "../../test/harness.ts";
import { confirmFinding, createFinding } from "../findings/commands.ts";

/**
 * Seed 004 (双鸭山 2017) over departments: 1.2 “网上政务服务工作纳入本县(区)委考核体系” applies
 * to counties only. A department that lost 1 point on 1.3 (“未按省、市要求制发相关文件…每项扣1分”)
 * has 14 of an applicable 15 on part 1, not “15 −5”; its base is 94 of 95, rescaled (the
 * template: “实行百分制”, proportional) to 94 × 100 ÷ 95 = 98.95.
 */
let server: TestServer;
let office: Client;
let liaison: Client;
let campaign: TestCampaign;
const shuangyashan = BUILTIN_FRAMEWORKS.find((f) => (f as { code: string }).code === "shuangyashan-internet-plus")!;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "SYS", kind: "city" });
  for (const code of ["SYS-D1", "SYS-D2", "SYS-TAX", "SYS-C1"]) await makeUnit(server, { code, kind: "department", parentCode: "SYS" });
  await makeUser(server, { username: "sys_office", unitCode: "SYS", roles: ["assessment_admin"] });
  await makeUser(server, { username: "sys_liaison", unitCode: "SYS-D1", roles: ["unit_liaison"] });
  office = await login(server, "sys_office");
  liaison = await login(server, "sys_liaison");
  const frameworkId = await makePublishedFramework(server, shuangyashan);
  campaign = await makeTestCampaign(server, {
    unitCodes: ["SYS-D1", "SYS-D2", "SYS-TAX", "SYS-C1"],
    stage: "reviewing",
    frameworkId,
    categories: { "SYS-D1": "city_body", "SYS-D2": "city_body", "SYS-TAX": "provincial_body", "SYS-C1": "county" },
  });
  const input = {
    unitId: campaign.unitIds["SYS-D1"]!,
    indicatorCode: "1.3",
    ruleId: "sys-1.3-a",
    count: 1,
    description: "未按省要求制发“互联网+政务服务”实施方案",
  };
  const draft = await asSystem(server, (ctx) => createFinding({ ctx, campaignId: campaign.campaignId, input }));
  await asSystem(server, (ctx) => confirmFinding({ ctx, campaignId: campaign.campaignId, findingId: draft.id }));
}, 120_000);
afterAll(() => server?.close());

const url = (tail: string) => `/api/campaigns/${campaign.campaignId}${tail}`;
const scoreboard = async () => (await office.request({ method: "GET", url: url("/scores") })).json() as Scoreboard;
const unitOf = (board: Scoreboard, code: string) => board.units.find((u) => u.unitCode === code)!;

describe("不适用 is not a loss (the reported defect)", () => {
  it("the matrix gives a department 14 of an applicable 15 on part 1 and 1.2 as 不适用; rescaled 98.95 ranks", async () => {
    const board = await scoreboard();
    const d1 = unitOf(board, "SYS-D1");
    expect(d1.indicators["1"]).toBe("14");
    expect(d1.indicators["1.2"]).toBeNull();
    expect(d1.reducedMax["1"]).toBe("15");
    expect(d1).toMatchObject({ base: "94", applicablePoints: "95", fullPoints: "100", rescaled: "98.95", rankScore: "98.95" });
    expect(d1.rescaleText).toBe("适用满分 95，得 94，折算 98.95（94 × 100 ÷ 95）");
    // D2 lost nothing: 95 of 95 → 100, ahead of the county's 100 of 100 by code only (a tie shares rank 1).
    expect(unitOf(board, "SYS-D2")).toMatchObject({ total: "95", rescaled: "100", rank: 1 });
    expect(unitOf(board, "SYS-C1")).toMatchObject({ total: "100", rescaled: "100", rank: 1 });
    expect(board.rescale).toEqual({ method: "proportional", rankBy: "rescaled" });
  });

  it("the unit report says 失分 1 on part 1 (not 6), marks 1.2 不适用 and prints the rescaling", async () => {
    const res = await liaison.request({ method: "GET", url: url(`/units/${campaign.unitIds["SYS-D1"]}/report.html`) });
    // Units see published results only: the office's preview shows the live one.
    const html =
      res.statusCode === 200
        ? res.body
        : (await office.request({ method: "GET", url: url(`/units/${campaign.unitIds["SYS-D1"]}/report.html`) })).body;
    const row = (code: string) =>
      html.match(new RegExp(`<tr class="level-\\d[^"]*">\\s*<td>${code.replace(".", "\\.")}</td>[\\s\\S]*?</tr>`))![0];
    expect(row("1")).toContain('<td class="num lost">1</td>');
    expect(row("1")).toContain("适用 15");
    expect(row("1.2")).toContain("不适用");
    expect(row("1.2")).toContain('<td class="num lost"></td>');
    expect(html).toContain("折算：适用满分 95，得 94，折算 98.95");
  });

  it("the score export has 适用满分 and 折算分 columns and writes 不适用 in the matrix", async () => {
    const res = await office.request({ method: "GET", url: url("/exports/scores.xlsx") });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ranking = workbook.getWorksheet("排名")!;
    const headers = (ranking.getRow(1).values as string[]).map((h) => String(h ?? "").replace("*", ""));
    const d1 = ranking.getRows(2, ranking.rowCount - 1)!.find((r) => r.getCell(headers.indexOf("单位编码")).text === "SYS-D1")!;
    expect(d1.getCell(headers.indexOf("适用满分")).value).toBe(95);
    expect(d1.getCell(headers.indexOf("折算分")).value).toBe(98.95);
    const matrix = workbook.getWorksheet("得分矩阵")!;
    const matrixHeaders = [...(matrix.getRow(1).values as string[])].map((h) => String(h ?? ""));
    const column = matrixHeaders.findIndex((h) => h.startsWith("1.2 "));
    const row = matrix.getRows(2, matrix.rowCount - 1)!.find((r) => r.getCell(1).text === "SYS-D1")!;
    expect(row.getCell(column).value).toBe("不适用");
  });

  it("the cockpit's heatmap measures part 1 against 15 (14 of 15), and its ranking carries 折算分", async () => {
    const cockpit = (await office.request({ method: "GET", url: url("/cockpit") })).json();
    const row = cockpit.heatmap.rows.find((r: { unitCode: string }) => r.unitCode === "SYS-D1");
    expect(row.cells.find((c: { code: string }) => c.code === "1")).toMatchObject({ points: "14", max: "15", ratio: 0.9333 });
    expect(cockpit.ranking.find((r: { unitCode: string }) => r.unitCode === "SYS-D1")).toMatchObject({ rescaled: "98.95" });
  });
});

describe("per-unit indicator selection (中省直单位 只考核“相关任务”)", () => {
  const taxId = () => campaign.unitIds["SYS-TAX"]!;

  it("chooses 2 and 3 for the tax bureau: only they apply, out of 40, rescaled to 100; audited", async () => {
    const res = await office.request({ method: "PUT", url: url(`/units/${taxId()}/indicators`), payload: { indicatorCodes: ["2", "3"] } });
    expect(res.statusCode).toBe(200);
    const tax = unitOf(await scoreboard(), "SYS-TAX");
    expect(tax.indicators["1"]).toBeNull();
    expect(tax.indicators["2"]).toBe("20");
    expect(tax).toMatchObject({ applicablePoints: "40", total: "40", rescaled: "100" });
    const units = (await office.request({ method: "GET", url: url("/units") })).json().rows;
    expect(units.find((u: { code: string }) => u.code === "SYS-TAX")).toMatchObject({ indicatorCodes: ["2", "3"], applicable: 9 });
    const [audit] = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "campaign.unit_indicators"));
    expect(audit!.after).toMatchObject({ unitCode: "SYS-TAX", indicatorCodes: ["2", "3"] });
  });

  it("refuses an unknown code and one the category excludes, naming the position; nothing changes", async () => {
    const res = await office.request({
      method: "PUT",
      url: url(`/units/${taxId()}/indicators`),
      payload: { indicatorCodes: ["2", "9.9", "1.2"] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([
      { path: ["body", "indicatorCodes", 1], message: "指标体系中没有编号为 9.9 的指标" },
      { path: ["body", "indicatorCodes", 2], message: expect.stringContaining("不适用于该单位的类别（在双中、省直有关单位）") },
    ]);
    const [row] = await server.database.db
      .select()
      .from(campaignUnits)
      .where(and(eq(campaignUnits.campaignId, campaign.campaignId), eq(campaignUnits.unitId, taxId())));
    expect(row!.indicatorCodes).toEqual(["2", "3"]);
  });

  it("a choice made while the campaign is a draft survives opening it (opening refreezes the units, not the choices)", async () => {
    const frameworkId = await makePublishedFramework(server, shuangyashan);
    const draft = await makeTestCampaign(server, {
      unitCodes: ["SYS-D1", "SYS-TAX"],
      stage: "draft",
      frameworkId,
      categories: { "SYS-D1": "city_body", "SYS-TAX": "provincial_body" },
    });
    const draftUrl = `/api/campaigns/${draft.campaignId}`;
    const chosen = await office.request({
      method: "PUT",
      url: `${draftUrl}/units/${draft.unitIds["SYS-TAX"]}/indicators`,
      payload: { indicatorCodes: ["2", "3"] },
    });
    expect(chosen.statusCode).toBe(200);
    const opened = await office.request({ method: "POST", url: `${draftUrl}/transition`, payload: { to: "reporting" } });
    expect(opened.statusCode).toBe(200);
    const board = (await office.request({ method: "GET", url: `${draftUrl}/scores` })).json() as Scoreboard;
    expect(unitOf(board, "SYS-TAX")).toMatchObject({ applicablePoints: "40" });
    expect(unitOf(board, "SYS-TAX").indicators["1"]).toBeNull();
  });

  it("a liaison may not choose indicators", async () => {
    const res = await liaison.request({ method: "PUT", url: url(`/units/${taxId()}/indicators`), payload: { indicatorCodes: null } });
    expect(res.statusCode).toBe(403);
  });

  it("imports choices from Excel all-or-nothing: a bad row names sheet, row and column and writes nothing; a good file saves every row", async () => {
    const template = await office.request({ method: "GET", url: url("/unit-indicators/template") });
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("适用指标")!;
    const rowOf = (code: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).text === code)!;
    expect(rowOf("SYS-TAX").getCell(4).text).toBe("2、3");
    expect(rowOf("SYS-D1").getCell(4).text).toBe("全部");

    rowOf("SYS-TAX").getCell(4).value = "4、5.1";
    rowOf("SYS-D2").getCell(4).value = "1.2";
    const bad = await upload(workbook);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details).toEqual([
      { sheet: "适用指标", row: rowOf("SYS-D2").number, column: "适用指标", message: expect.stringContaining("指标 1.2") },
    ]);
    expect(unitOf(await scoreboard(), "SYS-TAX").applicablePoints).toBe("40");

    rowOf("SYS-D2").getCell(4).value = "全部";
    const good = await upload(workbook);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ saved: 4 });
    // 4 (20 points) and 5.1 (4 of part 5's 10): applicable 24; part 5 reads 4 of an applicable 4.
    const tax = unitOf(await scoreboard(), "SYS-TAX");
    expect(tax.indicators["2"]).toBeNull();
    expect(tax).toMatchObject({ applicablePoints: "24", total: "24", rescaled: "100" });
    expect(tax.reducedMax["5"]).toBe("4");
  });
});

async function upload(workbook: ExcelJS.Workbook) {
  const body = multipart(Buffer.from(await workbook.xlsx.writeBuffer()), "适用指标.xlsx");
  return office.request({ method: "POST", url: url("/unit-indicators/import"), ...body });
}
