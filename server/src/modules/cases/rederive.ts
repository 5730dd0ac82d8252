import type { WorkCalendar } from "@kaoping/core";
import { desc, eq, type SQL, sql } from "drizzle-orm";
import type { Database, Db, Tx } from "../../platform/db/client.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { caseRederiveJobs } from "../../platform/db/schema.ts";
import { claimQueuedJob } from "../../platform/jobs/claim.ts";
import type { JobRunner } from "../../platform/jobs/worker.ts";
import { bumpCalendarRevision, loadWorkCalendar } from "../calendar/load.ts";
import { seedCalendar } from "../calendar/seed.ts";
import { type CaseKey, FIRST_CASE_KEY, lockCaseStore, rederiveCaseBatch } from "./derived.ts";

/**
 * A calendar change moves the clocks of the cases whose span it touches. Up to this many cases are
 * derived again in the change's own transaction (the calendar and its clocks change together);
 * more — a day of the current year in a city touches a year of cases — go to a background job,
 * and the calendar screen shows its progress until the clocks have caught up.
 */
export const INLINE_REDERIVE_CASES = 5000;
const BATCH_CASES = 5000;
/** A running job whose heartbeat is older belonged to a process that died: claimed again, it resumes. */
const STALE_MS = 30_000;
const HEARTBEAT_MS = 5000;
/** A job that fails this many times stays failed (shown on the calendar page); before, it is queued again. */
const MAX_ATTEMPTS = 3;

/** A stored instant as its China Standard Time date (the store keeps UTC). */
const cstDay = (column: string) => sql.raw(`((${column}) at time zone 'UTC' + interval '8 hours')::date`);

/**
 * The cases a change between two dates can move: those of the region ("" = every region) whose
 * span from acceptance to their last instant (completion, due, upload) touches the dates, and every
 * case still 时限无法计算.
 */
function touchedCases(regionCode: string, from: string, to: string): SQL {
  const region = regionCode ? sql`c.region_code = ${regionCode}` : sql`true`;
  const spanEnd = cstDay("coalesce(greatest(c.completed_at, c.due_at, c.uploaded_at), 'infinity'::timestamptz)");
  return sql`${region} and (c.quality @> '["limit_unknown"]'
    or (${cstDay("c.accepted_at")} <= ${to}::date and ${spanEnd} >= ${from}::date))`;
}

/** Each region's calendar, loaded once per transaction. */
function calendarsOf(tx: Tx): (region: string) => Promise<WorkCalendar> {
  const calendars = new Map<string, Promise<WorkCalendar>>();
  return (region) => {
    if (!calendars.has(region)) calendars.set(region, loadWorkCalendar(tx, region));
    return calendars.get(region)!;
  };
}

export type RederiveOutcome = { rederived: number } | { queued: string };

/**
 * After the calendar changed between two dates (a day set or removed, a year's notice entered),
 * derives again the cases it can move — in the calendar command's transaction when they are few,
 * else by queueing a job (committed with the change) that the background worker runs in batches.
 */
