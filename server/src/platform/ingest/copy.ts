import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database, Tx } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import { binaryChunks, binaryEncoders } from "./binary-copy.ts";

/** A value as text the way PostgreSQL reads it (COPY's CSV and json_to_recordset alike). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const NEEDS_QUOTES = /[",\n\r\\]|^$|^\s|\s$/;

/**
 * A CSV cell for COPY: NULL unquoted and empty; quoted only where CSV needs it (an empty string, a
 * separator, a quote, a newline). Numbers, booleans and instants never need it: only text is tested.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString();
  const t = text(value)!;
  return NEEDS_QUOTES.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** COPY's input in chunks of this many bytes: one write per row costs more than the row. */
const CHUNK_BYTES = 256 * 1024;

export interface BulkUpsertOptions {
  /** The conflict target's column names (the table's key). */
  conflict: string[];
  /** Columns an update leaves as they are. */
  keep?: string[];
  /** A row whose key is stored already is left as stored (an insert-only ledger), not updated. */
  keepStored?: boolean;
  /**
   * A timestamp column written as the statement's clock_timestamp(), whatever the rows hold: taken
   * under the writer's lock, it orders changes as they commit (the warning rules' change cursor).
   */
  stamp?: string;
  /**
   * The caller has made sure no row's key is stored (it deleted them in the same transaction): on
   * PostgreSQL the rows are copied straight into the table — no staging table, no conflict check (on
   * PGlite a plain insert). A key stored after all fails the batch on the primary key. Nothing is answered.
   */
  fresh?: boolean;
  /**
   * Column names the upsert answers for each row it wrote, so no second read finds them: every row
   * inserted or updated — with `keepStored`, only the rows inserted.
   */
  returning?: string[];
}

export interface BulkUpsertResult {
  /**
   * On PostgreSQL the staging table that holds exactly the batch's rows until the commit (a cheaper
   * source than the target for what the batch adds up); null on PGlite.
   */
  stage: SQL | null;
  /** The `returning` columns of the rows written, by column name (none unless asked). */
  written: Record<string, unknown>[];
}

/**
 * Upserts many rows in one statement per batch, whatever their number: on PostgreSQL by COPY into a
 * temporary staging table (pg-copy-streams, on the transaction's own connection; emptied at commit)
 * then INSERT … SELECT … ON CONFLICT DO UPDATE (DO NOTHING with `keepStored`); on PGlite by one INSERT … SELECT from
 * json_to_recordset of a single parameter (a multi-row VALUES of thousands of rows overflows
 * PGlite's protocol parser). The columns are those of the first row.
 */
export async function bulkUpsert(
  tx: Tx,
  kind: Database["kind"],
  table: PgTable,
  rows: Record<string, unknown>[],
  options: BulkUpsertOptions,
): Promise<BulkUpsertResult> {
  if (!rows.length) return { stage: null, written: [] };
  // Straight into the table, a row is written as it is: no statement clock, nothing answered.
  if (options.fresh && (options.stamp || options.returning?.length)) throw new Error("bulkUpsert: fresh takes no stamp or returning");
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]!) as [string, PgColumn][];
  const names = columns.map(([, column]) => ident(column.name)).join(", ");
  const stamped = (name: string, value: string) => (name === options.stamp ? "clock_timestamp()" : value);
  const target = ident(getTableName(table));
  const updates = columns
    .map(([, column]) => column.name)
    .filter((name) => !options.conflict.includes(name) && !(options.keep ?? []).includes(name))
    .map((name) => `${ident(name)} = excluded.${ident(name)}`)
    .join(", ");
  const returning = options.returning?.length ? ` returning ${options.returning.map(ident).join(", ")}` : "";
  const upsert = options.fresh
    ? ""
    : `on conflict (${options.conflict.map(ident).join(", ")}) do ${options.keepStored ? "nothing" : `update set ${updates}`}${returning}`;
  if (kind === "postgres" && options.fresh) {
    await copyRows(tx, target, columns, rows);
    return { stage: null, written: [] };
  }
  if (kind === "postgres") {
    const stage = await copyToStage(tx, getTableName(table), columns, rows);
    const values = columns.map(([, column]) => stamped(column.name, ident(column.name))).join(", ");
    const result = await tx.execute(sql.raw(`insert into ${target} (${names}) select ${values} from ${stage} ${upsert}`));
    return { stage: sql.raw(stage), written: returning ? rowsOf(result) : [] };
  }
  const json = JSON.stringify(rows.map((row) => columns.map(([key]) => text(row[key]))));
  const fields = columns.map(([, column], i) => stamped(column.name, `(r->>${i})::${column.getSQLType()}`)).join(", ");
  const result = await tx.execute(
    sql`insert into ${sql.raw(target)} (${sql.raw(names)}) select ${sql.raw(fields)} from json_array_elements(${json}::json) as r ${sql.raw(upsert)}`,
  );
  return { stage: null, written: returning ? rowsOf(result) : [] };
}

const clientOf = (tx: Tx) => (tx as unknown as { session: { client: pg.PoolClient } }).session.client;

/** COPY the rows into the table's temporary staging twin; answers its name. */
async function copyToStage(tx: Tx, table: string, columns: [string, PgColumn][], rows: Record<string, unknown>[]): Promise<string> {
  const stage = ident(`ingest_stage_${table}`);
  await clientOf(tx).query(`create temp table if not exists ${stage} (like ${ident(table)} including defaults) on commit delete rows`);
  // Holds exactly this call's rows, even if a transaction upserts into the same table twice.
  await clientOf(tx).query(`truncate ${stage}`);
  await copyRows(tx, stage, columns, rows);
  return stage;
}

/**
 * COPY the rows into `target` (a quoted name) on the transaction's own connection: in the binary
 * format when every column's type has an encoder (binary-copy.ts), else as CSV.
 */
async function copyRows(tx: Tx, target: string, columns: [string, PgColumn][], rows: Record<string, unknown>[]): Promise<void> {
  const names = columns.map(([, column]) => ident(column.name)).join(", ");
  const keys = columns.map(([key]) => key);
  const encoders = binaryEncoders(columns.map(([, column]) => column.getSQLType()));
  const chunks = encoders ? binaryChunks(rows, keys, encoders) : copyChunks(csvLines(rows, keys));
  const format = encoders ? "binary" : "csv";
  await pipeline(Readable.from(chunks), clientOf(tx).query(copyFrom(`copy ${target} (${names}) from stdin with (format ${format})`)));
}

function* csvLines(rows: Record<string, unknown>[], keys: string[]): Generator<string> {
  for (const row of rows) yield `${keys.map((key) => cell(row[key])).join(",")}\n`;
}

/**
 * The lines as UTF-8 chunks of up to CHUNK_BYTES, each line encoded straight into its chunk: a
 * string grown line by line and then encoded cost three times as much (flattening it, then
 * encoding it whole).
 */
function* copyChunks(lines: Iterable<string>): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const line of lines) {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    if (used + line.length * 3 > CHUNK_BYTES) {
      if (used) yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      used = 0;
      if (line.length * 3 > CHUNK_BYTES) {
        yield Buffer.from(line);
        continue;
      }
    }
    used += chunk.write(line, used);
  }
  if (used) yield chunk.subarray(0, used);
}
