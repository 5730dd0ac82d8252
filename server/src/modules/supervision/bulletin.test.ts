import fs from "node:fs";
import { type BulletinView, cstDate } from "@kaoping/core";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { supervisionOrders } from "../../platform/db/schema.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { insertWarning } from "../../test/supervision.ts";
import { buildBulletinContent } from "./bulletin.ts";
import { monthOnMonth } from "./bulletin-render.ts";

/**
 * March 2024, by hand. Unit A: 4 cases accepted, 3 completed (2 on time, 1 late) → 66.7 %; 3
 * warnings (2 红灯 超期, 1 黄灯 多次补正); one 督办单 answered after its deadline, one unanswered past
 * it, one warning never supervised → 逾期反馈 1, 逾期未反馈 1: 未按期反馈 2 ≥ the yellow line 1 → 黄牌.
 * Unit B: 2 cases, both on time, no warning. February: 1 warning (A) → 3 vs 1: up 2 (200 %).
 * Ranking by warnings per 100 cases: B 0 → 1st, A 75 → 2nd.
 */
let server: TestServer;
let ids: Map<string, string>;
let office: Client;
let liaison: Client;
let seq = 0;

const warn = (
  unitCode: string,
  at: string,
  kind: "overdue" | "repeated_correction",
  order?: Partial<typeof supervisionOrders.$inferInsert>,
) => {
  const n = ++seq;
  return insertWarning(server.database.db, {
    caseNo: `BL-${n}`,
    unitId: ids.get(unitCode)!,
    at: cst(at),
    kind,
    facts: kind === "overdue" ? { daysLate: n } : {},
    order,
  });
};

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  const promised = (caseNo: string, unit: string, accepted: string, completed: string | null) => ({
    caseNo,
    unitId: ids.get(unit)!,
    acceptedAt: cst(accepted),
    completedAt: completed ? cst(completed) : null,
    promisedLimit: 5,
    promisedLimitUnit: "working_day" as const,
  });
  await storeCases(server.database.db, [
    promised("A-1", "A", "2024-03-04T09:00:00", "2024-03-06T10:00:00"),
    promised("A-2", "A", "2024-03-05T09:00:00", "2024-03-07T10:00:00"),
    promised("A-3", "A", "2024-03-06T09:00:00", "2024-03-25T10:00:00"), // late
    promised("A-4", "A", "2024-03-07T09:00:00", null),
    promised("B-1", "B", "2024-03-04T09:00:00", "2024-03-05T10:00:00"),
    promised("B-2", "B", "2024-03-04T09:00:00", "2024-03-05T10:00:00"),
  ]);
  await warn("A", "2024-02-20T10:00:00", "overdue");
  await warn("A", "2024-03-11T23:59:59", "overdue", { status: "replied", repliedAt: cst("2024-03-18T10:00:00"), isReplyLate: true });
  await warn("A", "2024-03-12T23:59:59", "overdue", {});
  await warn("A", "2024-03-13T10:00:00", "repeated_correction");
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison", unitCode: "A", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaison = await login(server, "liaison");
}, 120_000);
afterAll(() => server.close());

