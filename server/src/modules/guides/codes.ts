import { type CodeTables, emptyCodeTables, PROVINCIAL_CODE_TABLES } from "@kaoping/core";
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { guideCodeMaps } from "../../platform/db/schema.ts";
import type { CommandContext } from "../../platform/http/command.ts";

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
