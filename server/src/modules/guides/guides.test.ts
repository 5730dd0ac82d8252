import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { BUILTIN_FRAMEWORKS, parseProvincialExport, type ServiceGuide, serviceGuideSchema } from "@kaoping/core";
import { count } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceGuides, serviceItems } from "../../platform/db/schema.ts";
import { makeTestCampaign } from "../../test/campaigns.ts";
import { asSystem, type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer } from "../../test/harness.ts";
import { createFramework, publishFramework } from "../frameworks/commands.ts";
import { guideFactsByUnit } from "./departments.ts";
import { SAMPLE_FILE } from "./generate.ts";

let server: TestServer;
let admin: Client;
let liaison: Client;
let unitId: string;
let otherUnitId: string;

const sample = JSON.parse(fs.readFileSync(SAMPLE_FILE, "utf8"));
const BODY = { code: "11450721MB15580811", name: "灵山县行政审批局" };
const [SAMPLE] = parseProvincialExport(sample, { source: "gx" }).guides as [ServiceGuide];

beforeAll(async () => {
  server = await startTestServer({ linkCheckAllowPrivate: true });
  await makeUnit(server, { code: "QZ", kind: "city" });
  unitId = (await makeUnit(server, { ...BODY, parentCode: "QZ" })).id;
  otherUnitId = (await makeUnit(server, { code: "OTHER", name: "其他局", parentCode: "QZ" })).id;
  await makeUser(server, { username: "office", unitCode: "QZ", roles: ["assessment_admin"] });
  await makeUser(server, { username: "other_liaison", unitCode: "OTHER", roles: ["unit_liaison"] });
  admin = await login(server, "office");
  liaison = await login(server, "other_liaison");
}, 120_000);
afterAll(() => server?.close());

async function upload(client: Client, body: Buffer | string, fileName: string, fields: Record<string, string> = {}) {
  const file = multipart(Buffer.isBuffer(body) ? body : Buffer.from(body), fileName, fields);
  return client.request({ method: "POST", url: "/api/guides/import", payload: file.payload, headers: file.headers });
}
const ownJson = (guides: ServiceGuide[]) => JSON.stringify({ guides });
const get = async (client: Client, url: string) => (await client.request({ method: "GET", url })).json();
const itemCount = async () => (await server.database.db.select({ n: count() }).from(serviceItems))[0]!.n;
const versionCount = async () => (await server.database.db.select({ n: count() }).from(serviceGuides))[0]!.n;

/** The sample with its legal basis article written and the five stages as steps: its error fixed. */
const fixed = (): ServiceGuide =>
  serviceGuideSchema.parse({
    ...SAMPLE,
    version: "14",
    legalBases: SAMPLE.legalBases.map((b, i) => (i === 1 ? { ...b, article: "第十五条" } : b)),
    steps: ["受理", "审核", "审批", "办结", "送达"].map((name) => ({
      name,
      actor: "审批科",
      limit: { days: 1, unit: "working_day", note: "" },
      criteria: "材料齐全",
    })),
    unmappedCodes: {},
  });

