/**
 * 审批人员电子密钥 registry: a unit (its liaison, in its scope) or the office registers each approver's
 * signing key with the dates it may sign, and revokes it when the approver leaves the post. The rule
 * 签章异常 compares each decision's key with it. Rows are never deleted: past decisions stay judged.
 *
 * What a registration may be (core/src/supervision/keys.ts): never overlapping another of the same
 * key id in the unit; from today on when the unit registers it — a key reported late does not cover
 * the decisions signed before (seed 004 三.3 “未及时上报”) — while the office may record history,
 * audited as back-dated; and not starting more than a year ahead (a typo).
 */
import { cstDate, keyRegistrationProblem, PERMISSIONS, type SigningKeyView, type signingKeyInputSchema } from "@kaoping/core";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { signingKeys, units } from "../../platform/db/schema.ts";
import { AppError, conflict, notFound } from "../../platform/errors.ts";
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

export async function createSigningKey({
  ctx,
  input,
  now = new Date(),
}: {
  ctx: CommandContext;
  input: z.infer<typeof signingKeyInputSchema>;
  now?: Date;
}) {
  // The unit's row locked (not its key, so cases may still be written for it): two registrations
  // of one unit at once are judged one after the other, never both against the registry before either.
  const [unit] = await ctx.tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.id, input.unitId), buildScopeWhere(ctx.principal.scope, { unitId: units.id }, ctx.principal.id ?? "")))
    .for("no key update");
  if (!unit) throw notFound("单位");
  const today = cstDate(now);
  const mayBackdate = ctx.principal.permissions.has(PERMISSIONS.orderManage);
  const existing = await ctx.tx
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.unitId, input.unitId), eq(signingKeys.keyId, input.keyId)));
  const problem = keyRegistrationProblem(
    input,
    existing.map((k) => ({ ...k, revokedOn: k.revokedAt ? cstDate(k.revokedAt) : null })),
    { today, mayBackdate },
  );
  if (problem) {
    const details = [{ path: ["body", problem.field], message: problem.message }];
    throw problem.kind === "conflict" ? conflict(problem.message, details) : new AppError("VALIDATION", problem.message, details);
  }
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
    after: {
      unitName: unit.name,
      keyId: row.keyId,
      approver: row.approver,
      validFrom: row.validFrom,
      validTo: row.validTo,
      // History the office recorded: valid from before the day it was registered.
      ...(row.validFrom < today ? { backdated: true, registeredOn: today } : {}),
    },
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
