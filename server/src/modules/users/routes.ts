import { PERMISSIONS, resetPasswordSchema, userCreateSchema, userListQuerySchema, userUpdateSchema } from "@kaoping/core";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { createUser, resetUserPassword, unlockUser, updateUser } from "./commands.ts";
import { getUser, listUsers } from "./queries.ts";

const tags = ["users"];

export function registerUserRoutes(app: App, ctx: AppContext): void {
  app.get("/api/users", { schema: { tags, querystring: userListQuerySchema }, config: { access: PERMISSIONS.userRead } }, (req) =>
    listUsers(query(ctx, req), req.query),
  );

  app.get("/api/users/:id", { schema: { tags, params: idParams }, config: { access: PERMISSIONS.userRead } }, (req) =>
    getUser(query(ctx, req), req.params.id),
  );

  app.post("/api/users", { schema: { tags, body: userCreateSchema }, config: { access: PERMISSIONS.userManage } }, async (req, reply) => {
    const user = await transaction(ctx, req, (command) => createUser({ ctx: command, input: req.body }));
    return reply.code(201).send(await getUser(query(ctx, req), user.id));
  });

  app.patch(
    "/api/users/:id",
    { schema: { tags, params: idParams, body: userUpdateSchema }, config: { access: PERMISSIONS.userManage } },
    async (req) => {
      await transaction(ctx, req, (command) => updateUser({ ctx: command, id: req.params.id, input: req.body }));
      return getUser(query(ctx, req), req.params.id);
    },
  );

  app.post(
    "/api/users/:id/reset-password",
    { schema: { tags, params: idParams, body: resetPasswordSchema }, config: { access: PERMISSIONS.userManage } },
    async (req) => {
      await transaction(ctx, req, (command) => resetUserPassword({ ctx: command, id: req.params.id, password: req.body.password }));
      return { ok: true };
    },
  );

  app.post("/api/users/:id/unlock", { schema: { tags, params: idParams }, config: { access: PERMISSIONS.userManage } }, async (req) => {
    await transaction(ctx, req, (command) => unlockUser({ ctx: command, id: req.params.id }));
    return { ok: true };
  });
}
