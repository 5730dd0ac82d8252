import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CASE_COLUMNS } from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseEvents, cases, ingestJobs, ingestQuarantine, units } from "../../platform/db/schema.ts";
import { INGEST_HANDLERS, ingestFile } from "../../platform/ingest/index.ts";
import { claimIngestJob, createIngestJob, fileResolver, fileSha256 } from "../../platform/ingest/queue.ts";
import { runIngestJob } from "../../platform/ingest/run-job.ts";
import { makeUnit, startTestServer, type TestServer } from "../../test/harness.ts";
import { seedCalendar } from "../calendar/seed.ts";
import { recountCaseRollups } from "./derived.ts";

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "CN-ZW" });
  await makeUnit(server, { code: "CN-SJ" });
  dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-ingest-"));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const HEADERS = Object.values(CASE_COLUMNS);
type Row = Partial<Record<keyof typeof CASE_COLUMNS, string>>;

/** A good case row numbered n. */
const caseRow = (n: number, over: Row = {}): Row => ({
  caseNo: `BJ-${String(n).padStart(5, "0")}`,
  itemCode: "310105001",
  unitCode: n % 2 ? "CN-ZW" : "CN-SJ",
  regionCode: "310105",
  channel: n % 3 ? "网上" : "窗口",
  caseType: n % 4 ? "承诺件" : "即办件",
  applicantName: "张三",
  applicantIdNo: "330102199001011234",
  acceptedAt: "2025-03-03 09:30:00",
  completedAt: "2025-03-05 16:00:00",
  result: "准予",
  legalLimit: "20",
  legalLimitUnit: "工作日",
  promisedLimit: "5",
  promisedLimitUnit: "工作日",
  visits: "0",
  ...over,
});

const csvOf = (rows: Row[]) =>
  `${HEADERS.join(",")}\n${rows
    .map((r) => (Object.keys(CASE_COLUMNS) as (keyof typeof CASE_COLUMNS)[]).map((k) => r[k] ?? "").join(","))
    .join("\n")}\n`;

let fileNo = 0;
async function fileWith(content: string | Buffer, ext = "csv") {
  const file = path.join(dir, `f${++fileNo}.${ext}`);
  await writeFile(file, content);
  return file;
}

const ingest = async (content: string | Buffer, options: { ext?: string; kind?: "cases" | "case_events"; batchRows?: number } = {}) =>
  ingestFile({
    database: server.database,
    kind: options.kind ?? "cases",
    sourceCode: "default",
    filePath: await fileWith(content, options.ext),
    batchRows: options.batchRows,
  });

