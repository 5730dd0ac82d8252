import type { Paged, RoleCode, UserView, userListQuerySchema } from "@kaoping/core";
import { and, asc, count, eq, ilike, inArray, like, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { units, userRoles, users } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { loadVisibleUnit } from "../units/policy.ts";
import { loadVisibleUser, usersInScope } from "./policy.ts";
import { presentUser } from "./presenter.ts";

export type UserListQuery = z.infer<typeof userListQuerySchema>;

async function rolesByUser(ctx: QueryContext, ids: string[]): Promise<Map<string, RoleCode[]>> {
  const map = new Map<string, RoleCode[]>();
  if (!ids.length) return map;
  const rows = await ctx.db.select().from(userRoles).where(inArray(userRoles.userId, ids));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.roleCode as RoleCode]);
  return map;
}

/** Users in the principal's scope; `unitId` narrows to that unit's subtree. */
export async function listUsers(ctx: QueryContext, query: UserListQuery): Promise<Paged<UserView>> {
  const parts: (SQL | undefined)[] = [usersInScope(ctx.principal)];
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)));
  }
  if (query.status) parts.push(eq(users.status, query.status));
  if (query.roleCode) {
    parts.push(inArray(users.id, ctx.db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.roleCode, query.roleCode))));
  }
  if (query.unitId) {
    const unit = await loadVisibleUnit(ctx.db, ctx.principal, query.unitId);
    parts.push(like(units.path, `${unit.path}%`));
  }
  const where = and(...parts);
  const [total] = await ctx.db.select({ n: count() }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(where);
  const rows = await ctx.db
    .select({ user: users, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(where)
    .orderBy(asc(users.username))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const roles = await rolesByUser(
    ctx,
    rows.map((r) => r.user.id),
  );
  return { total: total?.n ?? 0, rows: rows.map((r) => presentUser(r.user, r.unitName, roles.get(r.user.id) ?? [])) };
}

export async function getUser(ctx: QueryContext, id: string): Promise<UserView> {
  const user = await loadVisibleUser(ctx.db, ctx.principal, id);
  const [unit] = await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, user.unitId));
  const roles = await rolesByUser(ctx, [id]);
  return presentUser(user, unit?.name ?? "", roles.get(id) ?? []);
}
