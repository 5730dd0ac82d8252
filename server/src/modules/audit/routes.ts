import { auditListQuerySchema, PERMISSIONS } from "@kaoping/core";
import { readCheckpoints } from "../../platform/audit/checkpoint.ts";
import { verifyAuditChain } from "../../platform/audit/verify.ts";
import { transaction } from "../../platform/http/command.ts";
import { sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { listAudit, listAuditForExport } from "./queries.ts";
import { exportAuditWorkbook } from "./transfer.ts";

const tags = ["audit"];
const exportQuery = auditListQuerySchema.omit({ page: true, pageSize: true });

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  app.get("/api/audit", { schema: { tags, querystring: auditListQuerySchema }, config: { access: PERMISSIONS.auditRead } }, (req) =>
    listAudit(ctx.db, req.query),
  );

  app.get(
    "/api/audit/export",
    { schema: { tags, querystring: exportQuery }, config: { access: PERMISSIONS.auditExport } },
    async (req, reply) => {
      const records = await listAuditForExport(ctx.db, req.query);
      const body = await exportAuditWorkbook(records);
      // Exporting the log is itself audited: who took a copy of it, and of what.
      await transaction(ctx, req, (command) =>
        command.audit({
          action: "audit.export",
          businessType: "export",
          entityType: "audit_log",
          after: { count: records.length, filters: req.query },
        }),
      );
      return sendXlsx(reply, "审计日志.xlsx", body);
    },
  );

  app.get("/api/audit/verify", { schema: { tags }, config: { access: PERMISSIONS.auditVerify } }, async () =>
    verifyAuditChain(ctx.db, await readCheckpoints(ctx.config.auditCheckpointFile)),
  );
}
