import { type Framework, type FrameworkStatus, type FrameworkSummary, frameworkStats } from "@kaoping/core";
import type { frameworks } from "../../platform/db/schema.ts";

export type FrameworkRow = typeof frameworks.$inferSelect;

export function presentFramework(row: FrameworkRow): FrameworkSummary {
  const definition = row.definition as Framework;
  const stats = frameworkStats(definition);
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: row.name,
    year: row.year,
    status: row.status as FrameworkStatus,
    issuer: definition.issuer ?? null,
    templateCode: row.templateCode,
    indicatorCount: stats.indicators,
    ruleCount: stats.rules,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

/** What the audit log keeps of a framework version (the definition itself is in the row, frozen once published). */
export const auditFramework = (row: FrameworkRow) => ({
  code: row.code,
  version: row.version,
  name: row.name,
  year: row.year,
  status: row.status,
});
