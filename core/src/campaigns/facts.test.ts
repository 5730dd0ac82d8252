import { describe, expect, it } from "vitest";
import type { Framework } from "../frameworks/schema.ts";
import guideAccuracy from "../frameworks/seeds/guide-accuracy.json" with { type: "json" };
import { assembleFacts } from "./facts.ts";

const framework = guideAccuracy as unknown as Framework;

describe("guide facts in a campaign's input", () => {
  it("fills the facts the framework declares, lets a measurement win and names the checker as the source", () => {
    const { input, sources } = assembleFacts({
      framework,
      units: [{ code: "U" }],
      findings: [],
      measurements: [{ unitCode: "U", fact: "guide_defect.location", value: 5 }],
      deadlines: [],
      guides: [{ unitCode: "U", facts: { "guide_defect.location": 1, "guide_defect.office_hours": 2, guide_accuracy: 97.1 } }],
    });
    expect(input.facts.U!.values).toEqual({ "guide_defect.location": 5, "guide_defect.office_hours": 2 });
    expect(sources.U!["guide_defect.office_hours"]).toEqual({ fact: "guide_defect.office_hours", findingIds: [], auto: "guide_check" });
    expect(sources.U!["guide_defect.location"]).toEqual({ fact: "guide_defect.location", findingIds: [], measurement: true });
    // guide_accuracy is not declared by this framework: it is left out.
    expect(sources.U!.guide_accuracy).toBeUndefined();
  });
});
