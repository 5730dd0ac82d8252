import { query } from "../../platform/http/command.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { getTodo } from "./queries.ts";

export function registerTodoRoutes(app: App, ctx: AppContext): void {
  app.get("/api/todo", { schema: { tags: ["todo"] }, config: { access: "authenticated" } }, (req) => getTodo(query(ctx, req)));
}
