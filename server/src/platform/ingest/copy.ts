import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Tx } from "../db/client.ts";

/** A CSV cell for COPY: NULL unquoted and empty, everything else quoted. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : typeof value === "boolean" ? (value ? "t" : "f") : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Upserts rows on PostgreSQL the fast way: COPY into a temporary staging table (pg-copy-streams,
 * on the transaction's own connection), then one INSERT … SELECT … ON CONFLICT DO UPDATE. The
 * staging table is emptied at commit, so a batch never sees another's rows.
 */
export async function copyUpsert(
  tx: Tx,
  table: PgTable,
  rows: Record<string, unknown>[],
  options: { conflict: string[]; keep?: string[] },
): Promise<void> {
  if (!rows.length) return;
  const client = (tx as unknown as { session: { client: pg.PoolClient } }).session.client;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]!);
  const names = columns.map(([, column]) => ident(column.name)).join(", ");
  const target = getTableName(table);
  const stage = ident(`ingest_stage_${target}`);
  await client.query(`create temp table if not exists ${stage} (like ${ident(target)} including defaults) on commit delete rows`);
  const lines = (function* () {
    for (const row of rows) yield `${columns.map(([key]) => cell(row[key])).join(",")}\n`;
  })();
  await pipeline(Readable.from(lines), client.query(copyFrom(`copy ${stage} (${names}) from stdin with (format csv)`)));
  const updates = columns
    .map(([, column]) => column.name)
    .filter((name) => !options.conflict.includes(name) && !(options.keep ?? []).includes(name))
    .map((name) => `${ident(name)} = excluded.${ident(name)}`)
    .join(", ");
  await client.query(
    `insert into ${ident(target)} (${names}) select ${names} from ${stage}
     on conflict (${options.conflict.map(ident).join(", ")}) do update set ${updates}`,
  );
}
