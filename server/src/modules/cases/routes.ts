import { caseExportQuerySchema, caseListQuerySchema, caseMetricsQuerySchema, caseScopeQuerySchema, PERMISSIONS } from "@kaoping/core";
import { sendListExport } from "../../platform/excel/list-export.ts";
import { query, transaction } from "../../platform/http/command.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { viewCase } from "./detail.ts";
import { casesWorkbook } from "./exports.ts";
import { getCaseMetrics, getCaseQuality, listCases } from "./queries.ts";
import { caseKeyParams } from "./schemas.ts";

const tags = ["cases"];
const read = { access: PERMISSIONS.caseRead };

/** 办件: metrics from the rollups, the drill-down list, a case's timeline, the data-quality report. */
export function registerCaseRoutes(app: App, ctx: AppContext): void {
  app.get("/api/cases/metrics", { schema: { tags, querystring: caseMetricsQuerySchema }, config: read }, (req) =>
    getCaseMetrics(query(ctx, req), req.query),
  );
  app.get("/api/cases/quality", { schema: { tags, querystring: caseScopeQuerySchema }, config: read }, (req) =>
    getCaseQuality(query(ctx, req), req.query),
  );
  app.get("/api/cases", { schema: { tags, querystring: caseListQuerySchema }, config: read }, (req) =>
    listCases(query(ctx, req), req.query),
  );
  app.get("/api/cases/export.xlsx", { schema: { tags, querystring: caseExportQuerySchema }, config: read }, async (req, reply) => {
    const file = await casesWorkbook(query(ctx, req), req.query);
    return sendListExport({ ctx, req, reply, action: "case.export", entityType: "case", fileName: "办件.xlsx", file });
  });
  app.get("/api/cases/:region/:source/:caseNo", { schema: { tags, params: caseKeyParams }, config: read }, (req) =>
    transaction(ctx, req, (command) =>
      viewCase({ ctx: command, key: { regionCode: req.params.region, sourceCode: req.params.source, caseNo: req.params.caseNo } }),
    ),
  );
}
