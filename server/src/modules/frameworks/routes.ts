import {
  frameworkBodySchema,
  frameworkFromTemplateSchema,
  frameworkListQuerySchema,
  frameworkPreviewSchema,
  frameworkVersionSchema,
  PERMISSIONS,
} from "@kaoping/core";
import { transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import {
  archiveFramework,
  createFramework,
  createFrameworkFromTemplate,
  createFrameworkVersion,
  deleteFramework,
  publishFramework,
  updateFramework,
} from "./commands.ts";
import { validateAgainstDatabase } from "./definition.ts";
import { presentFramework } from "./presenter.ts";
import { getFramework, listFrameworks, listTemplates, previewScores } from "./queries.ts";

const tags = ["frameworks"];
const read = { access: PERMISSIONS.frameworkRead };
const manage = { access: PERMISSIONS.frameworkManage };
const publish = { access: PERMISSIONS.frameworkPublish };

export function registerFrameworkRoutes(app: App, ctx: AppContext): void {
  app.get("/api/frameworks", { schema: { tags, querystring: frameworkListQuerySchema }, config: read }, (req) =>
    listFrameworks(ctx.db, req.query),
  );
  app.get("/api/frameworks/templates", { schema: { tags }, config: read }, () => listTemplates());
  app.get("/api/frameworks/:id", { schema: { tags, params: idParams }, config: read }, (req) => getFramework(ctx.db, req.params.id));

  app.post("/api/frameworks/validate", { schema: { tags, body: frameworkBodySchema }, config: read }, (req) =>
    validateAgainstDatabase(ctx.db, req.body.definition),
  );
  app.post("/api/frameworks/preview", { schema: { tags, body: frameworkPreviewSchema }, config: read }, (req) =>
    previewScores(req.body.definition, { units: req.body.units, facts: req.body.facts, groupNames: req.body.groupNames }),
  );

  app.post("/api/frameworks", { schema: { tags, body: frameworkBodySchema }, config: manage }, async (req, reply) => {
    const row = await transaction(ctx, req, (command) => createFramework({ ctx: command, definition: req.body.definition }));
    return reply.code(201).send(presentFramework(row));
  });
  app.post("/api/frameworks/from-template", { schema: { tags, body: frameworkFromTemplateSchema }, config: manage }, async (req, reply) => {
    const row = await transaction(ctx, req, (command) =>
      createFrameworkFromTemplate({ ctx: command, templateCode: req.body.templateCode }),
    );
    return reply.code(201).send(presentFramework(row));
  });
  app.put("/api/frameworks/:id", { schema: { tags, params: idParams, body: frameworkBodySchema }, config: manage }, async (req) =>
    presentFramework(
      await transaction(ctx, req, (command) => updateFramework({ ctx: command, id: req.params.id, definition: req.body.definition })),
    ),
  );
  app.post(
    "/api/frameworks/:id/versions",
    { schema: { tags, params: idParams, body: frameworkVersionSchema }, config: manage },
    async (req, reply) => {
      const row = await transaction(ctx, req, (command) =>
        createFrameworkVersion({ ctx: command, id: req.params.id, year: req.body.year }),
      );
      return reply.code(201).send(presentFramework(row));
    },
  );
  app.delete("/api/frameworks/:id", { schema: { tags, params: idParams }, config: manage }, async (req) => {
    await transaction(ctx, req, (command) => deleteFramework({ ctx: command, id: req.params.id }));
    return { ok: true };
  });
  app.post("/api/frameworks/:id/publish", { schema: { tags, params: idParams }, config: publish }, async (req) =>
    presentFramework(await transaction(ctx, req, (command) => publishFramework({ ctx: command, id: req.params.id }))),
  );
  app.post("/api/frameworks/:id/archive", { schema: { tags, params: idParams }, config: publish }, async (req) =>
    presentFramework(await transaction(ctx, req, (command) => archiveFramework({ ctx: command, id: req.params.id }))),
  );
}
