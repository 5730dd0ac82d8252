import { groupCreateSchema, groupListQuerySchema, groupUpdateSchema, PERMISSIONS } from "@kaoping/core";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { createGroup, deleteGroup, updateGroup } from "./commands.ts";
import { getGroup, listGroups } from "./queries.ts";

const tags = ["groups"];

export function registerGroupRoutes(app: App, ctx: AppContext): void {
  app.get("/api/groups", { schema: { tags, querystring: groupListQuerySchema }, config: { access: PERMISSIONS.groupRead } }, (req) =>
    listGroups(query(ctx, req), req.query),
  );

  app.get("/api/groups/:id", { schema: { tags, params: idParams }, config: { access: PERMISSIONS.groupRead } }, (req) =>
    getGroup(query(ctx, req), req.params.id),
  );

  app.post(
    "/api/groups",
    { schema: { tags, body: groupCreateSchema }, config: { access: PERMISSIONS.groupManage } },
    async (req, reply) => {
      const group = await transaction(ctx, req, (command) => createGroup({ ctx: command, input: req.body }));
      return reply.code(201).send(await getGroup(query(ctx, req), group.id));
    },
  );

  app.patch(
    "/api/groups/:id",
    { schema: { tags, params: idParams, body: groupUpdateSchema }, config: { access: PERMISSIONS.groupManage } },
    async (req) => {
      await transaction(ctx, req, (command) => updateGroup({ ctx: command, id: req.params.id, input: req.body }));
      return getGroup(query(ctx, req), req.params.id);
    },
  );

  app.delete("/api/groups/:id", { schema: { tags, params: idParams }, config: { access: PERMISSIONS.groupManage } }, async (req) => {
    await transaction(ctx, req, (command) => deleteGroup({ ctx: command, id: req.params.id }));
    return { ok: true };
  });
}
