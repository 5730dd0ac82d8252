import { ALL_PERMISSIONS, type DataScope, isPermission, type Permission, type RoleCode } from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
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

/** A role of a user as the principal query returns it. */
interface RoleRow {
  code: string;
  permissions: string[];
  dataScope: DataScope;
  unitIds: string[];
}

/**
 * The user's roles with permissions, data scope and custom scope units as one
 * JSON column, so a request resolves its principal in the same round trip as
 * its session (every /api request pays for this).
 */
const rolesJson = sql<RoleRow[]>`coalesce((
  select json_agg(json_build_object(
    'code', ${roles.code}, 'permissions', ${roles.permissions}, 'dataScope', ${roles.dataScope},
    'unitIds', coalesce((select json_agg(${roleUnits.unitId}) from ${roleUnits} where ${roleUnits.roleCode} = ${roles.code}), '[]'::json)
  ) order by ${roles.code})
  from ${userRoles} join ${roles} on ${roles.code} = ${userRoles.roleCode}
  where ${userRoles.userId} = ${users.id}), '[]'::json)`;

/** What to select, joined on `users` and its unit, to build a principal with `toPrincipal`. */
export const principalColumns = { user: users, unitName: units.name, unitPath: units.path, roles: rolesJson };

type PrincipalRow = { user: typeof users.$inferSelect; unitName: string; unitPath: string; roles: RoleRow[] };

/** The principal of a selected row; null when the user is disabled. */
export function toPrincipal(row: PrincipalRow): Principal | null {
  if (row.user.status !== "active") return null;
  const scope = resolveScope(
    row.roles.map((r) => ({ dataScope: r.dataScope, scopeUnitIds: r.unitIds })),
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
    roleCodes: row.roles.map((r) => r.code) as RoleCode[],
    mustChangePassword: row.user.mustChangePassword,
    permissions: new Set(row.roles.flatMap((r) => r.permissions).filter(isPermission)),
    scope,
  };
}

/** A user's principal by username (start-up tasks acting as a named person, e.g. the demo's office); null when absent or disabled. */
export async function loadPrincipal(db: Db | Tx, username: string): Promise<Principal | null> {
  const [row] = await db
    .select(principalColumns)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.username, username));
  return row ? toPrincipal(row) : null;
}
