/**
 * The baseline the ingest benchmarks measure against: a file COPYed as it is into a plain table of
 * text columns (no keys, no checks) — on PostgreSQL through pg-copy-streams, on PGlite from a blob.
 * And peak RSS while a step runs, to see that memory stays flat.
 */
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../src/platform/db/client.ts";

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

export async function rawCopy(database: Database, table: string, file: string): Promise<void> {
  const client = (database.db as unknown as { $client: unknown }).$client;
  await database.db.execute(sql.raw(`drop table if exists ${table}`));
  await database.db.execute(sql.raw(`create table ${table} (${columnsOf(file)})`));
  const statement = `copy ${table} from stdin with (format csv, header true)`;
  if (database.kind === "postgres") {
    const connection = await (client as pg.Pool).connect();
    try {
      await pipeline(fs.createReadStream(file), connection.query(copyFrom(statement)));
    } finally {
      connection.release();
    }
  } else {
    const pglite = client as { query: (sql: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> };
    await pglite.query(statement.replace("stdin", "'/dev/blob'"), [], { blob: new Blob([fs.readFileSync(file)]) });
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
