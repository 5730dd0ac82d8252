import type { App, AppContext } from "../platform/http/types.ts";
import { registerAppealRoutes } from "./appeals/routes.ts";
import { registerAuditRoutes } from "./audit/routes.ts";
import { registerAuthRoutes } from "./auth/routes.ts";
import { registerCampaignRoutes } from "./campaigns/routes.ts";
import { registerEvidenceRoutes } from "./evidence/routes.ts";
import { registerFindingRoutes } from "./findings/routes.ts";
import { registerFrameworkRoutes } from "./frameworks/routes.ts";
import { registerFrameworkTransferRoutes } from "./frameworks/transfer-routes.ts";
import { registerGroupRoutes } from "./groups/routes.ts";
import { registerHealthRoutes } from "./health/routes.ts";
import { registerMeasurementRoutes } from "./measurements/routes.ts";
import { registerNotificationRoutes } from "./notifications/routes.ts";
import { registerReportRoutes } from "./reports/routes.ts";
import { registerResponsibilityRoutes } from "./responsibilities/routes.ts";
import { registerRoleRoutes } from "./roles/routes.ts";
import { registerScoreRoutes } from "./scores/routes.ts";
import { registerSubmissionRoutes } from "./submissions/routes.ts";
import { registerTodoRoutes } from "./todo/routes.ts";
import { registerUnitRoutes } from "./units/routes.ts";
import { registerUserRoutes } from "./users/routes.ts";

/** Every domain's routes. A new route must also enter the authorization matrix test. */
export function registerRoutes(app: App, ctx: AppContext): void {
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerUnitRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerRoleRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerFrameworkRoutes(app, ctx);
  registerFrameworkTransferRoutes(app, ctx);
  registerCampaignRoutes(app, ctx);
  registerSubmissionRoutes(app, ctx);
  registerScoreRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerFindingRoutes(app, ctx);
  registerMeasurementRoutes(app, ctx);
  registerAppealRoutes(app, ctx);
  registerEvidenceRoutes(app, ctx);
  registerResponsibilityRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerTodoRoutes(app, ctx);
}
