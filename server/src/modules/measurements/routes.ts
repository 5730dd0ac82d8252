import { idSchema, measurementInputSchema, PERMISSIONS } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readOneUpload } from "../../platform/http/upload.ts";
import { loadCampaign } from "../campaigns/policy.ts";
import { loadForReview } from "../findings/queries.ts";
import { loadFindingScope } from "../findings/validation.ts";
import { saveMeasurement } from "./commands.ts";
import { listMeasurements, presentMeasurements } from "./queries.ts";
import { importMeasurements, measurementTemplateWorkbook } from "./transfer.ts";

const tags = ["measurements"];
const review = { access: PERMISSIONS.campaignReview };
export const measurementListQuerySchema = z.object({ unitId: idSchema.optional() });

export function registerMeasurementRoutes(app: App, ctx: AppContext): void {
  const base = "/api/campaigns/:id/measurements";
  app.get(
    base,
    { schema: { tags, params: idParams, querystring: measurementListQuerySchema }, config: { access: PERMISSIONS.campaignRead } },
    async (req) => {
      const q = query(ctx, req);
      return listMeasurements(q.db, await loadCampaign(q.db, q.principal, req.params.id), req.query);
    },
  );
  // Answers `{ measurement }`: the saved value's view, or null once a null value removed it.
  app.put(base, { schema: { tags, params: idParams, body: measurementInputSchema }, config: review }, async (req) => {
    const row = await transaction(ctx, req, (command) => saveMeasurement({ ctx: command, campaignId: req.params.id, input: req.body }));
    if (!row) return { measurement: null };
    const access = await loadCampaign(ctx.db, query(ctx, req).principal, req.params.id);
    const [measurement] = await presentMeasurements(ctx.db, access.campaign, [row]);
    return { measurement };
  });
  app.get(`${base}/import-template`, { schema: { tags, params: idParams }, config: review }, async (req, reply) => {
    const access = await loadForReview(query(ctx, req), req.params.id);
    const body = await measurementTemplateWorkbook(await loadFindingScope(ctx.db, access.campaign));
    return sendXlsx(reply, `测评数据导入模板-${access.campaign.name}.xlsx`, body);
  });
  app.post(`${base}/import`, { schema: { tags, params: idParams }, config: review }, async (req) => {
    // The campaign first: a file for a campaign one may not see is not worth reading.
    await loadForReview(query(ctx, req), req.params.id);
    const { buffer, fileName } = await readOneUpload(req);
    return transaction(ctx, req, (command) => importMeasurements({ ctx: command, campaignId: req.params.id, buffer, source: fileName }));
  });
}
