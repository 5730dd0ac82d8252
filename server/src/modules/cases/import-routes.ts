import path from "node:path";
import {
  INGEST_KIND_LABELS,
  INGEST_MAX_BYTES,
  type IngestKind,
  ingestUploadFieldsSchema,
  PERMISSIONS,
  pageQuerySchema,
} from "@kaoping/core";
import { z } from "zod";
import type { Database } from "../../platform/db/client.ts";
import { isPostgres } from "../../platform/db/transaction.ts";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { INGEST_HANDLERS } from "../../platform/ingest/index.ts";
import { ingestRunner } from "../../platform/ingest/queue.ts";
import { receiveBulkUpload } from "../../platform/ingest/upload.ts";
import { type BackgroundWorker, startBackgroundWorker } from "../../platform/jobs/worker.ts";
import { warningRunner } from "../supervision/evaluate.ts";
import { orderUrgeRunner } from "../supervision/urge.ts";
import {
  cancelCaseImport,
  getCaseImport,
  importTemplate,
  listCaseImports,
  listQuarantine,
  quarantineWorkbook,
  queueCaseImport,
} from "./imports.ts";
import { caseRederiveRunner } from "./rederive.ts";

const tags = ["cases"];
const office = { access: PERMISSIONS.caseImport };
const kinds = Object.keys(INGEST_KIND_LABELS) as [IngestKind, ...IngestKind[]];
const templateQuerySchema = z.object({ kind: z.enum(kinds).default("cases"), format: z.enum(["csv", "xlsx"]).default("xlsx") });

/** Bulk files wait in the blob store beside the evidence, content-addressed. */
export const ingestBlobRoot = (storageDir: string) => path.join(storageDir, "ingest");

/**
 * 办件导入 routes, and the background worker that runs the 办件 jobs — imports, the clocks a
 * calendar change moves, and the warning rules over what they wrote (started with the server,
 * stopped with it; at start it resumes jobs a killed server left running).
 */
export function registerCaseImportRoutes(app: App, ctx: AppContext): void {
  const blobRoot = ingestBlobRoot(ctx.config.storageDir);
  const database = { db: ctx.db, kind: isPostgres(ctx.db) ? "postgres" : "pglite" } as Database;
  let worker: BackgroundWorker | null = null;
  app.addHook("onReady", async () => {
    if (!ctx.config.backgroundJobs) return;
    // The warning rules run last: they read what the imports and re-derivations just wrote.
    const runners = [
      ingestRunner({ database, handlers: INGEST_HANDLERS, blobRoot }),
      caseRederiveRunner({ database }),
      warningRunner({ database, log: (m, e) => app.log.warn(e, m) }),
      orderUrgeRunner({ app: ctx, log: (m) => app.log.warn(m) }),
    ];
    worker = startBackgroundWorker({ runners, log: (m, e) => app.log.error(e, m) });
  });
  app.addHook("onClose", async () => worker?.stop());

  app.post("/api/cases/imports", { schema: { tags }, config: office }, async (req, reply) => {
    const { fields, file } = await receiveBulkUpload(req, { blobRoot, maxBytes: INGEST_MAX_BYTES, fields: ingestUploadFieldsSchema });
    const view = await transaction(ctx, req, (command) =>
      queueCaseImport({ ctx: command, kind: fields.kind, sourceCode: fields.source, file }),
    );
    worker?.poke();
    return reply.code(202).send(view);
  });
  app.get("/api/cases/imports", { schema: { tags, querystring: pageQuerySchema }, config: office }, (req) =>
    listCaseImports(query(ctx, req), req.query),
  );
  app.get("/api/cases/imports/:id", { schema: { tags, params: idParams }, config: office }, (req) =>
    getCaseImport(query(ctx, req), req.params.id),
  );
  app.post("/api/cases/imports/:id/cancel", { schema: { tags, params: idParams }, config: office }, (req) =>
    transaction(ctx, req, (command) => cancelCaseImport({ ctx: command, jobId: req.params.id })),
  );
  app.get(
    "/api/cases/imports/:id/quarantine",
    { schema: { tags, params: idParams, querystring: pageQuerySchema }, config: office },
    (req) => listQuarantine(query(ctx, req), req.params.id, req.query),
  );
  app.get("/api/cases/imports/:id/quarantine.xlsx", { schema: { tags, params: idParams }, config: office }, async (req, reply) => {
    const { fileName, body } = await transaction(ctx, req, (command) => quarantineWorkbook(command, req.params.id));
    return sendXlsx(reply, fileName, body);
  });
  app.get("/api/cases/import-template", { schema: { tags, querystring: templateQuerySchema }, config: office }, async (req, reply) => {
    const { fileName, body, type } = await importTemplate(req.query.kind, req.query.format);
    return reply
      .header("content-type", type)
      .header("content-disposition", `attachment; filename="template"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(body);
  });
}
