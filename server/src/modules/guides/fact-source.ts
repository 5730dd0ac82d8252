import { isGuideFactKey } from "@kaoping/core";
import type { CampaignFactSource } from "../scores/fact-sources.ts";
import { guideFactsByUnit } from "./departments.ts";

/**
 * The service-guide checker's facts (guide_accuracy, guide_defect.<element> …) for campaigns:
 * each unit's items' newest online versions, as they stand now (guides have no period).
 */
export const guideFactSource: CampaignFactSource = {
  origin: "guide_check",
  answers: isGuideFactKey,
  async load(db, scope) {
    const facts = await guideFactsByUnit(
      db,
      scope.units.map((u) => u.unitId),
    );
    // Every guide fact leads to the departments' guide accuracy, where the unit's defects open.
    const links = Object.fromEntries(scope.keys.map((key) => [key, "/guides/departments"]));
    return new Map([...facts].map(([unitId, values]) => [unitId, { facts: values, links }]));
  },
};
