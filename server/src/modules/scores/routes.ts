import { campaignPublishSchema, idSchema, PERMISSIONS, whatIfSchema } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { loadCampaign, loadCampaignUnit } from "../campaigns/policy.ts";
import { publishCampaign } from "./commands.ts";
import { getPublication, getScoreboard, getUnitScore, listPublications, whatIf } from "./queries.ts";

const tags = ["scores"];
const read = { access: PERMISSIONS.campaignRead };

export function registerScoreRoutes(app: App, ctx: AppContext): void {
  const access = (req: Parameters<typeof query>[1], id: string) => {
    const q = query(ctx, req);
    return loadCampaign(q.db, q.principal, id);
  };
  app.get("/api/campaigns/:id/scores", { schema: { tags, params: idParams }, config: read }, async (req) =>
    getScoreboard(ctx.db, await access(req, req.params.id)),
  );
  app.get(
    "/api/campaigns/:id/units/:unitId/score",
    { schema: { tags, params: z.object({ id: idSchema, unitId: idSchema }) }, config: read },
    async (req) => {
      const a = await access(req, req.params.id);
      const unit = await loadCampaignUnit(ctx.db, a, req.params.unitId);
      return getUnitScore(ctx.db, a, unit.code);
    },
  );
  app.post(
    "/api/campaigns/:id/what-if",
    { schema: { tags, params: idParams, body: whatIfSchema }, config: { access: PERMISSIONS.campaignReview } },
    async (req) => {
      const a = await access(req, req.params.id);
      const unit = await loadCampaignUnit(ctx.db, a, req.body.unitId);
      return whatIf(ctx.db, a, unit.code, req.body.excludeFindingIds);
    },
  );
  app.post(
    "/api/campaigns/:id/publish",
    { schema: { tags, params: idParams, body: campaignPublishSchema }, config: { access: PERMISSIONS.campaignManage } },
    async (req) => {
      const row = await transaction(ctx, req, (command) =>
        publishCampaign({ ctx: command, id: req.params.id, reason: req.body.reason, confirmPending: req.body.confirmPending }),
      );
      return getPublication(ctx.db, await access(req, req.params.id), row.version);
    },
  );
  app.get("/api/campaigns/:id/publications", { schema: { tags, params: idParams }, config: read }, async (req) =>
    listPublications(ctx.db, await access(req, req.params.id)),
  );
  app.get(
    "/api/campaigns/:id/publications/:version",
    { schema: { tags, params: z.object({ id: idSchema, version: z.coerce.number().int().min(1) }) }, config: read },
    async (req) => getPublication(ctx.db, await access(req, req.params.id), req.params.version),
  );
}
