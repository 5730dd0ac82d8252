import { guideCheck, LINK_CHECK_ID, type ServiceGuide } from "@kaoping/core";
import { desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, guideDefects, serviceItems, units } from "../../platform/db/schema.ts";
import { faultyGuide, fixedGuide, guideItem } from "../../test/guides.ts";
import {
  asSystem,
  type Client,
  login,
  makeUnit,
  makeUnitTree,
  makeUser,
  multipart,
  startTestServer,
  type TestServer,
} from "../../test/harness.ts";
import { closeGuideDefect, type DefectView } from "./corrections.ts";

let server: TestServer;
let office: Client;
const ids = new Map<string, string>();
const unit = (code: string) => ids.get(code)!;

beforeAll(async () => {
  server = await startTestServer();
  for (const [code, id] of await makeUnitTree(server)) ids.set(code, id);
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  office = await login(server, "office");
}, 120_000);
afterAll(() => server?.close());

/** A new version of the guide, imported through the API as Kaoping JSON into the unit. */
async function importGuide(guide: ServiceGuide, unitCode: string) {
  const body = multipart(Buffer.from(JSON.stringify({ guides: [guide] })), "guides.json", {
    format: "kaoping",
    channel: "online",
    unitId: unit(unitCode),
  });
  const res = await office.request({ method: "POST", url: "/api/guides/import", payload: body.payload, headers: body.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { versionsCreated: number; defectsOpened: number; defectsClosed: number };
}

async function itemIdOf(guide: ServiceGuide): Promise<string> {
  const [row] = await server.database.db
    .select({ id: serviceItems.id })
    .from(serviceItems)
    .where(eq(serviceItems.code, guide.implementationCode));
  return row!.id;
}

async function defects(client: Client, query: string): Promise<{ total: number; rows: DefectView[] }> {
  const res = await client.request({ method: "GET", url: `/api/guides/defects?pageSize=500&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Who owns each of an item's open defects, by element. */
async function ownersOf(itemId: string): Promise<Record<string, string[]>> {
  const owners: Record<string, string[]> = {};
  for (const d of (await defects(office, `itemId=${itemId}&status=open`)).rows)
    owners[d.element] = [...(owners[d.element] ?? []), d.ownerUnitName];
  return owners;
}

async function putSettings(ownership: Record<string, string>) {
  const res = await office.request({ method: "PUT", url: "/api/guides/settings", payload: { weights: {}, ownership } });
  expect(res.statusCode, res.body).toBe(200);
}

describe("routing", () => {
  it("sends substantive elements to the line unit and procedural ones to the item's unit; settings move new defects", async () => {
    const faulty = faultyGuide(1);
    await importGuide(fixedGuide(faulty), "A1");
    const itemId = await itemIdOf(faulty);
    const patch = await office.request({ method: "PATCH", url: `/api/guides/items/${itemId}`, payload: { lineUnitId: unit("R") } });
    expect(patch.statusCode, patch.body).toBe(200);

    expect((await importGuide(faulty, "A1")).defectsOpened).toBe(4);
    expect(await ownersOf(itemId)).toEqual({ legalBasis: ["单位 R"], phoneAccuracy: ["单位 A1", "单位 A1"], processSteps: ["单位 A1"] });
    const legal = (await defects(office, `itemId=${itemId}&element=legalBasis`)).rows[0]!;
    expect(legal).toMatchObject({
      ownership: "substantive",
      ownershipLabel: "实体性要素",
      ownerUnitId: unit("R"),
      elementLabel: "设定依据",
    });
    expect((await defects(office, `itemId=${itemId}&element=processSteps`)).rows[0]!.ownershipLabel).toBe("程序性要素");

    // The office makes phone numbers the line department's: defects opened from now on follow.
    await putSettings({ phoneAccuracy: "substantive" });
    try {
      expect((await importGuide(fixedGuide(faulty), "A1")).defectsClosed).toBe(4);
      await importGuide(faulty, "A1");
      expect(await ownersOf(itemId)).toEqual({ legalBasis: ["单位 R"], phoneAccuracy: ["单位 R", "单位 R"], processSteps: ["单位 A1"] });
    } finally {
      await putSettings({});
    }
  });
});

describe("recheck", () => {
  it("closes the defects a fixed version no longer has, naming that version, and the queue shows it", async () => {
    const faulty = faultyGuide(2);
    expect(await importGuide(faulty, "A1")).toMatchObject({ versionsCreated: 1, defectsOpened: 4 });
    const itemId = await itemIdOf(faulty);
    const open = await defects(office, `itemId=${itemId}`);
    expect(open.total).toBe(4);
    expect(open.rows.every((d) => d.status === "open" && d.closedVersion === null && d.closedAt === null)).toBe(true);
    const legal = open.rows.find((d) => d.checkId === "G-BASIC-27")!;
    expect(legal).toMatchObject({
      path: "legalBases.1.article",
      itemCode: faulty.implementationCode,
      itemName: faulty.name,
      channel: "online",
    });
    expect(legal.message).toBe(guideCheck("G-BASIC-27")!.message.zh);
    expect(legal.fix).toBe(guideCheck("G-BASIC-27")!.fix.zh);

    expect(await importGuide(fixedGuide(faulty), "A1")).toMatchObject({ versionsCreated: 1, defectsOpened: 0, defectsClosed: 4 });
    expect((await defects(office, `itemId=${itemId}&status=open`)).total).toBe(0);
    const closed = await defects(office, `itemId=${itemId}&status=closed`);
    expect(closed.rows.map((d) => [d.checkId, d.closedVersion, d.statusLabel])).toEqual(
      expect.arrayContaining([
        ["G-BASIC-25", 2, "已整改"],
        ["G-BASIC-25", 2, "已整改"],
        ["G-BASIC-27", 2, "已整改"],
        ["G-CONT-09", 2, "已整改"],
      ]),
    );
    expect(closed.rows.every((d) => d.closedAt !== null)).toBe(true);
  });
});

describe("修改建议汇总表", () => {
  const headersOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);
  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const headers = headersOf(sheet);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [String(h), row.getCell(i + 1).value])));
    });
    return rows;
  };

  it("gives each owner unit its own sheet with Chinese headers and labels, and is audited", async () => {
    const faulty = faultyGuide(3);
    await importGuide(fixedGuide(faulty), "A1");
    const itemId = await itemIdOf(faulty);
    await office.request({ method: "PATCH", url: `/api/guides/items/${itemId}`, payload: { lineUnitId: unit("R") } });
    await importGuide(faulty, "A1");

    const res = await office.request({ method: "GET", url: `/api/guides/defects/export?itemId=${itemId}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(decodeURIComponent(String(res.headers["content-disposition"]))).toContain("修改建议汇总表");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["单位 A1", "单位 R"]);
    const header = [
      "序号",
      "事项编码",
      "事项名称",
      "渠道",
      "要素",
      "要素类别",
      "问题",
      "位置",
      "详情",
      "修改建议",
      "依据",
      "状态",
      "发现时间",
    ];
    for (const sheet of wb.worksheets) expect(headersOf(sheet)).toEqual(header);

    const district = rowsOf(wb.getWorksheet("单位 A1")!);
    expect(district.map((r) => r.序号)).toEqual([1, 2, 3]);
    expect(district.map((r) => r.要素).sort()).toEqual(["流程环节完备性", "电话准确性", "电话准确性"].sort());
    expect(new Set(district.map((r) => r.要素类别))).toEqual(new Set(["程序性要素"]));

    const [line] = rowsOf(wb.getWorksheet("单位 R")!);
    expect(line).toMatchObject({
      序号: 1,
      事项编码: faulty.implementationCode,
      事项名称: faulty.name,
      渠道: "网上（门户网站）",
      要素: "设定依据",
      要素类别: "实体性要素",
      问题: guideCheck("G-BASIC-27")!.message.zh,
      位置: "legalBases.1.article",
      修改建议: guideCheck("G-BASIC-27")!.fix.zh,
      依据: guideCheck("G-BASIC-27")!.seed,
      状态: "待整改",
    });
    expect(String(line!.发现时间)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const [audit] = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "guide.defects.export"))
      .orderBy(desc(auditLog.seq));
    expect(audit).toMatchObject({ businessType: "export", actorName: "office", after: { count: 4, filters: { itemId } } });
  });

  it("answers a workbook with headers only when nothing matches", async () => {
    const res = await office.request({ method: "GET", url: `/api/guides/defects/export?element=feeBasis` });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets).toHaveLength(1);
    expect(wb.worksheets[0]!.rowCount).toBe(1);
  });
});

