import { createHash } from "node:crypto";
import fs from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { IngestJobView, IngestKind } from "@kaoping/core";
import { sql } from "drizzle-orm";
import type { Database, Db, Tx } from "../db/client.ts";
import { ingestJobs } from "../db/schema.ts";
import { claimQueuedJob } from "../jobs/claim.ts";
import type { JobRunner } from "../jobs/worker.ts";
import type { IngestHandler } from "./handler.ts";
import { type IngestJobRow, presentIngestJob } from "./presenter.ts";
import { runIngestJob } from "./run-job.ts";
import { loadSourceMapping } from "./sources.ts";

/**
 * The ingest's job queue: the ingest_jobs rows themselves, claimed with FOR UPDATE SKIP LOCKED,
 * on PGlite and PostgreSQL alike (docs/dependencies.md says why not pg-boss). A running job whose
 * heartbeat is older than STALE_MS belonged to a process that died (kill -9): it is claimed again
 * and resumes from its committed rows.
 */
export const STALE_MS = 30_000;

/** Creates a queued job; the source must exist. */
export async function createIngestJob(
  db: Db | Tx,
  input: {
    kind: IngestKind;
    sourceCode: string;
    fileName: string;
    storageKey: string;
    fileSha256: string;
    bytesTotal: number;
    createdBy: string | null;
  },
): Promise<IngestJobRow> {
  await loadSourceMapping(db, input.sourceCode);
  const [row] = await db.insert(ingestJobs).values(input).returning();
  return row!;
}

/** Claims the oldest queued job, or a running one whose process died; null when there is none. */
export async function claimIngestJob(db: Db, staleMs = STALE_MS): Promise<IngestJobRow | null> {
  const id = await claimQueuedJob(db, "ingest_jobs", staleMs);
  if (!id) return null;
  const [row] = await db.select().from(ingestJobs).where(sql`${ingestJobs.id} = ${id}`);
  return row ?? null;
}

/** Where a job's file lives: `file:<path>` (the CLI, the bench) or a blob of the store (uploads). */
export function fileResolver(blobRoot: string) {
  return async (storageKey: string) => {
    if (storageKey.startsWith("file:")) return storageKey.slice(5);
    const sha = storageKey.replace(/^blob:/, "");
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`bad storage key ${storageKey}`);
    return path.join(blobRoot, sha.slice(0, 2), sha.slice(2, 4), sha);
  };
}

/**
 * The ingest's queue for the background worker (platform/jobs/worker.ts): claims the oldest job
 * (or one a killed server left running, once its heartbeat is stale) and runs it.
 */
export function ingestRunner(options: {
  database: Database;
  handlers: Record<string, IngestHandler<unknown, unknown>>;
  blobRoot: string;
  staleMs?: number;
}): JobRunner {
  const resolveFile = fileResolver(options.blobRoot);
  return {
    name: "ingest",
    async runOne(signal) {
      const job = await claimIngestJob(options.database.db, options.staleMs);
      if (!job) return false;
      const handler = options.handlers[job.kind];
      if (!handler) throw new Error(`no ingest handler for ${job.kind}`);
      await runIngestJob({ database: options.database, jobId: job.id, handler, resolveFile, signal });
      return true;
    },
  };
}

/** The file's SHA-256, streaming (a 2 GB file is never held in memory). */
export async function fileSha256(filePath: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(filePath), hash);
  return hash.digest("hex");
}

/** What `ingestFile` takes (docs/cases.md). */
export interface IngestFileOptions {
  database: Database;
  kind: IngestKind;
  sourceCode: string;
  filePath: string;
  createdBy?: string | null;
  batchRows?: number;
  onProgress?: (view: IngestJobView) => void;
}

/**
 * Imports a file in this process (the CLI, the bench, the demo): creates the job, claims it and
 * runs it to the end, reporting progress after each batch.
 */
export async function ingestFileWith(
  options: IngestFileOptions & { handlers: Record<string, IngestHandler<unknown, unknown>> },
): Promise<IngestJobView> {
  const filePath = path.resolve(options.filePath);
  const { size } = await stat(filePath);
  const job = await createIngestJob(options.database.db, {
    kind: options.kind,
    sourceCode: options.sourceCode,
    fileName: path.basename(filePath),
    storageKey: `file:${filePath}`,
    fileSha256: await fileSha256(filePath),
    bytesTotal: size,
    createdBy: options.createdBy ?? null,
  });
  await options.database.db.execute(
    sql`update ingest_jobs set status = 'running', started_at = now(), heartbeat_at = now() where id = ${job.id}`,
  );
  const done = await runIngestJob({
    database: options.database,
    jobId: job.id,
    handler: options.handlers[options.kind]!,
    resolveFile: fileResolver(""),
    batchRows: options.batchRows,
    onProgress: options.onProgress,
  });
  return presentIngestJob(done);
}

/** Queues a failed or cancelled job again: it resumes from its committed rows. */
export async function requeueIngestJob(db: Db | Tx, jobId: string): Promise<void> {
  await db.execute(sql`update ingest_jobs set status = 'queued', error = null, finished_at = null, cancel_requested = false
    where id = ${jobId} and status in ('failed', 'cancelled')`);
}
