import { groupBy, hotlineFactLevel, hotlineFactLink, hotlineRate, isHotlineFactKey, lowestRate } from "@kaoping/core";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { hotlineCalls, hotlineRounds, units } from "../../platform/db/schema.ts";
import { inSubtreeOf, subtreeRoot } from "../cases/rollup-query.ts";
import type { CampaignFactSource, UnitSourcedFacts } from "../scores/fact-sources.ts";

/**
 * 接通率 for campaigns (core/src/hotline/facts.ts): per assessed unit and its subtree (one query for all), the 接通率 of
 * each round of a level whose first day falls in the campaign's period — the lowest where a level
 * checked more than once; a level that rang none of the unit's numbers gives no value.
 */
export const hotlineFactSource: CampaignFactSource = {
  origin: "hotline",
  answers: isHotlineFactKey,
  async load(db, scope) {
    const keys = scope.keys.filter(isHotlineFactKey);
    const rows = await db
      .select({ rootId: subtreeRoot.id, roundId: hotlineCalls.roundId, level: hotlineRounds.level, outcome: hotlineCalls.outcome })
      .from(hotlineCalls)
      .innerJoin(hotlineRounds, eq(hotlineRounds.id, hotlineCalls.roundId))
      .innerJoin(units, eq(units.id, hotlineCalls.unitId))
      .innerJoin(subtreeRoot, inSubtreeOf(scope.units.map((u) => u.unitId)))
      .where(
        and(
          sql`${hotlineRounds.fromDate} between ${scope.from} and ${scope.to}`,
          inArray(hotlineRounds.level, keys.map(hotlineFactLevel)),
          isNotNull(hotlineCalls.outcome),
        ),
      );
    const byRoot = groupBy(rows, (r) => r.rootId);
    const byUnit = new Map<string, UnitSourcedFacts>();
    for (const { unitId } of scope.units) {
      const ofUnit = byRoot.get(unitId) ?? [];
      const facts: Record<string, number> = {};
      const links: Record<string, string> = {};
      for (const key of keys) {
        const ofLevel = ofUnit.filter((r) => r.level === hotlineFactLevel(key));
        const rounds = [...new Set(ofLevel.map((r) => r.roundId))];
        const rate = lowestRate(
          rounds.map((id) => hotlineRate(ofLevel.filter((r) => r.roundId === id).map((r) => r.outcome as never)).rate),
        );
        if (rate === undefined) continue;
        facts[key] = rate;
        links[key] = hotlineFactLink(key, { unitId, from: scope.from, to: scope.to });
      }
      if (Object.keys(facts).length) byUnit.set(unitId, { facts, links });
    }
    return byUnit;
  },
};
