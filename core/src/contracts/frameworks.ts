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

export const frameworkPreviewSchema = z.strictObject({
  definition: definitionObject,
  units: z
    .array(
      z.strictObject({
        code: z.string().min(1).max(LIMITS.codeMax),
        name: z.string().max(LIMITS.nameMax).optional(),
        category: z.string().max(LIMITS.codeMax).optional(),
        isReference: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(2000),
  facts: z.record(
    z.string(),
    z.strictObject({
      values: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
      manual: z.record(z.string(), z.strictObject({ points: pointsText, reason: z.string().min(1).max(LIMITS.reasonMax) })).optional(),
    }),
  ),
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
