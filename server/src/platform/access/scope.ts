import type { DataScope } from "@kaoping/core";
import { eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { units } from "../db/schema.ts";

/**
 * A user's effective data scope (数据权限), the union over their roles:
 * everything, or a set of unit ids, unit subtrees (by ancestors path) and,
 * for `self`, the records they created.
 */
export type UnitScope = { all: true } | { all: false; unitIds: string[]; pathPrefixes: string[]; self: boolean };

export interface ScopeRole {
  dataScope: DataScope;
  scopeUnitIds: string[];
}

/** Combines the roles' scopes for a user in `unit` (with its ancestors `unitPath`). */
export function resolveScope(roles: ScopeRole[], unitId: string, unitPath: string): UnitScope {
  if (roles.some((r) => r.dataScope === "all")) return { all: true };
  const unitIds = new Set<string>();
  const pathPrefixes = new Set<string>();
  let self = false;
  for (const role of roles) {
    if (role.dataScope === "custom") for (const id of role.scopeUnitIds) unitIds.add(id);
    if (role.dataScope === "unit") unitIds.add(unitId);
    if (role.dataScope === "unit_and_below") pathPrefixes.add(unitPath);
    if (role.dataScope === "self") self = true;
  }
  return { all: false, unitIds: [...unitIds], pathPrefixes: [...pathPrefixes], self };
}

/** A condition that is never true; `or()` of nothing. */
const NOTHING = sql`false`;

/** The condition on the units table itself: which units the scope reaches. */
export function unitsInScope(scope: UnitScope): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.unitIds.length) parts.push(inArray(units.id, scope.unitIds));
  for (const prefix of scope.pathPrefixes) parts.push(like(units.path, `${escapeLike(prefix)}%`));
  return parts.length ? or(...parts) : NOTHING;
}

/**
 * The where-clause builder for any table whose rows belong to a unit: rows of
 * units in scope, plus, for `self`, rows the user created. `undefined` = no filter.
 */
export function buildScopeWhere(scope: UnitScope, columns: { unitId: PgColumn; createdBy?: PgColumn }, userId: string): SQL | undefined {
  if (scope.all) return undefined;
  const parts: SQL[] = [];
  if (scope.unitIds.length) parts.push(inArray(columns.unitId, scope.unitIds));
  if (scope.pathPrefixes.length) {
    const subtree = or(...scope.pathPrefixes.map((p) => like(units.path, `${escapeLike(p)}%`)));
    parts.push(sql`${columns.unitId} in (select ${units.id} from ${units} where ${subtree})`);
  }
  if (scope.self && columns.createdBy) parts.push(eq(columns.createdBy, userId));
  return parts.length ? or(...parts) : NOTHING;
}

/**
 * The same condition with the scope as parameters (`scopeParams`), for
 * compiled queries: one statement text serves every scope, where
 * buildScopeWhere's text changes with it.
 */
export function scopeWhereParams(columns: { unitId: PgColumn; createdBy?: PgColumn }): SQL {
  const self = columns.createdBy ? sql` or ${columns.createdBy} = ${sql.placeholder("scopeSelf")}::uuid` : sql``;
  return sql`(${columns.unitId} = any(${sql.placeholder("scopeUnitIds")}::uuid[])
    or ${columns.unitId} in (select ${units.id} from ${units} where ${units.path} like any(${sql.placeholder("scopePaths")}::text[]))${self})`;
}

/** The values scopeWhereParams' placeholders take for a scope (not `all`: that needs no condition). */
export function scopeParams(scope: UnitScope & { all: false }, userId: string | null) {
  return {
    scopeUnitIds: scope.unitIds,
    scopePaths: scope.pathPrefixes.map((p) => `${escapeLike(p)}%`),
    scopeSelf: scope.self ? userId : null,
  };
}

/** In-memory form of the same rule, for one row already loaded. */
export function isUnitInScope(scope: UnitScope, unit: { id: string; path: string; createdBy?: string | null }, userId: string): boolean {
  if (scope.all) return true;
  if (scope.unitIds.includes(unit.id)) return true;
  if (scope.pathPrefixes.some((p) => unit.path.startsWith(p))) return true;
  return scope.self && unit.createdBy === userId;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
