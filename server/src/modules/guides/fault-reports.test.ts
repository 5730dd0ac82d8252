import { randomUUID } from "node:crypto";
import { PUBLIC_REPORT_CHECK_ID } from "@kaoping/core";
import { desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, guideFaultReports, serviceItems } from "../../platform/db/schema.ts";
import { faultyGuide, fixedGuide, guideItem } from "../../test/guides.ts";
import { asSystem, type Client, login, makeUnitTree, makeUser, multipart, startTestServer, type TestServer } from "../../test/harness.ts";
import { updateRole } from "../roles/commands.ts";
import type { DefectView } from "./corrections.ts";
import { type FaultReportView, throttleKey } from "./fault-reports.ts";

const PER_HOUR = 3;
let server: TestServer;
let office: Client;
let reviewer: Client;
const ids = new Map<string, string>();
const unit = (code: string) => ids.get(code)!;
/** An item of A1 whose line unit is R, one of B1, and one of A1 without any guide version. */
let lined: { itemId: string; guideId: string };
let other: { itemId: string; guideId: string };
let bare: string;

beforeAll(async () => {
  server = await startTestServer({ faultReportsPerHour: PER_HOUR });
  for (const [code, id] of await makeUnitTree(server)) ids.set(code, id);
  await asSystem(server, (ctx) => updateRole({ ctx, code: "reviewer", input: { scopeUnitIds: [unit("A"), unit("A1")] } }));
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "reviewer", unitCode: "A", roles: ["reviewer"] });
  office = await login(server, "office");
  reviewer = await login(server, "reviewer");
  lined = await guideItem(server, unit("A1"), 1);
  await server.database.db
    .update(serviceItems)
    .set({ lineUnitId: unit("R") })
    .where(eq(serviceItems.id, lined.itemId));
  other = await guideItem(server, unit("B1"), 2);
  const [row] = await server.database.db
    .insert(serviceItems)
    .values({ code: "BARE-0001", name: "尚无指南的事项", unitId: unit("A1") })
    .returning({ id: serviceItems.id });
  bare = row!.id;
}, 120_000);
afterAll(() => server?.close());

/** A report from the public: no session, from the given address. */
function report(payload: Record<string, unknown>, ip = "198.51.100.1") {
  return server.app.inject({ method: "POST", url: "/api/public/guide-reports", payload, remoteAddress: ip });
}
const complaint = (extra: Record<string, unknown> = {}) => ({
  itemName: "固定资产投资项目节能审查",
  description: "咨询电话一直打不通，号码中间的横线是全角的",
  ...extra,
});

