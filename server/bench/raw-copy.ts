/**
 * The baselines the ingest benchmarks measure against: a file COPYed as it is into a plain table of
 * text columns (no keys, no checks) — on PostgreSQL through pg-copy-streams, on PGlite from a blob;
 * and the store's floor, the rows a job stored COPYed again, already typed, into an empty twin of
 * their table with its keys and indexes. And peak RSS while a step runs, to see that memory stays flat.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { Database } from "../src/platform/db/client.ts";
import { time } from "./case-periods.ts";

/** The header line's columns as text columns; only the file's first bytes are read (a 5-million-row file exceeds a string). */
function columnsOf(file: string): string {
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head
    .toString("utf8")
    .split("\n")[0]!
    .split(",")
    .map((h) => `"${h}" text`)
    .join(", ");
}

type PGliteClient = { query: (sql: string, params: unknown[], options?: { blob: Blob }) => Promise<{ blob?: Blob }> };
const clientOf = (database: Database) => (database.db as unknown as { $client: unknown }).$client;

export async function rawCopy(database: Database, table: string, file: string): Promise<void> {
  await database.db.execute(sql.raw(`drop table if exists ${table}`));
  await database.db.execute(sql.raw(`create table ${table} (${columnsOf(file)})`));
  await copyFile(database, `copy ${table} from stdin with (format csv, header true)`, file);
}

/** Runs a `copy … from stdin` with the file as its input. */
async function copyFile(database: Database, statement: string, file: string): Promise<void> {
  const client = clientOf(database);
  if (database.kind === "postgres") {
    const connection = await (client as pg.Pool).connect();
    try {
      await pipeline(fs.createReadStream(file), connection.query(copyFrom(statement)));
    } finally {
      connection.release();
    }
  } else {
    await (client as PGliteClient).query(statement.replace("stdin", "'/dev/blob'"), [], { blob: new Blob([fs.readFileSync(file)]) });
  }
}

/** Writes the output of a `copy (…) to stdout` to the file. */
async function copyOut(database: Database, statement: string, file: string): Promise<void> {
  const client = clientOf(database);
  if (database.kind === "postgres") {
    const connection = await (client as pg.Pool).connect();
    try {
      await pipeline(connection.query(copyTo(statement)), fs.createWriteStream(file));
    } finally {
      connection.release();
    }
  } else {
    const { blob } = await (client as PGliteClient).query(statement.replace("stdout", "'/dev/blob'"), []);
    fs.writeFileSync(file, Buffer.from(await blob!.arrayBuffer()));
  }
}

/**
 * The store's floor: what the rows `where` selects from `table` cost to COPY once more, already
 * typed, into an empty twin of the table with the same keys, indexes and defaults (`like … including
 * all`; foreign keys are not copied). No parsing, no checks, no rollups: what any ingest into this
 * keyed store must pay at least. Answers the milliseconds of that COPY alone.
 */
export async function storeFloor(database: Database, table: string, where: string): Promise<number> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-floor-")), `${table}.csv`);
  const twin = `bench_floor_${table}`;
  try {
    await copyOut(database, `copy (select * from ${table} where ${where}) to stdout with (format csv)`, file);
    await database.db.execute(sql.raw(`drop table if exists ${twin}`));
    await database.db.execute(sql.raw(`create table ${twin} (like ${table} including all)`));
    const [ms] = await time(() => copyFile(database, `copy ${twin} from stdin with (format csv)`, file));
    return ms;
  } finally {
    await database.db.execute(sql.raw(`drop table if exists ${twin}`));
    fs.rmSync(path.dirname(file), { recursive: true });
  }
}

/** Peak RSS of this process while `fn` runs, sampled every 25 ms (PGlite's memory is in it too). */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<[number, T]> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return [Math.round(peak / 2 ** 20), value];
  } finally {
    clearInterval(timer);
  }
}
