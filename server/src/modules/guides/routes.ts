import {
  codeTablesSchema,
  GUIDE_IMPORT_MAX_BYTES,
  guideImportFieldsSchema,
  guideItemPatchSchema,
  guideListQuerySchema,
  guideSettingsSchema,
  idSchema,
  LIMITS,
  PERMISSIONS,
  type ServiceGuide,
  toGovernmentService,
} from "@kaoping/core";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { serviceGuides } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { query, transaction } from "../../platform/http/command.ts";
import { codeParam, idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { readUpload } from "../../platform/http/upload.ts";
import { checkGuideLinks } from "../../platform/net/links.ts";
import { listCodeGaps, loadCodeTables, saveCodeTables } from "./codes.ts";
import { importGuides, saveLinkResults, setItemLineUnit } from "./commands.ts";
import { decodeGuideFile } from "./decode.ts";
import { getGuideDepartment, listGuideDepartments } from "./departments.ts";
import { guidesWorkbook } from "./excel.ts";
import { loadVisibleItem } from "./policy.ts";
import { CHECK_CATALOGUE } from "./presenter.ts";
import { diffVersions, getGuideItem, getGuideVersion, guideConsistency, guidesForExport, listGuideItems } from "./queries.ts";
import { getGuideSettings, saveGuideSettings } from "./settings.ts";

const tags = ["guides"];
const read = { access: PERMISSIONS.guideRead };
const manage = { access: PERMISSIONS.guideManage };
const exportQuerySchema = guideListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(["json", "xlsx", "jsonld"]).default("json"),
});
const diffQuerySchema = z.object({ from: idSchema, to: idSchema });
const sourceParams = z.object({ source: codeParam(LIMITS.codeMax) });
const codeGapsQuerySchema = sourceParams.partial();

