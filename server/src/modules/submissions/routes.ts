import { idSchema, PERMISSIONS, selfAssessmentSaveSchema, submissionReturnSchema, submissionSubmitSchema } from "@kaoping/core";
import { z } from "zod";
import { query, transaction } from "../../platform/http/command.ts";
import { codeParam } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { loadCampaign, loadCampaignUnit } from "../campaigns/policy.ts";
import { confirmReport, returnReport, saveSelfAssessment, submitReport } from "./commands.ts";
import { getSubmission, presentSavedSelfAssessment } from "./queries.ts";

const tags = ["submissions"];
const unitParams = z.object({ id: idSchema, unitId: idSchema });
const indicatorParams = unitParams.extend({ indicatorCode: codeParam(32) });

export function registerSubmissionRoutes(app: App, ctx: AppContext): void {
  const view = async (req: Parameters<typeof query>[1], campaignId: string, unitId: string) => {
    const q = query(ctx, req);
    const access = await loadCampaign(q.db, q.principal, campaignId);
    return getSubmission(q.db, access, await loadCampaignUnit(q.db, access, unitId));
  };
  const base = "/api/campaigns/:id/units/:unitId";
  app.get(`${base}/submission`, { schema: { tags, params: unitParams }, config: { access: PERMISSIONS.campaignRead } }, (req) =>
    view(req, req.params.id, req.params.unitId),
  );
  app.put(
    `${base}/self-assessments/:indicatorCode`,
    { schema: { tags, params: indicatorParams, body: selfAssessmentSaveSchema }, config: { access: PERMISSIONS.reportSubmit } },
    async (req) => {
      const { id, unitId, indicatorCode } = req.params;
      // Only the saved report, not the whole submission: saving is the liaison's most frequent request.
      const saved = await transaction(ctx, req, (command) =>
        saveSelfAssessment({ ctx: command, campaignId: id, unitId, indicatorCode, input: req.body }),
      );
      return presentSavedSelfAssessment(ctx.db, saved);
    },
  );
  // The body may be left out: a submit without acknowledgement, as before the acknowledgement existed.
  app.post(
    `${base}/submission/submit`,
    { schema: { tags, params: unitParams, body: submissionSubmitSchema.nullish() }, config: { access: PERMISSIONS.reportSubmit } },
    async (req) => {
      const { id, unitId } = req.params;
      await transaction(ctx, req, (command) =>
        submitReport({ ctx: command, campaignId: id, unitId, confirmEmpty: req.body?.confirmEmpty === true }),
      );
      return view(req, id, unitId);
    },
  );
  app.post(
    `${base}/submission/confirm`,
    { schema: { tags, params: unitParams }, config: { access: PERMISSIONS.reportConfirm } },
    async (req) => {
      await transaction(ctx, req, (command) => confirmReport({ ctx: command, campaignId: req.params.id, unitId: req.params.unitId }));
      return view(req, req.params.id, req.params.unitId);
    },
  );
  app.post(
    `${base}/submission/return`,
    { schema: { tags, params: unitParams, body: submissionReturnSchema }, config: { access: PERMISSIONS.campaignManage } },
    async (req) => {
      await transaction(ctx, req, (command) =>
        returnReport({ ctx: command, campaignId: req.params.id, unitId: req.params.unitId, reason: req.body.reason }),
      );
      return view(req, req.params.id, req.params.unitId);
    },
  );
}
