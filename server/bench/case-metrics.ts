/**
 * bench:case-metrics — 办件 metrics over a city's store: BENCH_METRIC_CASES cases (default
 * 10 000 000 on PostgreSQL; 200 000 on PGlite) written straight into the case store by SQL
 * (100 departments × 30 items, skewed; four channels, three case types, one year, clocks and
 * quality set) and counted into case_rollups by the ingest's own aggregate (countCasesIntoRollups).
 * The ingest's speed is bench:cases; this measures what the metrics pages do at that size:
 * 1. sumCaseRollups for a random department or the whole district (every tenth) and a random
 *    month, quarter or the year: p50 / p95 / max;
 * 2. the baseline: the same counts by scanning the cases (the index on unit and acceptance time),
 *    for the same queries, in the same run — what the rollups spare;
 * 3. a drill-down page of 50 cases (a department's cases in a period, newest first).
 * Prints JSON; docs/performance.md records it.
 */
import { cstStart, nextDate } from "@kaoping/core";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { countCasesIntoRollups } from "../src/modules/cases/derived.ts";
import { countOpenCases } from "../src/modules/cases/queries.ts";
import { sumCaseRollups, unitSubtreeCondition } from "../src/modules/cases/rollup-query.ts";
import { cases } from "../src/platform/db/schema.ts";
import { openBenchDatabase } from "./bench-database.ts";
import { quantile, seededPick, time, yearPeriods } from "./case-periods.ts";

const isPostgres = !!process.env.DATABASE_URL;
const COUNT = Number(process.env.BENCH_METRIC_CASES ?? (isPostgres ? 10_000_000 : 200_000));
const DEPARTMENTS = 100;
const ITEMS = 30;
const CHUNK = 1_000_000;
const QUERIES = 200;
const BASELINE_QUERIES = 40;
const YEAR = 2025;

const { database, stamp, addUnit } = await openBenchDatabase();
const db = database.db;
const source = `bench-${stamp}`;
const parent = await addUnit({ code: `BM-${stamp}`, name: "基准区", kind: "district" });
const departments: string[] = [];
for (let d = 0; d < DEPARTMENTS; d++)
  departments.push(
    (await addUnit({ code: `BM-${stamp}-D${d}`, name: `基准局${d + 1}`, kind: "department", parentId: parent.id, sortOrder: d })).id,
  );

const progress = (label: string, done: number) => process.stderr.write(`\r${label} ${Math.round((done / COUNT) * 100)} %   `);

// 1. The store: cases by SQL, skewed to a few busy departments and items (squares of random()).
const units = `array[${departments.map((id) => `'${id}'::uuid`).join(",")}]`;
const [fillMs] = await time(async () => {
  await db.execute(sql`select setseed(0.42)`);
  for (let from = 0; from < COUNT; from += CHUNK) {
    const to = Math.min(COUNT, from + CHUNK);
    await db.execute(
      sql.raw(`
      insert into cases (region_code, source_code, case_no, unit_id, item_code, channel, case_type, accepted_at, completed_at,
                         promised_limit, promised_limit_unit, legal_limit, legal_limit_unit, visits, materials_reused,
                         elapsed_days, due_at, quality, updated_at)
      select '310105', '${source}', 'M' || g, (${units})[1 + floor(power(r1, 2) * ${DEPARTMENTS})::int],
             'ITEM-' || floor(power(r2, 3) * ${ITEMS})::int,
             (array['window','online','mobile','self_service'])[1 + floor(r3 * 4)::int],
             (array['instant','promised','promised','reported'])[1 + floor(r4 * 4)::int],
             acc, case when r5 < 0.97 then acc + (r5 * 12) * interval '1 day' end,
             5, 'working_day', 20, 'working_day', floor(r3 * 3)::int, r4 < 0.3,
             case when r5 < 0.97 then floor(r5 * 8)::int end, acc + interval '7 days',
             case when r2 < 0.01 then '["unknown_item"]'::jsonb else '[]'::jsonb end, now()
      from (select g, random() r1, random() r2, random() r3, random() r4, random() r5,
                   timestamptz '${YEAR}-01-01 00:00+08' + random() * interval '365 days' as acc
            from generate_series(${from + 1}, ${to}) g) s`),
    );
    progress("cases", to);
  }
});
const [rollupMs] = await time(() => countCasesIntoRollups(db, sql`c.source_code = ${source}`));
await db.execute(sql`analyze cases`);
await db.execute(sql`analyze case_rollups`);
process.stderr.write("\n");
const counted = await db.execute(sql`select count(*)::int as n from case_rollups r where r.unit_id = any(${sql.raw(units)})`);
const rollupRows = (counted as unknown as { rows: { n: number }[] }).rows[0]!.n;

