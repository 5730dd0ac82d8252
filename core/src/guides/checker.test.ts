import { describe, expect, it } from "vitest";
import accuracyFramework from "../frameworks/seeds/guide-accuracy.json" with { type: "json" };
import { accuracyOf, checkGuide, failuresByElement, GUIDE_CHECKS, guideCheck, guideFacts } from "./checker.ts";
import { codeGaps, codeTableOf, countCodeGaps } from "./codes.ts";
import { GUIDE_ELEMENTS, type GuideElementId } from "./elements.ts";
import sample from "./fixtures/provincial-platform-guide.json" with { type: "json" };
import { serviceGuideSchema } from "./model.ts";
import { parseProvincialExport } from "./provincial.ts";

const [guide] = parseProvincialExport(sample, { source: "gx" }).guides;

describe("the checker on the real provincial sample (固定资产投资项目节能审查, 灵山县, 2019)", () => {
  it("finds what a careful reader finds, and nothing else", () => {
    const found = checkGuide(guide!).findings.map((f) => [f.checkId, f.severity, f.path]);
    expect(found).toEqual([
      // 联系电话 and 监督电话 are written “0777—6428820”: an em dash where the area code's “-” belongs.
      ["G-BASIC-25", "warning", "consultationPhone"],
      ["G-BASIC-25", "warning", "supervisionPhone"],
      // The second legal basis (the NPC decision amending the 节约能源法) names no article.
      ["G-BASIC-27", "error", "legalBases.1.article"],
      // The export carries the flowchart but no step rows: the stages are for a look at the chart (info),
      // not a missing process charged to the department (it was G-CONT-08, an error, before issue 13).
      ["G-CONT-35", "info", "steps"],
    ]);
  });

  it("charges the department nothing for codes the source's tables do not know: they are code gaps", () => {
    // The sample's wsblsd “6,1” and special_name “9” are codes the Guangxi README does not document.
    expect(codeGaps(guide!)).toEqual([
      { table: "specialKind", path: "specialProcedures.0.kind", code: "9" },
      { table: "onlineDepth", path: "onlineDepth", code: "6" },
    ]);
    // Read with tables that know nothing (a source nobody has described yet), every coded element is a gap,
    // and the result is the same findings as with the Guangxi tables but for what the unknown codes hid.
    const [blind] = parseProvincialExport(sample, { source: "zz" }).guides;
    expect(codeGaps(blind!).map((g) => `${g.table}:${g.path}:${g.code}`)).toEqual(
      expect.arrayContaining([
        "itemType:itemType:01",
        "caseType:caseType:2",
        "limitUnit:legalLimit.unit:1",
        "serviceObject:serviceObjects:2",
      ]),
    );
    const result = checkGuide(blind!);
    expect(result.elements).toMatchObject({ itemType: true, caseType: true, legalLimit: true, promisedLimit: true, serviceObjects: true });
    expect(result.findings.filter((f) => f.severity === "error").map((f) => f.checkId)).toEqual(["G-BASIC-27"]);
    // Each check still names the unknown code when run on its own (what the guide page shows).
    expect(guideCheck("G-BASIC-01")!.run(blind!)).toEqual([{ path: "itemType", detail: "未识别的代码：01" }]);
  });

  it("scores the share of passing elements and hands the engine facts", () => {
    const result = checkGuide(guide!);
    const elements = Object.keys(GUIDE_ELEMENTS).length;
    // Two elements fail: phone accuracy, legal basis.
    expect(accuracyOf([result])).toBeCloseTo((elements - 2) / elements, 10);
    expect(failuresByElement([result])).toMatchObject({ phoneAccuracy: 1, legalBasis: 1, processSteps: 0, location: 0 });
    const facts = guideFacts([result, result]);
    expect(facts).toMatchObject({ guides_checked: 2, guide_defects: 6, guide_failures_legalBasis: 2, guide_failures_hours: 0 });
    expect(facts.guide_accuracy).toBe(Math.round(((elements - 2) / elements) * 10_000) / 100);
    // A weight of 0 on the failing elements: the guide is then perfect.
    expect(accuracyOf([result], { phoneAccuracy: 0, legalBasis: 0 })).toBe(1);
  });

  it("fills every fact of the built-in 办事指南准确度 framework: guides failing each element", () => {
    const facts = guideFacts([checkGuide(guide!)]);
    for (const { key } of accuracyFramework.facts) expect(facts[key], key).toBeTypeOf("number");
    expect(facts).toMatchObject({
      "guide_defect.phone_accuracy": 1,
      "guide_defect.legal_basis": 1,
      "guide_defect.process_steps": 0,
      "guide_defect.location": 0,
    });
    const deadForm = {
      findings: [{ checkId: "G-LINK-01", element: "formLinks" as const, severity: "error" as const, path: "materials.0.sampleFormUrl" }],
      elements: { ...checkGuide(guide!).elements, formLinks: false },
    };
    expect(guideFacts([deadForm])).toMatchObject({ "guide_defect.sample_form_accuracy": 1, "guide_defect.blank_form_accuracy": 0 });
  });

  it("passes the element an info finding is on", () => {
    const result = checkGuide(serviceGuideSchema.parse({ ...guide, promisedLimit: { days: 5, unit: "calendar_day", note: "" } }));
    const info = result.findings.filter((f) => f.severity === "info");
    expect(info.map((f) => f.checkId)).toContain("G-CONT-29");
    expect(result.elements.promisedLimit).toBe(true);
  });
});

