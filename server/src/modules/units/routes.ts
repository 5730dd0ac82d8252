import { PERMISSIONS, unitCreateSchema, unitImportQuerySchema, unitListQuerySchema, unitUpdateSchema } from "@kaoping/core";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readOneUpload } from "../../platform/http/upload.ts";
import { createUnit, updateUnit } from "./commands.ts";
import { presentUnit } from "./presenter.ts";
import { getUnit, getUnitTree, listUnits, listUnitsForExport } from "./queries.ts";
import { exportUnitsWorkbook, importUnits, parseUnitWorkbook, unitTemplateWorkbook } from "./transfer.ts";

const tags = ["units"];
const exportQuery = unitListQuerySchema.omit({ page: true, pageSize: true });

export function registerUnitRoutes(app: App, ctx: AppContext): void {
  app.get("/api/units", { schema: { tags, querystring: unitListQuerySchema }, config: { access: PERMISSIONS.unitRead } }, (req) =>
    listUnits(query(ctx, req), req.query),
  );

  app.get("/api/units/tree", { schema: { tags }, config: { access: PERMISSIONS.unitRead } }, (req) => getUnitTree(query(ctx, req)));

  app.get("/api/units/:id", { schema: { tags, params: idParams }, config: { access: PERMISSIONS.unitRead } }, (req) =>
    getUnit(query(ctx, req), req.params.id),
  );

  app.post("/api/units", { schema: { tags, body: unitCreateSchema }, config: { access: PERMISSIONS.unitCreate } }, async (req, reply) => {
    const unit = await transaction(ctx, req, (command) => createUnit({ ctx: command, input: req.body }));
    return reply.code(201).send(presentUnit(unit));
  });

  app.patch(
    "/api/units/:id",
    { schema: { tags, params: idParams, body: unitUpdateSchema }, config: { access: PERMISSIONS.unitUpdate } },
    async (req) => presentUnit(await transaction(ctx, req, (command) => updateUnit({ ctx: command, id: req.params.id, input: req.body }))),
  );

  app.get(
    "/api/units/export",
    { schema: { tags, querystring: exportQuery }, config: { access: PERMISSIONS.unitExport } },
    async (req, reply) => {
      const rows = await listUnitsForExport(query(ctx, req), req.query);
      const body = await exportUnitsWorkbook(rows);
      await transaction(ctx, req, (command) =>
        command.audit({
          action: "unit.export",
          businessType: "export",
          entityType: "unit",
          after: { count: rows.length, filters: req.query },
        }),
      );
      return sendXlsx(reply, "单位.xlsx", body);
    },
  );

  app.get("/api/units/import-template", { schema: { tags }, config: { access: PERMISSIONS.unitImport } }, async (_req, reply) =>
    sendXlsx(reply, "单位导入模板.xlsx", await unitTemplateWorkbook()),
  );

  app.post(
    "/api/units/import",
    { schema: { tags, querystring: unitImportQuerySchema }, config: { access: PERMISSIONS.unitImport } },
    async (req) => {
      const { buffer, fileName } = await readOneUpload(req);
      const rows = await parseUnitWorkbook(buffer);
      return transaction(ctx, req, (command) =>
        importUnits({ ctx: command, rows, updateExisting: req.query.updateExisting === "true", source: fileName }),
      );
    },
  );
}
