import { CASE_COLUMNS } from "@kaoping/core";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestSources } from "../../platform/db/schema.ts";
import { type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let office: Client;
let liaison: Client;
beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "CN-ZW" });
  await makeUser(server, { username: "office", unitCode: "CN-ZW", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison", unitCode: "CN-ZW", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaison = await login(server, "liaison");
});
afterAll(() => server.close());

const row = (caseNo: string, unitCode = "CN-ZW") =>
  [
    caseNo,
    "310105001",
    "",
    "",
    unitCode,
    "310105",
    "网上",
    "承诺件",
    "",
    "李雷",
    "",
    "",
    "2025-03-03 09:30",
    "",
    "",
    "",
    "",
    "5",
    "工作日",
    "0",
    "",
    "",
    "",
  ].join(",");
const file = `${Object.values(CASE_COLUMNS).join(",")}\n${row("API-1")}\n${row("API-2", "NOPE")}\n`;

async function upload(client: Client, content: string, fileName = "cases.csv") {
  const body = multipart(Buffer.from(content), fileName, { kind: "cases", source: "default" });
  return client.request({ method: "POST", url: "/api/cases/imports", payload: body.payload, headers: body.headers });
}

async function finished(id: string) {
  for (let i = 0; i < 100; i++) {
    const res = await office.request({ method: "GET", url: `/api/cases/imports/${id}` });
    if (!["queued", "running"].includes(res.json().status)) return res.json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("job did not finish");
}

describe("POST /api/cases/imports", () => {
  it("queues the file as a background job the worker runs; the quarantine lists and exports the refused row", async () => {
    const res = await upload(office, file);
    expect(res.statusCode).toBe(202);
    const job = await finished(res.json().id);
    expect(job).toMatchObject({ status: "succeeded", rowsRead: 2, rowsAccepted: 1, rowsQuarantined: 1, fileName: "cases.csv" });
    const quarantine = await office.request({ method: "GET", url: `/api/cases/imports/${job.id}/quarantine` });
    // The web reads both lists as Paged ({ total, rows }): an `items` answer left the import page empty.
    expect(quarantine.json()).toMatchObject({ total: 1, rows: [{ line: 3, unitCode: "NOPE", reasons: [{ reason: "unknown_unit" }] }] });
    const xlsx = await office.request({ method: "GET", url: `/api/cases/imports/${job.id}/quarantine.xlsx` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1, 5)).toEqual(["行号", "部门编码", "部门", "问题"]);
    expect(String(sheet.getRow(2).getCell(4).value)).toContain("受理部门编码不存在");
    const list = await office.request({ method: "GET", url: "/api/cases/imports" });
    expect(list.json()).toMatchObject({ total: 1, rows: [{ id: job.id, fileName: "cases.csv" }] });
  });

  it("answers a structural error on the job, naming the line and column", async () => {
    const res = await upload(office, `${Object.values(CASE_COLUMNS).join(",")}\n`);
    const job = await finished(res.json().id);
    expect(job).toMatchObject({ status: "failed", error: { line: 2 } });
    expect(job.error.message).toContain("只有表头");
  });

  it("is the office's: a liaison may not import", async () => {
    expect((await upload(liaison, file)).statusCode).toBe(403);
  });

  it("refuses a liaison the job list, naming the permission in Chinese and its code only in the details", async () => {
    const res = await liaison.request({ method: "GET", url: "/api/cases/imports" });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: "FORBIDDEN",
      message: "缺少权限：导入办件数据",
      details: [{ path: ["permission"], message: "case:record:import" }],
    });
  });

  it("offers the template with the Chinese headers", async () => {
    const res = await office.request({ method: "GET", url: "/api/cases/import-template?kind=cases&format=csv" });
    expect(res.body.replace("\uFEFF", "").split("\r\n")[0]).toBe(Object.values(CASE_COLUMNS).join(","));
  });

  it("lists the registered sources beside the jobs, the built-in default first (what the 数据来源 select offers)", async () => {
    const before = (await office.request({ method: "GET", url: "/api/cases/imports" })).json();
    expect(before.sources).toEqual([{ code: "default", name: "默认导入模板", isDefault: true }]);
    await server.database.db
      .insert(ingestSources)
      .values({ code: "hall-b", name: "政务大厅B系统", kind: "cases", mapping: { columns: { caseNo: "ID" } } });
    const after = (await office.request({ method: "GET", url: "/api/cases/imports" })).json();
    expect(after.sources.map((s: { code: string; isDefault: boolean }) => [s.code, s.isDefault])).toEqual([
      ["default", true],
      ["hall-b", false],
    ]);
  });
});
