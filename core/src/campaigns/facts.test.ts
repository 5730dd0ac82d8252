import { describe, expect, it } from "vitest";
import type { Framework } from "../frameworks/schema.ts";
import gongshuSeed from "../frameworks/seeds/gongshu-2021.json" with { type: "json" };
import guideAccuracy from "../frameworks/seeds/guide-accuracy.json" with { type: "json" };
import { assembleFacts, type FindingRecord, ruleGroupCodes } from "./facts.ts";

const framework = guideAccuracy as unknown as Framework;

describe("guide facts in a campaign's input", () => {
  it("fills the facts the framework declares, lets a measurement win and names the checker as the source", () => {
    const { input, sources } = assembleFacts({
      framework,
      units: [{ code: "U" }],
      findings: [],
      measurements: [{ unitCode: "U", fact: "guide_defect.location", value: 5 }],
      deadlines: [],
      sourced: [
        {
          unitCode: "U",
          origin: "guide_check",
          facts: { "guide_defect.location": 1, "guide_defect.office_hours": 2, guide_accuracy: 97.1 },
        },
      ],
    });
    expect(input.facts.U!.values).toEqual({ "guide_defect.location": 5, "guide_defect.office_hours": 2 });
    expect(sources.U!["guide_defect.office_hours"]).toEqual({ fact: "guide_defect.office_hours", findingIds: [], auto: "guide_check" });
    expect(sources.U!["guide_defect.location"]).toEqual({ fact: "guide_defect.location", findingIds: [], measurement: true });
    // guide_accuracy is not declared by this framework: it is left out.
    expect(sources.U!.guide_accuracy).toBeUndefined();
  });
});

describe("findings of the Gongshu template's per-content and per-finding rules", () => {
  const gongshu = gongshuSeed as unknown as Framework;
  const finding = (id: string, ruleId: string, more: Partial<FindingRecord>): FindingRecord => ({
    id,
    unitCode: "U",
    ruleId,
    fact: null,
    sourceLevel: null,
    count: 1,
    points: null,
    description: `问题 ${id}`,
    ...more,
  });

  it("counts 同一宣传内容 findings by subject as well as in total, and keeps each 每发现一起 amount apart", () => {
    const { input, sources } = assembleFacts({
      framework: gongshu,
      units: [{ code: "U" }],
      findings: [
        finding("a", "gs-8.1-a1", { sourceLevel: "national", subject: "一件事" }),
        finding("b", "gs-8.1-a3", { sourceLevel: "city", subject: "一件事" }),
        finding("c", "gs-8.1-a4", { subject: "帮代办" }),
        finding("d", "gs-2.3.2-a", { points: "1" }),
        finding("e", "gs-2.3.2-a", { points: "2.5" }),
      ],
      measurements: [],
      deadlines: [],
    });
    const facts = input.facts.U!;
    expect(facts.bySubject).toEqual({
      一件事: { "reform_media_report@national": 1, "reform_media_report@city": 1 },
      帮代办: { reform_case_top: 1 },
    });
    expect(facts.values).toMatchObject({ "reform_media_report@national": 1, "reform_media_report@city": 1, reform_case_top: 1 });
    expect(facts.perFinding).toEqual({
      "gs-2.3.2-a": [
        { points: "1", reason: "问题 d" },
        { points: "2.5", reason: "问题 e" },
      ],
    });
    expect(facts.manual).toEqual({});
    expect(sources.U!["manual:gs-2.3.2-a"]!.findingIds).toEqual(["d", "e"]);
  });
});

describe("unit groups named by rules", () => {
  it("lists the groups the framework compares within: the Gongshu template's 进驻单位", () => {
    expect(ruleGroupCodes(gongshuSeed as unknown as Framework)).toEqual(["GS-G-STATIONED"]);
    expect(ruleGroupCodes(framework)).toEqual([]);
  });
});
