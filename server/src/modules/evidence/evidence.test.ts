import { readdir } from "node:fs/promises";
import path from "node:path";
import type { EvidenceCatalogue, EvidenceView } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appeals, auditLog, evidenceFiles, selfAssessments } from "../../platform/db/schema.ts";
import { makeTestCampaign, type TestCampaign } from "../../test/campaigns.ts";
import { asSystem, type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { confirmReport, submitReport } from "../submissions/commands.ts";
import { evidenceForm, type FormFile, sampleExe, samplePdf, samplePng } from "./test-files.ts";

let server: TestServer;
let liaison: Client;
let leader: Client;
let otherLiaison: Client;
let reviewer: Client;
let campaign: TestCampaign;
let U1: string;

beforeAll(async () => {
  server = await startTestServer({ evidenceMaxBytes: 1024, evidenceMaxFiles: 3 });
  await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
  await makeUnit(server, { code: "U1", parentCode: "R", name: "一号局" });
  await makeUnit(server, { code: "U2", parentCode: "R", name: "二号局" });
  await makeUser(server, { username: "liaison1", unitCode: "U1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "leader1", unitCode: "U1", roles: ["unit_leader"] });
  await makeUser(server, { username: "liaison2", unitCode: "U2", roles: ["unit_liaison"] });
  await makeUser(server, { username: "reviewer1", unitCode: "R", roles: ["reviewer"] });
  liaison = await login(server, "liaison1");
  leader = await login(server, "leader1");
  otherLiaison = await login(server, "liaison2");
  reviewer = await login(server, "reviewer1");
  campaign = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "reporting", reviewers: ["reviewer1"] });
  U1 = campaign.unitIds.U1!;
});
afterAll(() => server?.close());

const uploadTo = (client: Client, c: TestCampaign, unitId: string, fields: Record<string, string>, files: FormFile[]) =>
  client.request({ method: "POST", url: `/api/campaigns/${c.campaignId}/units/${unitId}/evidence`, ...evidenceForm(fields, files) });

const report = (indicatorCode: string) => ({ ownerType: "self_assessment", ownerKey: indicatorCode });

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(server.config.storageDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function evidenceCount(): Promise<number> {
  return (await server.database.db.select().from(evidenceFiles)).length;
}

describe("evidence upload", () => {
  let pdf: EvidenceView;

  it("stores every file of an upload by its SHA-256 and creates the self-assessment on the way", async () => {
    const bytes = samplePdf("自查");
    const res = await uploadTo(liaison, campaign, U1, report("1.1"), [
      { name: "自查报告.pdf", data: bytes },
      { name: "现场照片.png", data: samplePng() },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const views = res.json() as EvidenceView[];
    expect(views.map((v) => [v.fileName, v.mimeType, v.revision, v.current, v.uploadedBy])).toEqual([
      ["自查报告.pdf", "application/pdf", 1, true, "liaison1"],
      ["现场照片.png", "image/png", 1, true, "liaison1"],
    ]);
    pdf = views[0]!;
    expect(pdf.size).toBe(bytes.length);
    expect(await storedFiles()).toContain(path.join(server.config.storageDir, pdf.sha256.slice(0, 2), pdf.sha256.slice(2, 4), pdf.sha256));
    const [assessment] = await server.database.db
      .select()
      .from(selfAssessments)
      .where(
        and(eq(selfAssessments.campaignId, campaign.campaignId), eq(selfAssessments.unitId, U1), eq(selfAssessments.indicatorCode, "1.1")),
      );
    expect(assessment).toMatchObject({ version: 1, completion: null, narrative: "" });
    const audits = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "evidence.upload"));
    expect(audits.map((a) => [a.businessType, a.entityId])).toEqual(views.map((v) => ["upload", v.id]));
    const submission = await liaison.request({ method: "GET", url: `/api/campaigns/${campaign.campaignId}/units/${U1}/submission` });
    const item = submission.json().items.find((i: { indicatorCode: string }) => i.indicatorCode === "1.1");
    expect(item.evidence.map((e: EvidenceView) => e.fileName).sort()).toEqual(["现场照片.png", "自查报告.pdf"]);
  });

  it("downloads with the real name, the stored type and nosniff, to those who see the unit only", async () => {
    const res = await leader.request({ method: "GET", url: `/api/evidence/${pdf.id}/download` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(samplePdf("自查"));
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent("自查报告.pdf")}`,
    );
    const audits = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "evidence.download"));
    expect(audits.map((a) => [a.businessType, a.entityId, a.actorName])).toEqual([["download", pdf.id, "leader1"]]);

    const other = await otherLiaison.request({ method: "GET", url: `/api/evidence/${pdf.id}/download` });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain("自查报告");
    expect(await reviewer.request({ method: "GET", url: `/api/evidence/${pdf.id}/download` }).then((r) => r.statusCode)).toBe(200);
  });

  it("keeps revisions as a chain: the new one points back, the old one is superseded and kept", async () => {
    const form = evidenceForm({}, [{ name: "自查报告.pdf", data: samplePdf("第二版") }]);
    const res = await liaison.request({ method: "POST", url: `/api/evidence/${pdf.id}/revisions`, ...form });
    expect(res.statusCode, res.body).toBe(201);
    const revision = res.json() as EvidenceView;
    expect(revision).toMatchObject({ fileName: "自查报告.pdf", revision: 2, previousId: pdf.id, current: true });
    const [old] = await server.database.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, pdf.id));
    expect(old!.supersededAt).not.toBeNull();

    const again = await liaison.request({ method: "POST", url: `/api/evidence/${pdf.id}/revisions`, ...form });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("已有更新的版本");
    const third = await liaison.request({
      method: "POST",
      url: `/api/evidence/${revision.id}/revisions`,
      ...evidenceForm({}, [{ name: "自查报告（第三版）.pdf", data: samplePdf("第三版") }]),
    });
    expect(third.json()).toMatchObject({ revision: 3, previousId: revision.id, fileName: "自查报告（第三版）.pdf" });

    const catalogue = (
      await liaison.request({ method: "GET", url: `/api/campaigns/${campaign.campaignId}/units/${U1}/evidence` })
    ).json() as EvidenceCatalogue;
    expect(catalogue.fileCount).toBe(2);
    const files = catalogue.indicators.find((i) => i.indicatorCode === "1.1")!.files;
    const current = files.find((f) => f.revision === 3)!;
    expect(current.revisions.map((r) => [r.revision, r.current])).toEqual([
      [2, false],
      [1, false],
    ]);
  });

  it("refuses a name already used by a current file of the same report", async () => {
    const res = await uploadTo(liaison, campaign, U1, report("1.1"), [{ name: "现场照片.PNG", data: samplePng() }]);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe("已有同名文件“现场照片.png”，如需更新请上传新版本");
  });

  it("refuses the same name twice in one request", async () => {
    const res = await uploadTo(liaison, campaign, U1, report("1.2"), [
      { name: "a.pdf", data: samplePdf("1") },
      { name: "a.pdf", data: samplePdf("2") },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: ["body", "files", 1], message: "“a.pdf”：同一次上传中文件名重复" }]);
  });

  it("refuses more current files than the limit per report", async () => {
    const res = await uploadTo(liaison, campaign, U1, report("1.1"), [
      { name: "b.pdf", data: samplePdf("b") },
      { name: "c.pdf", data: samplePdf("c") },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("每项最多 3 个佐证材料文件（现有 2 个，本次上传 2 个）");
  });

  it("refuses more files in one request than the limit, before storing any", async () => {
    const files = ["a", "b", "c", "d"].map((n) => ({ name: `${n}.pdf`, data: samplePdf(n) }));
    const res = await uploadTo(liaison, campaign, U1, report("2.1"), files);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe("一次最多上传 3 个文件");
  });

  it("answers 413 naming an oversized file and stores nothing of the request", async () => {
    const before = { rows: await evidenceCount(), files: await storedFiles() };
    const big = Buffer.concat([samplePdf(), Buffer.alloc(2000, 0x20)]);
    const res = await uploadTo(liaison, campaign, U1, report("1.2"), [
      { name: "small.pdf", data: samplePdf("small") },
      { name: "big.pdf", data: big },
    ]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("big.pdf") });
    expect(await evidenceCount()).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it("is all-or-nothing: one bad file keeps the good ones out too", async () => {
    const before = { rows: await evidenceCount(), files: await storedFiles() };
    const res = await uploadTo(liaison, campaign, U1, report("1.2"), [
      { name: "good.pdf", data: samplePdf("good") },
      { name: "empty.pdf", data: Buffer.alloc(0) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "BAD_FILE", message: "“empty.pdf”：文件为空（0 字节）" });
    expect(await evidenceCount()).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it("recognises files by content: a PNG named .pdf and an executable are refused", async () => {
    const disguised = await uploadTo(liaison, campaign, U1, report("1.2"), [{ name: "x.pdf", data: samplePng() }]);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().message).toBe("“x.pdf”：文件内容是 PNG 图片，与扩展名 .pdf 不符");
    const exe = await uploadTo(liaison, campaign, U1, report("1.2"), [{ name: "setup.pdf", data: sampleExe() }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().message).toMatch(/^“setup\.pdf”：不支持的文件类型（允许：PDF、/);
  });

  it("refuses names with path characters or over 200 characters, naming the file", async () => {
    const traversal = await uploadTo(liaison, campaign, U1, report("1.2"), [{ name: "../x.pdf", data: samplePdf() }]);
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json().message).toBe("“../x.pdf”：文件名不能包含路径字符（/、\\、..）");
    const backslash = await uploadTo(liaison, campaign, U1, report("1.2"), [{ name: "C:\\temp\\x.pdf", data: samplePdf() }]);
    expect(backslash.statusCode).toBe(400);
    const long = await uploadTo(liaison, campaign, U1, report("1.2"), [{ name: `${"长".repeat(200)}.pdf`, data: samplePdf() }]);
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain("文件名超过 200 个字符");
    expect(await storedFiles()).not.toContain("x.pdf");
  });

  it("validates the owner fields and the indicator", async () => {
    const noOwner = await uploadTo(liaison, campaign, U1, {}, [{ name: "a.pdf", data: samplePdf() }]);
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().details[0].path).toEqual(["body", "ownerType"]);
    const parent = await uploadTo(liaison, campaign, U1, report("1"), [{ name: "a.pdf", data: samplePdf() }]);
    expect(parent.statusCode).toBe(400);
    expect(parent.json().details).toEqual([{ path: ["body", "ownerKey"], message: "本单位不考核该指标" }]);
  });

  it("does not let a liaison upload to another unit", async () => {
    const res = await uploadTo(otherLiaison, campaign, U1, report("1.2"), [{ name: "a.pdf", data: samplePdf() }]);
    expect(res.statusCode).toBe(404);
  });
});

describe("locked reports", () => {
  it("refuses uploads and revisions once the report is confirmed (423)", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "reporting" });
    const first = await uploadTo(liaison, c, U1, report("2.1"), [{ name: "a.pdf", data: samplePdf("a") }]);
    expect(first.statusCode).toBe(201);
    await asSystem(server, (ctx) => submitReport({ ctx, campaignId: c.campaignId, unitId: U1, confirmEmpty: true }));
    await asSystem(server, (ctx) => confirmReport({ ctx, campaignId: c.campaignId, unitId: U1 }));
    const upload = await uploadTo(liaison, c, U1, report("2.1"), [{ name: "b.pdf", data: samplePdf("b") }]);
    expect(upload.statusCode).toBe(423);
    expect(upload.json().code).toBe("LOCKED");
    const revision = await liaison.request({
      method: "POST",
      url: `/api/evidence/${first.json()[0].id}/revisions`,
      ...evidenceForm({}, [{ name: "a.pdf", data: samplePdf("a2") }]),
    });
    expect(revision.statusCode).toBe(423);
  });
});

describe("appeal and finding evidence", () => {
  it("takes appeal evidence while the appeal is pending, for the appeal's unit only", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "appeal" });
    const [appeal] = await server.database.db
      .insert(appeals)
      .values({ campaignId: c.campaignId, findingId: c.findingId!, unitId: U1, reason: "已整改" })
      .returning();
    const fields = { ownerType: "appeal", ownerKey: appeal!.id };
    expect((await uploadTo(liaison, c, U1, fields, [{ name: "整改说明.pdf", data: samplePdf() }])).statusCode).toBe(201);
    expect((await uploadTo(otherLiaison, c, c.unitIds.U2!, fields, [{ name: "x.pdf", data: samplePdf() }])).statusCode).toBe(404);
    await server.database.db.update(appeals).set({ status: "upheld" }).where(eq(appeals.id, appeal!.id));
    const decided = await uploadTo(liaison, c, U1, fields, [{ name: "补充.pdf", data: samplePdf("补充") }]);
    expect(decided.statusCode).toBe(409);
    expect(decided.json().message).toContain("申诉已维持");
  });

  it("lets an assigned reviewer attach and revise evidence on a finding; units cannot revise it", async () => {
    const c = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "appeal", reviewers: ["reviewer1"] });
    const office = await makeUser(server, { username: "office1", unitCode: "R", roles: ["assessment_admin"] }).then(() =>
      login(server, "office1"),
    );
    const url = `/api/campaigns/${c.campaignId}/findings/${c.findingId}/evidence`;
    // During the appeal only the office may still add to findings.
    expect(
      (await reviewer.request({ method: "POST", url, ...evidenceForm({}, [{ name: "通报.pdf", data: samplePdf() }]) })).statusCode,
    ).toBe(409);
    const res = await office.request({ method: "POST", url, ...evidenceForm({}, [{ name: "通报.pdf", data: samplePdf("通报") }]) });
    expect(res.statusCode, res.body).toBe(201);
    const file = (res.json() as EvidenceView[])[0]!;
    expect((await liaison.request({ method: "GET", url: `/api/evidence/${file.id}/download` })).statusCode).toBe(200);
    const revise = await office.request({
      method: "POST",
      url: `${url}/${file.id}/revisions`,
      ...evidenceForm({}, [{ name: "通报.pdf", data: samplePdf("通报2") }]),
    });
    expect(revise.json()).toMatchObject({ revision: 2, previousId: file.id });
    const byUnit = await liaison.request({
      method: "POST",
      url: `/api/evidence/${revise.json().id}/revisions`,
      ...evidenceForm({}, [{ name: "x.pdf", data: samplePdf() }]),
    });
    expect(byUnit.statusCode).toBe(403);
  });
});

describe("catalogue", () => {
  let c: TestCampaign;

  beforeAll(async () => {
    c = await makeTestCampaign(server, { unitCodes: ["U1", "U2"], stage: "reporting" });
    await uploadTo(liaison, c, U1, report("2.2"), [{ name: "<img src=x onerror=alert(1)>.pdf", data: samplePdf("xss") }]);
    await uploadTo(liaison, c, U1, report("1.1"), [{ name: "台账.pdf", data: samplePdf("台账") }]);
  });

  it("lists files per indicator in framework order", async () => {
    const res = await leader.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${U1}/evidence` });
    const catalogue = res.json() as EvidenceCatalogue;
    expect(catalogue).toMatchObject({ unitCode: "U1", unitName: "一号局", fileCount: 2 });
    expect(catalogue.indicators.map((i) => [i.indicatorCode, i.indicatorName, i.path, i.files.map((f) => f.fileName)])).toEqual([
      ["1.1", "事项管理", ["基础工作"], ["台账.pdf"]],
      ["2.2", "舆情", ["工作机制"], ["<img src=x onerror=alert(1)>.pdf"]],
    ]);
    expect((await otherLiaison.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${U1}/evidence` })).statusCode).toBe(
      404,
    );
  });

  it("exports the catalogue as Excel with Chinese headers", async () => {
    const res = await leader.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${U1}/evidence/catalogue.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("一号局-佐证材料目录清单.xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("佐证材料目录")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "序号",
      "指标编号",
      "指标名称",
      "文件名",
      "版本",
      "大小",
      "SHA-256",
      "上传人",
      "上传时间",
    ]);
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(1, 6)).toEqual([1, "1.1", "事项管理", "台账.pdf", 1]);
    expect(row[7]).toMatch(/^[0-9a-f]{64}$/);
    expect(row[8]).toBe("liaison1");
  });

  it("prints the catalogue as escaped HTML", async () => {
    const res = await leader.request({ method: "GET", url: `/api/campaigns/${c.campaignId}/units/${U1}/evidence/catalogue.html` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain("佐证材料目录清单");
    expect(res.body).toContain("@page");
    expect(res.body).toContain("&lt;img src=x onerror=alert(1)&gt;.pdf");
    expect(res.body).not.toContain("<img");
  });
});
