import type { GroupView } from "@kaoping/core";
import type { unitGroups } from "../../platform/db/schema.ts";

export type GroupRow = typeof unitGroups.$inferSelect;

export function presentGroup(row: GroupRow, ownerUnitName: string | null, memberCount: number): GroupView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    ownerUnitId: row.ownerUnitId,
    ownerUnitName,
    memberCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
