import { z } from "zod";
import { pointsText } from "../frameworks/schema.ts";
import type { ValidationReport } from "../frameworks/validate.ts";
import { LIMITS, pageQuerySchema } from "./common.ts";

export const FRAMEWORK_STATUSES = ["draft", "published", "archived"] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];
export const FRAMEWORK_STATUS_LABELS: Record<FrameworkStatus, string> = { draft: "草稿", published: "已发布", archived: "已归档" };

export const frameworkListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(FRAMEWORK_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  code: z.string().trim().max(64).optional(),
});

/** The definition is checked by `frameworkSchema` in the command, so errors carry paths inside it. */
/** The definition is checked by the framework schema (as errors of the validator); here it must be an object. */
const definitionObject = z.record(z.string(), z.unknown());
export const frameworkBodySchema = z.strictObject({ definition: definitionObject });

export const frameworkVersionSchema = z.strictObject({
  /** A new year (复制到新年度); omitted: a correction of the same year. */
  year: z.number().int().min(2000).max(2100).optional(),
});

export const frameworkFromTemplateSchema = z.strictObject({ templateCode: z.string().min(1).max(64) });

/** An assessed unit as the engine reads it (engine-types.ts AssessedUnit). */
export const assessedUnitSchema = z.strictObject({
  code: z.string().min(1).max(LIMITS.codeMax),
  name: z.string().max(LIMITS.nameMax).optional(),
  category: z.string().max(LIMITS.codeMax).optional(),
  isReference: z.boolean().optional(),
  /** Codes of the unit groups it belongs to (进驻单位). */
  groups: z.array(z.string().min(1).max(LIMITS.codeMax)).max(200).optional(),
  /** The indicators the office chose for it (中省直单位 “相关任务”); absent = all its category allows. */
  indicators: z.array(z.string().min(1).max(LIMITS.codeMax)).max(2000).optional(),
});

const manualScoreSchema = z.strictObject({ points: pointsText, reason: z.string().min(1).max(LIMITS.reasonMax) });

/** One unit's facts as the engine reads them (engine-types.ts UnitFacts; docs/facts-format.md). */
export const unitFactsSchema = z.strictObject({
  values: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  manual: z.record(z.string(), manualScoreSchema).optional(),
  /** 每发现一起扣1-3分: one amount per finding, by rule id. */
  perFinding: z.record(z.string(), z.array(manualScoreSchema).max(1000)).optional(),
  /** 同一宣传内容取最高分: subject → fact key → count. */
  bySubject: z.record(z.string(), z.record(z.string(), z.number().int().min(0))).optional(),
});

export const frameworkPreviewSchema = z.strictObject({
  definition: definitionObject,
  units: z.array(assessedUnitSchema).min(1).max(2000),
  facts: z.record(z.string(), unitFactsSchema),
  groupNames: z.record(z.string(), z.string().max(LIMITS.nameMax)).optional(),
});

export interface FrameworkSummary {
  id: string;
  code: string;
  version: number;
  name: string;
  year: number;
  status: FrameworkStatus;
  issuer: string | null;
  templateCode: string | null;
  indicatorCount: number;
  ruleCount: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface FrameworkView extends FrameworkSummary {
  definition: unknown;
  validation: ValidationReport;
}

export interface FrameworkTemplate {
  code: string;
  name: string;
  year: number;
  issuer: string | null;
  source: string | null;
  indicatorCount: number;
  ruleCount: number;
}
