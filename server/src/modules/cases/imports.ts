import {
  COLUMNS_OF,
  DEFAULT_SOURCE_CODE,
  DEFAULT_SOURCE_MAPPING,
  INGEST_KIND_LABELS,
  type IngestJobListView,
  type IngestJobView,
  type IngestKind,
  type IngestSourceView,
  type Paged,
  QUARANTINE_REASON,
  type QuarantineReason,
  type QuarantineRowView,
  REQUIRED_COLUMNS,
} from "@kaoping/core";
import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { ingestJobs, ingestQuarantine, ingestSources, units } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { writeSheet } from "../../platform/excel/workbook.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { presentIngestJob } from "../../platform/ingest/presenter.ts";
import { createIngestJob } from "../../platform/ingest/queue.ts";
import type { ReceivedFile } from "../../platform/ingest/upload.ts";

/**
 * 办件导入: queueing a file, the job list and one job, cancelling, and the quarantine (paged and as
 * Excel). Imports are the office's (case:record:import, scope all in the built-in role); the
 * quarantine is filtered by the caller's data scope all the same, should a role with a narrower
 * scope be given the permission.
 */

export async function queueCaseImport(options: { ctx: CommandContext; kind: IngestKind; sourceCode: string; file: ReceivedFile }) {
  const { ctx, kind, sourceCode, file } = options;
  const job = await createIngestJob(ctx.tx, {
    kind,
    sourceCode,
    fileName: file.fileName,
    storageKey: file.storageKey,
    fileSha256: file.sha256,
    bytesTotal: file.size,
    createdBy: ctx.principal.id,
  });
  await ctx.audit({
    action: "case.import",
    businessType: "import",
    entityType: "ingest_job",
    entityId: job.id,
    after: { kind, sourceCode, fileName: file.fileName, bytes: file.size, sha256: file.sha256 },
  });
  return presentIngestJob(job);
}

export async function cancelCaseImport(options: { ctx: CommandContext; jobId: string }): Promise<IngestJobView> {
  const { ctx, jobId } = options;
  const [job] = await ctx.tx.select().from(ingestJobs).where(eq(ingestJobs.id, jobId)).for("update");
  if (!job) throw notFound("导入任务");
  // A queued job is cancelled at once; a running one at its next batch (what was committed stays).
  const status = job.status === "queued" ? "cancelled" : job.status;
  const [updated] = await ctx.tx
    .update(ingestJobs)
    .set({ cancelRequested: true, status, finishedAt: status === "cancelled" && !job.finishedAt ? new Date() : job.finishedAt })
    .where(eq(ingestJobs.id, jobId))
    .returning();
  await ctx.audit({
    action: "case.import.cancel",
    businessType: "update",
    entityType: "ingest_job",
    entityId: jobId,
    before: { status: job.status },
  });
  return presentIngestJob(updated!);
}

export async function listCaseImports(ctx: QueryContext, page: { page: number; pageSize: number }): Promise<IngestJobListView> {
  const [rows, [total], sources] = await Promise.all([
    ctx.db
      .select()
      .from(ingestJobs)
      .orderBy(desc(ingestJobs.createdAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    ctx.db.select({ n: count() }).from(ingestJobs),
    listIngestSources(ctx),
  ]);
  return { rows: rows.map((r) => presentIngestJob(r)), total: total!.n, sources };
}

/** The built-in source's name when no ingest_sources row names it. */
export const DEFAULT_SOURCE_NAME = "默认导入模板";

/**
 * The sources an import may name (what loadSourceMapping accepts): the registered ones, and the
 * built-in default — first, named by its row where one overrides it.
 */
export async function listIngestSources(ctx: QueryContext): Promise<IngestSourceView[]> {
  const rows = await ctx.db
    .select({ code: ingestSources.code, name: ingestSources.name })
    .from(ingestSources)
    .orderBy(asc(ingestSources.code));
  const own = rows.find((r) => r.code === DEFAULT_SOURCE_CODE);
  return [
    { code: DEFAULT_SOURCE_CODE, name: own?.name ?? DEFAULT_SOURCE_NAME, isDefault: true },
    ...rows.filter((r) => r.code !== DEFAULT_SOURCE_CODE).map((r) => ({ code: r.code, name: r.name, isDefault: false })),
  ];
}

export async function getCaseImport(ctx: QueryContext, jobId: string): Promise<IngestJobView> {
  const [job] = await ctx.db.select().from(ingestJobs).where(eq(ingestJobs.id, jobId));
  if (!job) throw notFound("导入任务");
  return presentIngestJob(job);
}

function quarantineWhere(ctx: QueryContext, jobId: string): SQL | undefined {
  return and(
    eq(ingestQuarantine.jobId, jobId),
    buildScopeWhere(ctx.principal.scope, { unitId: ingestQuarantine.unitId }, ctx.principal.id ?? ""),
  );
}

/** The job's quarantined rows the caller's scope reaches, in file order. */
export async function listQuarantine(
  ctx: QueryContext,
  jobId: string,
  page: { page: number; pageSize: number },
): Promise<Paged<QuarantineRowView>> {
  await getCaseImport(ctx, jobId);
  const where = quarantineWhere(ctx, jobId);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ q: ingestQuarantine, unitName: units.name })
      .from(ingestQuarantine)
      .leftJoin(units, eq(units.id, ingestQuarantine.unitId))
      .where(where)
      .orderBy(asc(ingestQuarantine.line))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    ctx.db.select({ n: count() }).from(ingestQuarantine).where(where),
  ]);
  return { rows: rows.map(({ q, unitName }) => presentQuarantine(q, unitName)), total: total!.n };
}

