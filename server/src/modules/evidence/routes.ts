import { type EvidenceView, evidenceUploadFieldsSchema, idSchema, PERMISSIONS } from "@kaoping/core";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { query, transaction } from "../../platform/http/command.ts";
import { sendXlsx } from "../../platform/http/schemas.ts";
import { sendStoredFile } from "../../platform/http/send-file.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readUpload } from "../../platform/http/upload.ts";
import { createBlobStore } from "../../platform/storage/blob-store.ts";
import { loadCampaign } from "../campaigns/policy.ts";
import { sendHtml } from "../reports/html.ts";
import { catalogueFileName, catalogueHtml, catalogueWorkbook } from "./catalogue.ts";
import { downloadEvidence, reviseEvidence, reviseFindingEvidence, uploadEvidence, uploadFindingEvidence } from "./commands.ts";
import { type EvidenceRow, presentEvidence } from "./presenter.ts";
import { getEvidenceCatalogue } from "./queries.ts";
import { type InspectedFile, inspectFiles } from "./upload.ts";

const tags = ["evidence"];
const submit = { access: PERMISSIONS.reportSubmit };
const review = { access: PERMISSIONS.campaignReview };
const read = { access: PERMISSIONS.campaignRead };
const unitParams = z.object({ id: idSchema, unitId: idSchema });
const evidenceParams = z.object({ evidenceId: idSchema });
const findingParams = z.object({ id: idSchema, findingId: idSchema });
const findingEvidenceParams = findingParams.extend({ evidenceId: idSchema });

/** The files of a multipart request, every one checked before any is stored. */
async function readFiles<F extends z.ZodType>(ctx: AppContext, req: FastifyRequest, maxFiles: number, fields?: F) {
  const upload = await readUpload(req, { maxBytes: ctx.config.evidenceMaxBytes, maxFiles, preservePath: true, fields });
  return { fields: upload.fields, files: await inspectFiles(upload.files, ctx.config) };
}

async function readOneFile(ctx: AppContext, req: FastifyRequest): Promise<InspectedFile> {
  const { files } = await readFiles(ctx, req, 1);
  return files[0]!;
}

export function registerEvidenceRoutes(app: App, ctx: AppContext): void {
  const uploaded = (req: FastifyRequest, rows: EvidenceRow[]): EvidenceView[] =>
    rows.map((row) => presentEvidence(row, req.principal?.displayName ?? null));
  // Refuses a campaign the caller may not see before the (possibly large) body is read; the command checks the unit.
  const assertVisible = async (req: FastifyRequest, campaignId: string) => {
    const q = query(ctx, req);
    await loadCampaign(q.db, q.principal, campaignId);
  };
  const base = "/api/campaigns/:id/units/:unitId/evidence";

  app.post(base, { schema: { tags, params: unitParams }, config: submit }, async (req, reply) => {
    const { id, unitId } = req.params;
    await assertVisible(req, id);
    const { fields: owner, files } = await readFiles(ctx, req, ctx.config.evidenceMaxFiles, evidenceUploadFieldsSchema);
    const rows = await transaction(ctx, req, (command) =>
      uploadEvidence({ ctx: command, campaignId: id, unitId, ownerType: owner.ownerType, ownerKey: owner.ownerKey, files }),
    );
    return reply.code(201).send(uploaded(req, rows));
  });

  app.post("/api/evidence/:evidenceId/revisions", { schema: { tags, params: evidenceParams }, config: submit }, async (req, reply) => {
    const file = await readOneFile(ctx, req);
    const row = await transaction(ctx, req, (command) => reviseEvidence({ ctx: command, evidenceId: req.params.evidenceId, file }));
    return reply.code(201).send(uploaded(req, [row])[0]);
  });

  app.post(
    "/api/campaigns/:id/findings/:findingId/evidence",
    { schema: { tags, params: findingParams }, config: review },
    async (req, reply) => {
      const { files } = await readFiles(ctx, req, ctx.config.evidenceMaxFiles);
      const rows = await transaction(ctx, req, (command) =>
        uploadFindingEvidence({ ctx: command, campaignId: req.params.id, findingId: req.params.findingId, files }),
      );
      return reply.code(201).send(uploaded(req, rows));
    },
  );

  // Findings' files are the reviewers' (campaign:review), so their revisions have a route of their own.
  app.post(
    "/api/campaigns/:id/findings/:findingId/evidence/:evidenceId/revisions",
    { schema: { tags, params: findingEvidenceParams }, config: review },
    async (req, reply) => {
      const file = await readOneFile(ctx, req);
      const row = await transaction(ctx, req, (command) => reviseFindingEvidence({ ctx: command, ...pick(req.params), file }));
      return reply.code(201).send(uploaded(req, [row])[0]);
    },
  );

  app.get("/api/evidence/:evidenceId/download", { schema: { tags, params: evidenceParams }, config: read }, async (req, reply) => {
    const blobs = createBlobStore(ctx.config.storageDir);
    const { row, blob } = await transaction(ctx, req, async (command) => {
      const row = await downloadEvidence({ ctx: command, evidenceId: req.params.evidenceId });
      const blob = await blobs.find(row.sha256);
      if (!blob) throw new AppError("NOT_FOUND", `文件“${row.fileName}”的内容不在存储中，请联系管理员`);
      return { row, blob };
    });
    return sendStoredFile(reply, row, blob);
  });

  app.get(base, { schema: { tags, params: unitParams }, config: read }, (req) =>
    getEvidenceCatalogue(query(ctx, req), req.params.id, req.params.unitId),
  );

  app.get(`${base}/catalogue.xlsx`, { schema: { tags, params: unitParams }, config: read }, async (req, reply) => {
    const catalogue = await getEvidenceCatalogue(query(ctx, req), req.params.id, req.params.unitId);
    const body = await catalogueWorkbook(catalogue);
    await transaction(ctx, req, (command) =>
      command.audit({
        action: "evidence.catalogue.export",
        businessType: "export",
        entityType: "submission",
        entityId: `${catalogue.campaignId}:${catalogue.unitId}`,
        after: { unitCode: catalogue.unitCode, files: catalogue.fileCount },
      }),
    );
    return sendXlsx(reply, catalogueFileName(catalogue, "xlsx"), body);
  });

  app.get(`${base}/catalogue.html`, { schema: { tags, params: unitParams }, config: read }, async (req, reply) =>
    sendHtml(reply, catalogueHtml(await getEvidenceCatalogue(query(ctx, req), req.params.id, req.params.unitId))),
  );
}

const pick = (p: { id: string; findingId: string; evidenceId: string }) => ({
  campaignId: p.id,
  findingId: p.findingId,
  evidenceId: p.evidenceId,
});
