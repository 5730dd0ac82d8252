import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  login,
  makeUnit,
  makeUser,
  multipart,
  startTestServer,
  type TestServer,
  UNIT_HEADERS,
  workbook,
} from "../../test/harness.ts";

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
  await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
  admin = await login(server, "admin1");
});
afterAll(() => server?.close());

async function upload(client: Client, file: Buffer, updateExisting = false) {
  const body = multipart(file);
  return client.request({
    method: "POST",
    url: `/api/units/import?updateExisting=${updateExisting}`,
    payload: body.payload,
    headers: body.headers,
  });
}

async function unitCount(client: Client): Promise<number> {
  return (await client.request({ method: "GET", url: "/api/units?pageSize=1" })).json().total;
}

interface Detail {
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

describe("unit import", () => {
  it("offers a template with the headers, drop-downs and instructions", async () => {
    const res = await admin.request({ method: "GET", url: "/api/units/import-template" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("单位导入模板.xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("单位")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "单位编码*",
      "单位名称*",
      "简称",
      "单位类型*",
      "上级单位编码",
      "参照评估单位",
      "状态",
      "排序",
    ]);
    expect(sheet.getCell("D2").dataValidation.formulae?.[0]).toContain("部门");
    expect(wb.getWorksheet("填写说明")).toBeDefined();
  });

  it("imports rows whose parents come later in the file, with the import audited", async () => {
    const file = await workbook(UNIT_HEADERS, [
      ["D1", "甲区科委", "区科委", "部门", "D", "否", "正常", 2],
      ["D", "甲区人民政府", "甲区", "区", "R", "", "", 1],
      ["D2", "甲区档案局", "", "部门", "D", "是", "停用", ""],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 3, updated: 0, total: 3 });
    const under = await admin.request({ method: "GET", url: "/api/units?q=D&pageSize=50" });
    const byCode = Object.fromEntries(under.json().rows.map((u: { code: string }) => [u.code, u]));
    expect(byCode.D2.isReference).toBe(true);
    expect(byCode.D2.status).toBe("disabled");
    expect(byCode.D1.parentId).toBe(byCode.D.id);
    const log = await admin.request({ method: "GET", url: "/api/audit?businessType=import&pageSize=50" });
    const actions = log.json().rows.map((r: { action: string }) => r.action);
    expect(actions.filter((a: string) => a === "unit.import")).toHaveLength(3);
    expect(actions).toContain("unit.import.summary");
  });

  it("names sheet, row and column for every bad row, and writes nothing", async () => {
    const before = await unitCount(admin);
    const file = await workbook(UNIT_HEADERS, [
      ["E1", "好的一行", "", "部门", "R", "", "", ""],
      ["E2", "", "", "部门", "R", "", "", ""],
      ["E3", "未知类型", "", "星系", "R", "", "", ""],
      ["E4", "未知上级", "", "部门", "NOPE", "", "", ""],
      ["E1", "重复编码", "", "部门", "R", "", "", ""],
      ["E5", "坏排序", "", "部门", "R", "", "", "-3"],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(422);
    const details: Detail[] = res.json().details;
    expect(details).toContainEqual(expect.objectContaining({ sheet: "单位", row: 3, column: "单位名称" }));
    expect(details).toContainEqual(expect.objectContaining({ sheet: "单位", row: 4, column: "单位类型" }));
    expect(details).toContainEqual(expect.objectContaining({ sheet: "单位", row: 7, column: "排序" }));
    expect(await unitCount(admin)).toBe(before);
    // Cell-level errors are reported first; the cross-row checks see a clean sheet:
    const crossRow = await upload(
      admin,
      await workbook(UNIT_HEADERS, [
        ["E1", "好的一行", "", "部门", "R", "", "", ""],
        ["E4", "未知上级", "", "部门", "NOPE", "", "", ""],
        ["E1", "重复编码", "", "部门", "R", "", "", ""],
      ]),
    );
    const cross: Detail[] = crossRow.json().details;
    expect(cross).toContainEqual(expect.objectContaining({ row: 3, column: "上级单位编码" }));
    expect(cross).toContainEqual(expect.objectContaining({ row: 4, column: "单位编码", message: expect.stringContaining("第 2 行") }));
    expect(await unitCount(admin)).toBe(before);
  });

  it("reports a parent cycle on every row of the loop", async () => {
    const res = await upload(
      admin,
      await workbook(UNIT_HEADERS, [
        ["C1", "环一", "", "部门", "C3", "", "", ""],
        ["C2", "环二", "", "部门", "C1", "", "", ""],
        ["C3", "环三", "", "部门", "C2", "", "", ""],
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .details.map((d: Detail) => d.row)
        .sort(),
    ).toEqual([2, 3, 4]);
    expect(res.json().details[0].message).toContain("循环");
  });

  it("names a missing header column", async () => {
    const res = await upload(admin, await workbook(["单位编码", "简称", "单位类型"], [["X", "", "部门"]]));
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([expect.objectContaining({ sheet: "单位", row: 1, column: "单位名称" })]);
  });

  it("refuses a non-Excel file renamed .xlsx with 400, and an oversized file with 413", async () => {
    const fake = await upload(admin, Buffer.from("code,name\nX,不是Excel\n"));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().code).toBe("BAD_FILE");
    const zipButNotExcel = await upload(admin, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]));
    expect(zipButNotExcel.statusCode).toBe(400);
    const huge = await upload(admin, Buffer.alloc(6 * 1024 * 1024, 0x41));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("updates existing units only when asked to", async () => {
    const file = await workbook(UNIT_HEADERS, [["D1", "甲区科学技术委员会", "区科委", "部门", "D", "否", "正常", 2]]);
    const refused = await upload(admin, file, false);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details[0]).toMatchObject({ row: 2, column: "单位编码" });
    const updated = await upload(admin, file, true);
    expect(updated.json()).toEqual({ created: 0, updated: 1, total: 1 });
    const res = await admin.request({ method: "GET", url: "/api/units?q=D1" });
    expect(res.json().rows[0].name).toBe("甲区科学技术委员会");
  });

  it("lets a user scoped to a unit re-import its own export (its top unit stays under a parent it cannot see), but not move or add under it", async () => {
    // The office lets unit leaders (this unit and below) keep their subtree by Excel.
    const roles = (await admin.request({ method: "GET", url: "/api/roles" })).json() as { code: string; permissions: string[] }[];
    const leader = roles.find((r) => r.code === "unit_leader")!;
    const granted = ["system:unit:read", "system:unit:create", "system:unit:update", "system:unit:import", "system:unit:export"];
    const patched = await admin.request({
      method: "PATCH",
      url: "/api/roles/unit_leader",
      payload: { permissions: [...new Set([...leader.permissions, ...granted])] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await makeUser(server, { username: "leader_d", unitCode: "D", roles: ["unit_leader"] });
    const scoped = await login(server, "leader_d");
    const exported = await scoped.request({ method: "GET", url: "/api/units/export" });
    expect(exported.statusCode).toBe(200);
    const again = await upload(scoped, exported.rawPayload, true);
    expect(again.statusCode, again.body).toBe(200);
    // A new unit under the parent it cannot see is still refused, naming the row.
    const outside = await upload(scoped, await workbook(UNIT_HEADERS, [["DX", "新设单位", "", "部门", "R", "否", "正常", 9]]));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().details[0]).toMatchObject({ row: 2, column: "上级单位编码", message: "无权在单位「R」下导入" });
  });

  it("round-trips: export, import into an empty database, identical tree", async () => {
    const exported = await admin.request({ method: "GET", url: "/api/units/export" });
    expect(exported.statusCode).toBe(200);
    const other = await startTestServer();
    try {
      await makeUnit(other, { code: "SYS", kind: "other" });
      await makeUser(other, { username: "admin2", unitCode: "SYS", roles: ["sys_admin"] });
      const admin2 = await login(other, "admin2");
      const res = await upload(admin2, exported.rawPayload);
      expect(res.statusCode).toBe(200);
      const shape = async (client: Client) => {
        const rows = (await client.request({ method: "GET", url: "/api/units?pageSize=500" })).json().rows;
        const codeOf = new Map(rows.map((u: { id: string; code: string }) => [u.id, u.code]));
        return rows
          .filter((u: { code: string }) => u.code !== "SYS")
          .map((u: Record<string, unknown>) => ({
            code: u.code,
            name: u.name,
            shortName: u.shortName,
            kind: u.kind,
            parent: u.parentId ? codeOf.get(u.parentId as string) : null,
            isReference: u.isReference,
            status: u.status,
            sortOrder: u.sortOrder,
            depth: (u.path as string[]).length,
          }));
      };
      const original = await shape(admin);
      expect(original.map((u: { code: string }) => u.code).sort()).toEqual(["D", "D1", "D2", "R"]);
      expect(await shape(admin2)).toEqual(original);
    } finally {
      await other.close();
    }
  });
});
