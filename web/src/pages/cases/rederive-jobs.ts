import type { CaseRederiveJobView } from "@kaoping/core";

const isMoving = (job: Pick<CaseRederiveJobView, "status">) => job.status === "queued" || job.status === "running";

/** The calendar page keeps polling while a re-derivation is queued or running. */
export const hasMovingRederive = (result: { rows: CaseRederiveJobView[] }) => result.rows.some(isMoving);

/**
 * The jobs the calendar page shows (newest first, as the API lists them): every one still moving,
 * and the newest if it failed — an older failure was followed by another change and is history.
 */
export function shownRederiveJobs(jobs: CaseRederiveJobView[]): CaseRederiveJobView[] {
  return jobs.filter((job, i) => isMoving(job) || (job.status === "failed" && i === 0));
}

/** Share done, 0–100 (0 until the job has counted its cases). */
export function rederivePercent(job: Pick<CaseRederiveJobView, "done" | "total">): number {
  return job.total ? Math.min(100, Math.floor((job.done / job.total) * 100)) : 0;
}
