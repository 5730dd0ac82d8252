import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";

/**
 * Claims the oldest queued job of a queue table, or a running one whose heartbeat is older than
 * `staleMs` (its process died: the job resumes from what it committed); answers its id. The
 * table has id, status, created_at, started_at and heartbeat_at (ingest_jobs, case_rederive_jobs).
 * FOR UPDATE SKIP LOCKED: two workers never claim the same job.
 */
export async function claimQueuedJob(db: Db, table: "ingest_jobs" | "case_rederive_jobs", staleMs: number): Promise<string | null> {
  const stale = new Date(Date.now() - staleMs).toISOString();
  const t = sql.raw(table);
  const result = await db.execute(sql`
    update ${t} set status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now()
    where id = (
      select id from ${t}
      where status = 'queued' or (status = 'running' and (heartbeat_at is null or heartbeat_at < ${stale}::timestamptz))
      order by created_at
      for update skip locked
      limit 1)
    returning id`);
  return rowsOf<{ id: string }>(result)[0]?.id ?? null;
}
