/**
 * bench:cases — 办件 at scale: BENCH_CASES generated cases (200 000 on PostgreSQL, 20 000 on
 * PGlite) with ~5 events each, written to CSV files, then
 * 1. the baseline: a raw COPY of the same two files into plain tables (text columns, no keys);
 *    and, after 2., the store's floor: the rows it stored COPYed again into empty twins of
 *    `cases` and `case_events` with their keys and indexes (what any ingest into them pays);
 * 2. the real path: `ingestFile` (parsing, validation, quarantine, the case store, the clock,
 *    the rollups), cases then events, with peak RSS sampled at a quarter of N and at N;
 * 3. metrics (`sumCaseRollups`) for random units and periods, p50 / p95, a 50-case drill-down
 *    page (`listCases`, as the route answers it), and the district year's last page by OFFSET
 *    and by key (`after`, the `next` of the page before).
 * Prints JSON with real ÷ raw; docs/performance.md records it. PGlite in memory, or DATABASE_URL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { caseListQuerySchema } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { type GeneratedFiles, type GeneratorUnit, syntheticItems, writeCaseFiles } from "../src/modules/cases/generator.ts";
import { listCases } from "../src/modules/cases/queries.ts";
import { sumCaseRollups } from "../src/modules/cases/rollup-query.ts";
import { systemPrincipal } from "../src/platform/auth/principal.ts";
import { ingestFile } from "../src/platform/ingest/index.ts";
import { INGEST_BATCH_ROWS } from "../src/platform/ingest/run-job.ts";
import { openBenchDatabase } from "./bench-database.ts";
import { quantile, seededPick, time, yearPeriods } from "./case-periods.ts";
import { rawCopy, storeFloor, withPeakRss } from "./raw-copy.ts";

const isPostgres = !!process.env.DATABASE_URL;
const COUNT = Number(process.env.BENCH_CASES ?? (isPostgres ? 200_000 : 20_000));
const UNITS = 20;
const ITEMS_PER_UNIT = 10;
const QUERIES = 200;
const YEAR = "2025";

const { database, stamp, addUnit } = await openBenchDatabase();
const parent = await addUnit({ code: `BENCH-${stamp}`, name: "基准区", kind: "district" });
const units: (GeneratorUnit & { id: string })[] = [];
for (let u = 0; u < UNITS; u++) {
  const code = `BENCH-${stamp}-D${String(u + 1).padStart(2, "0")}`;
  const unit = await addUnit({ code, name: `基准局${u + 1}`, kind: "department", parentId: parent.id, sortOrder: u });
  units.push({ id: unit.id, code, regionCode: "310105", items: syntheticItems(u, ITEMS_PER_UNIT) });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-cases-"));
const generate = async (name: string, count: number, seed: number): Promise<GeneratedFiles & { casesPath: string; eventsPath: string }> => {
  const casesPath = path.join(dir, `${name}-cases.csv`);
  const eventsPath = path.join(dir, `${name}-events.csv`);
  const files = await writeCaseFiles({
    seed,
    count,
    units,
    from: `${YEAR}-01-01`,
    to: `${YEAR}-12-31`,
    problemRate: 0.01,
    caseNoPrefix: `${stamp}${name}-`,
    casesPath,
    eventsPath,
  });
  return { ...files, casesPath, eventsPath };
};
const [generateMs, [small, full]] = await time(
  async () => [await generate("s", Math.round(COUNT / 4), 1), await generate("f", COUNT, 2)] as const,
);

// 1. Baseline: the same files COPYed as they are into plain tables.
const [rawCasesMs] = await time(() => rawCopy(database, "bench_raw_cases", full.casesPath));
const [rawEventsMs] = await time(() => rawCopy(database, "bench_raw_events", full.eventsPath));
for (const table of ["bench_raw_cases", "bench_raw_events"]) await database.db.execute(sql.raw(`drop table ${table}`));

// 2. The real path, at a quarter of N and at N: rows/s, and whether memory stays flat.
// The ingest's own batch size unless BENCH_BATCH_ROWS says otherwise.
const batchRows = Number(process.env.BENCH_BATCH_ROWS ?? INGEST_BATCH_ROWS[isPostgres ? "postgres" : "pglite"]);
const ingest = (kind: "cases" | "case_events", filePath: string) =>
  ingestFile({ database, kind, sourceCode: "default", filePath, batchRows });
const real = async (files: typeof full) => {
  const [casesMs, casesJob] = await time(() => ingest("cases", files.casesPath));
  const [eventsMs, eventsJob] = await time(() => ingest("case_events", files.eventsPath));
  return { casesMs, eventsMs, casesJob, eventsJob };
};
const [smallRssMb, smallRun] = await withPeakRss(() => real(small));
const [fullRssMb, fullRun] = await withPeakRss(() => real(full));
const floorCasesMs = await storeFloor(database, "cases", `job_id = '${fullRun.casesJob.id}'`);
const floorEventsMs = await storeFloor(database, "case_events", `job_id = '${fullRun.eventsJob.id}'`);

// 3. Metrics for random units and periods (a month, a quarter, the year), and a drill-down page.
const periods = yearPeriods(Number(YEAR));
const pick = seededPick();
const metricMs: number[] = [];
for (let q = 0; q < QUERIES; q++) {
  // Every tenth for the whole district (its subtree), the others for one department.
  const unitIds = q % 10 === 0 ? [parent.id] : [pick(units).id];
  const [ms] = await time(() => sumCaseRollups(database.db, { unitIds, ...pick(periods) }));
  metricMs.push(ms);
}
// The drill-down page as the route answers it (listCases: the count and 50 rows, scoped): page 1 of
// a department's period; then the district's year at its last page, by OFFSET and by key (`after`).
const qctx = { db: database.db, principal: systemPrincipal("bench") };
const listQuery = (unitId: string, from: string, to: string, page: number, after?: string) =>
  caseListQuerySchema.parse({ unitId, from, to, page, pageSize: 50, ...(after ? { after } : {}) });
const pageMs: number[] = [];
for (let q = 0; q < 20; q++) {
  const { from, to } = pick(periods);
  const [ms] = await time(() => listCases(qctx, listQuery(pick(units).id, from, to, 1)));
  pageMs.push(ms);
}
const [yearFrom, yearTo] = [`${YEAR}-01-01`, `${YEAR}-12-31`];
const { total: districtTotal } = await listCases(qctx, listQuery(parent.id, yearFrom, yearTo, 1));
const lastPage = Math.max(2, Math.ceil(districtTotal / 50));
const deepOffsetMs: number[] = [];
const deepKeysetMs: number[] = [];
const { next } = await listCases(qctx, listQuery(parent.id, yearFrom, yearTo, lastPage - 1));
for (let q = 0; q < 10; q++) {
  deepOffsetMs.push((await time(() => listCases(qctx, listQuery(parent.id, yearFrom, yearTo, lastPage))))[0]);
  deepKeysetMs.push((await time(() => listCases(qctx, listQuery(parent.id, yearFrom, yearTo, lastPage, next ?? undefined))))[0]);
}
await database.close();
fs.rmSync(dir, { recursive: true });

const rowsOf = (files: GeneratedFiles) => files.cases + files.events;
const realMs = fullRun.casesMs + fullRun.eventsMs;
const rawMs = rawCasesMs + rawEventsMs;
const floorMs = floorCasesMs + floorEventsMs;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
console.log(
  JSON.stringify(
    {
      benchmark: "bench:cases",
      database: isPostgres ? "postgresql" : "pglite",
      cases: full.cases,
      events: full.events,
      planted: full.planted,
      generateMs: Math.round(generateMs),
      raw: {
        casesMs: Math.round(rawCasesMs),
        eventsMs: Math.round(rawEventsMs),
        casesPerS: Math.round(full.cases / (rawCasesMs / 1000)),
        rowsPerS: Math.round(rowsOf(full) / (rawMs / 1000)),
      },
      real: {
        casesMs: Math.round(fullRun.casesMs),
        eventsMs: Math.round(fullRun.eventsMs),
        casesPerS: Math.round(full.cases / (fullRun.casesMs / 1000)),
        rowsPerS: Math.round(rowsOf(full) / (realMs / 1000)),
        accepted: fullRun.casesJob.rowsAccepted,
        expectedAccepted: full.expectedAccepted,
        quarantined: fullRun.casesJob.rowsQuarantined,
        eventsAccepted: fullRun.eventsJob.rowsAccepted,
        eventsQuarantined: fullRun.eventsJob.rowsQuarantined,
      },
      floor: { casesMs: Math.round(floorCasesMs), eventsMs: Math.round(floorEventsMs) },
      ratioRealToRaw: ratio(realMs, rawMs),
      ratioRealToRawCases: ratio(fullRun.casesMs, rawCasesMs),
      ratioFloorToRaw: ratio(floorMs, rawMs),
      ratioRealToFloor: ratio(realMs, floorMs),
      peakRssMb: { [`${small.cases} cases`]: smallRssMb, [`${full.cases} cases`]: fullRssMb },
      smallRun: { cases: small.cases, casesPerS: Math.round(small.cases / (smallRun.casesMs / 1000)) },
      metrics: { queries: QUERIES, p50Ms: quantile(metricMs, 0.5), p95Ms: quantile(metricMs, 0.95) },
      drillDownPage: { rows: 50, p50Ms: quantile(pageMs, 0.5), maxMs: quantile(pageMs, 1) },
      deepPage: {
        page: lastPage,
        of: districtTotal,
        offsetP50Ms: quantile(deepOffsetMs, 0.5),
        keysetP50Ms: quantile(deepKeysetMs, 0.5),
        ratioOffsetToKeyset: Math.round((quantile(deepOffsetMs, 0.5) / quantile(deepKeysetMs, 0.5)) * 100) / 100,
      },
    },
    null,
    2,
  ),
);
