import { idSchema, notificationListQuerySchema } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { markNotificationRead } from "./commands.ts";
import { presentNotification } from "./presenter.ts";
import { listNotifications } from "./queries.ts";

const tags = ["notifications"];
const own = { access: "authenticated" as const };

/** Everyone's own in-app notifications (站内消息). */
export function registerNotificationRoutes(app: App, ctx: AppContext): void {
  app.get("/api/notifications", { schema: { tags, querystring: notificationListQuerySchema }, config: own }, (req) =>
    listNotifications(query(ctx, req), req.query),
  );
  app.post(
    "/api/notifications/:notificationId/read",
    { schema: { tags, params: z.object({ notificationId: idSchema }) }, config: own },
    async (req) =>
      presentNotification(
        await transaction(ctx, req, (command) => markNotificationRead({ ctx: command, notificationId: req.params.notificationId })),
      ),
  );
}