describe("确认书", () => {
  it("is refused while the unit owns open defects, then records what was closed and prints it escaped", async () => {
    await makeUnit(server, { code: "C1", parentCode: "A", kind: "department" });
    await makeUser(server, { username: "leader_c1", unitCode: "C1", roles: ["unit_leader"] });
    await makeUser(server, { username: "liaison_c1", unitCode: "C1", roles: ["unit_liaison"] });
    const [c1] = await server.database.db.select().from(units).where(eq(units.code, "C1"));
    ids.set("C1", c1!.id);
    const leader = await login(server, "leader_c1");
    const faulty = faultyGuide(4);
    await importGuide(faulty, "C1");

    const confirm = (note: string, unitId = unit("C1")) =>
      leader.request({ method: "POST", url: "/api/guides/confirmations", payload: { unitId, note } });
    const refused = await confirm("尚未整改");
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: "CONFLICT" });
    expect(refused.json().message).toContain("4 项");

    await importGuide(fixedGuide(faulty), "C1");
    const note = '已全部整改 <script>alert("x")</script> & 复核';
    const first = await confirm(note);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ unitId: unit("C1"), unitName: "单位 C1", closedDefects: 4, note, confirmedByName: "leader_c1" });
    // Only what was closed since the previous confirmation counts.
    const second = await confirm("复查无新问题");
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().closedDefects).toBe(0);

    const list = await leader.request({ method: "GET", url: `/api/guides/confirmations?unitId=${unit("C1")}` });
    expect(list.json().map((c: { closedDefects: number }) => c.closedDefects)).toEqual([0, 4]);

    const doc = await leader.request({ method: "GET", url: `/api/guides/confirmations/${first.json().id}/document` });
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.headers["content-type"]).toBe("text/html; charset=utf-8");
    for (const text of [
      "办事指南整改完成确认书",
      "单位 C1",
      "单位负责人签字",
      "单位盖章",
      "已整改 4 项",
      "设定依据",
      "第 2 版",
      faulty.name,
    ]) {
      expect(doc.body).toContain(text);
    }
    expect(doc.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 复核");
    expect(doc.body).not.toContain("<script>");

    // Outside the leader's scope, and without the permission.
    expect((await confirm("越权", unit("B"))).statusCode).toBe(404);
    const liaison = await login(server, "liaison_c1");
    expect(
      (await liaison.request({ method: "POST", url: "/api/guides/confirmations", payload: { unitId: unit("C1"), note: "" } })).statusCode,
    ).toBe(403);
    const outsider = await makeUser(server, { username: "liaison_b_doc", unitCode: "B", roles: ["unit_liaison"] }).then(() =>
      login(server, "liaison_b_doc"),
    );
    expect((await outsider.request({ method: "GET", url: `/api/guides/confirmations/${first.json().id}/document` })).statusCode).toBe(404);
    expect((await outsider.request({ method: "GET", url: `/api/guides/confirmations?unitId=${unit("C1")}` })).statusCode).toBe(404);
  });
});

