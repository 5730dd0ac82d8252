import { DEFAULT_SOURCE_CODE, DEFAULT_SOURCE_MAPPING, type SourceMapping } from "@kaoping/core";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { ingestSources } from "../db/schema.ts";
import { AppError } from "../errors.ts";

/**
 * A source's column mapping: its ingest_sources row, else the built-in `default` (the template's
 * Chinese headers). A row's mapping lays over the default, so a source names only what differs.
 */
export async function loadSourceMapping(db: Db | Tx, code: string): Promise<SourceMapping> {
  const [row] = await db.select().from(ingestSources).where(eq(ingestSources.code, code));
  if (!row) {
    if (code === DEFAULT_SOURCE_CODE) return DEFAULT_SOURCE_MAPPING;
    throw new AppError("VALIDATION", `数据来源“${code}”不存在`, [{ path: ["body", "source"], message: "未登记的数据来源" }]);
  }
  const own = row.mapping as Partial<SourceMapping>;
  return {
    columns: { ...DEFAULT_SOURCE_MAPPING.columns, ...own.columns },
    values: { ...DEFAULT_SOURCE_MAPPING.values, ...own.values },
  };
}
