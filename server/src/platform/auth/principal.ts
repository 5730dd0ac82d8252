import { ALL_PERMISSIONS, type DataScope, isPermission, type Permission, type RoleCode } from "@kaoping/core";
import { eq, inArray } from "drizzle-orm";
import { resolveScope, type UnitScope } from "../access/scope.ts";
import type { Actor } from "../audit/audit.ts";
import type { Db, Tx } from "../db/client.ts";
import { roles, roleUnits, units, userRoles, users } from "../db/schema.ts";

/** The signed-in user as every policy and scope filter sees it. */
export interface Principal {
  id: string | null;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  unitPath: string;
  roleCodes: RoleCode[];
  mustChangePassword: boolean;
  permissions: ReadonlySet<Permission>;
  scope: UnitScope;
}

/** The CLI and start-up tasks act as the system: every permission, every unit. */
export function systemPrincipal(name = "系统"): Principal {
  return {
    id: null,
    username: "system",
    displayName: name,
    unitId: null,
    unitName: null,
    unitPath: "/",
    roleCodes: [],
    mustChangePassword: false,
    permissions: new Set(ALL_PERMISSIONS),
    scope: { all: true },
  };
}

export function actorOf(principal: Principal, ip: string | null): Actor {
  return { id: principal.id, name: principal.displayName, unitId: principal.unitId, unitName: principal.unitName, ip };
}

/** Loads a user with roles, permissions and effective data scope; null when absent or disabled. */
export async function loadPrincipal(db: Db | Tx, userId: string): Promise<Principal | null> {
  const [row] = await db
    .select({ user: users, unitName: units.name, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  if (!row || row.user.status !== "active") return null;
  const roleRows = await db
    .select({ code: roles.code, permissions: roles.permissions, dataScope: roles.dataScope })
    .from(userRoles)
    .innerJoin(roles, eq(roles.code, userRoles.roleCode))
    .where(eq(userRoles.userId, userId));
  const codes = roleRows.map((r) => r.code);
  const scopeUnits = codes.length ? await db.select().from(roleUnits).where(inArray(roleUnits.roleCode, codes)) : [];
  const permissions = new Set(roleRows.flatMap((r) => r.permissions).filter(isPermission));
  const scope = resolveScope(
    roleRows.map((r) => ({
      dataScope: r.dataScope as DataScope,
      scopeUnitIds: scopeUnits.filter((u) => u.roleCode === r.code).map((u) => u.unitId),
    })),
    row.user.unitId,
    row.unitPath,
  );
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    unitId: row.user.unitId,
    unitName: row.unitName,
    unitPath: row.unitPath,
    roleCodes: codes as RoleCode[],
    mustChangePassword: row.user.mustChangePassword,
    permissions,
    scope,
  };
}
