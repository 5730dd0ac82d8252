import {
  ALL_PERMISSIONS,
  BUILTIN_ROLES,
  type DataScope,
  isPermission,
  type RoleCode,
  type RoleUpdateInput,
  type RoleView,
} from "@kaoping/core";
import { asc, eq, inArray } from "drizzle-orm";
import { changedFields } from "../../platform/audit/audit.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { roles, roleUnits, systemSettings, units } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";

const SEEN_KEY = "permissions_seen";

/**
 * Inserts the built-in roles that are missing and grants them permissions
 * introduced since the last start (a new module's codes), without undoing an
 * office's edits: a permission it removed from a role stays removed.
 */
export async function seedRoles(db: Db | Tx): Promise<void> {
  await db
    .insert(roles)
    .values(
      BUILTIN_ROLES.map((r) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        permissions: r.permissions,
        dataScope: r.dataScope,
      })),
    )
    .onConflictDoNothing();
  const [seen] = await db.select().from(systemSettings).where(eq(systemSettings.key, SEEN_KEY));
  const known = new Set((seen?.value as string[] | undefined) ?? []);
  const introduced = ALL_PERMISSIONS.filter((p) => !known.has(p));
  if (!introduced.length) return;
  if (seen) {
    const rows = await db.select().from(roles);
    for (const role of BUILTIN_ROLES) {
      const row = rows.find((r) => r.code === role.code);
      const grant = role.permissions.filter((p) => introduced.includes(p));
      if (row && grant.length) {
        await db
          .update(roles)
          .set({ permissions: [...new Set([...row.permissions, ...grant])].sort() })
          .where(eq(roles.code, role.code));
      }
    }
  }
  await db
    .insert(systemSettings)
    .values({ key: SEEN_KEY, value: [...ALL_PERMISSIONS] })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value: [...ALL_PERMISSIONS], updatedAt: new Date() } });
}

export async function listRoles(db: Db | Tx): Promise<RoleView[]> {
  const rows = await db.select().from(roles).orderBy(asc(roles.code));
  const scoped = await db.select().from(roleUnits);
  const order = BUILTIN_ROLES.map((r) => r.code as string);
  return rows
    .map((r) => ({
      code: r.code as RoleCode,
      name: r.name,
      description: r.description,
      permissions: r.permissions.filter(isPermission),
      dataScope: r.dataScope as DataScope,
      scopeUnitIds: scoped.filter((s) => s.roleCode === r.code).map((s) => s.unitId),
    }))
    .sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}

/** Changes a role's permissions or data scope (授权). Only a principal with every permission it grants may do so. */
export async function updateRole(options: { ctx: CommandContext; code: string; input: RoleUpdateInput }): Promise<RoleView> {
  const { ctx, code, input } = options;
  const before = (await listRoles(ctx.tx)).find((r) => r.code === code);
  if (!before) throw notFound("角色");
  // A role's scope applies to everyone holding it: only a principal who sees everything may change it.
  if (!ctx.principal.scope.all) throw new AppError("FORBIDDEN", "只有拥有全部数据权限的用户可以修改角色");
  if (input.permissions) {
    const unknown = input.permissions.filter((p) => !isPermission(p));
    if (unknown.length)
      throw new AppError("VALIDATION", `未知权限：${unknown.join(", ")}`, [{ path: ["body", "permissions"], message: "未知权限" }]);
    const beyond = input.permissions.filter((p) => !ctx.principal.permissions.has(p as never));
    if (beyond.length) throw new AppError("FORBIDDEN", `不能授予自己没有的权限：${beyond.join(", ")}`);
  }
  if (input.scopeUnitIds?.length) {
    const found = await ctx.tx.select({ id: units.id }).from(units).where(inArray(units.id, input.scopeUnitIds));
    if (found.length !== new Set(input.scopeUnitIds).size)
      throw new AppError("VALIDATION", "指定单位中有不存在的单位", [{ path: ["body", "scopeUnitIds"], message: "单位不存在" }]);
  }
  await ctx.tx
    .update(roles)
    .set({
      ...(input.permissions && { permissions: [...new Set(input.permissions)].sort() }),
      ...(input.dataScope && { dataScope: input.dataScope }),
      updatedAt: new Date(),
    })
    .where(eq(roles.code, code));
  if (input.scopeUnitIds) {
    await ctx.tx.delete(roleUnits).where(eq(roleUnits.roleCode, code));
    const ids = [...new Set(input.scopeUnitIds)];
    if (ids.length) await ctx.tx.insert(roleUnits).values(ids.map((unitId) => ({ roleCode: code, unitId })));
  }
  const after = (await listRoles(ctx.tx)).find((r) => r.code === code)!;
  await ctx.audit({ action: "role.update", businessType: "grant", entityType: "role", entityId: code, ...changedFields(before, after) });
  return after;
}
