import { eq } from "drizzle-orm";
import { buildScopeWhere, isUnitInScope } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { units, users } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { UserRow } from "./presenter.ts";

/** Users visible to the principal: those of units in scope; with `self`, the principal's own account. */
export function usersInScope(principal: Principal) {
  return buildScopeWhere(principal.scope, { unitId: users.unitId, createdBy: users.id }, principal.id ?? "");
}

/** Loads a user the principal may see and manage; NOT_FOUND otherwise. */
export async function loadVisibleUser(db: Db | Tx, principal: Principal, id: string): Promise<UserRow & { unitPath: string }> {
  const [row] = await db
    .select({ user: users, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id));
  const visible =
    row &&
    (isUnitInScope(principal.scope, { id: row.user.unitId, path: row.unitPath }, "") ||
      (!principal.scope.all && principal.scope.self && row.user.id === principal.id));
  if (!row || !visible) throw notFound("用户");
  return { ...row.user, unitPath: row.unitPath };
}
