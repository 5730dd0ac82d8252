import { PERMISSIONS, type WarningRuleSetView, warningListQuerySchema, warningRuleSetSchema } from "@kaoping/core";
import { query, transaction } from "../../platform/http/command.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { listWarnings } from "./queries.ts";
import { type LoadedRuleSet, listWarningRuleSets, loadWarningRuleSet, saveWarningRuleSet } from "./rule-sets.ts";

const tags = ["supervision"];

async function ruleSetView(db: Parameters<typeof loadWarningRuleSet>[0], loaded?: LoadedRuleSet): Promise<WarningRuleSetView> {
  const set = loaded ?? (await loadWarningRuleSet(db));
  const versions = await listWarningRuleSets(db);
  return {
    version: set.version,
    note: set.note,
    createdAt: set.createdAt?.toISOString() ?? null,
    rules: set.rules,
    versions: versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt.toISOString() })),
  };
}

/** 电子监察: the warning ledger (scoped like the cases) and the rule set the office keeps. */
export function registerSupervisionRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/supervision/warnings",
    { schema: { tags, querystring: warningListQuerySchema }, config: { access: PERMISSIONS.warningRead } },
    (req) => listWarnings(query(ctx, req), req.query),
  );
  app.get("/api/supervision/rules", { schema: { tags }, config: { access: PERMISSIONS.warningRead } }, (req) =>
    ruleSetView(query(ctx, req).db),
  );
  app.put(
    "/api/supervision/rules",
    { schema: { tags, body: warningRuleSetSchema }, config: { access: PERMISSIONS.warningRuleManage } },
    (req) => transaction(ctx, req, async (command) => ruleSetView(command.tx, await saveWarningRuleSet({ ctx: command, input: req.body }))),
  );
}
