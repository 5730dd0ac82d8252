import type { FastifyReply, FastifyRequest } from "fastify";
import type { AuditEntry } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import { transaction } from "../http/command.ts";
import { sendXlsx } from "../http/schemas.ts";
import type { AppContext } from "../http/types.ts";

/** Most rows one list export writes: past it the caller narrows the filters rather than wait for a file nobody opens. */
export const EXPORT_MAX = 50_000;

type Paging = { page: number; pageSize: number };

/**
 * Every row of a filtered list, for its export: the list's own query (so the file holds what the page
 * shows), one page of EXPORT_MAX rows; past that, a refusal naming the count.
 */
export async function exportRows<Q extends Paging, R>(
  query: Omit<Q, keyof Paging>,
  list: (query: Q) => Promise<{ total: number; rows: R[] }>,
): Promise<R[]> {
  const result = await list({ ...query, page: 1, pageSize: EXPORT_MAX } as Q);
  if (result.total > EXPORT_MAX)
    throw new AppError("VALIDATION", `共 ${result.total} 条，超过一次导出的上限 ${EXPORT_MAX} 条，请缩小筛选范围（单位、日期）后再导出`, [
      { path: ["query"], message: `超过 ${EXPORT_MAX} 条` },
    ]);
  return result.rows;
}

/**
 * Sends a list's export and audits it in one place: who took a copy of which rows (the filters and
 * the count), as every export is audited.
 */
export async function sendListExport(options: {
  ctx: AppContext;
  req: FastifyRequest;
  reply: FastifyReply;
  action: AuditEntry["action"];
  entityType: string;
  fileName: string;
  file: { count: number; body: Buffer };
}) {
  const { ctx, req, file } = options;
  await transaction(ctx, req, (command) =>
    command.audit({
      action: options.action,
      businessType: "export",
      entityType: options.entityType,
      after: { count: file.count, filters: req.query },
    }),
  );
  return sendXlsx(options.reply, options.fileName, file.body);
}