function presentQuarantine(q: typeof ingestQuarantine.$inferSelect, unitName: string | null): QuarantineRowView {
  return {
    line: q.line,
    unitCode: q.unitCode,
    unitName,
    raw: q.raw as Record<string, string>,
    reasons: q.reasons as QuarantineRowView["reasons"],
  };
}

const QUARANTINE_EXPORT_ROWS = 100_000;

/** The quarantine as Excel with Chinese headers: line, unit, reasons, then the row as the file had it. */
export async function quarantineWorkbook(ctx: CommandContext, jobId: string): Promise<{ fileName: string; body: Buffer }> {
  const job = await getCaseImport({ db: ctx.tx, principal: ctx.principal }, jobId);
  const { rows: items } = await listQuarantine({ db: ctx.tx, principal: ctx.principal }, jobId, {
    page: 1,
    pageSize: QUARANTINE_EXPORT_ROWS,
  });
  const rawHeaders = [...new Set(items.flatMap((i) => Object.keys(i.raw)))];
  const columns = [
    { key: "line", header: "行号", required: false, width: 8 },
    { key: "unitCode", header: "部门编码", required: false },
    { key: "unitName", header: "部门", required: false, width: 24 },
    { key: "reasons", header: "问题", required: false, width: 48 },
    ...rawHeaders.map((h, i) => ({ key: `c${i}`, header: h, required: false })),
  ];
  const rows = items.map((item) => ({
    line: item.line,
    unitCode: item.unitCode,
    unitName: item.unitName,
    reasons: item.reasons.map((r) => `${QUARANTINE_REASON.labels[r.reason as QuarantineReason]}（${r.message}）`).join("；"),
    ...Object.fromEntries(rawHeaders.map((h, i) => [`c${i}`, item.raw[h] ?? ""])),
  }));
  await ctx.audit({
    action: "case.quarantine.export",
    businessType: "export",
    entityType: "ingest_job",
    entityId: jobId,
    after: { rows: rows.length },
  });
  return { fileName: `办件隔离数据-${job.fileName}.xlsx`, body: await writeSheet({ name: "隔离数据", columns }, rows) };
}

/** The import template of the default source: its Chinese headers (required ones marked *), as .xlsx or UTF-8 CSV with BOM. */
export async function importTemplate(kind: IngestKind, format: "csv" | "xlsx"): Promise<{ fileName: string; body: Buffer; type: string }> {
  const canonical = COLUMNS_OF[kind];
  const required = new Set(REQUIRED_COLUMNS[kind]);
  const name = `${INGEST_KIND_LABELS[kind]}导入模板`;
  if (format === "csv") {
    const header = Object.keys(canonical).map((c) => DEFAULT_SOURCE_MAPPING.columns[c]);
    return { fileName: `${name}.csv`, body: Buffer.from(`\uFEFF${header.join(",")}\r\n`), type: "text/csv; charset=utf-8" };
  }
  const columns = Object.keys(canonical).map((c) => ({
    key: c,
    header: DEFAULT_SOURCE_MAPPING.columns[c]!,
    required: required.has(c),
    options: DEFAULT_SOURCE_MAPPING.values[c] ? [...new Set(Object.keys(DEFAULT_SOURCE_MAPPING.values[c]))].slice(0, 12) : undefined,
  }));
  return {
    fileName: `${name}.xlsx`,
    body: await writeSheet({ name: INGEST_KIND_LABELS[kind], columns }, []),
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
}
