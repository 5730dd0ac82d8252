import type { IngestJobStatus, IngestJobView, IngestKind } from "@kaoping/core";
import type { ingestJobs } from "../db/schema.ts";

export type IngestJobRow = typeof ingestJobs.$inferSelect;

/** A job row → its view, with the rate so far and the time left at that rate (by bytes: the row count is unknown until the end). */
export function presentIngestJob(row: IngestJobRow, now = new Date()): IngestJobView {
  const running = row.status === "running" && row.startedAt;
  const seconds = running ? (now.getTime() - row.startedAt!.getTime()) / 1000 : null;
  const rate = seconds && seconds > 0 && row.rowsRead > 0 ? Math.round(row.rowsRead / seconds) : null;
  const bytesPerSecond = seconds && seconds > 0 && row.bytesRead > 0 ? row.bytesRead / seconds : null;
  const secondsLeft = bytesPerSecond ? Math.max(0, Math.round((row.bytesTotal - row.bytesRead) / bytesPerSecond)) : null;
  return {
    id: row.id,
    kind: row.kind as IngestKind,
    sourceCode: row.sourceCode,
    fileName: row.fileName,
    status: row.status as IngestJobStatus,
    bytesTotal: row.bytesTotal,
    bytesRead: row.bytesRead,
    rowsRead: row.rowsRead,
    rowsAccepted: row.rowsAccepted,
    rowsQuarantined: row.rowsQuarantined,
    rate,
    secondsLeft,
    error: (row.error as IngestJobView["error"]) ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