describe("importing the provincial sample", () => {
  let itemId: string;

  it("recognises the export, places it by 实施主体编码 and checks it", async () => {
    const res = await upload(admin, JSON.stringify(sample), "gx-export.json");
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ format: "provincial", itemsCreated: 1, versionsCreated: 1, unchanged: 0, defectsOpened: 3 });
    expect(report.rows).toEqual([
      { code: SAMPLE.implementationCode, name: SAMPLE.name, version: 1, status: "created", errors: 1, warnings: 2 },
    ]);
    const list = await get(admin, "/api/guides/items");
    expect(list.total).toBe(1);
    itemId = list.rows[0].id;
    expect(list.rows[0]).toMatchObject({
      unitId,
      unitName: BODY.name,
      openDefects: 3,
      latest: { version: 1, errors: 1, warnings: 2, accuracy: 94.3 },
    });
  });

  it("shows each finding with its check's words and the elements that fail", async () => {
    const item = await get(admin, `/api/guides/items/${itemId}`);
    const findings = item.online.findings.map((f: { checkId: string; path: string }) => `${f.checkId} ${f.path}`);
    expect(findings).toEqual([
      "G-BASIC-25 consultationPhone",
      "G-BASIC-25 supervisionPhone",
      "G-BASIC-27 legalBases.1.article",
      // The export's flowchart stands for the process: its stages are for a look, not a defect (info).
      "G-CONT-35 steps",
    ]);
    const legal = item.online.findings[2];
    expect(legal).toMatchObject({ elementLabel: "设定依据", severity: "error" });
    expect(legal.message).toMatch(/条/);
    expect(legal.fix).not.toBe("");
    const failing = item.online.elements.filter((e: { passes: boolean }) => !e.passes).map((e: { id: string }) => e.id);
    expect(failing).toEqual(["phoneAccuracy", "legalBasis"]);
    // No line department set: every defect, substantive or procedural, goes to the item's own unit.
    expect(item.openDefects.map((d: { ownerUnitId: string; ownership: string }) => [d.ownership, d.ownerUnitId])).toEqual([
      ["procedural", unitId],
      ["procedural", unitId],
      ["substantive", unitId],
    ]);
  });

  it("re-routes open defects when the line department or an element's owner changes", async () => {
    const owners = async () =>
      Object.fromEntries(
        (await get(admin, `/api/guides/items/${itemId}`)).openDefects.map((d: { path: string; ownerUnitId: string }) => [
          d.path,
          d.ownerUnitId,
        ]),
      );
    const patch = (lineUnitId: string | null) =>
      admin.request({ method: "PATCH", url: `/api/guides/items/${itemId}`, payload: { lineUnitId } });
    expect((await patch(otherUnitId)).statusCode).toBe(200);
    // The legal basis is substantive: it moves to the line department; the phones stay.
    expect(await owners()).toEqual({
      consultationPhone: unitId,
      supervisionPhone: unitId,
      "legalBases.1.article": otherUnitId,
    });
    await admin.request({
      method: "PUT",
      url: "/api/guides/settings",
      payload: { weights: {}, ownership: { phoneAccuracy: "substantive" } },
    });
    expect(await owners()).toMatchObject({ consultationPhone: otherUnitId, supervisionPhone: otherUnitId });
    await admin.request({ method: "PUT", url: "/api/guides/settings", payload: { weights: {}, ownership: {} } });
    await patch(null);
    expect(new Set(Object.values(await owners()))).toEqual(new Set([unitId]));
  });

  it("makes no new version when the same guide is published again", async () => {
    const res = await upload(admin, JSON.stringify(sample), "gx-export.json");
    expect(res.json()).toMatchObject({ versionsCreated: 0, unchanged: 1 });
    // The unchanged guide still reports the stored version's findings.
    expect(res.json().rows[0]).toMatchObject({ status: "unchanged", version: 1, errors: 1, warnings: 2 });
    expect(await versionCount()).toBe(1);
  });

  it("records a corrected guide as version 2, closes the defects it fixed and shows the diff", async () => {
    const res = await upload(admin, ownJson([fixed()]), "fixed.json");
    expect(res.json()).toMatchObject({ format: "kaoping", versionsCreated: 1, defectsClosed: 1, defectsOpened: 0 });
    const item = await get(admin, `/api/guides/items/${itemId}`);
    expect(item.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(item.openDefects.map((d: { checkId: string }) => d.checkId)).toEqual(["G-BASIC-25", "G-BASIC-25"]);
    const [v2, v1] = item.versions;
    const diff = await get(admin, `/api/guides/items/${itemId}/diff?from=${v1.id}&to=${v2.id}`);
    const elements = new Set(diff.differences.map((d: { element: string }) => d.element));
    expect(elements.has("legalBasis")).toBe(true);
    expect(elements.has("processSteps")).toBe(true);
    expect(diff.differences.find((d: { path: string }) => d.path.includes("article"))).toMatchObject({
      kind: "changed",
      after: "第十五条",
    });
  });

  it("compares the portal's guide with the hall's printed one", async () => {
    const hall = serviceGuideSchema.parse({ ...fixed(), consultationPhone: "0777-6428821" });
    expect((await upload(admin, ownJson([hall]), "hall.json", { channel: "offline" })).statusCode).toBe(200);
    const consistency = await get(admin, `/api/guides/items/${itemId}/consistency`);
    expect(consistency.consistent).toBe(false);
    expect(consistency.differences).toEqual([
      expect.objectContaining({ element: "consultationPhone", kind: "changed", after: "0777-6428821" }),
    ]);
  });

  it("round-trips through its own JSON and through Excel without a new version", async () => {
    const json = await admin.request({ method: "GET", url: "/api/guides/export?format=json" });
    expect(json.headers["content-disposition"]).toContain(encodeURIComponent("办事指南"));
    const exported = JSON.parse(json.body).guides as ServiceGuide[];
    expect(exported).toEqual([fixed()]);
    expect((await upload(admin, json.body, "export.json")).json()).toMatchObject({ versionsCreated: 0, unchanged: 1 });

    const xlsx = await admin.request({ method: "GET", url: "/api/guides/export?format=xlsx" });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet("事项")!.getCell("B2").value).toBe(SAMPLE.name);
    expect((await upload(admin, xlsx.rawPayload, "export.xlsx")).json()).toMatchObject({
      format: "excel",
      versionsCreated: 0,
      unchanged: 1,
    });
  });

  it("exports schema.org / CPSV-AP JSON-LD", async () => {
    const res = await admin.request({ method: "GET", url: "/api/guides/export?format=jsonld" });
    expect(res.headers["content-type"]).toContain("application/ld+json");
    const [service] = JSON.parse(res.body)["@graph"];
    expect(service["@type"]).toEqual(["GovernmentService", "cpsv:PublicService"]);
    expect(service.identifier).toBe(SAMPLE.implementationCode);
  });

  it("gives the department's accuracy, trend and engine facts", async () => {
    const department = await get(admin, `/api/guides/departments/${unitId}`);
    // Open: the portal guide's two phone warnings and the hall guide's supervision phone.
    expect(department).toMatchObject({ guides: 1, defects: { open: 3, closed: 1 } });
    expect(department.trend.at(-1)).toMatchObject({ guides: 1, accuracy: department.accuracy });
    expect(department.elements.find((e: { id: string }) => e.id === "phoneAccuracy").failing).toBe(1);
    const ranking = await get(admin, "/api/guides/departments");
    expect(ranking).toEqual([expect.objectContaining({ id: unitId, guides: 1, accuracy: 97.1, openDefects: 3 })]);
    const facts = (await guideFactsByUnit(server.database.db, [unitId, otherUnitId])).get(unitId)!;
    expect(facts).toMatchObject({ guides_checked: 1, guide_defects: 2, guide_failures_phoneAccuracy: 1, guide_failures_legalBasis: 0 });
    // Facts keep two decimals (the engine compares them); screens show one.
    expect(facts.guide_accuracy).toBe(97.14);
  });

  it("weighs elements as the office sets them", async () => {
    const res = await admin.request({
      method: "PUT",
      url: "/api/guides/settings",
      payload: { weights: { phoneAccuracy: 0 }, ownership: {} },
    });
    expect(res.statusCode).toBe(200);
    expect((await get(admin, "/api/guides/items")).rows[0].latest.accuracy).toBe(100);
    await admin.request({ method: "PUT", url: "/api/guides/settings", payload: { weights: {}, ownership: {} } });
  });

  it("keeps another unit's liaison out of this unit's guides", async () => {
    expect((await get(liaison, "/api/guides/items")).total).toBe(0);
    expect(await get(liaison, "/api/guides/departments")).toEqual([]);
    expect((await liaison.request({ method: "GET", url: `/api/guides/items/${itemId}` })).statusCode).toBe(404);
    const res = await upload(liaison, ownJson([fixed()]), "mine.json");
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].message).toContain("已登记在其他单位");
    const outside = await upload(liaison, ownJson([{ ...fixed(), implementationCode: "NEW-1" }]), "new.json", { unitId });
    expect(outside.statusCode).toBe(404);
  });
});

