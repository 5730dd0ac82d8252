import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CASE_COLUMNS } from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarDays, caseRederiveJobs, cases } from "../../platform/db/schema.ts";
import { INGEST_HANDLERS, ingestFile } from "../../platform/ingest/index.ts";
import { ingestFileWith } from "../../platform/ingest/queue.ts";
import { type Client, login, makeUnit, makeUser, multipart, startTestServer, type TestServer, workbook } from "../../test/harness.ts";
import { recountCaseRollups } from "./derived.ts";
import { caseIngestHandler } from "./ingest.ts";
import { caseRederiveRunner, rederiveCasesForCalendar, runCaseRederiveJob, seedCalendarWithClocks } from "./rederive.ts";

let server: TestServer;
let office: Client;
let dir: string;

beforeAll(async () => {
  // No calendar seeded (2025 is not covered); no background worker: the tests run the jobs themselves.
  server = await startTestServer({ backgroundJobs: false });
  await makeUnit(server, { code: "CN-ZW" });
  await makeUser(server, { username: "office", unitCode: "CN-ZW", roles: ["assessment_admin"] });
  office = await login(server, "office");
  dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-rederive-"));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const row = (caseNo: string, acceptedAt: string, completedAt: string) =>
  Object.keys(CASE_COLUMNS).map(
    (k) =>
      ({
        caseNo,
        itemCode: "310105001",
        unitCode: "CN-ZW",
        regionCode: "310105",
        channel: "网上",
        caseType: "承诺件",
        acceptedAt,
        completedAt,
        result: "准予",
        promisedLimit: "3",
        promisedLimitUnit: "工作日",
        visits: "0",
      })[k] ?? "",
  );

let fileNo = 0;
/** The rows as one cases file through the real ingest. */
async function ingestCases(rows: string[][]) {
  const file = path.join(dir, `cases-${++fileNo}.csv`);
  await writeFile(file, `${Object.values(CASE_COLUMNS).join(",")}\n${rows.map((r) => r.join(",")).join("\n")}\n`);
  await ingestFile({ database: server.database, kind: "cases", sourceCode: "default", filePath: file });
}

const stored = async (caseNo: string) => (await server.database.db.select().from(cases).where(eq(cases.caseNo, caseNo)))[0]!;
const rollups = async () =>
  (
    (await server.database.db.execute(sql`select * from case_rollups where accepted <> 0 order by 1,2,3,4,5,6`)) as unknown as {
      rows: unknown[];
    }
  ).rows;

describe("the calendar's changes reach the stored clocks", () => {
  it("counts 时限无法计算 cases once their year is entered, and moves clocks when a day changes", async () => {
    await ingestCases([row("R-1", "2025-06-02 09:00:00", "2025-06-05 16:00:00"), row("R-2", "2025-09-01 09:00:00", "2025-09-02 10:00:00")]);
    expect(await stored("R-1")).toMatchObject({ elapsedDays: null, dueAt: null, quality: expect.arrayContaining(["limit_unknown"]) });

    // Mon 2 June … Thu 5 June 2025 with no holiday: 3 working days, on time.
    const year = await office.request({ method: "PUT", url: "/api/calendar/years/2025", payload: { covered: true } });
    expect(year.statusCode).toBe(200);
    const counted = await stored("R-1");
    expect(counted.elapsedDays).toBe(3);
    expect(counted.quality).not.toContain("limit_unknown");
    expect((await stored("R-2")).elapsedDays).toBe(1);

    // A regional day off on Tue 3 June: R-1 now used 2 working days; R-2, in September, is untouched.
    const r2 = await stored("R-2");
    const day = await office.request({
      method: "PUT",
      url: "/api/calendar/days/2025-06-03",
      payload: { kind: "holiday", name: "地方假日", regionCode: "310105" },
    });
    expect(day.statusCode).toBe(200);
    expect((await stored("R-1")).elapsedDays).toBe(2);
    expect((await stored("R-2")).updatedAt).toEqual(r2.updatedAt);

    const incremental = await rollups();
    await server.database.db.transaction((tx) => recountCaseRollups(tx));
    expect(await rollups()).toEqual(incremental);
  });

  it("counts the clocks once an imported notice enters their year, its days included", async () => {
    await ingestCases([row("R-4", "2023-03-06 09:00:00", "2023-03-09 16:00:00")]);
    expect((await stored("R-4")).quality).toContain("limit_unknown");
    // Mon 6 … Thu 9 March 2023, with Tue 7 made a day off by the imported notice: 2 working days.
    const notice = await workbook(["日期", "类型", "名称", "地区编码"], [["2023-03-07", "休息日", "测试假日", ""]], "工作日历");
    const body = multipart(notice, "2023.xlsx");
    const res = await office.request({ method: "POST", url: "/api/calendar/import", payload: body.payload, headers: body.headers });
    expect(res.statusCode).toBe(200);
    expect(await stored("R-4")).toMatchObject({ elapsedDays: 2 });
    expect((await stored("R-4")).quality).not.toContain("limit_unknown");
  });

  it("counts the clocks of the years the start's calendar seed adds", async () => {
    await ingestCases([row("R-3", "2024-03-04 09:00:00", "2024-03-06 16:00:00")]);
    expect((await stored("R-3")).quality).toContain("limit_unknown");
    expect(await seedCalendarWithClocks(server.database)).toContain(2024);
    expect(await stored("R-3")).toMatchObject({ elapsedDays: 2 });
    expect((await stored("R-3")).quality).not.toContain("limit_unknown");
  });

  it("hands more cases than the request may hold to a background job that resumes after a kill", async () => {
    // After the seed above 2025 is covered: Mon 7 … Thu 10 July is 3 working days.
    const ids = ["J-1", "J-2", "J-3"];
    await ingestCases(ids.map((id) => row(id, "2025-07-07 09:00:00", "2025-07-10 16:00:00")));
    expect((await stored("J-2")).elapsedDays).toBe(3);

    // A regional day off on Tue 8 July, with room in the request for 1 case: the change queues a job.
    const outcome = await server.database.db.transaction(async (tx) => {
      await tx.insert(calendarDays).values({ regionCode: "310105", date: "2025-07-08", kind: "holiday", name: "测试", source: "manual" });
      return rederiveCasesForCalendar({ tx, regionCode: "310105", from: "2025-07-08", to: "2025-07-08", reason: "测试", inlineLimit: 1 });
    });
    if (!("queued" in outcome)) throw new Error("expected a queued job");
    expect((await stored("J-1")).elapsedDays).toBe(3); // not yet: the job has not run

    // One case per batch; the process dies after the first batch (its heartbeat goes stale).
    const crash = new Error("killed");
    await expect(
      runCaseRederiveJob({
        database: server.database,
        jobId: outcome.queued,
        batchSize: 1,
        afterBatch: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const job = () => server.database.db.select().from(caseRederiveJobs).where(eq(caseRederiveJobs.id, outcome.queued));
    // A failure queues it again (up to 3 attempts), at its cursor.
    expect((await job())[0]).toMatchObject({ status: "queued", attempts: 1, error: "killed", total: 3, done: 1 });
    expect((await stored("J-1")).elapsedDays).toBe(2);
    expect((await stored("J-3")).elapsedDays).toBe(3);
    await server.database.db
      .update(caseRederiveJobs)
      .set({ status: "running", heartbeatAt: new Date(0) })
      .where(eq(caseRederiveJobs.id, outcome.queued));

    // A kill -9 instead leaves it running with a stale heartbeat: a worker claims it again and goes
    // on from its cursor, each case once.
    expect(await caseRederiveRunner({ database: server.database, staleMs: 0 }).runOne(new AbortController().signal)).toBe(true);
    expect((await job())[0]).toMatchObject({ status: "succeeded", total: 3, done: 3 });
    for (const id of ids) expect((await stored(id)).elapsedDays, id).toBe(2);
    const incremental = await rollups();
    await server.database.db.transaction((tx) => recountCaseRollups(tx));
    expect(await rollups()).toEqual(incremental);

    // The calendar screen sees what ran.
    const listed = await office.request({ method: "GET", url: "/api/calendar/rederive-jobs" });
    expect(listed.json().rows[0]).toMatchObject({ id: outcome.queued, reason: "测试", status: "succeeded", total: 3, done: 3 });
    expect(await caseRederiveRunner({ database: server.database, staleMs: 0 }).runOne(new AbortController().signal)).toBe(false);
  });

  it("derives an import batch's clocks again when the calendar changed after the batch read it", async () => {
    // The calendar changes between the batch's enrich step (outside its transaction) and its commit.
    const handlers = {
      ...INGEST_HANDLERS,
      cases: {
        ...caseIngestHandler,
        async enrichBatch(...args: Parameters<NonNullable<typeof caseIngestHandler.enrichBatch>>) {
          const ready = await caseIngestHandler.enrichBatch!(...args);
          await server.database.db.transaction(async (tx) => {
            await tx
              .insert(calendarDays)
              .values({ regionCode: "310105", date: "2025-08-05", kind: "holiday", name: "测试", source: "manual" });
            await rederiveCasesForCalendar({ tx, regionCode: "310105", from: "2025-08-05", to: "2025-08-05", reason: "测试" });
          });
          return ready;
        },
      },
    } as typeof INGEST_HANDLERS;
    const file = path.join(dir, "late-calendar.csv");
    await writeFile(
      file,
      `${Object.values(CASE_COLUMNS).join(",")}\n${row("K-1", "2025-08-04 09:00:00", "2025-08-07 16:00:00").join(",")}\n`,
    );
    await ingestFileWith({ database: server.database, kind: "cases", sourceCode: "default", filePath: file, handlers });
    // Mon 4 … Thu 7 August with Tue 5 off: 2 working days (3 with the calendar the batch first read).
    expect((await stored("K-1")).elapsedDays).toBe(2);
  });
});
