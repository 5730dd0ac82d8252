import { eq } from "drizzle-orm";
import { isUnitInScope } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { units } from "../../platform/db/schema.ts";
import { forbidden, notFound } from "../../platform/errors.ts";
import type { UnitRow } from "./presenter.ts";

/** Whether the principal may see this unit (its data scope reaches it). */
export function canSeeUnit(principal: Principal, unit: Pick<UnitRow, "id" | "path" | "createdBy">): boolean {
  return isUnitInScope(principal.scope, unit, principal.id ?? "");
}

/**
 * Loads a unit the principal may see; otherwise NOT_FOUND, so another unit's
 * existence is not disclosed.
 */
export async function loadVisibleUnit(db: Db | Tx, principal: Principal, id: string): Promise<UnitRow> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  if (!row || !canSeeUnit(principal, row)) throw notFound("单位");
  return row;
}

/** A new root unit (no parent) needs the `all` data scope. */
export function assertCanCreateRoot(principal: Principal): void {
  if (!principal.scope.all) throw forbidden("只有全部数据权限的用户可以新增顶级单位");
}
