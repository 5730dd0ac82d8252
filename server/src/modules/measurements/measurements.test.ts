import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCampaign, unitIdOf } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer, workbook } from "../../test/harness.ts";
import { livePoints } from "../findings/testing.ts";

let server: TestServer;
let office: Client;
let reviewer: Client;
let liaison: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  for (const code of ["D1", "D2"]) await makeUnit(server, { code, parentCode: "R", kind: "district" });
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "rev", unitCode: "R", roles: ["reviewer"] });
  await makeUser(server, { username: "liaison1", unitCode: "D1", roles: ["unit_liaison"] });
  office = await login(server, "office");
  reviewer = await login(server, "rev");
  liaison = await login(server, "liaison1");
}, 120_000);
afterAll(() => server?.close());

const campaign = (stage: "reporting" | "reviewing" | "appeal" = "reviewing") =>
  makeTestCampaign(server, { unitCodes: ["D1", "D2"], stage, reviewers: ["rev"] });

const put = (client: Client, campaignId: string, payload: object) =>
  client.request({ method: "PUT", url: `/api/campaigns/${campaignId}/measurements`, payload });

const list = async (client: Client, campaignId: string) =>
  (await client.request({ method: "GET", url: `/api/campaigns/${campaignId}/measurements` })).json();

describe("measurements", () => {
  it("sets a rate (85 → 1.2 loses 1 point), replaces it, and removes it with null", async () => {
    const c = await campaign();
    const d1 = c.unitIds.D1!;
    expect(await livePoints(server, c.campaignId, "D1", "1.2")).toBe("4");
    const saved = await put(reviewer, c.campaignId, { unitId: d1, fact: "online_rate", value: 85, note: "省平台数据" });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().measurement).toMatchObject({
      unitCode: "D1",
      fact: "online_rate",
      factLabel: "网办率",
      value: 85,
      note: "省平台数据",
      updatedBy: "rev",
    });
    expect(await livePoints(server, c.campaignId, "D1", "1.2")).toBe("3");
    await put(reviewer, c.campaignId, { unitId: d1, fact: "online_rate", value: 89 });
    expect(await livePoints(server, c.campaignId, "D1", "1.2")).toBe("3.8");
    expect((await list(reviewer, c.campaignId)).total).toBe(1);
    const cleared = await put(reviewer, c.campaignId, { unitId: d1, fact: "online_rate", value: null });
    expect(cleared.json()).toEqual({ measurement: null });
    expect(await livePoints(server, c.campaignId, "D1", "1.2")).toBe("4");
    expect((await list(reviewer, c.campaignId)).total).toBe(0);
  });

  it("sets a flag: exposure halves 2.2", async () => {
    const c = await campaign();
    await put(reviewer, c.campaignId, { unitId: c.unitIds.D2, fact: "exposed", value: true });
    expect(await livePoints(server, c.campaignId, "D2", "2.2")).toBe("2.5");
  });

  it("names the field of each mistake", async () => {
    const c = await campaign();
    const d1 = c.unitIds.D1!;
    const cases: [object, string, string][] = [
      [{ unitId: d1, fact: "problem", value: 2 }, "fact", "由问题台账累计"],
      [{ unitId: d1, fact: "nothing", value: 2 }, "fact", "事实 nothing 不在"],
      [{ unitId: d1, fact: "exposed", value: 1 }, "value", "应为“是”或“否”"],
      [{ unitId: d1, fact: "online_rate", value: true }, "value", "应为数值"],
      [{ unitId: await unitIdOf(server, "R"), fact: "online_rate", value: 90 }, "unitId", "单位不在本次考核中"],
    ];
    for (const [payload, field, text] of cases) {
      const res = await put(reviewer, c.campaignId, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0]).toMatchObject({ path: ["body", field] });
      expect(res.json().details[0].message).toContain(text);
    }
    expect((await list(reviewer, c.campaignId)).total).toBe(0);
  });

  it("is recorded while reviewing (the office also later), and each unit sees only its own", async () => {
    const reporting = await campaign("reporting");
    expect((await put(reviewer, reporting.campaignId, { unitId: reporting.unitIds.D1, fact: "online_rate", value: 80 })).statusCode).toBe(
      409,
    );
    const appeal = await campaign("appeal");
    expect((await put(reviewer, appeal.campaignId, { unitId: appeal.unitIds.D1, fact: "online_rate", value: 80 })).statusCode).toBe(409);
    expect((await put(office, appeal.campaignId, { unitId: appeal.unitIds.D1, fact: "online_rate", value: 80 })).statusCode).toBe(200);
    expect((await put(liaison, appeal.campaignId, { unitId: appeal.unitIds.D1, fact: "online_rate", value: 99 })).statusCode).toBe(403);
    await put(office, appeal.campaignId, { unitId: appeal.unitIds.D2, fact: "online_rate", value: 70 });
    expect((await list(office, appeal.campaignId)).total).toBe(2);
    const own = await list(liaison, appeal.campaignId);
    expect(own.rows.map((r: { unitCode: string; value: number }) => [r.unitCode, r.value])).toEqual([["D1", 80]]);
  });
});

describe("measurement import", () => {
  const HEADERS = ["单位编码", "事实", "数值", "备注"];
  const upload = async (campaignId: string, rows: (string | number)[][]) => {
    const body = multipart(await workbook(HEADERS, rows, "测评数据"), "measurements.xlsx");
    return reviewer.request({
      method: "POST",
      url: `/api/campaigns/${campaignId}/measurements/import`,
      payload: body.payload,
      headers: body.headers,
    });
  };

  it("offers a template with the measurable facts and drop-downs", async () => {
    const c = await campaign();
    const res = await reviewer.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/measurements/import-template` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("测评数据")!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(["单位编码*", "事实*", "数值*", "备注"]);
    expect(sheet.getCell("B2").dataValidation.formulae?.[0]).toBe("'事实'!$A$2:$A$3");
    const facts: string[] = [];
    wb.getWorksheet("事实")!.eachRow((row, n) => {
      if (n > 1) facts.push(String(row.getCell(1).value));
    });
    expect(facts).toEqual(["exposed", "online_rate"]);
  });

  it("refuses the whole file over a bad row, and saves a good one", async () => {
    const c = await campaign();
    const bad = await upload(c.campaignId, [
      ["D1", "online_rate", 85, ""],
      ["D2", "problem", 3, ""],
      ["D2", "被媒体曝光", "也许", ""],
      ["D1", "网办率", 80, "重复"],
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.map((d: { row: number; column: string }) => `${d.row}:${d.column}`)).toEqual(["3:事实", "4:数值", "5:事实"]);
    expect((await list(reviewer, c.campaignId)).total).toBe(0);

    const good = await upload(c.campaignId, [
      ["D1", "网办率", "85%", "按百分数"],
      ["D2", "exposed", "是", ""],
    ]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ saved: 2 });
    expect(await livePoints(server, c.campaignId, "D1", "1.2")).toBe("3");
    expect(await livePoints(server, c.campaignId, "D2", "2.2")).toBe("2.5");
  });
});
