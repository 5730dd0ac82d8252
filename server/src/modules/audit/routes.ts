import { auditListQuerySchema, PERMISSIONS } from "@kaoping/core";
import { readCheckpoints } from "../../platform/audit/checkpoint.ts";
import { verifyAuditChain } from "../../platform/audit/verify.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { listAudit } from "./queries.ts";

const tags = ["audit"];

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  app.get("/api/audit", { schema: { tags, querystring: auditListQuerySchema }, config: { access: PERMISSIONS.auditRead } }, (req) =>
    listAudit(ctx.db, req.query),
  );

  app.get("/api/audit/verify", { schema: { tags }, config: { access: PERMISSIONS.auditVerify } }, async () =>
    verifyAuditChain(ctx.db, await readCheckpoints(ctx.config.auditCheckpointFile)),
  );
}
