import { eq, isNull, or, type SQL } from "drizzle-orm";
import { buildScopeWhere, isUnitInScope } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { unitGroups, units } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { GroupRow } from "./presenter.ts";

/** A group belongs to its owner unit: visible when that unit is in scope; a group without owner is organisation-wide. */
export function groupsInScope(principal: Principal): SQL | undefined {
  const owned = buildScopeWhere(principal.scope, { unitId: unitGroups.ownerUnitId, createdBy: unitGroups.createdBy }, principal.id ?? "");
  return owned && or(isNull(unitGroups.ownerUnitId), owned);
}

export async function loadVisibleGroup(db: Db | Tx, principal: Principal, id: string): Promise<GroupRow> {
  const [row] = await db
    .select({ group: unitGroups, ownerPath: units.path })
    .from(unitGroups)
    .leftJoin(units, eq(units.id, unitGroups.ownerUnitId))
    .where(eq(unitGroups.id, id));
  const visible =
    row &&
    (!row.group.ownerUnitId ||
      isUnitInScope(
        principal.scope,
        { id: row.group.ownerUnitId, path: row.ownerPath ?? "", createdBy: row.group.createdBy },
        principal.id ?? "",
      ));
  if (!row || !visible) throw notFound("单位分组");
  return row.group;
}