let reporters = 0;
/** A stored report's id; each from a new address unless one is given, so the hourly limit only bites where tested. */
async function reportId(payload: Record<string, unknown>, ip = `192.0.2.${++reporters}`): Promise<string> {
  const res = await report(payload, ip);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

function triage(client: Client, id: string, payload: Record<string, unknown>) {
  return client.request({ method: "POST", url: `/api/guides/fault-reports/${id}/triage`, payload });
}

async function defectsOf(itemId: string): Promise<DefectView[]> {
  const res = await office.request({ method: "GET", url: `/api/guides/defects?pageSize=500&itemId=${itemId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().rows;
}

async function queue(client: Client, query = ""): Promise<{ total: number; rows: FaultReportView[] }> {
  const res = await client.request({ method: "GET", url: `/api/guides/fault-reports?pageSize=500${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("throttleKey", () => {
  it("is the IPv4 address, or the /64 of an IPv6 one", () => {
    expect(throttleKey("198.51.100.1")).toBe("198.51.100.1");
    expect(throttleKey("::ffff:198.51.100.1")).toBe("198.51.100.1");
    expect(throttleKey("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(throttleKey("2001:0DB8:0000:0001:ffff:1:2:3")).toBe("2001:db8:0:1::/64");
    expect(throttleKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(throttleKey("")).toBe("");
  });
});

describe("找茬 search", () => {
  const search = (q: string) => server.app.inject({ method: "GET", url: `/api/public/guide-items?q=${encodeURIComponent(q)}` });

  it("finds items by name or code without a login, and nothing for an empty query", async () => {
    expect((await search("")).json()).toEqual([]);
    const byName = await search("节能审查（1）");
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json()).toEqual([
      { id: lined.itemId, code: faultyGuide(1).implementationCode, name: faultyGuide(1).name, unitName: "单位 A1" },
    ]);
    expect((await search(faultyGuide(2).implementationCode.slice(-6))).json().map((i: { id: string }) => i.id)).toEqual([other.itemId]);
    expect((await search("节能")).json()).toHaveLength(2);
    // LIKE's wildcards are text here.
    expect((await search("%")).json()).toEqual([]);
  });
});

describe("public reports", () => {
  it("stores a report without a login, audited as the public, with the IP only as a salted hash", async () => {
    const res = await report(complaint({ itemId: lined.itemId, element: "consultationPhone", contact: "13800000000" }), "198.51.100.1");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().message).toMatch(/^已收到您的反映/);
    const [row] = await server.database.db.select().from(guideFaultReports).where(eq(guideFaultReports.id, res.json().id));
    expect(row).toMatchObject({ itemId: lined.itemId, element: "consultationPhone", contact: "13800000000", status: "new" });
    expect(row!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.ipHash).not.toBe((await import("node:crypto")).createHash("sha256").update("198.51.100.1").digest("hex"));

    const [audit] = await server.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "guide.report.create"))
      .orderBy(desc(auditLog.seq));
    expect(audit).toMatchObject({ actorName: "公众（找茬）", actorId: null, ip: "198.51.100.1", entityId: row!.id });
    expect(audit!.after).toMatchObject({ itemId: lined.itemId, hasContact: true });
    expect(JSON.stringify(audit!.after)).not.toContain("13800000000");
  });

  it("keeps the name but not an id the system does not know", async () => {
    const id = await reportId(complaint({ itemId: randomUUID(), itemName: "不动产登记" }));
    const [row] = await server.database.db.select().from(guideFaultReports).where(eq(guideFaultReports.id, id));
    expect(row).toMatchObject({ itemId: null, itemName: "不动产登记" });
  });

  it("refuses an unusable report with the field named", async () => {
    const res = await report({ itemName: "事项", description: "太短" });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("description");
  });

  it(`takes at most ${PER_HOUR} reports per IP in a rolling hour`, async () => {
    const ip = "203.0.113.9";
    const sent: string[] = [];
    for (let i = 0; i < PER_HOUR; i++) sent.push(await reportId(complaint(), ip));
    const refused = await report(complaint(), ip);
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json()).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused.json().message).toContain(`每小时最多提交 ${PER_HOUR} 条`);
    expect((await report(complaint(), "203.0.113.10")).statusCode).toBe(201);

    // An hour later the earliest reports no longer count.
    await server.database.db
      .update(guideFaultReports)
      .set({ createdAt: sql`now() - interval '61 minutes'` })
      .where(inArray(guideFaultReports.id, sent));
    expect((await report(complaint(), ip)).statusCode).toBe(201);
  });

  it("counts an IPv6 reporter by its /64, and an IPv4-mapped address as its IPv4 one", async () => {
    // Two addresses of one subscriber's /64 share the limit.
    for (let i = 0; i < PER_HOUR - 1; i++) await reportId(complaint(), `2001:db8:5:6::${i + 1}`);
    await reportId(complaint(), "2001:db8:5:6:ffff:ffff:ffff:fffe");
    const sameNet = await report(complaint(), "2001:0db8:0005:0006:abcd::9");
    expect(sameNet.statusCode, sameNet.body).toBe(429);
    // The neighbouring /64 is another subscriber.
    expect((await report(complaint(), "2001:db8:5:7::1")).statusCode).toBe(201);

    for (let i = 0; i < PER_HOUR - 1; i++) await reportId(complaint(), "198.51.100.77");
    await reportId(complaint(), "::ffff:198.51.100.77");
    expect((await report(complaint(), "198.51.100.77")).statusCode).toBe(429);
    expect((await report(complaint(), "::ffff:c633:644d")).statusCode).toBe(429);
  });
});

describe("triage", () => {
  it("is the office's queue, newest first, without the reporters' IP hashes", async () => {
    expect((await server.app.inject({ method: "GET", url: "/api/guides/fault-reports" })).statusCode).toBe(401);
    const onOther = await reportId(complaint({ itemId: other.itemId, itemName: "B1 的事项" }));
    const all = await queue(office);
    expect(all.total).toBeGreaterThan(3);
    const times = all.rows.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const hashes = await server.database.db.select({ h: guideFaultReports.ipHash }).from(guideFaultReports);
    const body = JSON.stringify(all);
    expect(body).not.toContain("ipHash");
    for (const { h } of hashes) expect(body).not.toContain(h);
    const linked = all.rows.find((r) => r.itemId === lined.itemId)!;
    expect(linked).toMatchObject({
      itemCode: faultyGuide(1).implementationCode,
      unitName: "单位 A1",
      statusLabel: "待处理",
      elementLabel: "联系电话",
    });

    // A reviewer triages the items of its chosen units only.
    const seen = (await queue(reviewer)).rows;
    expect(seen.some((r) => r.itemId === lined.itemId)).toBe(true);
    expect(seen.some((r) => r.id === onOther)).toBe(false);
    expect((await triage(reviewer, onOther, { status: "rejected", note: "" })).statusCode).toBe(404);
    expect((await queue(office, "&status=accepted")).total).toBe(0);
  });

  it("keeps reports linked to no item, and the citizens' contacts in them, to those who see every unit", async () => {
    const contact = "13911112222";
    const loose = await reportId(complaint({ itemId: randomUUID(), itemName: "某个事项", contact }));
    expect((await queue(office)).rows.find((r) => r.id === loose)).toMatchObject({ itemId: null, contact });

    const scoped = await queue(reviewer);
    expect(scoped.rows.some((r) => r.itemId === null)).toBe(false);
    expect(JSON.stringify(scoped)).not.toContain(contact);
    expect((await triage(reviewer, loose, { status: "rejected", note: "" })).statusCode).toBe(404);

    // A reviewer whose scope names no unit sees no report at all.
    await asSystem(server, (ctx) => updateRole({ ctx, code: "reviewer", input: { scopeUnitIds: [] } }));
    try {
      const none = await queue(reviewer);
      expect(none.total).toBe(0);
      expect(JSON.stringify(none)).not.toContain(contact);
      const res = await triage(reviewer, loose, { status: "accepted", note: "", itemId: lined.itemId, element: "text" });
      expect(res.statusCode, res.body).toBe(404);
    } finally {
      await asSystem(server, (ctx) => updateRole({ ctx, code: "reviewer", input: { scopeUnitIds: [unit("A"), unit("A1")] } }));
    }
    expect((await queue(office)).rows.find((r) => r.id === loose)).toMatchObject({ status: "new", triagedByName: null });
  });

  it("opens a routed G-PUBLIC-01 defect when accepted with an item and an element, once", async () => {
    const description = `设定依据引用的条款已废止。${"详细说明".repeat(80)}`;
    const id = await reportId(complaint({ itemId: lined.itemId, element: "legalBasis", description }));
    const accepted = await triage(office, id, { status: "accepted", note: "属实" });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "accepted", statusLabel: "已采纳", triageNote: "属实", triagedByName: "office" });
    const defect = (await defectsOf(lined.itemId)).find((d) => d.id === accepted.json().defectId)!;
    expect(defect).toMatchObject({
      checkId: PUBLIC_REPORT_CHECK_ID,
      path: `public:${id}`,
      element: "legalBasis",
      status: "open",
      // Substantive: the line department's.
      ownerUnitId: unit("R"),
      ownership: "substantive",
      message: "群众找茬反映的问题（已核实）",
    });
    expect(defect.detail).toBe(Array.from(description).slice(0, 200).join(""));

    const again = await triage(office, id, { status: "rejected", note: "" });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().message).toContain("已处理");

    // The body's element overrides the report's; a procedural element goes to the item's own unit.
    const phone = await reportId(complaint({ itemId: lined.itemId, element: "legalBasis" }));
    const routed = await triage(office, phone, { status: "accepted", note: "", element: "consultationPhone" });
    expect((await defectsOf(lined.itemId)).find((d) => d.id === routed.json().defectId)).toMatchObject({
      ownerUnitId: unit("A1"),
      element: "consultationPhone",
    });
  });

  it("links a report to the item the office names, and needs a guide version to open a defect", async () => {
    const loose = await reportId(complaint({ itemId: randomUUID(), itemName: "说不清的事项" }));
    const noVersion = await triage(office, loose, { status: "accepted", note: "", itemId: bare, element: "text" });
    expect(noVersion.statusCode, noVersion.body).toBe(409);
    expect(noVersion.json().message).toContain("该事项尚无办事指南版本");
    expect((await queue(office)).rows.find((r) => r.id === loose)).toMatchObject({ status: "new", itemId: null, defectId: null });

    const linked = await triage(office, loose, { status: "accepted", note: "", itemId: other.itemId, element: "text" });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ itemId: other.itemId, itemName: "说不清的事项", unitName: "单位 B1" });
    expect((await defectsOf(other.itemId)).find((d) => d.id === linked.json().defectId)).toMatchObject({
      ownerUnitId: unit("B1"),
      element: "text",
    });
  });

  it("rejects without opening anything", async () => {
    const id = await reportId(complaint({ itemId: lined.itemId, element: "consultationPhone" }));
    const before = (await defectsOf(lined.itemId)).length;
    const res = await triage(office, id, { status: "rejected", note: "经核实号码无误" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "rejected", statusLabel: "未采纳", defectId: null, triageNote: "经核实号码无误" });
    expect(await defectsOf(lined.itemId)).toHaveLength(before);
  });
});

