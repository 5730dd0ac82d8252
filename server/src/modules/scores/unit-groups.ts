import { type Framework, ruleGroupCodes } from "@kaoping/core";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { unitGroupMembers, unitGroups } from "../../platform/db/schema.ts";

export interface RuleGroups {
  /** unit id → codes of the groups it belongs to, among those the rules name. */
  byUnit: Map<string, string[]>;
  /** group code → name, for the trace. */
  names: Record<string, string>;
}

/**
 * The members of the unit groups the framework's rules compare within (进驻单位), read live from
 * the organisation like every other fact of a running campaign; only a framework that names a
 * group pays for the query.
 */
export async function ruleGroupsOf(db: Db | Tx, framework: Framework, unitIds: string[]): Promise<RuleGroups> {
  const codes = ruleGroupCodes(framework);
  const groups: RuleGroups = { byUnit: new Map(), names: {} };
  if (!codes.length || !unitIds.length) return groups;
  const rows = await db
    .select({ code: unitGroups.code, name: unitGroups.name, unitId: unitGroupMembers.unitId })
    .from(unitGroups)
    .leftJoin(unitGroupMembers, and(eq(unitGroupMembers.groupId, unitGroups.id), inArray(unitGroupMembers.unitId, unitIds)))
    .where(inArray(unitGroups.code, codes));
  for (const row of rows) {
    groups.names[row.code] = row.name;
    if (row.unitId) groups.byUnit.set(row.unitId, [...(groups.byUnit.get(row.unitId) ?? []), row.code]);
  }
  return groups;
}
