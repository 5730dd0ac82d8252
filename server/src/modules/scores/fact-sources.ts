import type { FactOrigin, Framework, SourcedFactsRecord } from "@kaoping/core";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { caseFactSource } from "../cases/fact-source.ts";
import { guideFactSource } from "../guides/fact-source.ts";
import { hotlineFactSource } from "../hotline/fact-source.ts";
import { ratingFactSource } from "../ratings/fact-source.ts";
import { supervisionFactSource } from "../supervision/fact-source.ts";

/** What a fact source is asked for: the campaign's units and the period its facts cover. */
export interface FactSourceScope {
  /** The assessed units (each stands for its subtree where the source counts records per unit). */
  units: readonly { unitId: string; code: string }[];
  /** yyyy-mm-dd, inclusive (campaignPeriod). */
  from: string;
  to: string;
  /** The keys the framework declares that this source answers. */
  keys: readonly string[];
}

/** One unit's values from a source, and per fact the link to the records behind it. */
export interface UnitSourcedFacts {
  facts: Record<string, number | boolean>;
  links?: Record<string, string>;
}

/**
 * A domain's facts for campaigns (STYLE.md: facts come from pluggable sources). The domain
 * module exports one; the scoring module knows only the list below. A source fills values
 * only: whether a measurement overrides them is decided in one place, assembleFacts.
 */
export interface CampaignFactSource {
  origin: FactOrigin;
  /** Whether this source answers a fact key (its keys or its prefix). */
  answers(key: string): boolean;
  /** The values per unit id; units without data are left out (no value, not 0). */
  load(db: Db | Tx, scope: FactSourceScope): Promise<Map<string, UnitSourcedFacts>>;
}

/** Every domain that feeds campaigns. */
export const FACT_SOURCES: readonly CampaignFactSource[] = [
  guideFactSource,
  caseFactSource,
  supervisionFactSource,
  ratingFactSource,
  hotlineFactSource,
];

/**
 * The automatic facts of a campaign's units from every registered source the framework
 * asks (a source none of whose keys are declared is not read at all).
 */
export async function loadSourcedFacts(
  db: Db | Tx,
  framework: Framework,
  scope: Omit<FactSourceScope, "keys">,
  sources: readonly CampaignFactSource[] = FACT_SOURCES,
): Promise<SourcedFactsRecord[]> {
  const declared = framework.facts.map((f) => f.key);
  const codeOf = new Map(scope.units.map((u) => [u.unitId, u.code]));
  const loaded = await queriesOn(
    db,
    sources.map((source) => async () => {
      const keys = declared.filter((key) => source.answers(key));
      if (!keys.length || !scope.units.length) return [];
      const byUnit = await source.load(db, { ...scope, keys });
      return [...byUnit].flatMap(([unitId, values]): SourcedFactsRecord[] => {
        const unitCode = codeOf.get(unitId);
        return unitCode ? [{ unitCode, origin: source.origin, ...values }] : [];
      });
    }),
  );
  return loaded.flat();
}
