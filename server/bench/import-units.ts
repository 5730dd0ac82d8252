/**
 * bench:import — how long an Excel-sized unit import takes through the real
 * path (validation, per-row commands, audit chain), against a baseline
 * measured in the same run: one bulk INSERT of the same rows (the floor any
 * import pays). Prints JSON; the ratio is what docs/performance.md tracks.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { seedRoles } from "../src/modules/roles/commands.ts";
import { importUnits, type UnitImportRow } from "../src/modules/units/transfer.ts";
import { systemPrincipal } from "../src/platform/auth/principal.ts";
import { loadConfig } from "../src/platform/config.ts";
import { type Database, openDatabase } from "../src/platform/db/client.ts";
import { units } from "../src/platform/db/schema.ts";
import { runCommand } from "../src/platform/http/command.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const DISTRICTS = 10;

function makeRows(): UnitImportRow[] {
  const rows: UnitImportRow[] = [
    {
      row: 2,
      code: "B",
      name: "基准市",
      shortName: null,
      kind: "city",
      parentCode: null,
      isReference: false,
      status: "active",
      sortOrder: 0,
    },
  ];
  for (let d = 0; d < DISTRICTS; d++) {
    rows.push({
      row: rows.length + 2,
      code: `B-${d}`,
      name: `区${d}`,
      shortName: null,
      kind: "district",
      parentCode: "B",
      isReference: false,
      status: "active",
      sortOrder: d,
    });
  }
  while (rows.length < ROWS) {
    const i = rows.length;
    rows.push({
      row: i + 2,
      code: `B-${i % DISTRICTS}-${i}`,
      name: `部门${i}`,
      shortName: `部${i}`,
      kind: "department",
      parentCode: `B-${i % DISTRICTS}`,
      isReference: i % 7 === 0,
      status: "active",
      sortOrder: i,
    });
  }
  return rows;
}

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({ dataDir: "memory://" });
  await database.migrate();
  await seedRoles(database.db);
  return database;
}

/** The floor: the same rows, ids and paths precomputed, in one INSERT. */
async function baseline(rows: UnitImportRow[]): Promise<number> {
  const database = await freshDatabase();
  const ids = new Map(rows.map((r) => [r.code, randomUUID()]));
  const paths = new Map<string, string>();
  const pathOf = (r: UnitImportRow): string => {
    const own = `${r.parentCode ? paths.get(r.parentCode) : "/"}${ids.get(r.code)}/`;
    paths.set(r.code, own);
    return own;
  };
  const values = rows.map((r) => ({
    id: ids.get(r.code)!,
    code: r.code,
    name: r.name,
    shortName: r.shortName,
    kind: r.kind,
    parentId: r.parentCode ? ids.get(r.parentCode)! : null,
    isReference: r.isReference,
    sortOrder: r.sortOrder,
    path: pathOf(r),
  }));
  const start = performance.now();
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 1000) await tx.insert(units).values(values.slice(i, i + 1000));
  });
  const ms = performance.now() - start;
  await database.close();
  return ms;
}

async function measured(rows: UnitImportRow[]): Promise<number> {
  const database = await freshDatabase();
  const config = loadConfig({});
  const start = performance.now();
  await runCommand({ db: database.db, config }, systemPrincipal("bench"), null, (ctx) => importUnits({ ctx, rows, updateExisting: false }));
  const ms = performance.now() - start;
  await database.close();
  return ms;
}

const rows = makeRows();
const baselineMs = await baseline(rows);
const importMs = await measured(rows);
console.log(
  JSON.stringify(
    {
      bench: "import-units",
      database: "pglite",
      rows: rows.length,
      baselineMs: Math.round(baselineMs),
      importMs: Math.round(importMs),
      rowsPerSecond: Math.round((rows.length / importMs) * 1000),
      ratioToBaseline: Number((importMs / baselineMs).toFixed(1)),
    },
    null,
    2,
  ),
);
