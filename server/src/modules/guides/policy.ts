import { and, eq, or, type SQL } from "drizzle-orm";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { serviceItems } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";

/**
 * Which service items a principal sees: those of its department's units, and
 * those whose substantive elements its unit owns as line department. A unit
 * sees its own items only.
 */
export function itemScopeWhere(principal: Principal): SQL | undefined {
  if (principal.scope.all) return undefined;
  const userId = principal.id ?? "";
  return or(
    buildScopeWhere(principal.scope, { unitId: serviceItems.unitId }, userId),
    buildScopeWhere(principal.scope, { unitId: serviceItems.lineUnitId }, userId),
  );
}

export type ServiceItemRow = typeof serviceItems.$inferSelect;

/** The item when the principal sees it; NOT_FOUND otherwise, so another unit's item is not even confirmed. */
export async function loadVisibleItem(db: Db | Tx, principal: Principal, id: string): Promise<ServiceItemRow> {
  const [row] = await db
    .select()
    .from(serviceItems)
    .where(and(eq(serviceItems.id, id), itemScopeWhere(principal)));
  if (!row) throw notFound("办事事项");
  return row;
}
