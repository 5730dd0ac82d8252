import { idSchema, PERMISSIONS, reminderSchema, responsibilityListQuerySchema, responsibilityProgressSchema } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { loadCampaign } from "../campaigns/policy.ts";
import { sendReminders, updateResponsibilityProgress } from "./commands.ts";
import { listResponsibilities, presentResponsibilities } from "./queries.ts";

const tags = ["responsibilities"];
const responsibilityParams = z.object({ id: idSchema, responsibilityId: idSchema });

/** 责任分解 (rows and progress) and 催办 (reminders to units). */
export function registerResponsibilityRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/campaigns/:id/responsibilities",
    { schema: { tags, params: idParams, querystring: responsibilityListQuerySchema }, config: { access: PERMISSIONS.campaignRead } },
    (req) => listResponsibilities(query(ctx, req), req.params.id, req.query),
  );
  app.put(
    "/api/campaigns/:id/responsibilities/:responsibilityId",
    { schema: { tags, params: responsibilityParams, body: responsibilityProgressSchema }, config: { access: PERMISSIONS.reportSubmit } },
    async (req) => {
      const { id, responsibilityId } = req.params;
      const row = await transaction(ctx, req, (command) =>
        updateResponsibilityProgress({ ctx: command, campaignId: id, responsibilityId, input: req.body }),
      );
      const q = query(ctx, req);
      const [view] = await presentResponsibilities(q.db, await loadCampaign(q.db, q.principal, id), [row]);
      return view;
    },
  );
  app.post(
    "/api/campaigns/:id/reminders",
    { schema: { tags, params: idParams, body: reminderSchema }, config: { access: PERMISSIONS.campaignManage } },
    (req) => transaction(ctx, req, (command) => sendReminders({ ctx: command, campaignId: req.params.id, input: req.body })),
  );
}
