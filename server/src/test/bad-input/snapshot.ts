import { sql } from "drizzle-orm";
import { selectRows } from "../../platform/db/rows.ts";
import type { TestServer } from "../harness.ts";

/**
 * A fingerprint of every table (row count and a hash of the rows), so a test
 * can tell that a refused request wrote nothing, an update included. Sessions
 * are fingerprinted without their last-seen time, which every request moves;
 * the audit log (the biggest table) by its count and last seq.
 */
export async function databaseFingerprint(server: TestServer): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(
    server,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const parts = tables.map(({ name }) => {
    // The audit log is append-only and chained: its count and last seq say whether anything was added.
    if (name === "audit_log")
      return sql`select 'audit_log' as name, count(*)::text || ':' || coalesce(max(seq), 0)::text as print from audit_log`;
    const row = name === "sessions" ? sql.raw(`(x.id, x.revoked_at)`) : sql.raw("x");
    return sql`select ${name}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(md5((${row})::text), ',' order by md5((${row})::text))), '') as print from ${sql.identifier(name)} x`;
  });
  const all = await rows<{ name: string; print: string }>(server, sql.join(parts, sql` union all `));
  return Object.fromEntries(all.map((r) => [r.name, r.print]));
}

function rows<T>(server: TestServer, query: ReturnType<typeof sql>): Promise<T[]> {
  return selectRows<T>(server.database.db, query);
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}