// 2. Queries: the same random units and periods for the rollups and the scan.
const periods = yearPeriods(YEAR);
const pick = seededPick();
const queries = Array.from({ length: QUERIES }, (_, q) => ({
  unitIds: q % 10 === 0 ? [parent.id] : [pick(departments)],
  ...pick(periods),
}));
const quantiles = (values: number[]) => ({ p50Ms: quantile(values, 0.5), p95Ms: quantile(values, 0.95), maxMs: quantile(values, 1) });
const rollupTimes: number[] = [];
for (const query of queries) rollupTimes.push((await time(() => sumCaseRollups(db, query)))[0]);
const scanTimes: number[] = [];
for (const query of queries.slice(0, BASELINE_QUERIES))
  scanTimes.push(
    (
      await time(() =>
        db.execute(sql`select count(*) as accepted, count(*) filter (where c.completed_at <= c.due_at) as on_time,
          coalesce(sum(c.elapsed_days), 0) as elapsed, count(*) filter (where c.channel in ('online', 'mobile')) as online
          from cases c where ${unitSubtreeCondition(sql`c.unit_id`, query.unitIds)}
            and c.accepted_at >= ${cstStart(query.from)} and c.accepted_at < ${cstStart(nextDate(query.to))}`),
      )
    )[0],
  );
// The metrics screen also counts 超期未办结 from the open cases (it moves with the clock): same queries.
const openTimes: number[] = [];
for (const query of queries) openTimes.push((await time(() => countOpenCases(db, query)))[0]);
const pageTimes: number[] = [];
for (let q = 0; q < 40; q++) {
  const { from, to } = pick(periods);
  const unitId = pick(departments);
  pageTimes.push(
    (
      await time(() =>
        db
          .select()
          .from(cases)
          .where(and(eq(cases.unitId, unitId), gte(cases.acceptedAt, cstStart(from)), lt(cases.acceptedAt, cstStart(nextDate(to)))))
          .orderBy(desc(cases.acceptedAt))
          .limit(50),
      )
    )[0],
  );
}
await database.close();

const rollup = quantiles(rollupTimes);
const scan = quantiles(scanTimes);
const rollupSubset = quantiles(rollupTimes.slice(0, BASELINE_QUERIES));
console.log(
  JSON.stringify(
    {
      benchmark: "bench:case-metrics",
      database: isPostgres ? "postgresql" : "pglite",
      cases: COUNT,
      departments: DEPARTMENTS,
      rollupRows,
      fillMs: Math.round(fillMs),
      rollupMs: Math.round(rollupMs),
      metrics: { queries: QUERIES, ...rollup },
      openCaseCounts: { queries: QUERIES, ...quantiles(openTimes) },
      baselineScan: { queries: BASELINE_QUERIES, ...scan },
      ratioScanToRollupP95: Math.round((scan.p95Ms / rollupSubset.p95Ms) * 10) / 10,
      drillDownPage: { rows: 50, ...quantiles(pageTimes) },
    },
    null,
    2,
  ),
);
