import {
  BUILTIN_FRAMEWORKS,
  compileFramework,
  type FrameworkSummary,
  type FrameworkTemplate,
  type FrameworkView,
  type frameworkListQuerySchema,
  frameworkSchema,
  frameworkStats,
  type Paged,
  type ScoreInput,
  type ScoreResult,
  scoreFramework,
} from "@kaoping/core";
import { and, asc, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../platform/db/client.ts";
import { frameworks } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { parseDefinition, validateAgainstDatabase } from "./definition.ts";
import { presentFramework } from "./presenter.ts";

export async function listFrameworks(db: Db | Tx, query: z.infer<typeof frameworkListQuerySchema>): Promise<Paged<FrameworkSummary>> {
  const parts: (SQL | undefined)[] = [];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(frameworks.name, pattern), ilike(frameworks.code, pattern)));
  }
  if (query.status) parts.push(eq(frameworks.status, query.status));
  if (query.year) parts.push(eq(frameworks.year, query.year));
  if (query.code) parts.push(eq(frameworks.code, query.code));
  const where = and(...parts);
  const [total] = await db.select({ n: count() }).from(frameworks).where(where);
  const rows = await db
    .select()
    .from(frameworks)
    .where(where)
    .orderBy(desc(frameworks.year), asc(frameworks.code), desc(frameworks.version))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map(presentFramework) };
}

export async function getFramework(db: Db | Tx, id: string): Promise<FrameworkView> {
  const [row] = await db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!row) throw notFound("指标体系");
  return { ...presentFramework(row), definition: row.definition, validation: await validateAgainstDatabase(db, row.definition) };
}

export function listTemplates(): FrameworkTemplate[] {
  return BUILTIN_FRAMEWORKS.map((raw) => {
    const f = frameworkSchema.parse(raw);
    const stats = frameworkStats(f);
    return {
      code: f.code,
      name: f.name,
      year: f.year,
      issuer: f.issuer ?? null,
      source: f.source ?? null,
      indicatorCount: stats.indicators,
      ruleCount: stats.rules,
    };
  });
}

/** The live preview of the rule editor: score given units and facts with a (possibly unsaved) definition. */
export function previewScores(definition: unknown, input: ScoreInput): ScoreResult {
  return scoreFramework(compileFramework(parseDefinition(definition)), input);
}
