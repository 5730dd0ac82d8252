import { guideConfirmationInputSchema, guideDefectListQuerySchema, idSchema, PERMISSIONS, reasonSchema } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { sendHtml } from "../reports/html.ts";
import {
  closeGuideDefect,
  confirmationDocument,
  confirmGuideCorrections,
  defectsForExport,
  getGuideDefect,
  listGuideConfirmations,
  listGuideDefects,
} from "./corrections.ts";
import { suggestionsWorkbook } from "./suggestions-workbook.ts";

const tags = ["guides"];
const read = { access: PERMISSIONS.guideRead };
const defectExportQuerySchema = guideDefectListQuerySchema.omit({ page: true, pageSize: true });
/** Why the office closes a reported problem by hand: the audit log keeps it as the record's reason. */
const closeDefectSchema = z.strictObject({ note: reasonSchema });
const confirmationListQuerySchema = z.object({ unitId: idSchema.optional() });

/** Seed 002's correction loop: the queue of defects, its 修改建议汇总表, and the units' 确认书. */
export function registerGuideCorrectionRoutes(app: App, ctx: AppContext): void {
  app.get("/api/guides/defects", { schema: { tags, querystring: guideDefectListQuerySchema }, config: read }, (req) =>
    listGuideDefects(query(ctx, req), req.query),
  );
  app.get("/api/guides/defects/export", { schema: { tags, querystring: defectExportQuerySchema }, config: read }, async (req, reply) => {
    const defects = await defectsForExport(query(ctx, req), req.query);
    const body = await suggestionsWorkbook(defects);
    await transaction(ctx, req, (command) =>
      command.audit({
        action: "guide.defects.export",
        businessType: "export",
        entityType: "guide_defect",
        after: { count: defects.length, filters: req.query },
      }),
    );
    return sendXlsx(reply, `修改建议汇总表-${new Date().toISOString().slice(0, 10)}.xlsx`, body);
  });
  app.post(
    "/api/guides/defects/:id/close",
    { schema: { tags, params: idParams, body: closeDefectSchema }, config: { access: PERMISSIONS.guideManage } },
    async (req) => {
      await transaction(ctx, req, (command) => closeGuideDefect({ ctx: command, defectId: req.params.id, note: req.body.note }));
      return getGuideDefect(query(ctx, req), req.params.id);
    },
  );

  app.post(
    "/api/guides/confirmations",
    { schema: { tags, body: guideConfirmationInputSchema }, config: { access: PERMISSIONS.guideConfirm } },
    async (req, reply) => {
      const view = await transaction(ctx, req, (command) =>
        confirmGuideCorrections({ ctx: command, unitId: req.body.unitId, note: req.body.note }),
      );
      return reply.code(201).send(view);
    },
  );
  app.get("/api/guides/confirmations", { schema: { tags, querystring: confirmationListQuerySchema }, config: read }, (req) =>
    listGuideConfirmations(query(ctx, req), req.query),
  );
  app.get("/api/guides/confirmations/:id/document", { schema: { tags, params: idParams }, config: read }, async (req, reply) =>
    sendHtml(reply, await confirmationDocument(query(ctx, req), req.params.id)),
  );
}
