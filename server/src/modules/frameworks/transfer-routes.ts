import { type Framework, PERMISSIONS } from "@kaoping/core";
import { z } from "zod";
import { transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readOneUpload } from "../../platform/http/upload.ts";
import { auditFramework, presentFramework } from "./presenter.ts";
import {
  exportFileName,
  exportFrameworkWorkbook,
  frameworkTemplateWorkbook,
  getFrameworkRow,
  importFramework,
  parseFrameworkWorkbook,
} from "./transfer.ts";

const tags = ["frameworks"];
const read = { access: PERMISSIONS.frameworkRead };
const manage = { access: PERMISSIONS.frameworkManage };

export const frameworkImportQuerySchema = z.object({
  /** 作为新版本导入: when the file's framework code exists, create its next draft version instead of refusing. */
  asNewVersion: z.enum(["true", "false"]).default("false"),
});

/** Excel: export a framework version, the import template, and import (a new draft, or a new version). */
export function registerFrameworkTransferRoutes(app: App, ctx: AppContext): void {
  app.get("/api/frameworks/import-template", { schema: { tags }, config: read }, async (_req, reply) =>
    sendXlsx(reply, "指标体系导入模板.xlsx", await frameworkTemplateWorkbook()),
  );

  app.get("/api/frameworks/:id/export", { schema: { tags, params: idParams }, config: read }, async (req, reply) => {
    const row = await getFrameworkRow(ctx.db, req.params.id);
    const body = await exportFrameworkWorkbook(row.definition as Framework);
    await transaction(ctx, req, (command) =>
      command.audit({
        action: "framework.export",
        businessType: "export",
        entityType: "framework",
        entityId: row.id,
        after: auditFramework(row),
      }),
    );
    return sendXlsx(reply, exportFileName(row), body);
  });

  app.post("/api/frameworks/import", { schema: { tags, querystring: frameworkImportQuerySchema }, config: manage }, async (req) => {
    const { buffer, fileName } = await readOneUpload(req);
    const { framework, warnings } = await parseFrameworkWorkbook(buffer);
    const row = await transaction(ctx, req, (command) =>
      importFramework({ ctx: command, definition: framework, asNewVersion: req.query.asNewVersion === "true", source: fileName, warnings }),
    );
    return { framework: presentFramework(row), warnings };
  });
}
