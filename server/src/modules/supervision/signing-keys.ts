/**
 * 审批人员电子密钥 registry: a unit (its liaison, in its scope) or the office registers each approver's
 * signing key with the dates it may sign, and revokes it when the approver leaves the post. The rule
 * 签章异常 compares each decision's key with it. Rows are never deleted: past decisions stay judged.
 */
import type { SigningKeyView, signingKeyInputSchema } from "@kaoping/core";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { signingKeys, units } from "../../platform/db/schema.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { unitsForCases } from "../cases/policy.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";

type KeyRow = typeof signingKeys.$inferSelect;
const present = (row: KeyRow, unitName: string): SigningKeyView => ({
  id: row.id,
  unitId: row.unitId,
  unitName,
  keyId: row.keyId,
  approver: row.approver,
  validFrom: row.validFrom,
  validTo: row.validTo,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function listSigningKeys(qctx: QueryContext, unitId?: string): Promise<SigningKeyView[]> {
  const unitIds = await unitsForCases(qctx.db, qctx.principal, unitId);
  const rows = await qctx.db
    .select({ key: signingKeys, unitName: units.name })
    .from(signingKeys)
    .innerJoin(units, eq(units.id, signingKeys.unitId))
    .where(unitSubtreeCondition(signingKeys.unitId, unitIds, false))
    .orderBy(asc(units.name), asc(signingKeys.keyId), asc(signingKeys.validFrom));
  return rows.map((r) => present(r.key, r.unitName));
}

export async function createSigningKey({ ctx, input }: { ctx: CommandContext; input: z.infer<typeof signingKeyInputSchema> }) {
  const [unit] = await ctx.tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.id, input.unitId), buildScopeWhere(ctx.principal.scope, { unitId: units.id }, ctx.principal.id ?? "")));
  if (!unit) throw notFound("单位");
  const [row] = await ctx.tx
    .insert(signingKeys)
    .values({ ...input, createdBy: ctx.principal.id })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict(`密钥 ${input.keyId} 自 ${input.validFrom} 起已登记`);
  await ctx.audit({
    action: "supervision.key.create",
    businessType: "create",
    entityType: "signing_key",
    entityId: row.id,
    after: { unitName: unit.name, keyId: row.keyId, approver: row.approver, validFrom: row.validFrom, validTo: row.validTo },
  });
  return present(row, unit.name);
}

export async function revokeSigningKey({ ctx, id, reason }: { ctx: CommandContext; id: string; reason: string }) {
  const [found] = await ctx.tx
    .select({ key: signingKeys, unitName: units.name })
    .from(signingKeys)
    .innerJoin(units, eq(units.id, signingKeys.unitId))
    .where(and(eq(signingKeys.id, id), buildScopeWhere(ctx.principal.scope, { unitId: signingKeys.unitId }, ctx.principal.id ?? "")));
  if (!found) throw notFound("密钥");
  if (found.key.revokedAt) throw conflict(`密钥 ${found.key.keyId} 已于 ${found.key.revokedAt.toISOString().slice(0, 10)} 注销`);
  const [row] = await ctx.tx.update(signingKeys).set({ revokedAt: new Date() }).where(eq(signingKeys.id, id)).returning();
  await ctx.audit({
    action: "supervision.key.revoke",
    businessType: "update",
    entityType: "signing_key",
    entityId: id,
    before: { revokedAt: null },
    after: { keyId: row!.keyId, revokedAt: row!.revokedAt!.toISOString(), reason },
  });
  return present(row!, found.unitName);
}