describe("the catalogue of checks", () => {
  it("has at least one check for every element of the checklist, ids unique, each explained", () => {
    const ids = GUIDE_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const covered = new Set(GUIDE_CHECKS.map((c) => c.element));
    const missing = (Object.keys(GUIDE_ELEMENTS) as GuideElementId[]).filter((e) => !covered.has(e));
    expect(missing).toEqual([]);
    for (const check of GUIDE_CHECKS) {
      expect(guideCheck(check.id)).toBe(check);
      expect(check.seed).toMatch(/^00[0-4]: /);
      expect(check.message.zh && check.message.en && check.fix.zh && check.fix.en).toBeTruthy();
    }
    expect(GUIDE_CHECKS.length).toBeGreaterThanOrEqual(40);
  });

  it("is pure: the same guide gives the same result, and the guide is not changed", () => {
    const before = JSON.stringify(guide);
    expect(checkGuide(guide!)).toEqual(checkGuide(guide!));
    expect(JSON.stringify(guide)).toBe(before);
  });
});

describe("Kaoping's own JSON", () => {
  it("round-trips a guide: export, import, the same guide and the same findings", () => {
    const again = serviceGuideSchema.parse(JSON.parse(JSON.stringify(guide)));
    expect(again).toEqual(guide);
    expect(checkGuide(again)).toEqual(checkGuide(guide!));
  });
});

describe("code gaps", () => {
  it("counts each missing code once per guide, per source and table, with where it stands and which guides", () => {
    const [one] = parseProvincialExport(sample, { source: "gx" }).guides;
    const two = { ...one!, name: "乙", unmappedCodes: { ...one!.unmappedCodes, "materials.0.media": "7", "materials.1.media": "7,8" } };
    const other = { ...one!, source: "zz", name: "丙", unmappedCodes: { charged: "2", fees: "AUDIT_CHARGE", itemType: "01" } };
    expect(countCodeGaps([one!, two, other])).toEqual([
      { source: "gx", table: "onlineDepth", code: "6", guides: 2, paths: ["onlineDepth"], examples: [one!.name, "乙"] },
      { source: "gx", table: "specialKind", code: "9", guides: 2, paths: ["specialProcedures.#.kind"], examples: [one!.name, "乙"] },
      { source: "gx", table: "medium", code: "7", guides: 1, paths: ["materials.#.media"], examples: ["乙"] },
      { source: "gx", table: "medium", code: "8", guides: 1, paths: ["materials.#.media"], examples: ["乙"] },
      // A yes/no flag and an unread section are no table's: they are not code gaps.
      { source: "zz", table: "itemType", code: "01", guides: 1, paths: ["itemType"], examples: ["丙"] },
    ]);
    expect(codeTableOf("fees")).toBeNull();
    expect(codeTableOf("situations.0.materials.2.type")).toBe("materialType");
  });
});
