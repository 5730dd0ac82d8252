import {
  type CardThresholds,
  DEFAULT_CARD_THRESHOLDS,
  DEFAULT_WARNING_RULES,
  storedWarningRuleSetSchema,
  type WarningRule,
  type WarningRuleSet,
} from "@kaoping/core";
import { desc, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { warningRuleSets } from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";

export interface LoadedRuleSet {
  /** 0: the built-in defaults, never saved. */
  version: number;
  rules: WarningRule[];
  cards: CardThresholds;
  note: string;
  createdAt: Date | null;
}

/** The rule set in force: the newest saved version, else the defaults. */
export async function loadWarningRuleSet(db: Db | Tx): Promise<LoadedRuleSet> {
  const [row] = await db.select().from(warningRuleSets).orderBy(desc(warningRuleSets.version)).limit(1);
  if (!row) return { version: 0, rules: DEFAULT_WARNING_RULES, cards: DEFAULT_CARD_THRESHOLDS, note: "系统默认规则", createdAt: null };
  // Stored after validation; parsed again so a row edited by hand cannot feed the engine garbage
  // (leniently on the order of the card lines, which an older version may not have kept).
  const parsed = storedWarningRuleSetSchema.parse({ rules: row.rules, cards: row.cards ?? undefined });
  return { version: row.version, rules: parsed.rules, cards: parsed.cards, note: row.note, createdAt: row.createdAt };
}

/** The saved versions, newest first (the defaults are version 0 and not listed). */
export async function listWarningRuleSets(db: Db | Tx) {
  return db
    .select({ version: warningRuleSets.version, note: warningRuleSets.note, createdAt: warningRuleSets.createdAt })
    .from(warningRuleSets)
    .orderBy(desc(warningRuleSets.version));
}

/**
 * Saves the set as the next version (validated by the route's schema) and audits it. The
 * background evaluation sees the new version and runs it over the open cases only: warnings
 * already raised stay as they were, closed cases are not judged again by new rules.
 */
export async function saveWarningRuleSet({ ctx, input }: { ctx: CommandContext; input: WarningRuleSet }): Promise<LoadedRuleSet> {
  // Two saves at once: the version key makes one of them fail rather than both claim a number.
  await ctx.tx.execute(sql`lock table ${warningRuleSets} in share row exclusive mode`);
  const before = await loadWarningRuleSet(ctx.tx);
  const [row] = await ctx.tx
    .insert(warningRuleSets)
    .values({ version: before.version + 1, rules: input.rules, cards: input.cards, note: input.note, createdBy: ctx.principal.id })
    .returning();
  await ctx.audit({
    action: "supervision.rules.update",
    businessType: "update",
    entityType: "warning_rule_set",
    entityId: String(row!.version),
    before: { version: before.version, rules: before.rules, cards: before.cards },
    after: { version: row!.version, rules: input.rules, cards: input.cards, note: input.note },
  });
  return { version: row!.version, rules: input.rules, cards: input.cards, note: input.note, createdAt: row!.createdAt };
}
