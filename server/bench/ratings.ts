/**
 * bench:ratings — 好差评 at scale: BENCH_RATINGS generated ratings (200 000 on PostgreSQL, 20 000 on
 * PGlite; BENCH_RATINGS=5000000 for the issue's size) of cases already in the store (written by
 * SQL: 80 % of the ratings name one), in one CSV file. Then, in the same run:
 * 1. the baseline: a raw COPY of the same file into a plain table (text columns, no keys); and,
 *    after 2., the store's floor: the ratings it stored COPYed again into an empty twin of `ratings`
 *    with its keys and indexes (what any ingest into it pays);
 * 2. the real path: `ingestFile` (parsing, validation, quarantine, the rater's keyed hash, the case
 *    link, the rating store, the rollups, a review opened per 差评), with peak RSS;
 * 3. metrics for random units and periods: the rollup sums the facts and KPI cards read
 *    (`sumRatingRollups` with the completed cases), and the whole dashboard as its route answers.
 * Prints JSON with real ÷ raw; docs/performance.md records it. PGlite in memory, or DATABASE_URL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ratingScopeQuerySchema } from "@kaoping/core";
import { sql } from "drizzle-orm";
import { sumCaseRollups } from "../src/modules/cases/rollup-query.ts";
import { ratingDashboard, sumRatingRollups } from "../src/modules/ratings/dashboard.ts";
import { generateRatings, writeRatingFile } from "../src/modules/ratings/generator.ts";
import { systemPrincipal } from "../src/platform/auth/principal.ts";
import { ingestFile } from "../src/platform/ingest/index.ts";
import { INGEST_BATCH_ROWS } from "../src/platform/ingest/run-job.ts";
import { openBenchDatabase } from "./bench-database.ts";
import { quantile, seededPick, time, yearPeriods } from "./case-periods.ts";
import { rawCopy, storeFloor, withPeakRss } from "./raw-copy.ts";

const isPostgres = !!process.env.DATABASE_URL;
const COUNT = Number(process.env.BENCH_RATINGS ?? (isPostgres ? 200_000 : 20_000));
const CASES = Math.max(1, Math.round(COUNT * 0.8));
const UNITS = 20;
const QUERIES = 200;
const YEAR = 2025;

const { database, stamp, addUnit } = await openBenchDatabase();
const db = database.db;
const parent = await addUnit({ code: `BR-${stamp}`, name: "评价基准区", kind: "district" });
const units: { id: string; code: string; regionCode: string; itemCodes: string[] }[] = [];
for (let u = 0; u < UNITS; u++) {
  const code = `BR-${stamp}-D${String(u + 1).padStart(2, "0")}`;
  const unit = await addUnit({ code, name: `评价基准局${u + 1}`, kind: "department", parentId: parent.id, sortOrder: u });
  units.push({ id: unit.id, code, regionCode: "310105", itemCodes: Array.from({ length: 10 }, (_, i) => `BR-ITEM-${u}-${i}`) });
}

// The case store the ratings link to: CASES completed cases of the year, by SQL.
const unitArray = `array[${units.map((u) => `'${u.id}'::uuid`).join(",")}]`;
const [casesMs] = await time(async () => {
  for (let from = 0; from < CASES; from += 500_000) {
    const to = Math.min(CASES, from + 500_000);
    await db.execute(
      sql.raw(`insert into cases (region_code, source_code, case_no, unit_id, item_code, channel, case_type, accepted_at, completed_at, updated_at)
      select '310105', 'bench-${stamp}', 'R${stamp}-' || g, (${unitArray})[1 + (g % ${UNITS})], 'BR-ITEM', 'window', 'promised',
             timestamptz '${YEAR}-01-02 09:00+08' + (g % 360) * interval '1 day', timestamptz '${YEAR}-01-02 10:00+08' + (g % 360) * interval '1 day', now()
      from generate_series(${from + 1}, ${to}) g`),
    );
  }
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-ratings-"));
const filePath = path.join(dir, "ratings.csv");
const [generateMs] = await time(() =>
  writeRatingFile(
    generateRatings({
      seed: 7,
      count: COUNT,
      units,
      from: Date.parse(`${YEAR}-01-01T00:00:00+08:00`),
      to: Date.parse(`${YEAR}-12-31T23:59:59+08:00`),
      caseNoOf: (_, random) => (random() < 0.8 ? `R${stamp}-${1 + Math.floor(random() * CASES)}` : null),
      ratingNoPrefix: `${stamp}-`,
      problemRate: 0.005,
    }),
    filePath,
  ),
);
const bytes = fs.statSync(filePath).size;

// 1. Baseline.
const [rawMs] = await time(() => rawCopy(database, "bench_raw_ratings", filePath));
await db.execute(sql.raw("drop table bench_raw_ratings"));

// 2. The real path.
const batchRows = Number(process.env.BENCH_BATCH_ROWS ?? INGEST_BATCH_ROWS[isPostgres ? "postgres" : "pglite"]);
const [rssMb, [realMs, job]] = await withPeakRss(() =>
  time(() => ingestFile({ database, kind: "ratings", sourceCode: "default", filePath, batchRows })),
);
const floorMs = await storeFloor(database, "ratings", `job_id = '${job.id}'`);
const reviews = Number(
  ((await db.execute(sql`select count(*)::int as n from bad_reviews`)) as unknown as { rows: { n: number }[] }).rows[0]!.n,
);

// 3. Metrics: every tenth query for the district's subtree, the others for one department.
const periods = yearPeriods(YEAR);
const pick = seededPick();
const rollupMs: number[] = [];
const dashboardMs: number[] = [];
const qctx = { db, principal: systemPrincipal("bench") };
for (let q = 0; q < QUERIES; q++) {
  const unitId = q % 10 === 0 ? parent.id : pick(units).id;
  const period = pick(periods);
  const subtree = unitId === parent.id ? [parent.id, ...units.map((u) => u.id)] : [unitId];
  rollupMs.push(
    (
      await time(() =>
        Promise.all([
          sumRatingRollups(db, { unitIds: subtree, ...period }),
          sumCaseRollups(db, { unitIds: subtree, subtree: false, ...period }),
        ]),
      )
    )[0],
  );
  if (q % 4 === 0) dashboardMs.push((await time(() => ratingDashboard(qctx, ratingScopeQuerySchema.parse({ unitId, ...period }))))[0]);
}
// The heaviest screen: the whole district's year, every bad review of it judged.
const districtYearMs: number[] = [];
const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
for (let q = 0; q < 20; q++)
  districtYearMs.push((await time(() => ratingDashboard(qctx, ratingScopeQuerySchema.parse({ unitId: parent.id, ...year }))))[0]);
await database.close();
fs.rmSync(dir, { recursive: true });

const cpus = os.cpus();
console.log(
  JSON.stringify(
    {
      benchmark: "bench:ratings",
      database: database.kind,
      machine: { cpus: cpus.length, model: cpus[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
      ratings: COUNT,
      fileMb: Math.round(bytes / 2 ** 20),
      casesInStore: CASES,
      setupMs: { cases: Math.round(casesMs), generate: Math.round(generateMs) },
      raw: { ms: Math.round(rawMs), rowsPerS: Math.round(COUNT / (rawMs / 1000)) },
      real: {
        ms: Math.round(realMs),
        rowsPerS: Math.round(COUNT / (realMs / 1000)),
        accepted: job.rowsAccepted,
        quarantined: job.rowsQuarantined,
        reviewsOpened: reviews,
        batchRows,
      },
      floor: { ms: Math.round(floorMs) },
      ratioRealToRaw: Math.round((realMs / rawMs) * 100) / 100,
      ratioFloorToRaw: Math.round((floorMs / rawMs) * 100) / 100,
      ratioRealToFloor: Math.round((realMs / floorMs) * 100) / 100,
      peakRssMb: rssMb,
      metrics: { queries: QUERIES, p50Ms: quantile(rollupMs, 0.5), p95Ms: quantile(rollupMs, 0.95) },
      dashboard: { queries: dashboardMs.length, p50Ms: quantile(dashboardMs, 0.5), p95Ms: quantile(dashboardMs, 0.95) },
      dashboardDistrictYear: {
        queries: districtYearMs.length,
        p50Ms: quantile(districtYearMs, 0.5),
        p95Ms: quantile(districtYearMs, 0.95),
      },
    },
    null,
    2,
  ),
);
