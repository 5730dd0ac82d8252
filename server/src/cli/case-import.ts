import { INGEST_KIND_LABELS, type IngestJobError, type IngestJobView, type IngestKind, ingestErrorPlace } from "@kaoping/core";
import { ingestFile } from "../platform/ingest/index.ts";
import { withDatabase } from "./database.ts";

/** One line of progress: a bar by bytes, rows, accepted, quarantined, rate and time left. */
export function progressLine(view: IngestJobView, width = 24): string {
  const share = view.bytesTotal ? Math.min(1, view.bytesRead / view.bytesTotal) : 0;
  const filled = Math.round(share * width);
  const rate = view.rate === null ? "" : ` · ${view.rate} 行/秒`;
  const left = view.secondsLeft === null ? "" : ` · 剩余 ${view.secondsLeft} 秒`;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(share * 100)}% · ${view.rowsRead} 行 · 接受 ${view.rowsAccepted} · 隔离 ${view.rowsQuarantined}${rate}${left}`;
}

/** `kaoping cases import <file>`: the real ingest path in this process, progress on stderr. */
export const importCaseFile = (file: string, opts: { source: string; kind: string }) =>
  withDatabase({ setup: true, demo: false }, async ({ database }) => {
    if (!(opts.kind in INGEST_KIND_LABELS)) throw new Error(`--kind 应为 ${Object.keys(INGEST_KIND_LABELS).join(" 或 ")}`);
    const isTty = process.stderr.isTTY;
    const job = await ingestFile({
      database,
      kind: opts.kind as IngestKind,
      sourceCode: opts.source,
      filePath: file,
      onProgress: (view) => process.stderr.write(isTty ? `\r${progressLine(view)}` : `${progressLine(view)}\n`),
    });
    if (isTty) process.stderr.write("\n");
    if (job.status !== "succeeded") {
      console.error(`导入失败：${failureText(job.error) ?? job.status}`);
      process.exitCode = 1;
      return;
    }
    console.log(`导入完成（任务 ${job.id}）：读取 ${job.rowsRead} 行，接受 ${job.rowsAccepted}，隔离 ${job.rowsQuarantined}`);
  });

/** A refused file's reason with where it is (the job keeps line and column apart from the reason). */
export function failureText(error: IngestJobError | null | undefined): string | null {
  if (!error) return null;
  const { line, column } = ingestErrorPlace(error);
  const where = [line !== undefined ? `第 ${line} 行` : null, column ? `列“${column}”` : null].filter(Boolean);
  return where.length ? `${error.message}（${where.join("，")}）` : error.message;
}
