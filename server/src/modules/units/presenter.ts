import type { UnitKind, UnitStatus, UnitView } from "@kaoping/core";
import type { units } from "../../platform/db/schema.ts";

export type UnitRow = typeof units.$inferSelect;

export function presentUnit(row: UnitRow): UnitView {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as UnitKind,
    status: row.status as UnitStatus,
    isReference: row.isReference,
    sortOrder: row.sortOrder,
    path: row.path.split("/").filter(Boolean),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The fields an audit record keeps for a unit (no timestamps: the record has its own). */
export function auditUnit(row: UnitRow) {
  const { createdAt, updatedAt, createdBy, ...rest } = row;
  return rest;
}