describe("two imports of one item at the same time", () => {
  it("numbers their versions one after the other", async () => {
    const make = (reason: string) => ownJson([serviceGuideSchema.parse({ ...fixed(), implementationCode: "RACE-1", visitReason: reason })]);
    await upload(admin, make("初始"), "race0.json", { unitId });
    const results = await Promise.all(["甲", "乙", "丙"].map((r) => upload(admin, make(r), `race-${r}.json`)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const versions = results.map((r) => r.json().rows[0].version).sort();
    expect(versions).toEqual([2, 3, 4]);
  });
});

describe("several versions of one task in one file", () => {
  it("enters them oldest first and opens the newest one's defects once", async () => {
    const v1 = serviceGuideSchema.parse({ ...fixed(), implementationCode: "MV-1", version: "1", consultationPhone: "" });
    const v2 = serviceGuideSchema.parse({ ...fixed(), implementationCode: "MV-1", version: "2" });
    const res = await upload(admin, ownJson([v2, v1]), "versions.json", { unitId });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([
      [1, "created"],
      [2, "updated"],
    ]);
    const itemId = (await get(admin, "/api/guides/items?q=MV-1")).rows[0].id;
    const item = await get(admin, `/api/guides/items/${itemId}`);
    expect(item.online.guide.version).toBe("2");
    // v2's findings (its test code's shape, two phone warnings); v1's missing phone never became a defect.
    expect(item.openDefects.map((d: { checkId: string; path: string }) => `${d.checkId} ${d.path}`)).toEqual([
      "G-BASIC-07 implementationCode",
      "G-BASIC-25 consultationPhone",
      "G-BASIC-25 supervisionPhone",
    ]);
  });
});

describe("link reachability", () => {
  it("opens a defect for a dead link and closes it when the link opens again", async () => {
    let status = 404;
    const site = http.createServer((_req, res) => res.writeHead(status).end());
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/apply`;
    try {
      const guide = serviceGuideSchema.parse({ ...fixed(), implementationCode: "LINK-1", onlineUrl: url });
      await upload(admin, ownJson([guide]), "link.json", { unitId });
      const itemId = (await get(admin, "/api/guides/items?q=LINK-1")).rows[0].id;
      const dead = await admin.request({ method: "POST", url: `/api/guides/items/${itemId}/check-links`, payload: {} });
      expect(dead.json()).toMatchObject({ deadLinks: 1, defectsOpened: 1 });
      const item = await get(admin, `/api/guides/items/${itemId}`);
      expect(item.online.findings.at(-1)).toMatchObject({ checkId: "G-LINK-01", path: "onlineUrl", detail: "HTTP 404" });
      status = 200;
      const alive = await admin.request({ method: "POST", url: `/api/guides/items/${itemId}/check-links`, payload: {} });
      expect(alive.json()).toMatchObject({ deadLinks: 0, defectsClosed: 1 });
      // Dead again; then a new version with another address closes the defect without a link check,
      // while a version that keeps the address keeps it open.
      status = 404;
      await admin.request({ method: "POST", url: `/api/guides/items/${itemId}/check-links`, payload: {} });
      const same = await upload(admin, ownJson([{ ...guide, visitReason: "核验原件" }]), "same-link.json");
      expect(same.json()).toMatchObject({ versionsCreated: 1, defectsClosed: 0 });
      const moved = await upload(admin, ownJson([{ ...guide, visitReason: "核验原件", onlineUrl: `${url}/v2` }]), "new-link.json");
      expect(moved.json()).toMatchObject({ versionsCreated: 1, defectsClosed: 1 });
    } finally {
      site.closeAllConnections();
      site.close();
    }
  });
});

describe("bad input: a clear error naming the place, and nothing written", () => {
  it("names the line and column of broken JSON", async () => {
    const res = await upload(admin, '{\n  "guides": [\n    {"name": }\n  ]\n}', "broken.json");
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("第 3 行第 14 列");
  });

  it("names the field of an invalid guide in Kaoping's format", async () => {
    const before = await itemCount();
    const res = await upload(admin, ownJson([fixed(), { ...fixed(), itemType: "bogus" } as never]), "bad.json");
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].path).toEqual([1, "itemType"]);
    expect(await itemCount()).toBe(before);
  });

  it("refuses a whole provincial file when one record cannot be read", async () => {
    const before = await versionCount();
    const broken = [
      { ...(sample as object), AUDIT_ITEM: { ...(sample as { AUDIT_ITEM: object }).AUDIT_ITEM, task_code: "X-2" } },
      { AUDIT_MATERIAL: [] },
    ];
    const res = await upload(admin, JSON.stringify(broken), "partly-broken.json", { format: "provincial" });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.some((d: { path: string[] }) => String(d.path[0]).startsWith("[1]"))).toBe(true);
    expect(await versionCount()).toBe(before);
  });

  it("refuses a guide without 实施编码 or whose 实施主体 is not a known unit", async () => {
    const res = await upload(
      admin,
      ownJson([
        { ...fixed(), implementationCode: "" },
        { ...fixed(), implementationCode: "U-1", implementingBody: "不存在的局", bodyCode: "" },
      ]),
      "x.json",
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().details.map((d: { message: string }) => d.message)).toEqual([
      expect.stringContaining("实施编码为空"),
      expect.stringContaining("不存在的局"),
    ]);
  });

  it("names the sheet and header of an Excel with wrong headers", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("事项").addRow(["编码", "名称"]);
    const res = await upload(admin, Buffer.from(await book.xlsx.writeBuffer()), "wrong.xlsx");
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0]).toMatchObject({ sheet: "事项" });
  });

  it("names a 实施编码 too long to be one, and a cut-off upload, with 4xx", async () => {
    const res = await upload(admin, ownJson([{ ...fixed(), implementationCode: "9".repeat(4000) }]), "long.json", { unitId });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].message).toContain("实施编码超过 64 个字符");
    const body = multipart(Buffer.from(ownJson([fixed()])), "cut.json");
    const cut = await admin.request({
      method: "POST",
      url: "/api/guides/import",
      payload: body.payload.subarray(0, body.payload.length - 30),
      headers: body.headers,
    });
    expect(cut.statusCode).toBe(400);
  });

  it("refuses a 50 MB file before reading it", async () => {
    const res = await upload(admin, Buffer.alloc(50 * 1024 * 1024, 32), "huge.json");
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("40 MB") });
  });

  it("shows the office the codes a source's tables lack, with the guides they touch, and charges the guides nothing for them", async () => {
    // The sample exported by a platform nobody has described yet (source zz: no tables at all).
    const record = {
      ...sample[0],
      AUDIT_ITEM: { ...sample[0].AUDIT_ITEM, task_code: `${BODY.code}4000199000001`, catalog_code: "000199000001" },
    };
    const res = await upload(admin, JSON.stringify([record]), "zz-export.json", { source: "zz", unitId: otherUnitId });
    expect(res.statusCode, res.body).toBe(200);
    // Only the sample's own error: the item type, case type, limits' units … it could not read are no defects.
    expect(res.json().rows[0]).toMatchObject({ errors: 1, warnings: 2 });
    const [row] = (await get(admin, "/api/guides/items?q=000199000001")).rows;
    // No defect routed to the department for them, and no accuracy lost: the sample's own 94.3 %.
    expect(row).toMatchObject({ openDefects: 3, latest: { accuracy: 94.3 } });
    const gaps = await get(admin, "/api/guides/code-gaps?source=zz");
    expect(gaps).toEqual(
      expect.arrayContaining([
        { source: "zz", table: "itemType", code: "01", guides: 1, paths: ["itemType"], examples: [SAMPLE.name] },
        expect.objectContaining({
          table: "limitUnit",
          code: "1",
          paths: ["legalLimit.unit", "promisedLimit.unit", "specialProcedures.#.limit.unit"],
        }),
      ]),
    );
    expect(gaps.every((g: { source: string }) => g.source === "zz")).toBe(true);
    // All sources: Guangxi's sample lacks 网办深度 6 and 特殊环节 9 (both guides of the item: portal and hall).
    const all = await get(admin, "/api/guides/code-gaps");
    expect(all).toEqual(expect.arrayContaining([expect.objectContaining({ source: "zz", table: "onlineDepth", code: "6", guides: 1 })]));
    // Another unit's liaison may not read the office's configuration.
    expect((await liaison.request({ method: "GET", url: "/api/guides/code-gaps" })).statusCode).toBe(403);
  });

  it("keeps the office's code tables apart from the shipped ones", async () => {
    const shipped = await get(admin, "/api/guides/code-maps/gx");
    expect(shipped.origin).toBe("builtin");
    const tables = { ...shipped.tables, caseType: { "1": "instant", "2": "promised", "3": "referred" } };
    const res = await admin.request({ method: "PUT", url: "/api/guides/code-maps/gx", payload: tables });
    expect(res.statusCode).toBe(200);
    expect(await get(admin, "/api/guides/code-maps/gx")).toMatchObject({ origin: "database", tables: { caseType: { "3": "referred" } } });
    const bad = await admin.request({ method: "PUT", url: "/api/guides/code-maps/gx", payload: { ...tables, caseType: { "1": "bogus" } } });
    expect(bad.statusCode).toBe(400);
  });
});

describe("guide facts in a campaign", () => {
  it("scores the built-in 办事指南准确度 framework from the registry, each deduction traced to the checker", async () => {
    const definition = BUILTIN_FRAMEWORKS.find((f) => (f as { code: string }).code === "guide-accuracy");
    const framework = await asSystem(server, (ctx) => createFramework({ ctx, definition: definition as never }));
    await asSystem(server, (ctx) => publishFramework({ ctx, id: framework.id }));
    const c = await makeTestCampaign(server, { unitCodes: [BODY.code], frameworkId: framework.id, stage: "reviewing" });
    const res = await admin.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${unitId}/score` });
    const score = res.json();
    // The unit's four items (the sample, RACE-1, MV-1 and LINK-1, all corrected copies) fail 电话准确性 (1.13): 4 × 0.5 off its 3 points.
    expect(score.sources["guide_defect.phone_accuracy"]).toMatchObject({ auto: "guide_check", link: "/guides/departments" });
    const board = await admin.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/scores` });
    const row = board.json().units.find((u: { unitCode: string }) => u.unitCode === BODY.code);
    expect(row.indicators["1.13"]).toBe("1");
    expect(row.indicators["1.14"]).toBe("3");
  });
});
