import type { AttachmentView, OrderDetailView, ReviewDetailView, WarningListView } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, calendarYears } from "../../platform/db/schema.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { badReview } from "../../test/ratings.ts";
import { evidenceForm, sampleExe, samplePdf } from "../evidence/test-files.ts";
import { evaluateWarnings } from "../supervision/evaluate.ts";

let server: TestServer;
let ids: Map<string, string>;
let office: Client;
let liaisonA: Client;
let liaisonA2: Client;
let liaisonB: Client;

const upload = (client: Client, files: { name: string; data: Buffer }[]) =>
  client.request({ method: "POST", url: "/api/attachments", ...evidenceForm({}, files) });

async function uploaded(client: Client, name: string, text = name): Promise<AttachmentView> {
  const res = await upload(client, [{ name, data: samplePdf(text) }]);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<AttachmentView[]>()[0]!;
}

const get = (client: Client, url: string) => client.request({ method: "GET", url });
const post = (client: Client, url: string, payload: unknown) => client.request({ method: "POST", url, payload });

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  // Every year from the demo case's to the next: its 超期 is counted up to now.
  const years = Array.from({ length: new Date().getUTCFullYear() - 2022 }, (_, i) => 2024 + i);
  await server.database.db
    .insert(calendarYears)
    .values(years.map((year) => ({ year, source: "test" })))
    .onConflictDoNothing();
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison_a", unitCode: "A", roles: ["unit_liaison"] });
  await makeUser(server, { username: "liaison_a2", unitCode: "A", roles: ["unit_liaison"] });
  await makeUser(server, { username: "liaison_b", unitCode: "B", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaisonA = await login(server, "liaison_a");
  liaisonA2 = await login(server, "liaison_a2");
  liaisonB = await login(server, "liaison_b");
}, 120_000);
afterAll(() => server.close());

describe("a 差评's 申诉 with its evidence", () => {
  it("cites the liaison's uploads; the office and the unit download them, another unit cannot; audited", async () => {
    const reviewId = await badReview(server.database.db, ids.get("A")!);
    const proof = await uploaded(liaisonA, "窗口录像截图说明.pdf", "录像");
    const record = await uploaded(liaisonA, "办件记录.pdf", "记录");
    const res = await post(liaisonA, `/api/ratings/reviews/${reviewId}/respond`, {
      action: "appeal",
      version: 0,
      appealKind: "mistaken",
      note: "申请人误评：录像显示当场办结",
      attachmentIds: [proof.id, record.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const appeal = res.json<ReviewDetailView>().steps.find((s) => s.step === "appeal")!;
    expect(appeal.attachments.map((a) => a.fileName).sort()).toEqual(["办件记录.pdf", "窗口录像截图说明.pdf"]);

    const url = `/api/ratings/reviews/${reviewId}/attachments/${proof.id}`;
    for (const reader of [office, liaisonA]) {
      const file = await get(reader, url);
      expect(file.statusCode, file.body).toBe(200);
      expect(file.rawPayload.equals(samplePdf("录像"))).toBe(true);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(String(file.headers["content-disposition"])).toContain(encodeURIComponent("窗口录像截图说明.pdf"));
    }
    expect((await get(liaisonB, url)).statusCode).toBe(404);
    // The file is the review's: asked for under another review, it is not found.
    const other = await badReview(server.database.db, ids.get("A")!);
    expect((await get(office, `/api/ratings/reviews/${other}/attachments/${proof.id}`)).statusCode).toBe(404);

    const [audit] = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "rating.review.appeal"));
    expect(audit!.after).toMatchObject({ attachments: expect.arrayContaining(["办件记录.pdf", "窗口录像截图说明.pdf"]) });
    const downloads = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "attachment.download"));
    expect(downloads.length).toBe(2);
  });

  it("refuses a file someone else uploaded, or one already cited, naming it in the body; the step is not taken", async () => {
    const reviewId = await badReview(server.database.db, ids.get("A")!);
    const colleagues = await uploaded(liaisonA2, "同事的文件.pdf");
    const mine = await uploaded(liaisonA, "整改前照片.pdf");
    const refused = await post(liaisonA, `/api/ratings/reviews/${reviewId}/respond`, {
      action: "confirm",
      version: 0,
      note: "核实属实",
      attachmentIds: [mine.id, colleagues.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details).toEqual([expect.objectContaining({ path: ["body", "attachmentIds", 1] })]);
    const still = (await get(liaisonA, `/api/ratings/reviews/${reviewId}`)).json<ReviewDetailView>();
    expect(still.status).toBe("verifying");
    expect(still.version).toBe(0);

    const taken = await post(liaisonA, `/api/ratings/reviews/${reviewId}/respond`, {
      action: "confirm",
      version: 0,
      note: "核实属实",
      attachmentIds: [mine.id],
    });
    expect(taken.statusCode, taken.body).toBe(200);
    // Cited once, it cannot move to another step.
    const again = await post(liaisonA, `/api/ratings/reviews/${reviewId}/respond`, {
      action: "rectify",
      version: 1,
      note: "已整改",
      attachmentIds: [mine.id],
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain("附件");
  });

  it("checks files as evidence is checked: a program named .pdf is refused, naming the file, nothing stored", async () => {
    const res = await upload(liaisonA, [{ name: "整改报告.pdf", data: sampleExe() }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("整改报告.pdf");
    expect(res.json().details[0].path).toEqual(["body", "files", 0]);
  });
});

describe("a 督办单's 反馈 with its evidence", () => {
  it("lists the files on the reply step, for the office and the unit only", async () => {
    await storeCases(server.database.db, [
      {
        caseNo: "ATT-1",
        unitId: ids.get("A")!,
        acceptedAt: cst("2024-03-04T09:00:00"),
        promisedLimit: 5,
        promisedLimitUnit: "working_day",
      },
    ]);
    await evaluateWarnings(server.database.db);
    const warnings = (await get(office, "/api/supervision/warnings?kind=overdue")).json<WarningListView>();
    const warningId = warnings.rows.find((w) => w.caseNo === "ATT-1")!.id;
    const issued = await post(office, `/api/supervision/warnings/${warningId}/order`, { instruction: "请说明超期原因" });
    expect(issued.statusCode, issued.body).toBe(200);
    const orderId = issued.json<OrderDetailView>().id;

    const note = await uploaded(liaisonA, "情况说明.pdf", "说明");
    const replied = await post(liaisonA, `/api/supervision/orders/${orderId}/reply`, {
      text: "系统故障导致超期",
      attachmentIds: [note.id],
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const detail = (await get(office, `/api/supervision/orders/${orderId}`)).json<OrderDetailView>();
    expect(detail.steps.find((s) => s.kind === "reply")!.attachments.map((a) => a.fileName)).toEqual(["情况说明.pdf"]);
    expect(detail.steps.find((s) => s.kind === "issue")!.attachments).toEqual([]);

    const url = `/api/supervision/orders/${orderId}/attachments/${note.id}`;
    const file = await get(office, url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(samplePdf("说明"))).toBe(true);
    expect((await get(liaisonB, url)).statusCode).toBe(404);
  });
});
