import type { App, AppContext } from "../platform/http/types.ts";
import { registerAuditRoutes } from "./audit/routes.ts";
import { registerAuthRoutes } from "./auth/routes.ts";
import { registerFrameworkRoutes } from "./frameworks/routes.ts";
import { registerFrameworkTransferRoutes } from "./frameworks/transfer-routes.ts";
import { registerGroupRoutes } from "./groups/routes.ts";
import { registerHealthRoutes } from "./health/routes.ts";
import { registerRoleRoutes } from "./roles/routes.ts";
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
}