describe("月份运行情况通报", () => {
  it("counts the month's cases, warnings, orders, cards, ranking and change, by hand", async () => {
    const content = await buildBulletinContent(server.database.db, "2024-03", cst("2024-04-10T12:00:00"));
    expect(content).toMatchObject({ from: "2024-03-01", to: "2024-03-31", previousWarnings: 1 });
    expect(content.totals).toEqual({
      accepted: 6,
      completed: 5,
      onTimeRate: 80,
      warnings: 3,
      redWarnings: 2,
      ordersIssued: 2,
      repliedOnTime: 0,
      repliedLate: 1,
      replyMissing: 1,
      redCards: 0,
      yellowCards: 1,
    });
    expect(content.units.map((u) => [u.unitName, u.rank, u.accepted, u.onTimeRate, u.warnings, u.warningRate, u.card])).toEqual([
      ["单位 B", 1, 2, 100, 0, 0, "none"],
      ["单位 A", 2, 4, 66.7, 3, 75, "yellow"],
    ]);
    expect(content.units[1]!.cardReasons).toEqual(["未按期反馈 2 件，达到黄牌线 1 件"]);
    expect(content.units[1]!.byRule).toEqual({ 超期: 2, 多次补正: 1 });
    expect(content.worstCases.map((c) => c.caseNo)).toEqual(["BL-3", "BL-2"]);
    expect(monthOnMonth(content.totals.warnings, content.previousWarnings)).toBe("较上月增加 2 件（200%）");
  });

  it("publishes frozen versions: later data changes the preview, never a published version", async () => {
    const publish = () => office.request({ method: "POST", url: "/api/supervision/bulletins", payload: { month: "2024-03" } });
    const first = (await publish()).json<BulletinView>();
    expect(first).toMatchObject({ month: "2024-03", version: 1, publishedBy: "office" });
    await warn("A", "2024-03-20T10:00:00", "repeated_correction");
    const second = (await publish()).json<BulletinView>();
    expect(second.version).toBe(2);
    const page = (id: string) => office.request({ method: "GET", url: `/api/supervision/bulletins/${id}/bulletin.html` });
    expect((await page(first.id)).body).toContain("共发出预警 3 件");
    // The orders counted are those of the month's warnings: the sentence says so ("其中").
    expect((await page(first.id)).body).toMatch(/对其中 \d+ 件下发督办单，按时反馈 \d+ 件，逾期反馈 \d+ 件，逾期未反馈 \d+ 件/);
    expect((await page(second.id)).body).toContain("共发出预警 4 件");
    const preview = await office.request({ method: "GET", url: "/api/supervision/bulletins/preview.html?month=2024-03" });
    expect(preview.body).toContain("2024年3月政务服务电子监察运行情况通报");
    expect(preview.body).toContain("预览（未发布）");
    const list = (await liaison.request({ method: "GET", url: "/api/supervision/bulletins" })).json<BulletinView[]>();
    expect(list.map((b) => b.version)).toEqual([2, 1]);
  });

  it("exports the workbook with Chinese sheets and headers, and the PDF where Chromium is", async () => {
    const [latest] = (await office.request({ method: "GET", url: "/api/supervision/bulletins" })).json<BulletinView[]>();
    const xlsx = await office.request({ method: "GET", url: `/api/supervision/bulletins/${latest!.id}/bulletin.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(["单位排名", "预警分布", "典型超期办件"]);
    const ranking = book.getWorksheet("单位排名")!;
    expect(ranking.getRow(1).values).toContain("按时办结率（%）");
    expect(ranking.getRow(3).getCell(2).value).toBe("单位 A");
    expect(ranking.getRow(3).getCell(13).value).toBe("黄牌");
    if (!fs.existsSync(server.config.chromiumPath)) return;
    const pdf = await office.request({ method: "GET", url: `/api/supervision/bulletins/${latest!.id}/bulletin.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is the office's to preview and publish; a bad month is refused, naming it", async () => {
    expect((await liaison.request({ method: "POST", url: "/api/supervision/bulletins", payload: { month: "2024-03" } })).statusCode).toBe(
      403,
    );
    const bad = await office.request({ method: "POST", url: "/api/supervision/bulletins", payload: { month: "2024-13" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("月份格式应为 YYYY-MM");
  });

  it("publishes only a month that has ended, and none before 2000; a running month may be previewed", async () => {
    const publish = (month: string) => office.request({ method: "POST", url: "/api/supervision/bulletins", payload: { month } });
    const running = cstDate(new Date()).slice(0, 7);
    for (const month of [running, "2027-06", "2030-01"].filter((m) => m >= running)) {
      const res = await publish(month);
      expect(res.statusCode, month).toBe(400);
      expect(res.json()).toMatchObject({ details: [{ path: ["body", "month"] }] });
      expect(res.body).toContain(`${month} 尚未结束，不能发布通报`);
    }
    const ancient = await publish("1999-02");
    expect(ancient.statusCode).toBe(400);
    expect(ancient.body).toContain("月份不能早于 2000-01");
    const listed = (await office.request({ method: "GET", url: "/api/supervision/bulletins" })).json<BulletinView[]>();
    expect(listed.filter((b) => b.month >= running || b.month < "2000-01")).toEqual([]);
    const preview = await office.request({ method: "GET", url: `/api/supervision/bulletins/preview.html?month=${running}` });
    expect(preview.statusCode).toBe(200);
  });
});
