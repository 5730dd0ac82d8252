/**
 * bench:supervision — the warning rules over a city's case store: BENCH_SUPERVISION_CASES cases
 * (default 1 000 000 on PostgreSQL, 100 000 on PGlite; BENCH_SUPERVISION_CASES=10000000 for the
 * issue's size) written by SQL — 2025, 100 departments, 3 % open, some completed within minutes,
 * some late — with their events (受理 and 办结 for every case, 补正 on a fifth, a second 补正 on a
 * twentieth). Then, in the same run:
 * 1. the baseline: a pass that only reads the same rows, batch by batch, with the rules' own query
 *    (readChangedCases: the case and its events as JSON);
 * 2. the full rule set over every case through the real path (evaluateWarnings: clock, rules, the
 *    ledger's insert, the cursor) — cases/s, and the ratio to the baseline;
 * 3. an incremental run after a day's new events (BENCH_SUPERVISION_DAY cases, default 30 000 —
 *    a city's 10 M a year is ≈ 27 000 a day — each given a 补正 and written again);
 * 4. a new rule version saved (the office tunes a rule): the pass over the open cases it brings.
 * Prints JSON; docs/performance.md records it.
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { type ChangedCursor, cursorAfter, evaluateWarnings, readChangedCases } from "../src/modules/supervision/evaluate.ts";
import { loadWarningRuleSet, saveWarningRuleSet } from "../src/modules/supervision/rule-sets.ts";
import { runCommand } from "../src/platform/http/command.ts";
import { openBenchDatabase } from "./bench-database.ts";
import { time } from "./case-periods.ts";

const isPostgres = !!process.env.DATABASE_URL;
const COUNT = Number(process.env.BENCH_SUPERVISION_CASES ?? (isPostgres ? 1_000_000 : 100_000));
const DAY = Number(process.env.BENCH_SUPERVISION_DAY ?? 30_000);
const DEPARTMENTS = 100;
const CHUNK = 500_000;

const { database, stamp, addUnit, ctx, principal } = await openBenchDatabase();
const db = database.db;
const source = `bench-${stamp}`;
const parent = await addUnit({ code: `BS-${stamp}`, name: "监察基准区", kind: "district" });
const departments: string[] = [];
for (let d = 0; d < DEPARTMENTS; d++)
  departments.push(
    (await addUnit({ code: `BS-${stamp}-D${d}`, name: `监察基准局${d + 1}`, kind: "department", parentId: parent.id, sortOrder: d })).id,
  );
const progress = (label: string, done: number, total = COUNT) =>
  process.stderr.write(`\r${label} ${Math.round((done / total) * 100)} %   `);

// The store: cases, then their events, by SQL. Completion: 3 % open, 2 % within minutes, the rest 0–12 days.
const units = `array[${departments.map((id) => `'${id}'::uuid`).join(",")}]`;
const [fillMs] = await time(async () => {
  await db.execute(sql`select setseed(0.17)`);
  for (let from = 0; from < COUNT; from += CHUNK) {
    const to = Math.min(COUNT, from + CHUNK);
    await db.execute(
      sql.raw(`
      insert into cases (region_code, source_code, case_no, unit_id, item_code, channel, case_type, applied_at, accepted_at, completed_at,
                         promised_limit, promised_limit_unit, legal_limit, legal_limit_unit, updated_at)
      select '310105', '${source}', 'S' || g, (${units})[1 + floor(power(r1, 2) * ${DEPARTMENTS})::int], 'ITEM-' || floor(r2 * 30)::int,
             (array['window','online','mobile'])[1 + floor(r3 * 3)::int], (array['instant','promised','promised','referred'])[1 + floor(r4 * 4)::int],
             acc - (r2 * 8) * interval '1 day', acc,
             case when r5 < 0.03 then null when r5 < 0.05 then acc + interval '3 minutes' else acc + (r5 * 12) * interval '1 day' end,
             5, 'working_day', 20, 'working_day', clock_timestamp()
      from (select g, random() r1, random() r2, random() r3, random() r4, random() r5,
                   timestamptz '2025-01-01 09:00+08' + floor(random() * 360) * interval '1 day' as acc
            from generate_series(${from + 1}, ${to}) g) s`),
    );
    await db.execute(
      sql.raw(`
      insert into case_events (region_code, source_code, case_no, seq, kind, at, end_at)
      select c.region_code, c.source_code, c.case_no, e.seq, e.kind, e.at, e.end_at
      from cases c, lateral (
        select 1 as seq, 'accept' as kind, c.accepted_at as at, null::timestamptz as end_at
        union all select 2, 'correction', c.accepted_at + interval '1 day', c.accepted_at + interval '2 days' where hashtext(c.case_no) % 5 = 0
        union all select 3, 'correction', c.accepted_at + interval '3 days', c.accepted_at + interval '4 days' where hashtext(c.case_no) % 20 = 0
        union all select 4, 'complete', c.completed_at, null where c.completed_at is not null
      ) e
      where c.source_code = '${source}' and substr(c.case_no, 2)::int between ${from + 1} and ${to}`),
    );
    progress("cases and events", to);
  }
  await db.execute(sql`analyze cases`);
  await db.execute(sql`analyze case_events`);
});
process.stderr.write("\n");
const eventCount = Number(
  (
    (await db.execute(sql`select count(*)::int as n from case_events where source_code = ${source}`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0]!.n,
);
// Only this run's cases: the cursor starts just before them (a reused database holds older runs).
const [first] = (
  (await db.execute(
    sql`select (min(updated_at) - interval '1 microsecond')::text as stamp from cases where source_code = ${source}`,
  )) as unknown as {
    rows: { stamp: string }[];
  }
).rows;
const start: ChangedCursor = { stamp: first!.stamp, key: ["", "", ""] };

// 1. The baseline: read every batch, evaluate nothing.
const [readMs, readRows] = await time(async () => {
  let cursor = start;
  let n = 0;
  for (;;) {
    const rows = await readChangedCases(db, cursor);
    if (!rows.length) return n;
    n += rows.length;
    cursor = cursorAfter(rows);
    if (n % 100_000 < rows.length) progress("read-only pass", n);
  }
});
process.stderr.write("\n");

// 2. The real path from the same cursor, the open-case pass of today included.
await db.execute(sql`delete from system_settings where key like 'supervision.%'`);
await db.execute(sql`insert into system_settings (key, value) values ('supervision.changed_cursor', ${JSON.stringify(start)}::jsonb)`);
const asOf = new Date();
const [fullMs, readAhead] = await time(() => evaluateWarnings(db, asOf));
const raised = (
  (await db.execute(
    sql`select rule_id, count(*)::int as n from warnings where source_code = ${source} group by rule_id order by rule_id`,
  )) as unknown as { rows: { rule_id: string; n: number }[] }
).rows;

// 3. A day's new events: a 补正 on DAY cases, written again as the events ingest writes them.
await db.execute(
  sql.raw(`
  insert into case_events (region_code, source_code, case_no, seq, kind, at, end_at)
  select region_code, source_code, case_no, 9, 'correction', accepted_at + interval '5 days', accepted_at + interval '6 days'
  from cases where source_code = '${source}' and substr(case_no, 2)::int % ${Math.max(1, Math.floor(COUNT / DAY))} = 0 limit ${DAY}`),
);
await db.execute(
  sql.raw(`update cases c set updated_at = clock_timestamp() from case_events e
  where e.region_code = c.region_code and e.source_code = c.source_code and e.case_no = c.case_no and e.seq = 9 and c.source_code = '${source}'`),
);
const [incrementalMs] = await time(() => evaluateWarnings(db, asOf));

// 4. A new rule version: 即将超期 warned a working day earlier. Judged over the open cases only.
const current = await loadWarningRuleSet(db);
const tuned = current.rules.map((rule) =>
  rule.kind === "due_soon" ? { ...rule, params: { ...rule.params, workingDaysLeft: rule.params.workingDaysLeft + 1 } } : rule,
);
await runCommand(ctx, principal, null, (command) =>
  saveWarningRuleSet({ ctx: command, input: { rules: tuned, cards: current.cards, note: "基准：即将超期提前一个工作日" } }),
);
const openCount = Number(
  (
    (await db.execute(sql`select count(*)::int as n from cases where source_code = ${source} and completed_at is null`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0]!.n,
);
const [ruleChangeMs] = await time(() => evaluateWarnings(db, asOf));

const cpus = os.cpus();
console.log(
  JSON.stringify(
    {
      bench: "supervision",
      database: database.kind,
      machine: { cpus: cpus.length, model: cpus[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
      cases: COUNT,
      events: eventCount,
      fillMs: Math.round(fillMs),
      baseline: { readMs: Math.round(readMs), rows: readRows, casesPerS: Math.round(COUNT / (readMs / 1000)) },
      full: {
        ms: Math.round(fullMs),
        casesPerS: Math.round(COUNT / (fullMs / 1000)),
        raised: Object.fromEntries(raised.map((r) => [r.rule_id, r.n])),
        readAhead,
      },
      ratioFullToRead: Math.round((fullMs / readMs) * 100) / 100,
      incremental: { cases: DAY, ms: Math.round(incrementalMs) },
      ruleChange: { openCases: openCount, ms: Math.round(ruleChangeMs), casesPerS: Math.round(openCount / (ruleChangeMs / 1000)) },
    },
    null,
    2,
  ),
);
await database.close();
