import { idSchema, PERMISSIONS } from "@kaoping/core";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { createPdfRenderer } from "../../platform/pdf/renderer.ts";
import { loadCampaign } from "../campaigns/policy.ts";
import { buildBulletin } from "./bulletin.ts";
import { getCockpit } from "./cockpit.ts";
import { exportScores } from "./exports.ts";
import { sendHtml, sendPdf } from "./html.ts";
import { buildUnitReport } from "./unit-report.ts";

const tags = ["reports"];
const read = { access: PERMISSIONS.campaignRead };
const manage = { access: PERMISSIONS.campaignManage };
const unitParams = z.object({ id: idSchema, unitId: idSchema });

/** Analysis reports, the 通报, score exports and the cockpit: read-only views of the result the caller may see. */
export function registerReportRoutes(app: App, ctx: AppContext): void {
  const pdf = createPdfRenderer({ executablePath: ctx.config.chromiumPath });
  app.addHook("onClose", () => pdf.close());

  const access = async (req: FastifyRequest, id: string) => {
    const q = query(ctx, req);
    return { q, access: await loadCampaign(q.db, q.principal, id) };
  };
  const unitReport = async (req: FastifyRequest, params: z.infer<typeof unitParams>) => {
    const { q, access: a } = await access(req, params.id);
    return buildUnitReport({ db: q.db, access: a, unitId: params.unitId });
  };
  const bulletin = async (req: FastifyRequest, id: string) => {
    const { q, access: a } = await access(req, id);
    return buildBulletin({ db: q.db, access: a });
  };

  app.get("/api/campaigns/:id/units/:unitId/report.html", { schema: { tags, params: unitParams }, config: read }, async (req, reply) =>
    sendHtml(reply, (await unitReport(req, req.params)).html),
  );
  app.get("/api/campaigns/:id/units/:unitId/report.pdf", { schema: { tags, params: unitParams }, config: read }, async (req, reply) => {
    const doc = await unitReport(req, req.params);
    return sendPdf(reply, doc.fileName, await pdf.render(doc.html));
  });

  app.get("/api/campaigns/:id/bulletin.html", { schema: { tags, params: idParams }, config: manage }, async (req, reply) =>
    sendHtml(reply, (await bulletin(req, req.params.id)).html),
  );
  app.get("/api/campaigns/:id/bulletin.pdf", { schema: { tags, params: idParams }, config: manage }, async (req, reply) => {
    const doc = await bulletin(req, req.params.id);
    return sendPdf(reply, doc.fileName, await pdf.render(doc.html));
  });

  app.get("/api/campaigns/:id/exports/scores.xlsx", { schema: { tags, params: idParams }, config: read }, async (req, reply) => {
    const { q, access: a } = await access(req, req.params.id);
    const exported = await exportScores({ db: q.db, access: a });
    await transaction(ctx, req, (command) =>
      command.audit({
        action: "campaign.scores.export",
        businessType: "export",
        entityType: "campaign",
        entityId: a.campaign.id,
        after: exported.audit,
      }),
    );
    return sendXlsx(reply, exported.fileName, exported.body);
  });

  app.get("/api/campaigns/:id/cockpit", { schema: { tags, params: idParams }, config: read }, async (req) => {
    const { q, access: a } = await access(req, req.params.id);
    return getCockpit(a, q);
  });
}