const count = async (table: typeof cases | typeof ingestQuarantine | typeof caseEvents) =>
  (await server.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const rollupAccepted = async () =>
  (await server.database.db.execute(sql`select coalesce(sum(accepted), 0)::int as n from case_rollups`)) as unknown as {
    rows: { n: number }[];
  };
const clear = async () => {
  for (const table of ["case_events", "cases", "case_rollups", "case_rollups_monthly", "ingest_jobs"])
    await server.database.db.execute(sql.raw(`delete from ${table}`));
};

describe("case ingest (PGlite)", () => {
  it("quarantines 5 % bad rows with their reasons and accepts the rest", async () => {
    await clear();
    const rows = Array.from({ length: 200 }, (_, i) => caseRow(i + 1));
    const bad: [number, Row, string][] = [
      [10, { acceptedAt: "2025-02-30" }, "bad_date"],
      [20, { completedAt: "2025-03-01 08:00:00" }, "completed_before_accepted"],
      [30, { acceptedAt: "2099-01-01 00:00:00", completedAt: "" }, "future_date"],
      [40, { promisedLimit: "-3" }, "negative_limit"],
      [50, { legalLimit: "10000" }, "limit_too_long"],
      [60, { channel: "邮寄" }, "bad_enum"],
      [70, { caseNo: "" }, "missing_field"],
      [80, { unitCode: "NO-SUCH" }, "unknown_unit"],
      [90, { caseNo: "BJ-00001" }, "duplicate_in_file"],
      [100, { visits: "两次" }, "bad_number"],
    ];
    for (const [n, over] of bad) rows[n - 1] = caseRow(n, over);
    const job = await ingest(csvOf(rows), { batchRows: 64 });
    expect(job).toMatchObject({ status: "succeeded", rowsRead: 200, rowsAccepted: 190, rowsQuarantined: 10, error: null });
    expect(await count(cases)).toBe(190);
    expect((await rollupAccepted()).rows[0]!.n).toBe(190);
    const quarantine = await server.database.db.select().from(ingestQuarantine).orderBy(ingestQuarantine.line);
    expect(quarantine.map((q) => [q.line, (q.reasons as { reason: string }[])[0]!.reason])).toEqual(
      bad.map(([n, , reason]) => [n + 1, reason]),
    );
    const unknown = quarantine.find((q) => q.line === 81)!;
    expect(unknown.unitCode).toBe("NO-SUCH");
    expect(unknown.unitId).toBeNull();
    // A row refused for its own fields still belongs to the unit it names (quality report, the unit's scope).
    const [sj] = await server.database.db.select().from(units).where(eq(units.code, "CN-SJ"));
    expect(quarantine.find((q) => q.line === 21)).toMatchObject({ unitCode: "CN-SJ", unitId: sj!.id });
    expect((unknown.reasons as { message: string }[])[0]!.message).toBe("受理部门编码：“NO-SUCH”受理部门编码不存在");
    // The applicant is never kept in clear, not even in quarantine.
    expect((unknown.raw as Record<string, string>).申请人姓名).toBe("张*");
    const [stored] = await server.database.db.select().from(cases).where(eq(cases.caseNo, "BJ-00001"));
    expect(stored).toMatchObject({ applicantMasked: "张* 3301**********1234", channel: "online", promisedLimit: 5 });
    expect(stored!.applicantHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain("330102199001011234");
  });

  it("reads a GBK file", async () => {
    await clear();
    const job = await ingest(iconv.encode(csvOf([caseRow(1), caseRow(2)]), "gbk"));
    expect(job).toMatchObject({ status: "succeeded", rowsAccepted: 2 });
    const [stored] = await server.database.db.select().from(cases).where(eq(cases.caseNo, "BJ-00001"));
    expect(stored?.channel).toBe("online");
  });

  it("refuses structural errors whole, naming line and column, with nothing written", async () => {
    await clear();
    const good = csvOf(Array.from({ length: 30 }, (_, i) => caseRow(i + 1)));
    const cases_: [string | Buffer, string, { line?: number; column?: string }][] = [
      ["", "文件为空", {}],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "二进制", {}],
      [`${HEADERS.join(",")}\n`, "只有表头", { line: 2 }],
      [csvOf([caseRow(1)]).replace("受理时间", "受理日期"), "缺少必需的列：受理时间", { line: 1, column: "受理时间" }],
      [good.slice(0, good.length - 40), "列", { line: 31 }],
      [`${good}"BJ-99999,310105001\n`, "引号未闭合", {}],
    ];
    for (const [content, message, where] of cases_) {
      const job = await ingest(content, { batchRows: 10 });
      expect(job.status, message).toBe("failed");
      expect(job.error?.message, message).toContain(message);
      expect(job.error, message).toMatchObject(where);
    }
    expect(await count(cases)).toBe(0);
    expect(await count(ingestQuarantine)).toBe(0);
  });

  it("updates a case sent again in a second file, and a rerun of the same file changes nothing", async () => {
    await clear();
    const first = csvOf([caseRow(1), caseRow(2)]);
    await ingest(first);
    const second = csvOf([caseRow(2, { channel: "窗口", visits: "1" }), caseRow(3)]);
    const again = await ingest(second);
    expect(again).toMatchObject({ rowsAccepted: 2, rowsQuarantined: 0 });
    expect(await count(cases)).toBe(3);
    const [updated] = await server.database.db.select().from(cases).where(eq(cases.caseNo, "BJ-00002"));
    expect(updated).toMatchObject({ channel: "window", visits: 1 });
    const rollups = async () =>
      (await server.database.db.execute(sql`select * from case_rollups order by 1,2,3,4,5,6`)) as unknown as { rows: unknown[] };
    const before = await rollups();
    const casesBefore = await server.database.db.select().from(cases).orderBy(cases.caseNo);
    await ingest(second);
    await ingest(second);
    expect((await rollups()).rows).toEqual(before.rows);
    expect((await rollupAccepted()).rows[0]!.n).toBe(3);
    const casesAfter = await server.database.db.select().from(cases).orderBy(cases.caseNo);
    const strip = (rows: typeof casesBefore) => rows.map(({ updatedAt, jobId, ...rest }) => rest);
    expect(strip(casesAfter)).toEqual(strip(casesBefore));
  });

  it("resumes a job interrupted after N batches without doubling anything", async () => {
    await clear();
    const rows = Array.from({ length: 230 }, (_, i) => caseRow(i + 1, i === 120 ? { channel: "飞鸽" } : {}));
    const filePath = await fileWith(csvOf(rows));
    const job = await createIngestJob(server.database.db, {
      kind: "cases",
      sourceCode: "default",
      fileName: "interrupted.csv",
      storageKey: `file:${filePath}`,
      fileSha256: await fileSha256(filePath),
      bytesTotal: 1,
      createdBy: null,
    });
    const claimed = await claimIngestJob(server.database.db);
    expect(claimed?.id).toBe(job.id);
    const run = (afterBatch?: (n: number) => void) =>
      runIngestJob({
        database: server.database,
        jobId: job.id,
        handler: INGEST_HANDLERS.cases!,
        resolveFile: fileResolver(""),
        batchRows: 50,
        afterBatch,
      });
    await expect(
      run((n) => {
        if (n === 3) throw new Error("kill -9");
      }),
    ).rejects.toThrow("kill -9");
    const [interrupted] = await server.database.db.select().from(ingestJobs).where(eq(ingestJobs.id, job.id));
    expect(interrupted).toMatchObject({ status: "failed", committedRows: 150, rowsAccepted: 149, rowsQuarantined: 1 });
    expect(await count(cases)).toBe(149);
    // As a killed process leaves it: running, with a heartbeat gone stale; the worker claims it again at start.
    await server.database.db
      .update(ingestJobs)
      .set({ status: "running", heartbeatAt: new Date(Date.now() - 3_600_000) })
      .where(eq(ingestJobs.id, job.id));
    expect((await claimIngestJob(server.database.db))?.id).toBe(job.id);
    const done = await run();
    expect(done).toMatchObject({ status: "succeeded", committedRows: 230, rowsRead: 230, rowsAccepted: 229, rowsQuarantined: 1 });
    expect(await count(cases)).toBe(229);
    expect(await count(ingestQuarantine)).toBe(1);
    expect((await rollupAccepted()).rows[0]!.n).toBe(229);
  });

  it("stops at the next batch when cancelled", async () => {
    await clear();
    const filePath = await fileWith(csvOf(Array.from({ length: 100 }, (_, i) => caseRow(i + 1))));
    const job = await createIngestJob(server.database.db, {
      kind: "cases",
      sourceCode: "default",
      fileName: "cancel.csv",
      storageKey: `file:${filePath}`,
      fileSha256: "x",
      bytesTotal: 1,
      createdBy: null,
    });
    await claimIngestJob(server.database.db);
    const done = await runIngestJob({
      database: server.database,
      jobId: job.id,
      handler: INGEST_HANDLERS.cases!,
      resolveFile: fileResolver(""),
      batchRows: 20,
      afterBatch: async (n) => {
        if (n === 2) await server.database.db.update(ingestJobs).set({ cancelRequested: true }).where(eq(ingestJobs.id, job.id));
      },
    });
    expect(done).toMatchObject({ status: "cancelled", committedRows: 40 });
    expect(await count(cases)).toBe(40);
  });

  it("ends after the batch in flight when the server stops, queued again, and resumes at the next start", async () => {
    await clear();
    const filePath = await fileWith(csvOf(Array.from({ length: 100 }, (_, i) => caseRow(i + 1))));
    const job = await createIngestJob(server.database.db, {
      kind: "cases",
      sourceCode: "default",
      fileName: "stop.csv",
      storageKey: `file:${filePath}`,
      fileSha256: "x",
      bytesTotal: 1,
      createdBy: null,
    });
    const stopping = new AbortController();
    const run = (afterBatch?: (n: number) => void) => {
      return claimIngestJob(server.database.db).then((claimed) =>
        runIngestJob({
          database: server.database,
          jobId: claimed!.id,
          handler: INGEST_HANDLERS.cases!,
          resolveFile: fileResolver(""),
          batchRows: 20,
          afterBatch,
          signal: stopping.signal,
        }),
      );
    };
    const stopped = await run((n) => {
      if (n === 2) stopping.abort();
    });
    expect(stopped).toMatchObject({ id: job.id, status: "queued", committedRows: 40, error: null });
    expect(await count(cases)).toBe(40);
    const resumed = await runIngestJob({
      database: server.database,
      jobId: (await claimIngestJob(server.database.db))!.id,
      handler: INGEST_HANDLERS.cases!,
      resolveFile: fileResolver(""),
      batchRows: 20,
    });
    expect(resumed).toMatchObject({ id: job.id, status: "succeeded", committedRows: 100, rowsRead: 100, rowsAccepted: 100 });
    expect(await count(cases)).toBe(100);
    expect((await rollupAccepted()).rows[0]!.n).toBe(100);
  });

  it("replaces a case's events with the newest file's, and quarantines events of unknown cases", async () => {
    await clear();
    await ingest(csvOf([caseRow(1), caseRow(2)]));
    const events = (rows: string[][]) =>
      `办件编号,环节,开始时间,结束时间,经办人,签名密钥编号\n${rows.map((r) => r.join(",")).join("\n")}\n`;
    const first = await ingest(
      events([
        ["BJ-00001", "受理", "2025-03-03 09:30", "", "李四", ""],
        ["BJ-00001", "补正", "2025-03-03 10:00", "2025-03-04 10:00", "李四", ""],
        ["BJ-00002", "受理", "2025-03-03 09:30", "", "王五", ""],
        ["BJ-09999", "受理", "2025-03-03 09:30", "", "王五", ""],
      ]),
      { kind: "case_events", batchRows: 2 },
    );
    expect(first).toMatchObject({ status: "succeeded", rowsAccepted: 3, rowsQuarantined: 1 });
    expect(await count(caseEvents)).toBe(3);
    const [unknown] = await server.database.db.select().from(ingestQuarantine).where(eq(ingestQuarantine.jobId, first.id));
    expect((unknown!.reasons as { reason: string }[])[0]!.reason).toBe("unknown_case");
    await ingest(events([["BJ-00001", "办结", "2025-03-05 16:00", "", "李四", "K-1"]]), { kind: "case_events" });
    const left = await server.database.db.select().from(caseEvents).orderBy(caseEvents.caseNo, caseEvents.seq);
    expect(left.map((e) => [e.caseNo, e.kind])).toEqual([
      ["BJ-00001", "complete"],
      ["BJ-00002", "accept"],
    ]);
  });
  it("keeps the rollups equal to a recount from the stored cases through updates and events from several files", async () => {
    await clear();
    await seedCalendar(server.database.db); // clocks that count (without it every 2025 case is 时限无法计算)
    const events = (rows: string[][]) =>
      `办件编号,环节,开始时间,结束时间,经办人,签名密钥编号\n${rows.map((r) => r.join(",")).join("\n")}\n`;
    const rollups = async () => {
      const rows = async (table: string) =>
        (
          (await server.database.db.execute(sql.raw(`select * from ${table} where accepted <> 0 order by 1,2,3,4,5,6`))) as unknown as {
            rows: Record<string, unknown>[];
          }
        ).rows;
      return { daily: await rows("case_rollups"), monthly: await rows("case_rollups_monthly") };
    };
    const expectRecounted = async (step: string) => {
      const incremental = await rollups();
      // A rollup row whose cases all moved away is left at zero in every counter.
      const leftovers = (await server.database.db.execute(
        sql`select * from case_rollups where accepted = 0 union all select * from case_rollups_monthly where accepted = 0`,
      )) as unknown as { rows: Record<string, unknown>[] };
      for (const row of leftovers.rows)
        for (const [column, value] of Object.entries(row))
          if (!["region_code", "unit_id", "item_code", "channel", "case_type", "day"].includes(column))
            expect(Number(value), `${step}: ${column}`).toBe(0);
      await server.database.db.transaction((tx) => recountCaseRollups(tx));
      expect(await rollups(), step).toEqual(incremental);
    };
    await ingest(csvOf(Array.from({ length: 12 }, (_, i) => caseRow(i + 1))), { batchRows: 5 });
    await expectRecounted("cases");
    await ingest(
      events([
        ["BJ-00001", "补正", "2025-03-03 10:00", "2025-03-04 10:00", "李四", ""],
        ["BJ-00002", "特别程序", "2025-03-03 10:00", "2025-03-05 10:00", "李四", ""],
        ["BJ-00003", "受理", "2025-03-03 09:30", "", "王五", ""],
      ]),
      { kind: "case_events", batchRows: 2 },
    );
    await expectRecounted("events with pauses");
    // Updated cases (another channel, a later completion, another day) while their pauses stay.
    await ingest(
      csvOf([
        caseRow(1, { channel: "窗口", completedAt: "2025-03-12 16:00:00" }),
        caseRow(2, { acceptedAt: "2025-03-04 09:30:00" }),
        caseRow(13),
      ]),
    );
    await expectRecounted("cases updated");
    const elapsed3 = async () => (await server.database.db.select().from(cases).where(eq(cases.caseNo, "BJ-00003")))[0]!.elapsedDays!;
    const unpaused = await elapsed3();
    // Another file's events: BJ-00001 loses its 补正, BJ-00003 gains one.
    await ingest(
      events([
        ["BJ-00001", "受理", "2025-03-03 09:30", "", "李四", ""],
        ["BJ-00003", "补正", "2025-03-03 11:00", "2025-03-04 11:00", "王五", ""],
      ]),
      { kind: "case_events" },
    );
    await expectRecounted("pauses moved");
    expect(await elapsed3()).toBeLessThan(unpaused); // its clock now stops for the 补正
  });

  it("stores every column a case row carries, and counts 减证 in the rollups", async () => {
    await clear();
    const full = caseRow(1, {
      itemVersion: "3",
      situation: "新设",
      applicantType: "法人",
      appliedAt: "2025-03-02 20:00:00",
      materialsReused: "是",
      fee: "12.50",
      uploadedAt: "2025-03-05 18:00:00",
    });
    await ingest(csvOf([full, caseRow(3, { materialsReused: "否" })]));
    const [stored] = await server.database.db.select().from(cases).where(eq(cases.caseNo, "BJ-00001"));
    expect(stored).toMatchObject({
      itemVersion: "3",
      situation: "新设",
      applicantType: "legal_person",
      appliedAt: new Date("2025-03-02T12:00:00Z"),
      materialsReused: true,
      fee: "12.50",
      uploadedAt: new Date("2025-03-05T10:00:00Z"),
      applicantMasked: "张* 3301**********1234",
      visits: 0,
      channel: "online",
    });
    expect(stored!.applicantHash).toMatch(/^[0-9a-f]{64}$/);
    const [reused] = (
      (await server.database.db.execute(
        sql`select sum(materials_reused)::int as n, sum(accepted)::int as of from case_rollups`,
      )) as unknown as {
        rows: { n: number; of: number }[];
      }
    ).rows;
    expect(reused).toEqual({ n: 1, of: 2 });
  });

  it("stores half-day limits and clocks them in office hours: 0.5 accepted Monday 9:30 is due 17:00 that day", async () => {
    await clear();
    await seedCalendar(server.database.db);
    await ingest(
      csvOf([
        caseRow(1, { promisedLimit: "0.5", completedAt: "2025-03-03 16:00:00" }),
        caseRow(3, { promisedLimit: "0.5", legalLimit: "1.5", completedAt: "2025-03-04 10:00:00" }),
        caseRow(5, { promisedLimit: "0.3" }),
      ]),
    );
    const stored = await server.database.db.select().from(cases).orderBy(cases.caseNo);
    const due = "2025-03-03T09:00:00.000Z"; // 17:00 CST: the morning session acceptance fell in is not counted
    expect(stored.map((c) => [c.caseNo, c.promisedLimit, c.legalLimit, c.dueAt?.toISOString()])).toEqual([
      ["BJ-00001", 0.5, 20, due],
      ["BJ-00003", 0.5, 1.5, due],
    ]);
    const [totals] = (
      (await server.database.db.execute(sql`select sum(completed_on_time)::int as on_time, sum(completed_late)::int as late,
        sum(legal_days_sum)::text as legal, sum(promised_days_sum)::text as promised from case_rollups`)) as unknown as {
        rows: { on_time: number; late: number; legal: string; promised: string }[];
      }
    ).rows;
    expect(totals).toEqual({ on_time: 1, late: 1, legal: "21.5", promised: "1.0" });
    const [quarantined] = await server.database.db.select().from(ingestQuarantine);
    expect((quarantined!.reasons as { message: string }[])[0]?.message).toBe("承诺时限：“0.3”不是整数或半天（.5）的天数");
  });
});
