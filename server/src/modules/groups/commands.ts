import type { GroupCreateInput, GroupUpdateInput } from "@kaoping/core";
import { asc, eq, inArray } from "drizzle-orm";
import { changedFields } from "../../platform/audit/audit.ts";
import { unitGroupMembers, unitGroups, units } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { canSeeUnit, loadVisibleUnit } from "../units/policy.ts";
import { loadVisibleGroup } from "./policy.ts";
import type { GroupRow } from "./presenter.ts";

/** Members must exist and lie in the actor's scope: one cannot list units one may not see. */
async function checkMembers(ctx: CommandContext, unitIds: string[]): Promise<string[]> {
  const ids = [...new Set(unitIds)];
  if (!ids.length) return ids;
  const found = await ctx.tx.select().from(units).where(inArray(units.id, ids));
  const bad = ids.filter((id) => {
    const unit = found.find((u) => u.id === id);
    return !unit || !canSeeUnit(ctx.principal, unit);
  });
  if (bad.length) {
    throw new AppError(
      "VALIDATION",
      `${bad.length} 个成员单位不存在或无权访问`,
      bad.map((id) => ({ path: ["body", "memberUnitIds"], message: `单位 ${id} 不存在或无权访问` })),
    );
  }
  return ids;
}

async function memberCodes(ctx: CommandContext, groupId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ code: units.code })
    .from(unitGroupMembers)
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(eq(unitGroupMembers.groupId, groupId))
    .orderBy(asc(units.code));
  return rows.map((r) => r.code);
}

async function replaceMembers(ctx: CommandContext, groupId: string, unitIds: string[]): Promise<void> {
  await ctx.tx.delete(unitGroupMembers).where(eq(unitGroupMembers.groupId, groupId));
  if (unitIds.length) await ctx.tx.insert(unitGroupMembers).values(unitIds.map((unitId) => ({ groupId, unitId })));
}

const auditGroup = (g: GroupRow, members: string[]) => ({
  code: g.code,
  name: g.name,
  description: g.description,
  ownerUnitId: g.ownerUnitId,
  members,
});

export async function createGroup(options: { ctx: CommandContext; input: GroupCreateInput }): Promise<GroupRow> {
  const { ctx, input } = options;
  const [clash] = await ctx.tx.select({ id: unitGroups.id }).from(unitGroups).where(eq(unitGroups.code, input.code));
  if (clash) throw conflict(`分组编码 ${input.code} 已存在`, [{ path: ["body", "code"], message: "编码已存在" }]);
  if (input.ownerUnitId) await loadVisibleUnit(ctx.tx, ctx.principal, input.ownerUnitId);
  const members = await checkMembers(ctx, input.memberUnitIds);
  const [row] = await ctx.tx
    .insert(unitGroups)
    .values({
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      ownerUnitId: input.ownerUnitId ?? null,
      createdBy: ctx.principal.id,
    })
    .returning();
  await replaceMembers(ctx, row!.id, members);
  await ctx.audit({
    action: "group.create",
    businessType: "create",
    entityType: "unit_group",
    entityId: row!.id,
    after: auditGroup(row!, await memberCodes(ctx, row!.id)),
  });
  return row!;
}

export async function updateGroup(options: { ctx: CommandContext; id: string; input: GroupUpdateInput }): Promise<GroupRow> {
  const { ctx, id, input } = options;
  const before = await loadVisibleGroup(ctx.tx, ctx.principal, id);
  const membersBefore = await memberCodes(ctx, id);
  if (input.code && input.code !== before.code) {
    const [clash] = await ctx.tx.select({ id: unitGroups.id }).from(unitGroups).where(eq(unitGroups.code, input.code));
    if (clash) throw conflict(`分组编码 ${input.code} 已存在`, [{ path: ["body", "code"], message: "编码已存在" }]);
  }
  if (input.ownerUnitId) await loadVisibleUnit(ctx.tx, ctx.principal, input.ownerUnitId);
  const [after] = await ctx.tx
    .update(unitGroups)
    .set({
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.ownerUnitId !== undefined && { ownerUnitId: input.ownerUnitId }),
      updatedAt: new Date(),
    })
    .where(eq(unitGroups.id, id))
    .returning();
  if (input.memberUnitIds) await replaceMembers(ctx, id, await checkMembers(ctx, input.memberUnitIds));
  await ctx.audit({
    action: "group.update",
    businessType: "update",
    entityType: "unit_group",
    entityId: id,
    ...changedFields(auditGroup(before, membersBefore), auditGroup(after!, await memberCodes(ctx, id))),
  });
  return after!;
}

export async function deleteGroup(options: { ctx: CommandContext; id: string }): Promise<void> {
  const { ctx, id } = options;
  const before = await loadVisibleGroup(ctx.tx, ctx.principal, id);
  const members = await memberCodes(ctx, id);
  await ctx.tx.delete(unitGroups).where(eq(unitGroups.id, id));
  await ctx.audit({
    action: "group.delete",
    businessType: "delete",
    entityType: "unit_group",
    entityId: id,
    before: auditGroup(before, members),
  });
}
