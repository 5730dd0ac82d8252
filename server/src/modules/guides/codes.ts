import { type CodeGapCount, type CodeTables, countCodeGaps, emptyCodeTables, PROVINCIAL_CODE_TABLES } from "@kaoping/core";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { guideCodeMaps, serviceGuides, serviceItems } from "../../platform/db/schema.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { itemScopeWhere } from "./policy.ts";

/**
 * A source's code tables: the office's edited copy in guide_code_maps when it
 * has one, else the tables shipped in core (the starting point, read from the
 * samples' documentation). Null for a source neither knows.
 */
export async function loadCodeTables(db: Db | Tx, source: string): Promise<{ tables: CodeTables; origin: "database" | "builtin" } | null> {
  const rows = await db.select().from(guideCodeMaps).where(eq(guideCodeMaps.source, source)).orderBy(asc(guideCodeMaps.list));
  if (rows.length) {
    const tables = emptyCodeTables();
    for (const row of rows) (tables[row.list as keyof CodeTables] as Record<string, unknown>)[row.code] = row.value;
    return { tables, origin: "database" };
  }
  const builtin = PROVINCIAL_CODE_TABLES[source];
  return builtin ? { tables: builtin, origin: "builtin" } : null;
}

/** Replaces a source's tables as a whole (a province reissues its code lists as a whole). */
export async function saveCodeTables(options: { ctx: CommandContext; source: string; tables: CodeTables }): Promise<void> {
  const { ctx, source, tables } = options;
  const before = await loadCodeTables(ctx.tx, source);
  await ctx.tx.delete(guideCodeMaps).where(eq(guideCodeMaps.source, source));
  const rows = Object.entries(tables).flatMap(([list, codes]) =>
    Object.entries(codes as Record<string, unknown>).map(([code, value]) => ({ source, list, code, value })),
  );
  if (rows.length) await ctx.tx.insert(guideCodeMaps).values(rows);
  await ctx.audit({
    action: "guide.code_maps.update",
    businessType: "update",
    entityType: "guide_code_maps",
    entityId: source,
    before: before?.tables,
    after: tables,
  });
}

/**
 * The codes a source's tables lack (one source, or all), over the newest
 * version of every item and channel the principal sees: which table, which
 * code, how many guides, where in them and the first few by name. The codes
 * were looked up when each version was imported, so a code added to a table
 * leaves this list with the next import of the guides holding it.
 */
export async function listCodeGaps(q: QueryContext, source?: string): Promise<CodeGapCount[]> {
  const newest = q.db
    .selectDistinctOn([serviceGuides.itemId, serviceGuides.channel], {
      source: sql<string>`${serviceGuides.guide}->>'source'`.as("source"),
      name: sql<string>`${serviceItems.name}`.as("name"),
      unmappedCodes: sql<Record<string, string>>`${serviceGuides.guide}->'unmappedCodes'`.as("unmapped_codes"),
    })
    .from(serviceGuides)
    .innerJoin(serviceItems, eq(serviceItems.id, serviceGuides.itemId))
    .where(itemScopeWhere(q.principal))
    .orderBy(serviceGuides.itemId, serviceGuides.channel, desc(serviceGuides.version))
    .as("newest");
  const conditions: (SQL | undefined)[] = [sql`${newest.unmappedCodes} <> '{}'::jsonb`];
  if (source !== undefined) conditions.push(eq(newest.source, source));
  const rows = await q.db
    .select({ source: newest.source, name: newest.name, unmappedCodes: newest.unmappedCodes })
    .from(newest)
    .where(and(...conditions))
    .orderBy(newest.name);
  return countCodeGaps(rows.map((row) => ({ ...row, source: row.source ?? "", unmappedCodes: row.unmappedCodes ?? {} })));
}