export async function rederiveCasesForCalendar(options: {
  tx: Tx;
  regionCode: string;
  from: string;
  to: string;
  reason: string;
  inlineLimit?: number;
}): Promise<RederiveOutcome> {
  const { tx, regionCode, from, to } = options;
  // After the import batches in flight, before the next: those read the revision to know their clocks are stale.
  await lockCaseStore(tx);
  await bumpCalendarRevision(tx);
  const where = touchedCases(regionCode, from, to);
  const limit = options.inlineLimit ?? INLINE_REDERIVE_CASES;
  const [counted] = rowsOf<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from (select 1 from cases c where ${where} limit ${limit + 1}) s`),
  );
  if (counted!.n > limit) {
    const [job] = await tx
      .insert(caseRederiveJobs)
      .values({ regionCode, fromDate: from, toDate: to, reason: options.reason })
      .returning({ id: caseRederiveJobs.id });
    return { queued: job!.id };
  }
  const calendarFor = calendarsOf(tx);
  let rederived = 0;
  for (let after = FIRST_CASE_KEY; ; ) {
    const keys = await rederiveCaseBatch({ tx, where, after, calendarFor, batchSize: BATCH_CASES });
    if (!keys.length) return { rederived };
    rederived += keys.length;
    after = keys[keys.length - 1]!;
  }
}

/**
 * Runs (or resumes) a claimed job: one transaction per batch derives the cases and moves the job's
 * cursor and count with them, so a kill leaves no half batch and the next claim goes on from the
 * cursor; deriving a case twice gives the same clock, so nothing can count twice.
 */
export async function runCaseRederiveJob(options: {
  database: Database;
  jobId: string;
  batchSize?: number;
  /** Tests: called after each committed batch (throwing simulates a crash between batches). */
  afterBatch?(batches: number): void | Promise<void>;
  /** The server is stopping: end after the batch in flight, queued again at its cursor. */
  signal?: AbortSignal;
}): Promise<CaseRederiveJobRow> {
  const { db } = options.database;
  const job = await loadJob(db, options.jobId);
  const where = touchedCases(job.regionCode, job.fromDate, job.toDate);
  // The first count or a batch can outlast STALE_MS on a big store: beat apart from the batches.
  const heartbeat = setInterval(() => {
    db.update(caseRederiveJobs)
      .set({ heartbeatAt: new Date() })
      .where(eq(caseRederiveJobs.id, job.id))
      .catch(() => {});
  }, HEARTBEAT_MS);
  try {
    if (job.total === null) {
      const [counted] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from cases c where ${where}`));
      await db.update(caseRederiveJobs).set({ total: counted!.n }).where(eq(caseRederiveJobs.id, job.id));
    }
    let after: CaseKey = job.afterKey ?? FIRST_CASE_KEY;
    for (let batches = 1; ; batches++) {
      const keys = await db.transaction(async (tx) => {
        const done = await rederiveCaseBatch({
          tx,
          where,
          after,
          calendarFor: calendarsOf(tx),
          batchSize: options.batchSize ?? BATCH_CASES,
        });
        if (done.length)
          await tx
            .update(caseRederiveJobs)
            .set({ done: sql`${caseRederiveJobs.done} + ${done.length}`, afterKey: done[done.length - 1]!, heartbeatAt: new Date() })
            .where(eq(caseRederiveJobs.id, job.id));
        return done;
      });
      if (!keys.length) break;
      after = keys[keys.length - 1]!;
      await options.afterBatch?.(batches);
      if (options.signal?.aborted) {
        await db.update(caseRederiveJobs).set({ status: "queued", heartbeatAt: null }).where(eq(caseRederiveJobs.id, job.id));
        return loadJob(db, job.id);
      }
    }
    await db.update(caseRederiveJobs).set({ status: "succeeded", finishedAt: new Date() }).where(eq(caseRederiveJobs.id, job.id));
  } catch (error) {
    // Queued again (it resumes at its cursor) until it has failed MAX_ATTEMPTS times.
    const failed = job.attempts + 1 >= MAX_ATTEMPTS;
    await db
      .update(caseRederiveJobs)
      .set({
        status: failed ? "failed" : "queued",
        attempts: job.attempts + 1,
        finishedAt: failed ? new Date() : null,
        error: (error as Error).message,
      })
      .where(eq(caseRederiveJobs.id, job.id));
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
  return loadJob(db, job.id);
}

/** The re-derivation queue for the background worker (platform/jobs/worker.ts). */
export function caseRederiveRunner(options: { database: Database; staleMs?: number }): JobRunner {
  return {
    name: "case-rederive",
    async runOne(signal) {
      const jobId = await claimQueuedJob(options.database.db, "case_rederive_jobs", options.staleMs ?? STALE_MS);
      if (jobId) await runCaseRederiveJob({ database: options.database, jobId, signal });
      return jobId !== null;
    },
  };
}

export type CaseRederiveJobRow = typeof caseRederiveJobs.$inferSelect;

async function loadJob(db: Db, jobId: string): Promise<CaseRederiveJobRow> {
  const [job] = await db.select().from(caseRederiveJobs).where(eq(caseRederiveJobs.id, jobId));
  if (!job) throw new Error(`no case re-derivation job ${jobId}`);
  return job;
}

/** The latest jobs, newest first: the calendar screen shows those still running and what they did. */
export async function listCaseRederiveJobs(db: Db | Tx, limit = 10): Promise<CaseRederiveJobRow[]> {
  return db.select().from(caseRederiveJobs).orderBy(desc(caseRederiveJobs.createdAt)).limit(limit);
}

/**
 * The calendar seed at start (chinese-days' years not yet held), then the clocks those years move:
 * a package upgrade that brings next year's notice turns that year's 时限无法计算 cases into counted
 * ones, as entering the year by hand does. Answers the years seeded.
 */
export async function seedCalendarWithClocks(database: Database): Promise<number[]> {
  const years = await seedCalendar(database.db);
  if (years.length) {
    const [from, to] = [`${Math.min(...years)}-01-01`, `${Math.max(...years)}-12-31`];
    const reason = `日历初始化：${years.length > 1 ? `${Math.min(...years)}–${Math.max(...years)}` : years[0]} 年`;
    await database.db.transaction((tx) => rederiveCasesForCalendar({ tx, regionCode: "", from, to, reason }));
  }
  return years;
}
