import {
  campaignCreateSchema,
  campaignListQuerySchema,
  campaignTransitionSchema,
  campaignUpdateSchema,
  idSchema,
  PERMISSIONS,
  unitIndicatorsSchema,
} from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readOneUpload } from "../../platform/http/upload.ts";
import { createCampaign, deleteCampaign, transitionCampaign, updateCampaign } from "./commands.ts";
import { loadCampaign } from "./policy.ts";
import { getCampaign, listCampaigns, listCampaignUnits } from "./queries.ts";
import { importUnitIndicators, setUnitIndicators, unitIndicatorWorkbook } from "./unit-indicators.ts";

const tags = ["campaigns"];
const read = { access: PERMISSIONS.campaignRead };
const manage = { access: PERMISSIONS.campaignManage };

export function registerCampaignRoutes(app: App, ctx: AppContext): void {
  app.get("/api/campaigns", { schema: { tags, querystring: campaignListQuerySchema }, config: read }, (req) =>
    listCampaigns(query(ctx, req), req.query),
  );
  app.get("/api/campaigns/:id", { schema: { tags, params: idParams }, config: read }, (req) => getCampaign(query(ctx, req), req.params.id));
  app.get("/api/campaigns/:id/units", { schema: { tags, params: idParams }, config: read }, async (req) => {
    const q = query(ctx, req);
    return listCampaignUnits(await loadCampaign(q.db, q.principal, req.params.id), q);
  });

  app.post("/api/campaigns", { schema: { tags, body: campaignCreateSchema }, config: manage }, async (req, reply) => {
    const row = await transaction(ctx, req, (command) => createCampaign({ ctx: command, input: req.body }));
    return reply.code(201).send(await getCampaign(query(ctx, req), row.id));
  });
  app.patch("/api/campaigns/:id", { schema: { tags, params: idParams, body: campaignUpdateSchema }, config: manage }, async (req) => {
    await transaction(ctx, req, (command) => updateCampaign({ ctx: command, id: req.params.id, input: req.body }));
    return getCampaign(query(ctx, req), req.params.id);
  });
  app.delete("/api/campaigns/:id", { schema: { tags, params: idParams }, config: manage }, async (req) => {
    await transaction(ctx, req, (command) => deleteCampaign({ ctx: command, id: req.params.id }));
    return { ok: true };
  });
  app.put(
    "/api/campaigns/:id/units/:unitId/indicators",
    { schema: { tags, params: z.object({ id: idSchema, unitId: idSchema }), body: unitIndicatorsSchema }, config: manage },
    (req) =>
      transaction(ctx, req, (command) =>
        setUnitIndicators({ ctx: command, campaignId: req.params.id, unitId: req.params.unitId, indicatorCodes: req.body.indicatorCodes }),
      ),
  );
  app.get("/api/campaigns/:id/unit-indicators/template", { schema: { tags, params: idParams }, config: manage }, async (req, reply) => {
    const q = query(ctx, req);
    const { campaign } = await loadCampaign(q.db, q.principal, req.params.id);
    return sendXlsx(reply, `适用指标-${campaign.name}.xlsx`, await unitIndicatorWorkbook(q.db, campaign));
  });
  app.post("/api/campaigns/:id/unit-indicators/import", { schema: { tags, params: idParams }, config: manage }, async (req) => {
    const q = query(ctx, req);
    // The campaign first: a file for a campaign one may not see is not worth reading.
    await loadCampaign(q.db, q.principal, req.params.id);
    const { buffer } = await readOneUpload(req);
    return transaction(ctx, req, (command) => importUnitIndicators({ ctx: command, campaignId: req.params.id, buffer }));
  });
  app.post(
    "/api/campaigns/:id/transition",
    { schema: { tags, params: idParams, body: campaignTransitionSchema }, config: manage },
    async (req) => {
      await transaction(ctx, req, (command) => transitionCampaign({ ctx: command, id: req.params.id, ...req.body }));
      return getCampaign(query(ctx, req), req.params.id);
    },
  );
}
