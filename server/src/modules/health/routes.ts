import { sql } from "drizzle-orm";
import { AppError } from "../../platform/errors.ts";
import type { App, AppContext } from "../../platform/http/types.ts";

export function registerHealthRoutes(app: App, ctx: AppContext): void {
  /** 200 only when the database answers. */
  app.get("/api/health", { schema: { tags: ["system"] }, config: { access: "public" } }, async () => {
    try {
      await ctx.db.execute(sql`select 1`);
    } catch {
      throw new AppError("INTERNAL", "数据库不可用");
    }
    return { status: "ok" };
  });
}