describe("closing a reported defect", () => {
  it("survives the recheck of a fixed version and is closed by the office, once", async () => {
    const id = await reportId(complaint({ itemId: other.itemId, element: "supervisionPhone" }));
    const defectId = (await triage(office, id, { status: "accepted", note: "" })).json().defectId as string;

    const body = multipart(Buffer.from(JSON.stringify({ guides: [fixedGuide(faultyGuide(2))] })), "guides.json", {
      format: "kaoping",
      unitId: unit("B1"),
    });
    const imported = await office.request({ method: "POST", url: "/api/guides/import", payload: body.payload, headers: body.headers });
    expect(imported.json()).toMatchObject({ defectsClosed: 4 });
    const open = (await defectsOf(other.itemId)).filter((d) => d.status === "open");
    expect(open.map((d) => d.checkId)).toEqual(open.map(() => PUBLIC_REPORT_CHECK_ID));
    expect(open.some((d) => d.id === defectId)).toBe(true);

    const closed = await office.request({
      method: "POST",
      url: `/api/guides/defects/${defectId}/close`,
      payload: { note: "已按反映修改监督电话" },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ id: defectId, status: "closed", closedVersion: null });
    const twice = await office.request({ method: "POST", url: `/api/guides/defects/${defectId}/close`, payload: { note: "再关一次" } });
    expect(twice.statusCode).toBe(409);
    const [audit] = await server.database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ["guide.defect.close"]))
      .orderBy(desc(auditLog.seq));
    expect(audit).toMatchObject({ entityId: defectId, reason: "已按反映修改监督电话" });
  });
});
