import {
  guideFaultReportInputSchema,
  guideFaultReportListQuerySchema,
  guideFaultReportTriageSchema,
  LIMITS,
  PERMISSIONS,
} from "@kaoping/core";
import { z } from "zod";
import { query, runCommand, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import {
  getFaultReport,
  listFaultReports,
  PUBLIC_REPORTER,
  searchPublicItems,
  submitFaultReport,
  triageFaultReport,
} from "./fault-reports.ts";

const tags = ["guides"];
const triage = { access: PERMISSIONS.guideTriage };
const searchQuerySchema = z.object({ q: z.string().trim().max(LIMITS.nameMax).default("") });

/**
 * Burst guards in memory, per IP, before any database work: the hourly limit
 * on reports is counted in the database; these only stop a flood early.
 */
const SEARCH_BURST = { max: 60, timeWindow: 60_000 };
const REPORT_BURST = { max: 10, timeWindow: 60_000 };

/** 找茬 (seed 002: “千万市民来找茬”): the public form, and the office's triage of what it receives. */
export function registerGuideFaultReportRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/public/guide-items",
    { schema: { tags, querystring: searchQuerySchema }, config: { access: "public", rateLimit: SEARCH_BURST } },
    (req) => searchPublicItems(ctx.db, req.query.q),
  );
  app.post(
    "/api/public/guide-reports",
    { schema: { tags, body: guideFaultReportInputSchema }, config: { access: "public", rateLimit: REPORT_BURST } },
    async (req, reply) => {
      const report = await runCommand(ctx, PUBLIC_REPORTER, req.ip, (command) =>
        submitFaultReport({ ctx: command, input: req.body, ip: req.ip }),
      );
      return reply
        .code(201)
        .send({ id: report.id, message: "已收到您的反映，感谢您对政务服务的监督！我们将尽快核实，并督促责任单位及时整改。" });
    },
  );

  app.get("/api/guides/fault-reports", { schema: { tags, querystring: guideFaultReportListQuerySchema }, config: triage }, (req) =>
    listFaultReports(query(ctx, req), req.query),
  );
  app.post(
    "/api/guides/fault-reports/:id/triage",
    { schema: { tags, params: idParams, body: guideFaultReportTriageSchema }, config: triage },
    async (req) => {
      await transaction(ctx, req, (command) => triageFaultReport({ ctx: command, reportId: req.params.id, input: req.body }));
      return getFaultReport(query(ctx, req), req.params.id);
    },
  );
}
