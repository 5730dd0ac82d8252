import type { SourceMapping } from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import type { Database, Tx } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import { ingestJobs, ingestQuarantine, units } from "../db/schema.ts";
import { textArray } from "../db/text-array.ts";
import { AppError } from "../errors.ts";
import { refuseFile } from "./encoding.ts";
import type { BatchItem, IngestHandler, IngestJobRef, QuarantinedRow } from "./handler.ts";
import { type IngestJobRow, presentIngestJob } from "./presenter.ts";
import { openRecordReader } from "./reader.ts";
import { loadSourceMapping } from "./sources.ts";

/**
 * Rows per batch: each batch is one transaction (cases, quarantine and the job's progress together).
 * Smaller on PGlite: its database lives in this process's memory, beside the batches held.
 */
export const INGEST_BATCH_ROWS = { postgres: 10000, pglite: 5000 } as const;
const HEARTBEAT_MS = 5000;

export interface RunIngestJobOptions {
  database: Database;
  jobId: string;
  handler: IngestHandler<unknown, unknown>;
  /** Where the job's file is: a path for `file:` keys, the blob store for uploads. */
  resolveFile(storageKey: string): Promise<string>;
  batchRows?: number;
  onProgress?(view: ReturnType<typeof presentIngestJob>): void;
  /** Tests: called after each committed batch (throwing simulates a crash between batches). */
  afterBatch?(committedBatches: number): void | Promise<void>;
  /** The server is stopping: end after the batch in flight and queue the job again (it resumes at the next start). */
  signal?: AbortSignal;
}

/** Thrown inside the job when the server stops; the job is queued again, not failed. */
class Stopping extends Error {}

/**
 * Runs (or resumes) a claimed job. The file is read twice, streaming: first to check its whole
 * structure (so a cut-off file or an unterminated quote refuses the file with nothing written),
 * then to load it in batches, skipping the rows an earlier run committed. A batch's rows, its
 * quarantine and the job's counters commit together, so a kill -9 leaves no half batch.
 */
export async function runIngestJob(options: RunIngestJobOptions): Promise<IngestJobRow> {
  const { database, jobId, handler } = options;
  const db = database.db;
  const job = await loadJob(database, jobId);
  const ref: IngestJobRef = { id: job.id, sourceCode: job.sourceCode, now: job.createdAt };
  const heartbeat = setInterval(() => {
    db.update(ingestJobs)
      .set({ heartbeatAt: new Date() })
      .where(eq(ingestJobs.id, jobId))
      .catch(() => {});
  }, HEARTBEAT_MS);
  // One batch commits while the next is read, checked and enriched: the JS work overlaps the database's.
  let committing: Promise<boolean> = Promise.resolve(true);
  try {
    const mapping = await loadSourceMapping(db, job.sourceCode);
    const filePath = await options.resolveFile(job.storageKey);
    await checkStructure(filePath, job, handler, mapping, options.signal);
    const reader = await openRecordReader(filePath, job.fileName);
    const batchRows = options.batchRows ?? INGEST_BATCH_ROWS[database.kind];
    let skip = job.committedRows;
    let batch: PreparedBatch = { rows: 0, items: [], quarantined: [] };
    let batches = 0;
    const flush = async (prepared: PreparedBatch, bytesRead: number) => {
      const outcome = await commitBatch(options, ref, prepared, mapping, bytesRead);
      if (outcome === "cancelled") return false;
      options.onProgress?.(presentIngestJob(await loadJob(database, jobId)));
      await options.afterBatch?.(++batches);
      return true;
    };
    const next = async () => {
      const bytesRead = reader.bytesRead();
      const ready = handler.enrichBatch
        ? { ...batch, items: await handler.enrichBatch(batch.items, { job: ref, database, mapping }) }
        : batch;
      if (!(await committing)) return false;
      if (options.signal?.aborted) throw new Stopping();
      committing = flush(ready, bytesRead);
      committing.catch(() => {}); // awaited before the next batch; a failure surfaces there
      batch = { rows: 0, items: [], quarantined: [] };
      return true;
    };
    for await (const record of reader.records()) {
      if (skip > 0) {
        skip--;
        continue;
      }
      prepareRecord(handler, mapping, ref, record, batch);
      if (batch.rows >= batchRows && !(await next())) return loadJob(database, jobId);
    }
    if ((batch.rows && !(await next())) || !(await committing)) return loadJob(database, jobId);
    await db
      .update(ingestJobs)
      .set({ status: "succeeded", finishedAt: new Date(), bytesRead: job.bytesTotal, heartbeatAt: new Date() })
      .where(eq(ingestJobs.id, jobId));
  } catch (error) {
    await committing.catch(() => {}); // a batch in flight ends (commits or rolls back) before the job is marked
    if (error instanceof Stopping) {
      await db.update(ingestJobs).set({ status: "queued", heartbeatAt: null }).where(eq(ingestJobs.id, jobId));
      return loadJob(database, jobId);
    }
    await db
      .update(ingestJobs)
      .set({ status: "failed", finishedAt: new Date(), error: jobError(error) })
      .where(eq(ingestJobs.id, jobId));
    if (!(error instanceof AppError)) throw error;
  } finally {
    clearInterval(heartbeat);
  }
  return loadJob(database, jobId);
}

