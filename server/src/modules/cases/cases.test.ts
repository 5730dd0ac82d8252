import {
  type CaseDetailView,
  type CaseListPage,
  type CaseListRow,
  type CaseMetricsView,
  type CaseQualityView,
  type Paged,
  UNATTRIBUTED_UNIT_ID,
} from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, calendarDays, calendarYears, ingestJobs, ingestQuarantine, serviceItems } from "../../platform/db/schema.ts";
import { loadWorkbook } from "../../platform/excel/workbook.ts";
import { cst, REGION, SOURCE, storeCases } from "../../test/cases.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let ids: Map<string, string>;
let admin: Client;
let liaisonA: Client;
let leaderA: Client;

const RANGE = "from=2024-01-01&to=2024-12-31";

const promised = (caseNo: string, unitCode: string, extra: Record<string, unknown> = {}) => ({
  caseNo,
  unitId: ids.get(unitCode)!,
  acceptedAt: cst("2024-02-08T10:00:00"),
  promisedLimit: 5,
  promisedLimitUnit: "working_day" as const,
  legalLimit: 20,
  legalLimitUnit: "working_day" as const,
  visits: 1,
  result: "approved",
  ...extra,
});

beforeAll(async () => {
  server = await startTestServer();
  ids = await makeUnitTree(server);
  const db = server.database.db;
  // The 2024 calendar the detail's clock reads (the ingest's applyCases got the same days).
  await db.insert(calendarYears).values([{ year: 2024, source: "test" }]);
  await db.insert(calendarDays).values([
    ...["10", "11", "12", "13", "14", "15", "16", "17"].map((d) => ({
      date: `2024-02-${d}`,
      kind: "holiday",
      name: "春节",
      source: "test",
    })),
    { date: "2024-02-04", kind: "workday", name: "春节调休", source: "test" },
    { date: "2024-02-18", kind: "workday", name: "春节调休", source: "test" },
  ]);
  await db.insert(serviceItems).values({ code: "ITEM-1", name: "事项一", unitId: ids.get("A")! });
  await storeCases(
    db,
    [
      promised("A-1", "A", { channel: "online", visits: 0, completedAt: cst("2024-02-21T16:00:00") }), // on time
      promised("A-2", "A", { completedAt: cst("2024-02-22T09:00:00") }), // late
      promised("A-3", "A", { completedAt: cst("2024-02-23T09:00:00") }), // 补正 2 days: on time
      promised("A-4", "A", { acceptedAt: cst("2024-05-06T09:00:00") }), // open, past due
      promised("A1-1", "A1", { channel: "mobile", completedAt: cst("2024-02-09T16:00:00") }), // subtree, on time
      promised("B-1", "B", { completedAt: cst("2024-03-29T09:00:00") }), // another district, late
      promised("B-2", "B", { itemCode: "ITEM-X", completedAt: cst("2024-02-09T09:00:00") }),
    ],
    [{ caseNo: "A-3", seq: 1, kind: "correction", at: cst("2024-02-19T10:00:00"), endAt: cst("2024-02-21T15:00:00") }],
  );
  const [job] = await db
    .insert(ingestJobs)
    .values({
      kind: "cases",
      sourceCode: SOURCE,
      fileName: "b.csv",
      storageKey: "k",
      fileSha256: "x",
      bytesTotal: 1,
      rowsQuarantined: 2,
      createdAt: cst("2024-06-03T10:00:00"),
    })
    .returning();
  await db.insert(ingestQuarantine).values([
    { jobId: job!.id, line: 2, unitCode: "B", unitId: ids.get("B")!, raw: {}, reasons: [] },
    { jobId: job!.id, line: 3, unitCode: "B", unitId: ids.get("B")!, raw: {}, reasons: [] },
  ]);
  await makeUser(server, { username: "admin", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison_a", unitCode: "A", roles: ["unit_liaison"] });
  await makeUser(server, { username: "leader_a", unitCode: "A", roles: ["unit_leader"] });
  admin = await login(server, "admin");
  liaisonA = await login(server, "liaison_a");
  leaderA = await login(server, "leader_a");
}, 120_000);
afterAll(() => server.close());

const get = async <T>(client: Client, url: string): Promise<T> => {
  const res = await client.request({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const metric = (view: Pick<CaseMetricsView, "metrics">, key: string) => view.metrics.find((m) => m.key === key)!;

describe("GET /api/cases/metrics", () => {
  it("adds a unit's subtree from the rollups, with overdue_open from the open cases", async () => {
    const view = await get<CaseMetricsView>(admin, `/api/cases/metrics?unitId=${ids.get("A")}&${RANGE}`);
    expect(metric(view, "accepted")).toMatchObject({ value: 5, numerator: 5 });
    expect(metric(view, "online_rate")).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
    expect(metric(view, "on_time_rate")).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    expect(metric(view, "overdue_completed")).toMatchObject({ value: 1 });
    expect(metric(view, "overdue_open")).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(metric(view, "limit_compression")).toMatchObject({ value: 0.75 });
    expect(metric(view, "correction_rate")).toMatchObject({ value: 0.2 });
  });

  it("groups by month and by channel with Chinese labels", async () => {
    const byMonth = await get<CaseMetricsView>(admin, `/api/cases/metrics?unitId=${ids.get("A")}&${RANGE}&groupBy=period&period=month`);
    expect(byMonth.groups?.map((g) => [g.key, metric(g, "accepted").value])).toEqual([
      ["2024-02-01", 4],
      ["2024-05-01", 1],
    ]);
    const byChannel = await get<CaseMetricsView>(admin, `/api/cases/metrics?unitId=${ids.get("A")}&${RANGE}&groupBy=channel`);
    expect(byChannel.groups?.map((g) => g.label).sort()).toEqual(["移动端", "窗口", "网上"].sort());
  });

  it("shows a liaison only their unit and refuses another's", async () => {
    const own = await get<CaseMetricsView>(liaisonA, `/api/cases/metrics?${RANGE}`);
    // Scope `unit`: A's own 4 cases, not A1's.
    expect(metric(own, "accepted").value).toBe(4);
    const leader = await get<CaseMetricsView>(leaderA, `/api/cases/metrics?${RANGE}`);
    expect(metric(leader, "accepted").value).toBe(5);
    const other = await liaisonA.request({ method: "GET", url: `/api/cases/metrics?unitId=${ids.get("B")}&${RANGE}` });
    expect(other.statusCode).toBe(404);
  });
});

describe("GET /api/cases (drill-down)", () => {
  it("lists exactly the cases behind each metric's numerator and denominator", async () => {
    const view = await get<CaseMetricsView>(admin, `/api/cases/metrics?${RANGE}`);
    for (const m of view.metrics) {
      if (["limit_compression", "avg_elapsed_days", "elapsed_to_promised", "avg_visits"].includes(m.key)) continue;
      // The rows come from the cases, the totals (and the metric) from the rollups: both must agree.
      const num = await get<Paged<CaseListRow>>(admin, `/api/cases?${RANGE}&metric=${m.key}&pageSize=50`);
      expect(num.total, `${m.key} numerator`).toBe(m.numerator);
      expect(num.rows, `${m.key} numerator rows`).toHaveLength(m.numerator);
      const den = await get<Paged<CaseListRow>>(admin, `/api/cases?${RANGE}&metric=${m.key}&part=denominator&pageSize=50`);
      expect(den.total, `${m.key} denominator`).toBe(m.denominator);
      expect(den.rows, `${m.key} denominator rows`).toHaveLength(m.denominator);
    }
  });

  it("gives the late cases with their figures, newest first, paged", async () => {
    const late = await get<Paged<CaseListRow>>(admin, `/api/cases?${RANGE}&metric=overdue_completed`);
    expect(late.rows.map((r) => [r.caseNo, r.elapsedDays, r.overdue])).toEqual([
      // Accepted at the same instant: by case number. B-1: 32 working days over the Spring Festival.
      ["A-2", 6, true],
      ["B-1", 32, true],
    ]);
    const page = await get<Paged<CaseListRow>>(admin, `/api/cases?${RANGE}&pageSize=2&page=2`);
    expect(page.total).toBe(7);
    expect(page.rows).toHaveLength(2);
  });

  it("exports the late cases as the list shows them: Chinese headers, labels, the figures; the liaison's own only", async () => {
    const sheetRows = async (client: Client, url: string) => {
      const res = await client.request({ method: "GET", url });
      expect(res.statusCode, res.body).toBe(200);
      const sheet = (await loadWorkbook(res.rawPayload)).worksheets[0]!;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
      return rows;
    };
    const [header, ...late] = await sheetRows(admin, `/api/cases/export.xlsx?${RANGE}&metric=overdue_completed`);
    expect(header!.slice(0, 2)).toEqual(["办件编号", "受理部门"]);
    const column = (name: string) => header!.indexOf(name);
    expect(late.map((r) => [r[0], r[column("用时")], r[column("是否超期")]])).toEqual([
      ["A-2", "6 工作日", "是"],
      ["B-1", "32 工作日", "是"],
    ]);
    expect(late.every((r) => ["窗口", "网上", "移动端", "自助终端", "其他"].includes(r[column("申请渠道")]!))).toBe(true);
    const [, ...own] = await sheetRows(liaisonA, `/api/cases/export.xlsx?${RANGE}`);
    const listed = await get<Paged<CaseListRow>>(liaisonA, `/api/cases?${RANGE}&pageSize=50`);
    expect(own.map((r) => r[0])).toEqual(listed.rows.map((r) => r.caseNo));
  });

  it("pages by key from the page before (`next`) exactly as by offset, and refuses a forged cursor", async () => {
    const byOffset: string[] = [];
    for (let page = 1; page <= 4; page++)
      byOffset.push(...(await get<CaseListPage>(admin, `/api/cases?${RANGE}&pageSize=2&page=${page}`)).rows.map((r) => r.caseNo));
    const byKey: string[] = [];
    let after: string | null = null;
    for (let page = 1; page <= 4; page++) {
      const answer: CaseListPage = await get<CaseListPage>(
        admin,
        `/api/cases?${RANGE}&pageSize=2&page=${page}${after ? `&after=${encodeURIComponent(after)}` : ""}`,
      );
      expect(answer.total).toBe(7);
      byKey.push(...answer.rows.map((r) => r.caseNo));
      after = answer.next;
    }
    expect(byKey).toEqual(byOffset);
    expect(byKey).toHaveLength(7);
    expect(after).toBeNull(); // the last page says there is no next
    const forged = await admin.request({ method: "GET", url: `/api/cases?${RANGE}&after=bm90LWEtY3Vyc29y` });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain("翻页位置无效");
  });

  it("lists a liaison's own cases only", async () => {
    const own = await get<Paged<CaseListRow>>(liaisonA, `/api/cases?${RANGE}&pageSize=50`);
    expect(own.rows.map((r) => r.caseNo).sort()).toEqual(["A-1", "A-2", "A-3", "A-4"]);
  });
});

describe("GET /api/cases/:region/:source/:caseNo", () => {
  it("opens the timeline with the clock explained, and audits the view", async () => {
    const view = await get<CaseDetailView>(admin, `/api/cases/${REGION}/${SOURCE}/A-3`);
    expect(view.events).toEqual([expect.objectContaining({ seq: 1, kind: "correction" })]);
    expect(view.clock).toMatchObject({ unit: "working_day", elapsed: 5, limit: 5, gapYear: null });
    expect(view.clock.days.filter((d) => d.state === "paused").map((d) => d.date)).toEqual(["2024-02-20", "2024-02-21"]);
    expect(view.clock.explanation).toContain("补正或特别程序暂停 2 天");
    expect(view.clock.explanation).toContain("按时办结");
    const audit = await server.database.db.select().from(auditLog);
    expect(audit.filter((a) => a.action === "case.view").map((a) => a.entityId)).toContain(`${REGION}/${SOURCE}/A-3`);
  });

  it("is 404 for another unit's case and for an unknown one", async () => {
    expect((await liaisonA.request({ method: "GET", url: `/api/cases/${REGION}/${SOURCE}/B-1` })).statusCode).toBe(404);
    expect((await liaisonA.request({ method: "GET", url: `/api/cases/${REGION}/${SOURCE}/A-1` })).statusCode).toBe(200);
    expect((await admin.request({ method: "GET", url: `/api/cases/${REGION}/${SOURCE}/NOPE` })).statusCode).toBe(404);
  });
});

describe("a date range whose end is before its start", () => {
  it("is a 400 naming `to` on the metrics, the list, the drill-down and the quality report", async () => {
    const backwards = "from=2024-12-01&to=2024-01-01";
    for (const url of [
      `/api/cases/metrics?${backwards}`,
      `/api/cases/metrics?${backwards}&groupBy=period&period=month`,
      `/api/cases?${backwards}`,
      `/api/cases?${backwards}&metric=on_time_rate&part=denominator`,
      `/api/cases/quality?${backwards}`,
    ]) {
      const res = await admin.request({ method: "GET", url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe("VALIDATION");
      expect(res.json().details, url).toEqual([{ path: ["querystring", "to"], message: "结束日期不能早于开始日期" }]);
    }
  });

  it("takes a one-day range (from = to)", async () => {
    const day = await get<CaseMetricsView>(admin, "/api/cases/metrics?from=2024-02-08&to=2024-02-08");
    expect(metric(day, "accepted").value).toBe(6);
  });
});

describe("GET /api/cases/quality", () => {
  it("counts each unit's issues and quarantined rows", async () => {
    const view = await get<CaseQualityView>(admin, `/api/cases/quality?${RANGE}`);
    const b = view.rows.find((r) => r.unitCode === "B")!;
    expect(b).toMatchObject({ accepted: 2, defective: 1, quarantined: 2 });
    expect(b.issues).toMatchObject({ unknown_item: 1, missing_optional: 0 });
    const own = await get<CaseQualityView>(liaisonA, `/api/cases/quality?${RANGE}`);
    expect(own.rows.map((r) => r.unitCode)).toEqual(["A"]);
  });

  it("counts the rows quarantined by the jobs created in the period, those without a unit on a 未能归属单位 row", async () => {
    const db = server.database.db;
    const job = async (fileName: string, kind: string, at: string, rows: { unitCode: string | null; unitId: string | null }[]) => {
      const [created] = await db
        .insert(ingestJobs)
        .values({
          kind,
          sourceCode: SOURCE,
          fileName,
          storageKey: fileName,
          fileSha256: fileName,
          bytesTotal: 1,
          rowsQuarantined: rows.length,
          createdAt: cst(at),
        })
        .returning();
      if (rows.length)
        await db.insert(ingestQuarantine).values(rows.map((r, i) => ({ jobId: created!.id, line: i + 2, ...r, raw: {}, reasons: [] })));
    };
    // In 2024: cases with an unknown unit code and one of A's; an events file (its rows name no unit).
    await job("unknown-unit.csv", "cases", "2024-09-02T09:00:00", [
      { unitCode: "ZZ-NONE", unitId: null },
      { unitCode: "ZZ-NONE", unitId: null },
      { unitCode: "A", unitId: ids.get("A")! },
    ]);
    await job("events.csv", "case_events", "2024-12-31T23:30:00", [
      { unitCode: null, unitId: null },
      { unitCode: null, unitId: null },
      { unitCode: null, unitId: null },
    ]);
    // Out of the period (China dates): the first minutes of 2025, and 2023.
    await job("late.csv", "cases", "2025-01-01T00:10:00", [
      { unitCode: "B", unitId: ids.get("B")! },
      { unitCode: null, unitId: null },
    ]);
    await job("early.csv", "case_events", "2023-12-31T23:59:00", [{ unitCode: null, unitId: null }]);

    const view = await get<CaseQualityView>(admin, `/api/cases/quality?${RANGE}`);
    const quarantinedIn2024 = 2 + 3 + 3;
    expect(view.rows.reduce((sum, r) => sum + r.quarantined, 0)).toBe(quarantinedIn2024);
    expect(view.rows.find((r) => r.unitCode === "B")!.quarantined).toBe(2);
    expect(view.rows.find((r) => r.unitCode === "A")!.quarantined).toBe(1);
    expect(view.rows.at(-1)).toMatchObject({
      unitId: UNATTRIBUTED_UNIT_ID,
      unitName: "未能归属单位",
      unattributed: true,
      accepted: 0,
      defective: 0,
      quarantined: 5,
    });
    const next = await get<CaseQualityView>(admin, "/api/cases/quality?from=2025-01-01&to=2025-12-31");
    expect(next.rows.map((r) => [r.unitName, r.quarantined])).toEqual([
      [expect.any(String), 1],
      ["未能归属单位", 1],
    ]);
    // A unit's reader, or a report of one unit, sees no 未能归属单位 row: those rows are no unit's.
    const own = await get<CaseQualityView>(liaisonA, `/api/cases/quality?${RANGE}`);
    expect(own.rows.map((r) => [r.unitCode, r.quarantined])).toEqual([["A", 1]]);
    const ofA = await get<CaseQualityView>(admin, `/api/cases/quality?${RANGE}&unitId=${ids.get("A")}`);
    expect(ofA.rows.some((r) => r.unattributed)).toBe(false);
  });
});
