import { appealCreateSchema, appealDecisionSchema, idSchema, PERMISSIONS } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { loadCampaign } from "../campaigns/policy.ts";
import { createAppeal, decideAppeal } from "./commands.ts";
import { appealListQuerySchema, listAppeals, presentAppealById } from "./queries.ts";

const tags = ["appeals"];

export function registerAppealRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/campaigns/:id/appeals",
    { schema: { tags, params: idParams, querystring: appealListQuerySchema }, config: { access: PERMISSIONS.campaignRead } },
    async (req) => {
      const q = query(ctx, req);
      return listAppeals(q.db, await loadCampaign(q.db, q.principal, req.params.id), req.query);
    },
  );
  app.post(
    "/api/campaigns/:id/findings/:findingId/appeals",
    {
      schema: { tags, params: z.object({ id: idSchema, findingId: idSchema }), body: appealCreateSchema },
      config: { access: PERMISSIONS.appealSubmit },
    },
    async (req, reply) => {
      const { id, findingId } = req.params;
      const row = await transaction(ctx, req, (command) =>
        createAppeal({ ctx: command, campaignId: id, findingId, reason: req.body.reason }),
      );
      return reply.code(201).send(await presentAppealById(ctx.db, row));
    },
  );
  app.post(
    "/api/campaigns/:id/appeals/:appealId/decide",
    {
      schema: { tags, params: z.object({ id: idSchema, appealId: idSchema }), body: appealDecisionSchema },
      config: { access: PERMISSIONS.campaignReview },
    },
    async (req) => {
      const { id, appealId } = req.params;
      const row = await transaction(ctx, req, (command) =>
        decideAppeal({ ctx: command, campaignId: id, appealId, decision: req.body.decision, reason: req.body.reason }),
      );
      return presentAppealById(ctx.db, row);
    },
  );
}
