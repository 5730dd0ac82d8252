import { checkPasswordComplexity, type RoleCode, type UserCreateInput, type UserUpdateInput } from "@kaoping/core";
import { eq, inArray } from "drizzle-orm";
import { changedFields } from "../../platform/audit/audit.ts";
import { hashPassword } from "../../platform/auth/password.ts";
import { revokeUserSessions } from "../../platform/auth/sessions.ts";
import type { Tx } from "../../platform/db/client.ts";
import { roles, userRoles, users } from "../../platform/db/schema.ts";
import { AppError, conflict, forbidden } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { loadVisibleUnit } from "../units/policy.ts";
import { loadVisibleUser } from "./policy.ts";
import { auditUser, type UserRow } from "./presenter.ts";

/** The policy checks that need the username (the zod schema checks the rest). */
export function assertPasswordAllowed(password: string, username: string): void {
  const problems = checkPasswordComplexity(password, username);
  if (problems.length) {
    throw new AppError(
      "VALIDATION",
      problems.join("；"),
      problems.map((message) => ({ path: ["body", "password"], message })),
    );
  }
}

/** No privilege escalation: one may grant only roles whose permissions one holds. */
async function assertCanGrant(ctx: CommandContext, roleCodes: RoleCode[]): Promise<void> {
  const granted = await ctx.tx.select().from(roles).where(inArray(roles.code, roleCodes));
  if (granted.length !== new Set(roleCodes).size) throw new AppError("VALIDATION", "角色不存在");
  const beyond = granted.flatMap((r) => r.permissions).filter((p) => !ctx.principal.permissions.has(p as never));
  if (beyond.length) throw forbidden(`不能授予自己没有的权限：${[...new Set(beyond)].join(", ")}`);
  // Nor a wider data scope than one's own (a unit-scoped manager cannot hand out "all" or chosen units).
  if (!ctx.principal.scope.all && granted.some((r) => r.dataScope === "all" || r.dataScope === "custom")) {
    throw forbidden("不能授予超出自己数据权限的角色");
  }
}

/** One may not manage (reset, edit) a user who holds permissions one lacks: that would be a way to become them. */
async function assertNotMorePowerful(ctx: CommandContext, userId: string): Promise<void> {
  const held = await ctx.tx
    .select({ permissions: roles.permissions, dataScope: roles.dataScope })
    .from(userRoles)
    .innerJoin(roles, eq(roles.code, userRoles.roleCode))
    .where(eq(userRoles.userId, userId));
  const beyond = held.flatMap((r) => r.permissions).filter((p) => !ctx.principal.permissions.has(p as never));
  const widerScope = !ctx.principal.scope.all && held.some((r) => r.dataScope === "all" || r.dataScope === "custom");
  if (beyond.length || widerScope) throw forbidden("不能管理权限高于自己的用户");
}

export async function rolesOf(tx: Tx, userId: string): Promise<RoleCode[]> {
  const rows = await tx.select({ code: userRoles.roleCode }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.code as RoleCode).sort();
}

export async function createUser(options: { ctx: CommandContext; input: UserCreateInput; mustChangePassword?: boolean }): Promise<UserRow> {
  const { ctx, input } = options;
  assertPasswordAllowed(input.password, input.username);
  await loadVisibleUnit(ctx.tx, ctx.principal, input.unitId);
  await assertCanGrant(ctx, input.roleCodes);
  const [clash] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (clash) throw conflict(`用户名 ${input.username} 已存在`, [{ path: ["body", "username"], message: "用户名已存在" }]);
  const [row] = await ctx.tx
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      unitId: input.unitId,
      phone: input.phone ?? null,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: options.mustChangePassword ?? true,
      passwordChangedAt: new Date(),
      createdBy: ctx.principal.id,
    })
    .returning();
  const roleCodes = [...new Set(input.roleCodes)];
  await ctx.tx.insert(userRoles).values(roleCodes.map((roleCode) => ({ userId: row!.id, roleCode })));
  await ctx.audit({
    action: "user.create",
    businessType: "create",
    entityType: "user",
    entityId: row!.id,
    after: auditUser(row!, roleCodes),
  });
  return row!;
}

export async function updateUser(options: { ctx: CommandContext; id: string; input: UserUpdateInput }): Promise<UserRow> {
  const { ctx, id, input } = options;
  const before = await loadVisibleUser(ctx.tx, ctx.principal, id);
  if (id !== ctx.principal.id) await assertNotMorePowerful(ctx, id);
  const rolesBefore = await rolesOf(ctx.tx, id);
  if (input.unitId) await loadVisibleUnit(ctx.tx, ctx.principal, input.unitId);
  if (id === ctx.principal.id && (input.status === "disabled" || input.roleCodes)) {
    throw forbidden("不能停用自己或修改自己的角色");
  }
  const [after] = await ctx.tx
    .update(users)
    .set({
      ...(input.displayName !== undefined && { displayName: input.displayName }),
      ...(input.unitId !== undefined && { unitId: input.unitId }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.phone !== undefined && { phone: input.phone }),
      updatedAt: new Date(),
    })
    .where(eq(users.id, id))
    .returning();
  let rolesAfter = rolesBefore;
  if (input.roleCodes) {
    rolesAfter = [...new Set(input.roleCodes)].sort();
    await assertCanGrant(ctx, rolesAfter);
    await ctx.tx.delete(userRoles).where(eq(userRoles.userId, id));
    await ctx.tx.insert(userRoles).values(rolesAfter.map((roleCode) => ({ userId: id, roleCode })));
  }
  if (input.status === "disabled") await revokeUserSessions(ctx.tx, id);
  const granted = input.roleCodes && rolesAfter.join() !== rolesBefore.join();
  await ctx.audit({
    action: granted ? "user.grant" : "user.update",
    businessType: granted ? "grant" : "update",
    entityType: "user",
    entityId: id,
    ...changedFields(auditUser(before, rolesBefore), auditUser(after!, rolesAfter)),
  });
  return after!;
}

/** An administrator sets a new password; the user must change it at next login. */
export async function resetUserPassword(options: { ctx: CommandContext; id: string; password: string }): Promise<void> {
  const { ctx, id } = options;
  const user = await loadVisibleUser(ctx.tx, ctx.principal, id);
  await assertNotMorePowerful(ctx, id);
  assertPasswordAllowed(options.password, user.username);
  await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(options.password),
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(users.id, id));
  await revokeUserSessions(ctx.tx, id);
  await ctx.audit({ action: "user.password.reset", businessType: "update", entityType: "user", entityId: id });
}

export async function unlockUser(options: { ctx: CommandContext; id: string }): Promise<void> {
  const { ctx, id } = options;
  const user = await loadVisibleUser(ctx.tx, ctx.principal, id);
  await ctx.tx.update(users).set({ failedAttempts: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, id));
  await ctx.audit({
    action: "user.unlock",
    businessType: "update",
    entityType: "user",
    entityId: id,
    before: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
    after: { lockedUntil: null },
  });
}
