import {
  measuredFacts as coreMeasuredFacts,
  type ErrorDetail,
  FACT_TYPE_LABELS,
  type FactDef,
  isMeasuredFact,
  type measurementInputSchema,
} from "@kaoping/core";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { measurements } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { openForRecording } from "../findings/commands.ts";
import type { FindingScope } from "../findings/validation.ts";

export type MeasurementInput = z.infer<typeof measurementInputSchema>;
export type MeasurementRow = typeof measurements.$inferSelect;
export type MeasurementField = "unitId" | "fact" | "value";

/** The declared facts a measurement may set (core's isMeasuredFact: not counts, unless a system fills them). */
export function measuredFacts(scope: FindingScope): FactDef[] {
  return coreMeasuredFacts(scope.framework);
}

/**
 * One validator for a measurement, from JSON or from a sheet row: the unit is
 * in the campaign, the fact is declared and measured (not a count), the value
 * has the fact's type. Errors name the field; callers place them.
 */
export function checkMeasurement(scope: FindingScope, input: MeasurementInput): { field: MeasurementField; message: string }[] {
  const errors: { field: MeasurementField; message: string }[] = [];
  if (!scope.units.has(input.unitId)) errors.push({ field: "unitId", message: "单位不在本次考核中" });
  const def = scope.framework.facts.find((f) => f.key === input.fact);
  if (!def) return [...errors, { field: "fact", message: `事实 ${input.fact} 不在本次考核的指标体系中` }];
  const name = `事实 ${def.key}（${def.label}）`;
  if (!isMeasuredFact(def)) {
    return [...errors, { field: "fact", message: `${name}是${FACT_TYPE_LABELS[def.type]}，由问题台账累计，不能作为测评数据录入` }];
  }
  const message = valueProblem(def, input.value);
  if (message) errors.push({ field: "value", message: `${name}${message}` });
  return errors;
}

function valueProblem(def: FactDef, value: MeasurementInput["value"]): string | null {
  if (value === null) return null;
  if (def.type === "boolean") return typeof value === "boolean" ? null : "应为“是”或“否”";
  if (typeof value !== "number" || !Number.isFinite(value)) return "应为数值";
  if (def.type === "rank" && (!Number.isInteger(value) || value < 1)) return "是名次，应为正整数";
  if (def.type === "count" && (!Number.isInteger(value) || value < 0)) return "是次数，应为非负整数";
  return null;
}

export const auditKey = (campaignId: string, m: { unitId: string; fact: string }) => `${campaignId}:${m.unitId}:${m.fact}`;

/** Sets one unit's measured fact (upsert by unit and fact); a null value removes it. */
export async function saveMeasurement(options: {
  ctx: CommandContext;
  campaignId: string;
  input: MeasurementInput;
}): Promise<MeasurementRow | null> {
  const { ctx, campaignId, input } = options;
  const { scope } = await openForRecording(ctx, campaignId, "录入测评数据");
  const errors = checkMeasurement(scope, input);
  if (errors.length) {
    const details: ErrorDetail[] = errors.map((e) => ({ path: ["body", e.field], message: e.message }));
    throw new AppError("VALIDATION", errors[0]!.message, details);
  }
  const key = and(eq(measurements.campaignId, campaignId), eq(measurements.unitId, input.unitId), eq(measurements.fact, input.fact));
  const [before] = await ctx.tx.select().from(measurements).where(key).for("update");
  const unitCode = scope.units.get(input.unitId)!.code;
  const entry = {
    entityType: "measurement",
    entityId: auditKey(campaignId, input),
    before: before ? { value: before.value, note: before.note } : null,
  };
  if (input.value === null) {
    if (!before) return null;
    await ctx.tx.delete(measurements).where(key);
    await ctx.audit({ ...entry, action: "measurement.delete", businessType: "delete", after: { unitCode, fact: input.fact, value: null } });
    return null;
  }
  const [row] = await upsert(ctx, [{ campaignId, unitId: input.unitId, fact: input.fact, value: input.value, note: input.note || null }]);
  await ctx.audit({
    ...entry,
    action: "measurement.save",
    businessType: before ? "update" : "create",
    after: { unitCode, fact: input.fact, value: row!.value, note: row!.note },
  });
  return row!;
}

/** Inserts or replaces measurements by (campaign, unit, fact). */
export function upsert(ctx: CommandContext, rows: Omit<typeof measurements.$inferInsert, "updatedBy" | "updatedAt">[]) {
  const now = new Date();
  return ctx.tx
    .insert(measurements)
    .values(rows.map((r) => ({ ...r, updatedBy: ctx.principal.id, updatedAt: now })))
    .onConflictDoUpdate({
      target: [measurements.campaignId, measurements.unitId, measurements.fact],
      set: {
        value: sql`excluded.value`,
        note: sql`excluded.note`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning();
}
