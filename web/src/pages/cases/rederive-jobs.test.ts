import type { CaseRederiveJobView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { hasMovingRederive, rederivePercent, shownRederiveJobs } from "./rederive-jobs.ts";

const job = (id: string, status: CaseRederiveJobView["status"], done = 0, total: number | null = null): CaseRederiveJobView => ({
  id,
  regionCode: "",
  from: "2025-06-03",
  to: "2025-06-03",
  reason: "2025-06-03 设为休息日",
  status,
  total,
  done,
  error: status === "failed" ? "boom" : null,
  createdAt: "2026-12-06T00:00:00.000Z",
  finishedAt: null,
});

describe("the calendar's re-derivation jobs", () => {
  it("shows the moving ones and only the newest failure", () => {
    const jobs = [job("a", "failed"), job("b", "running", 5, 10), job("c", "succeeded"), job("d", "failed"), job("e", "queued")];
    expect(shownRederiveJobs(jobs).map((j) => j.id)).toEqual(["a", "b", "e"]);
    expect(shownRederiveJobs([job("c", "succeeded"), job("d", "failed")])).toEqual([]);
  });

  it("polls while one is queued or running", () => {
    expect(hasMovingRederive({ rows: [job("c", "succeeded"), job("e", "queued")] })).toBe(true);
    expect(hasMovingRederive({ rows: [job("c", "succeeded"), job("d", "failed")] })).toBe(false);
  });

  it("shows progress as a whole percentage, 0 before the count", () => {
    expect(rederivePercent({ done: 2, total: 3 })).toBe(66);
    expect(rederivePercent({ done: 0, total: null })).toBe(0);
  });
});
