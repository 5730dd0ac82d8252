import type { Framework } from "@kaoping/core";
import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { frameworks } from "../../platform/db/schema.ts";
import { AppError, conflict, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { createFramework } from "./commands.ts";
import { auditFramework, type FrameworkRow } from "./presenter.ts";

import { SHEET } from "./sheet-format.ts";

export { exportFrameworkWorkbook, frameworkTemplateWorkbook } from "./sheet-format.ts";
export { parseFrameworkWorkbook } from "./workbook-reader.ts";

/** A framework version's row for export (any status). */
export async function getFrameworkRow(db: Db | Tx, id: string): Promise<FrameworkRow> {
  const [row] = await db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!row) throw notFound("指标体系");
  return row;
}

/** 指标体系-<name>-v<version>.xlsx, without characters file systems refuse. */
export function exportFileName(row: Pick<FrameworkRow, "name" | "version">): string {
  return `指标体系-${row.name.replace(/[\\/:*?"<>|\r\n]+/g, "_")}-v${row.version}.xlsx`;
}

/**
 * Writes an imported framework as a draft: a new framework (through
 * createFramework), or — when its code exists and `asNewVersion` — the next
 * version of it. An open draft of the code blocks a new version, as it does
 * for createFrameworkVersion. Audited as framework.import with the file name.
 */
export async function importFramework(options: {
  ctx: CommandContext;
  definition: Framework;
  asNewVersion: boolean;
  source?: string;
  warnings?: string[];
}): Promise<FrameworkRow> {
  const { ctx, definition } = options;
  const [latest] = await ctx.tx
    .select({ version: frameworks.version })
    .from(frameworks)
    .where(eq(frameworks.code, definition.code))
    .orderBy(desc(frameworks.version))
    .limit(1);
  let row: FrameworkRow;
  if (!latest) {
    row = await createFramework({ ctx, definition });
  } else if (!options.asNewVersion) {
    throw conflict(`指标体系编码 ${definition.code} 已存在（最新 v${latest.version}）；选择“作为新版本导入”可导入为新的草稿版本`, [
      { sheet: SHEET.info, column: "值", message: `编码「${definition.code}」已存在` },
    ]);
  } else {
    const [draft] = await ctx.tx
      .select({ version: frameworks.version })
      .from(frameworks)
      .where(and(eq(frameworks.code, definition.code), eq(frameworks.status, "draft")))
      .limit(1);
    if (draft) throw conflict(`指标体系 ${definition.code} 已有草稿版本 v${draft.version}，请先发布或删除它`);
    const [inserted] = await ctx.tx
      .insert(frameworks)
      .values({
        code: definition.code,
        version: latest.version + 1,
        name: definition.name,
        year: definition.year,
        definition,
        templateCode: null,
        createdBy: ctx.principal.id,
      })
      .returning();
    if (!inserted) throw new AppError("INTERNAL", "导入失败");
    row = inserted;
  }
  await ctx.audit({
    action: "framework.import",
    businessType: "import",
    entityType: "framework",
    entityId: row.id,
    after: { ...auditFramework(row), source: options.source ?? null, warnings: options.warnings?.length ?? 0 },
  });
  return row;
}
