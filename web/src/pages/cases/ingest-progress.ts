import { type IngestJobStatus, type IngestJobView, type IngestSourceView, ingestErrorPlace } from "@kaoping/core";
import { formatNumber, type Translate } from "./case-format.ts";

/** A job still moving: the list keeps polling while one is on screen. */
export function isActiveJob(job: Pick<IngestJobView, "status">): boolean {
  return job.status === "queued" || job.status === "running";
}

/** Share of the file's bytes read, 0–100 (a finished job is 100 whatever it reported). */
export function bytesPercent(job: Pick<IngestJobView, "status" | "bytesRead" | "bytesTotal">): number {
  if (job.status === "succeeded") return 100;
  if (job.bytesTotal <= 0) return 0;
  return Math.min(100, Math.floor((job.bytesRead / job.bytesTotal) * 100));
}

/** The progress bar's state: moving, done, failed or stopped. */
export function progressStatus(status: IngestJobStatus): "active" | "success" | "exception" | "normal" {
  if (status === "running" || status === "queued") return "active";
  if (status === "succeeded") return "success";
  if (status === "failed") return "exception";
  return "normal";
}

/** `12,345 行/秒`; a dash before the first batch. */
export function rateText(rate: number | null, t: Translate): string {
  return rate === null ? "—" : t("cases.import.rate", { rate: formatNumber(Math.round(rate)) });
}

/**
 * Time left as people say it: `约 45 秒`, `约 3 分 20 秒`, `约 1 小时 5 分`. Only a running job has one;
 * before the rate is known it says 计算中.
 */
export function etaText(job: Pick<IngestJobView, "status" | "secondsLeft">, t: Translate): string {
  if (job.status === "queued") return t("cases.import.waiting");
  if (job.status !== "running") return "—";
  const seconds = job.secondsLeft;
  if (seconds === null || !Number.isFinite(seconds)) return t("cases.import.estimating");
  const total = Math.max(0, Math.ceil(seconds));
  if (total < 60) return t("cases.import.etaSeconds", { s: total });
  if (total < 3600) return t("cases.import.etaMinutes", { m: Math.floor(total / 60), s: total % 60 });
  return t("cases.import.etaHours", { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60) });
}

/** `1,000 / 950 / 50`: rows read, accepted, quarantined. */
export function rowsText(job: Pick<IngestJobView, "rowsRead" | "rowsAccepted" | "rowsQuarantined">): string {
  return [job.rowsRead, job.rowsAccepted, job.rowsQuarantined].map((n) => formatNumber(n)).join(" / ");
}

/** A refused file's error with where it is: `缺少必填列“办件编号”（第 1 行，列 办件编号）`. */
export function jobErrorText(error: IngestJobView["error"], t: Translate): string | null {
  if (!error) return null;
  const { line, column } = ingestErrorPlace(error);
  const where = [
    line !== undefined ? t("cases.import.atLine", { line }) : null,
    column ? t("cases.import.atColumn", { column }) : null,
  ].filter(Boolean);
  return where.length ? `${error.message}（${where.join("，")}）` : error.message;
}

/** A job has a quarantine to open only when it quarantined rows (a refused file or a clean run has none). */
export function hasQuarantine(job: Pick<IngestJobView, "rowsQuarantined">): boolean {
  return job.rowsQuarantined > 0;
}

/** The 数据来源 select: each registered source by its name and code, and the one it starts on (the default). */
export function sourceChoices(sources: IngestSourceView[]): { options: { value: string; label: string }[]; initial: string } {
  return {
    options: sources.map((s) => ({ value: s.code, label: s.name === s.code ? s.code : `${s.name}（${s.code}）` })),
    initial: sources.find((s) => s.isDefault)?.code ?? sources[0]?.code ?? "default",
  };
}
