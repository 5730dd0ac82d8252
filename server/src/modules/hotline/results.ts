import type { HotlineResultsQuery, HotlineResultsView } from "@kaoping/core";
import type { QueryContext } from "../../platform/http/command.ts";
import { unitsForCases } from "../cases/policy.ts";
import { roundsOfPeriod, roundView, unitResults } from "./rounds.ts";

/**
 * 接通率 per round of a period and unit: where a campaign fact's link lands. With a unit, its subtree's
 * calls only (the caller's scope still applies: a liaison sees its own unit whatever it asks).
 */
export async function hotlineResults(qctx: QueryContext, query: HotlineResultsQuery): Promise<HotlineResultsView> {
  const within = query.unitId ? new Set(await unitsForCases(qctx.db, qctx.principal, query.unitId)) : null;
  const rounds = await roundsOfPeriod(qctx, query);
  return {
    rounds: rounds.map(({ round, tallies }) => {
      const mine = within ? tallies.filter((t) => within.has(t.unit_id)) : tallies;
      return { ...roundView(round, mine), units: unitResults(mine) };
    }),
  };
}
