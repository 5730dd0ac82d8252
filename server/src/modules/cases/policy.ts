import { and, eq, like, type SQL, sql } from "drizzle-orm";
import { buildScopeWhere, unitsInScope } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { cases, units } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";

/**
 * Which units' cases a request counts: the asked unit's subtree (every unit when none is asked),
 * cut down to the principal's data scope. A unit outside the scope is NOT_FOUND, so another
 * unit's figures are not even confirmed to exist. A liaison (scope `unit`) gets their unit only;
 * a leader (`unit_and_below`) their subtree.
 */
export async function unitsForCases(db: Db | Tx, principal: Principal, unitId?: string): Promise<string[]> {
  const scope = unitsInScope(principal.scope);
  let subtree: SQL | undefined;
  if (unitId) {
    const [unit] = await db
      .select({ path: units.path })
      .from(units)
      .where(and(eq(units.id, unitId), scope));
    if (!unit) throw notFound("单位");
    subtree = like(units.path, `${unit.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const rows = await db.select({ id: units.id }).from(units).where(and(subtree, scope));
  return rows.map((r) => r.id);
}

/** The condition that a case row (table `cases`) is in the principal's scope. */
export function caseScopeWhere(principal: Principal): SQL | undefined {
  return buildScopeWhere(principal.scope, { unitId: cases.unitId }, principal.id ?? "");
}

export const caseKeyWhere = (key: { regionCode: string; sourceCode: string; caseNo: string }) =>
  sql`${cases.regionCode} = ${key.regionCode} and ${cases.sourceCode} = ${key.sourceCode} and ${cases.caseNo} = ${key.caseNo}`;