export function registerGuideRoutes(app: App, ctx: AppContext): void {
  app.get("/api/guides/checks", { schema: { tags }, config: read }, async () => CHECK_CATALOGUE);
  app.get("/api/guides/items", { schema: { tags, querystring: guideListQuerySchema }, config: read }, (req) =>
    listGuideItems(query(ctx, req), req.query),
  );
  app.get("/api/guides/items/:id", { schema: { tags, params: idParams }, config: read }, (req) =>
    getGuideItem(query(ctx, req), req.params.id),
  );
  app.patch("/api/guides/items/:id", { schema: { tags, params: idParams, body: guideItemPatchSchema }, config: manage }, async (req) => {
    await transaction(ctx, req, (command) => setItemLineUnit({ ctx: command, itemId: req.params.id, lineUnitId: req.body.lineUnitId }));
    return getGuideItem(query(ctx, req), req.params.id);
  });
  app.get("/api/guides/versions/:id", { schema: { tags, params: idParams }, config: read }, (req) =>
    getGuideVersion(query(ctx, req), req.params.id),
  );
  app.get("/api/guides/items/:id/diff", { schema: { tags, params: idParams, querystring: diffQuerySchema }, config: read }, (req) =>
    diffVersions(query(ctx, req), req.params.id, req.query.from, req.query.to),
  );
  app.get("/api/guides/items/:id/consistency", { schema: { tags, params: idParams }, config: read }, (req) =>
    guideConsistency(query(ctx, req), req.params.id),
  );
  app.post(
    "/api/guides/items/:id/check-links",
    { schema: { tags, params: idParams }, config: { access: PERMISSIONS.guideImport } },
    async (req) => {
      if (!ctx.config.linkCheck) throw new AppError("FORBIDDEN", "本系统未开启链接可达性检查（KAOPING_LINK_CHECK=false）");
      const item = await loadVisibleItem(ctx.db, query(ctx, req).principal, req.params.id);
      const versions = await newestVersions(ctx, item.id);
      // The network first, outside any transaction: a slow site must not hold database locks.
      const findings = await checkGuideLinks(
        versions.map((v) => v.guide as ServiceGuide),
        { timeoutMs: ctx.config.linkCheckTimeoutMs, blockPrivateAddresses: !ctx.config.linkCheckAllowPrivate },
      );
      const checked = versions.map((v, i) => ({ guideId: v.id, channel: v.channel, findings: findings[i]! }));
      const outcome = await transaction(ctx, req, (command) => saveLinkResults({ ctx: command, item, checked }));
      return { ...outcome, links: checked.length };
    },
  );

  app.post("/api/guides/import", { schema: { tags }, config: { access: PERMISSIONS.guideImport } }, async (req) => {
    const upload = await readUpload(req, { maxBytes: GUIDE_IMPORT_MAX_BYTES, fields: guideImportFieldsSchema });
    const { format, source, channel, unitId } = upload.fields;
    const { buffer, fileName } = upload.files[0]!;
    const tables = (await loadCodeTables(ctx.db, source))?.tables;
    const decoded = await decodeGuideFile({ buffer, fileName, format, source, tables });
    return transaction(ctx, req, (command) =>
      importGuides({
        ctx: command,
        guides: decoded.guides,
        issues: decoded.issues,
        channel,
        unitId,
        importedFrom: fileName,
        format: decoded.format,
      }),
    );
  });
  app.get("/api/guides/import-template", { schema: { tags }, config: { access: PERMISSIONS.guideImport } }, async (_req, reply) =>
    sendXlsx(reply, "办事指南导入模板.xlsx", await guidesWorkbook([])),
  );
  app.get("/api/guides/export", { schema: { tags, querystring: exportQuerySchema }, config: read }, async (req, reply) => {
    const { format, ...filters } = req.query;
    const guides = await guidesForExport(query(ctx, req), filters);
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === "xlsx") return sendXlsx(reply, `办事指南-${stamp}.xlsx`, await guidesWorkbook(guides));
    const body = format === "jsonld" ? { "@graph": guides.map((g) => toGovernmentService(g)) } : { guides };
    const fileName = format === "jsonld" ? `办事指南-${stamp}.jsonld` : `办事指南-${stamp}.json`;
    return reply
      .header("content-type", format === "jsonld" ? "application/ld+json; charset=utf-8" : "application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="guides.json"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(JSON.stringify(body, null, 2));
  });

  app.get("/api/guides/departments", { schema: { tags }, config: read }, (req) => listGuideDepartments(query(ctx, req)));
  app.get("/api/guides/departments/:id", { schema: { tags, params: idParams }, config: read }, (req) =>
    getGuideDepartment(query(ctx, req), req.params.id),
  );
  app.get("/api/guides/settings", { schema: { tags }, config: read }, () => getGuideSettings(ctx.db));
  app.put("/api/guides/settings", { schema: { tags, body: guideSettingsSchema }, config: manage }, (req) =>
    transaction(ctx, req, (command) => saveGuideSettings({ ctx: command, settings: req.body })),
  );
  app.get("/api/guides/code-maps/:source", { schema: { tags, params: sourceParams }, config: manage }, async (req) => {
    const found = await loadCodeTables(ctx.db, req.params.source);
    if (!found) throw new AppError("NOT_FOUND", `没有来源“${req.params.source}”的代码表`);
    return { source: req.params.source, ...found };
  });
  app.get("/api/guides/code-gaps", { schema: { tags, querystring: codeGapsQuerySchema }, config: manage }, (req) =>
    listCodeGaps(query(ctx, req), req.query.source),
  );
  app.put(
    "/api/guides/code-maps/:source",
    { schema: { tags, params: sourceParams, body: codeTablesSchema }, config: manage },
    async (req) => {
      await transaction(ctx, req, (command) => saveCodeTables({ ctx: command, source: req.params.source, tables: req.body }));
      return { source: req.params.source, origin: "database", tables: req.body };
    },
  );
}

/** The newest version of each channel of an item. */
async function newestVersions(ctx: AppContext, itemId: string) {
  return ctx.db
    .selectDistinctOn([serviceGuides.channel])
    .from(serviceGuides)
    .where(eq(serviceGuides.itemId, itemId))
    .orderBy(serviceGuides.channel, desc(serviceGuides.version));
}
