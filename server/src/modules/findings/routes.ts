import {
  findingDecisionSchema,
  findingInputSchema,
  findingListQuerySchema,
  findingUpdateSchema,
  idSchema,
  PERMISSIONS,
} from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readOneUpload } from "../../platform/http/upload.ts";
import { loadCampaign, mayAppeal } from "../campaigns/policy.ts";
import { confirmFinding, createFinding, updateFinding, withdrawFinding } from "./commands.ts";
import type { FindingRow } from "./presenter.ts";
import { listFindings, loadForReview, presentFindingById } from "./queries.ts";
import { findingTemplateWorkbook, importFindings, parseFindingWorkbook } from "./transfer.ts";
import { loadFindingScope } from "./validation.ts";

const tags = ["findings"];
const read = { access: PERMISSIONS.campaignRead };
const review = { access: PERMISSIONS.campaignReview };
const findingParams = z.object({ id: idSchema, findingId: idSchema });

/** `confirm=true`: the imported rows are confirmed at once instead of entering as drafts. */
export const findingImportQuerySchema = z.object({ confirm: z.enum(["true", "false"]).default("false") });

export function registerFindingRoutes(app: App, ctx: AppContext): void {
  const present = (req: Parameters<typeof query>[1], row: FindingRow) =>
    presentFindingById(ctx.db, row, mayAppeal(query(ctx, req).principal));
  const base = "/api/campaigns/:id/findings";
  app.get(base, { schema: { tags, params: idParams, querystring: findingListQuerySchema }, config: read }, async (req) => {
    const q = query(ctx, req);
    return listFindings(q.db, await loadCampaign(q.db, q.principal, req.params.id), req.query);
  });
  app.post(base, { schema: { tags, params: idParams, body: findingInputSchema }, config: review }, async (req, reply) => {
    const row = await transaction(ctx, req, (command) => createFinding({ ctx: command, campaignId: req.params.id, input: req.body }));
    return reply.code(201).send(await present(req, row));
  });
  app.patch(`${base}/:findingId`, { schema: { tags, params: findingParams, body: findingUpdateSchema }, config: review }, async (req) => {
    const { id, findingId } = req.params;
    const row = await transaction(ctx, req, (command) => updateFinding({ ctx: command, campaignId: id, findingId, input: req.body }));
    return present(req, row);
  });
  app.post(`${base}/:findingId/confirm`, { schema: { tags, params: findingParams }, config: review }, async (req) => {
    const { id, findingId } = req.params;
    return present(req, await transaction(ctx, req, (command) => confirmFinding({ ctx: command, campaignId: id, findingId })));
  });
  app.post(
    `${base}/:findingId/withdraw`,
    { schema: { tags, params: findingParams, body: findingDecisionSchema }, config: review },
    async (req) => {
      const { id, findingId } = req.params;
      const row = await transaction(ctx, req, (command) =>
        withdrawFinding({ ctx: command, campaignId: id, findingId, reason: req.body.reason }),
      );
      return present(req, row);
    },
  );

  app.get(`${base}/import-template`, { schema: { tags, params: idParams }, config: review }, async (req, reply) => {
    const access = await loadForReview(query(ctx, req), req.params.id);
    const body = await findingTemplateWorkbook(await loadFindingScope(ctx.db, access.campaign));
    return sendXlsx(reply, `问题台账导入模板-${access.campaign.name}.xlsx`, body);
  });
  app.post(`${base}/import`, { schema: { tags, params: idParams, querystring: findingImportQuerySchema }, config: review }, async (req) => {
    // The campaign first: a file for a campaign one may not see is not worth reading.
    await loadForReview(query(ctx, req), req.params.id);
    const { buffer, fileName } = await readOneUpload(req);
    const parsed = await parseFindingWorkbook(buffer);
    return transaction(ctx, req, (command) =>
      importFindings({ ctx: command, campaignId: req.params.id, parsed, confirm: req.query.confirm === "true", source: fileName }),
    );
  });
}