async function loadJob(database: Database, jobId: string): Promise<IngestJobRow> {
  const [job] = await database.db.select().from(ingestJobs).where(eq(ingestJobs.id, jobId));
  if (!job) throw new AppError("NOT_FOUND", "导入任务不存在");
  return job;
}

/** Pass one: the header's required columns, and every row readable to the end; at least one row. */
async function checkStructure(
  filePath: string,
  job: IngestJobRow,
  handler: IngestHandler<unknown, unknown>,
  mapping: Parameters<IngestHandler<unknown, unknown>["prepare"]>[1],
  signal: AbortSignal | undefined,
) {
  const reader = await openRecordReader(filePath, job.fileName);
  const missing = handler.missingColumns(reader.headers, mapping);
  if (missing.length) throw refuseFile(`缺少必需的列：${missing.join("、")}`, { line: 1, column: missing[0] });
  const rows = await reader.count(() => {
    if (signal?.aborted) throw new Stopping();
  });
  if (!rows) throw refuseFile("只有表头，没有数据行", { line: 2 });
}

interface PreparedBatch {
  rows: number;
  items: BatchItem<unknown>[];
  quarantined: QuarantinedRow[];
}

/** The handler's pure step for one record: into the batch's items, or its quarantine. */
function prepareRecord(
  handler: IngestHandler<unknown, unknown>,
  mapping: SourceMapping,
  job: IngestJobRef,
  record: { line: number; fields: Record<string, string> },
  batch: PreparedBatch,
) {
  batch.rows++;
  const prepared = handler.prepare(record.fields, mapping, job);
  if (prepared.ok) batch.items.push({ line: record.line, raw: record.fields, row: prepared.row });
  else
    batch.quarantined.push({
      line: record.line,
      unitCode: prepared.unitCode,
      unitId: null,
      raw: handler.redact(record.fields, mapping),
      reasons: prepared.problems,
    });
}

/** One batch in one transaction: the domain's writes, the quarantine and the job's counters; stops when a cancel was asked. */
async function commitBatch(
  options: RunIngestJobOptions,
  job: IngestJobRef,
  batch: PreparedBatch,
  mapping: SourceMapping,
  bytesRead: number,
): Promise<"committed" | "cancelled"> {
  const { database, handler } = options;
  return database.db.transaction(async (tx) => {
    const [state] = await tx
      .execute<{ cancel_requested: boolean }>(sql`select cancel_requested from ingest_jobs where id = ${job.id} for update`)
      .then((r) => rowsOf<{ cancel_requested: boolean }>(r));
    if (state?.cancel_requested) {
      await tx.update(ingestJobs).set({ status: "cancelled", finishedAt: new Date() }).where(eq(ingestJobs.id, job.id));
      return "cancelled";
    }
    const quarantined = [...batch.quarantined];
    await resolveUnits(tx, quarantined);
    const refused = await handler.writeBatch(tx, batch.items, { job, database, mapping });
    for (const row of refused) quarantined.push({ ...row, raw: handler.redact(row.raw, mapping) });
    if (quarantined.length) {
      await tx
        .insert(ingestQuarantine)
        .values(quarantined.map((q) => ({ jobId: job.id, ...q })))
        .onConflictDoNothing();
    }
    await tx
      .update(ingestJobs)
      .set({
        committedRows: sql`${ingestJobs.committedRows} + ${batch.rows}`,
        rowsRead: sql`${ingestJobs.rowsRead} + ${batch.rows}`,
        rowsAccepted: sql`${ingestJobs.rowsAccepted} + ${batch.rows - quarantined.length}`,
        rowsQuarantined: sql`${ingestJobs.rowsQuarantined} + ${quarantined.length}`,
        bytesRead,
        heartbeatAt: new Date(),
      })
      .where(eq(ingestJobs.id, job.id));
    return "committed";
  });
}

/**
 * The unit of each row refused by the pure step whose unit code names a unit: its quarantine counts for
 * that unit (the data-quality report) and the unit's own users see it (the quarantine is scoped by unit).
 */
async function resolveUnits(tx: Tx, rows: QuarantinedRow[]): Promise<void> {
  const codes = [...new Set(rows.flatMap((row) => (row.unitCode && !row.unitId ? [row.unitCode] : [])))];
  if (!codes.length) return;
  const found = await tx
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(sql`${units.code} = any(${textArray(codes)})`);
  const idOf = new Map(found.map((unit) => [unit.code, unit.id]));
  for (const row of rows) if (row.unitCode && !row.unitId) row.unitId = idOf.get(row.unitCode) ?? null;
}

/**
 * The failed job's error. A located refusal keeps its reason as the message and the position in
 * `line`/`column` only: whoever shows it names the position once, from those fields. An unexpected
 * error's own text is for the log (the worker logs what it rethrows), not the user.
 */
export function jobError(error: unknown): { message: string; line?: number; column?: string } {
  if (error instanceof AppError) {
    const detail = error.details?.[0];
    const located = detail?.row !== undefined || detail?.column !== undefined;
    return { message: located ? detail.message : error.message, line: detail?.row, column: detail?.column };
  }
  return { message: "导入中断（已提交的批次保留，可重新运行以续传）" };
}
