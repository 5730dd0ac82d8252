import { caseFactLink, caseFactValues, caseMetrics, emptyCaseCounters, isCaseFactKey } from "@kaoping/core";
import { inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { units } from "../../platform/db/schema.ts";
import type { CampaignFactSource, FactSourceScope, UnitSourcedFacts } from "../scores/fact-sources.ts";
import { sumCaseRollups, sumCaseRollupsBy } from "./rollup-query.ts";

/**
 * 办件数据 for campaigns: the case facts (case.online_rate, case.avg_visits …) of each assessed
 * unit and its subtree over the campaign's period, from the rollups, each linked to the cases
 * behind it.
 */
export const caseFactSource: CampaignFactSource = {
  origin: "cases",
  answers: isCaseFactKey,
  async load(db, scope) {
    const counters = await caseCountersByUnit(db, scope);
    const byUnit = new Map<string, UnitSourcedFacts>();
    for (const { unitId } of scope.units) {
      const facts = caseFactValues(caseMetrics(counters.get(unitId) ?? emptyCaseCounters()), scope.keys);
      const links: Record<string, string> = {};
      for (const key of Object.keys(facts)) links[key] = caseFactLink(key, { unitId, from: scope.from, to: scope.to })!;
      byUnit.set(unitId, { facts, links });
    }
    return byUnit;
  },
};

/**
 * The summed counters per assessed unit with its whole subtree: one grouped query; a unit that
 * holds another assessed unit in its subtree (a district over its departments) is summed on its
 * own, since the grouped query gives each case to the deepest listed unit only.
 */
export async function caseCountersByUnit(db: Db | Tx, scope: Pick<FactSourceScope, "units" | "from" | "to">) {
  const unitIds = scope.units.map((u) => u.unitId);
  const period = { from: scope.from, to: scope.to };
  const grouped = await sumCaseRollupsBy(db, { unitIds, ...period }, "unit");
  const counters = new Map(grouped.map((g) => [g.key, g.counters]));
  const paths = await db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, unitIds));
  const nesting = paths.filter((a) => paths.some((b) => b.id !== a.id && b.path.startsWith(a.path)));
  for (const { id } of nesting) counters.set(id, await sumCaseRollups(db, { unitIds: [id], ...period }));
  return counters;
}