describe("data scope", () => {
  it("shows a unit liaison only its own unit's defects", async () => {
    await guideItem(server, unit("B1"), 5);
    const a1Item = await guideItem(server, unit("A1"), 6);
    await makeUser(server, { username: "liaison_b1", unitCode: "B1", roles: ["unit_liaison"] });
    await makeUser(server, { username: "liaison_a1", unitCode: "A1", roles: ["unit_liaison"] });
    const b1 = await login(server, "liaison_b1");
    const a1 = await login(server, "liaison_a1");

    const seenByB1 = await defects(b1, "");
    expect(seenByB1.total).toBe(4);
    expect(new Set(seenByB1.rows.map((d) => d.ownerUnitId))).toEqual(new Set([unit("B1")]));
    const seenByA1 = await defects(a1, "");
    expect(seenByA1.rows.some((d) => d.ownerUnitId === unit("B1"))).toBe(false);
    expect(seenByA1.rows.some((d) => d.itemId === a1Item.itemId)).toBe(true);
    // A district sees what the city's line department must fix in its items (routing test above).
    expect(seenByA1.rows.some((d) => d.ownerUnitId === unit("R"))).toBe(true);

    expect((await b1.request({ method: "GET", url: `/api/guides/defects?itemId=${a1Item.itemId}` })).statusCode).toBe(404);
    const exported = await b1.request({ method: "GET", url: "/api/guides/defects/export" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["单位 B1"]);
  });
});

describe("closing by hand", () => {
  it("refuses a defect a check finds: only the recheck closes it", async () => {
    const { itemId } = await guideItem(server, unit("A1"), 7);
    const [defect] = (await defects(office, `itemId=${itemId}&status=open`)).rows;
    const res = await office.request({ method: "POST", url: `/api/guides/defects/${defect!.id}/close`, payload: { note: "已改" } });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toContain("由系统复检关闭");
    expect((await defects(office, `itemId=${itemId}&status=open`)).total).toBe(4);
    const liaison = await login(server, "liaison_a1");
    expect(
      (await liaison.request({ method: "POST", url: `/api/guides/defects/${defect!.id}/close`, payload: { note: "已改" } })).statusCode,
    ).toBe(403);
    const noNote = await office.request({ method: "POST", url: `/api/guides/defects/${defect!.id}/close`, payload: {} });
    expect(noNote.statusCode).toBe(400);
  });

  it("lets the office close a dead-link defect, with its note audited, where no link check will", async () => {
    const { itemId, guideId } = await guideItem(server, unit("A1"), 8);
    // What a link check left open; with KAOPING_LINK_CHECK=false nothing would ever close it.
    const [link] = await server.database.db
      .insert(guideDefects)
      .values({
        itemId,
        channel: "online",
        guideId,
        checkId: LINK_CHECK_ID,
        element: "links",
        severity: "error",
        path: "onlineUrl",
        detail: "连接失败：ENOTFOUND",
        ownership: "procedural",
        ownerUnitId: unit("A1"),
      })
      .returning({ id: guideDefects.id });
    const close = (client: Client, payload: unknown) =>
      client.request({ method: "POST", url: `/api/guides/defects/${link!.id}/close`, payload });

    expect((await close(office, {})).statusCode).toBe(400);
    expect((await close(office, { note: "   " })).statusCode).toBe(400);
    // The command asks for a note too, whoever calls it.
    await expect(asSystem(server, (ctx) => closeGuideDefect({ ctx, defectId: link!.id, note: " " }))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const liaison = await login(server, "liaison_a1");
    expect((await close(liaison, { note: "已改" })).statusCode).toBe(403);

    const closed = await close(office, { note: "网办地址已更正，人工核实可打开" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ id: link!.id, checkId: LINK_CHECK_ID, status: "closed", closedVersion: null });
    const [audit] = await server.database.db.select().from(auditLog).where(eq(auditLog.entityId, link!.id)).orderBy(desc(auditLog.seq));
    expect(audit).toMatchObject({ action: "guide.defect.close", actorName: "office", reason: "网办地址已更正，人工核实可打开" });
    expect(audit!.after).toMatchObject({ status: "closed", checkId: LINK_CHECK_ID });
    expect((await close(office, { note: "再关一次" })).statusCode).toBe(409);
    // The checker's own defects on the same item still wait for the recheck.
    const [content] = (await defects(office, `itemId=${itemId}&status=open`)).rows;
    expect(content!.checkId).not.toBe(LINK_CHECK_ID);
    expect(
      (await office.request({ method: "POST", url: `/api/guides/defects/${content!.id}/close`, payload: { note: "已改" } })).statusCode,
    ).toBe(409);
  });
});
