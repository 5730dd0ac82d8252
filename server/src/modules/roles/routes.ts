import { PERMISSIONS, ROLE_CODES, roleUpdateSchema } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { listRoles, updateRole } from "./commands.ts";

const tags = ["roles"];
const codeParams = z.object({ code: z.enum(ROLE_CODES) });

export function registerRoleRoutes(app: App, ctx: AppContext): void {
  app.get("/api/roles", { schema: { tags }, config: { access: PERMISSIONS.roleRead } }, (req) => listRoles(query(ctx, req).db));

  app.patch(
    "/api/roles/:code",
    { schema: { tags, params: codeParams, body: roleUpdateSchema }, config: { access: PERMISSIONS.roleManage } },
    (req) => transaction(ctx, req, (command) => updateRole({ ctx: command, code: req.params.code, input: req.body })),
  );
}
