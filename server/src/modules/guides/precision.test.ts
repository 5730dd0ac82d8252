import { GUIDE_CHECKS, type GuideCheck, guideCheck } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { measurePrecision } from "./precision.ts";

describe("the guide checker's precision (docs/guides.md)", () => {
  it("raises on the real sample and 200 generated guides only errors a department accepts", () => {
    const report = measurePrecision(200);
    expect(report.suspects).toEqual([]);
    expect(report.precision).toBe(1);
    expect(report.guides).toBe(201);
    // Every planted defect shows, and the sample's reviewed error on the guides keeping its legal bases.
    expect(Object.keys(report.errorsByCheck)).toEqual([
      "G-BASIC-11",
      "G-BASIC-22",
      "G-BASIC-27",
      "G-CONT-03",
      "G-CONT-09",
      "G-CONT-20",
      "G-CONT-24",
      "G-CONT-28",
    ]);
    // The sample's codes the Guangxi README does not document are the office's gaps, in every guide.
    expect(report.codeGaps.map((g) => [g.table, g.code, g.guides])).toEqual([
      ["onlineDepth", "6", 201],
      ["specialKind", "9", 201],
    ]);
  });

  it("names an error no reviewer accepted: the process missing where the export gives a flowchart (G-CONT-08 before issue 13)", () => {
    const old08: GuideCheck = {
      ...guideCheck("G-CONT-08")!,
      id: "G-CONT-08-OLD",
      run: (g) => (g.steps.length === 0 ? [{ path: "steps", detail: "0 steps" }] : []),
    };
    const report = measurePrecision(5, [...GUIDE_CHECKS, old08]);
    expect(report.suspects).toEqual([{ guide: "固定资产投资项目节能审查", checkId: "G-CONT-08-OLD", path: "steps", detail: "0 steps" }]);
    expect(report.precision).toBeLessThan(1);
  });

  it("names an error on a generated guide that no planted defect explains", () => {
    const noisy: GuideCheck = {
      ...guideCheck("G-BASIC-26")!,
      id: "NOISY",
      run: (g) => (g.name.endsWith("（3）") ? [{ path: "name" }] : []),
    };
    const report = measurePrecision(5, [...GUIDE_CHECKS, noisy]);
    expect(report.suspects.map((s) => [s.guide, s.checkId])).toEqual([["固定资产投资项目节能审查（3）", "NOISY"]]);
  });
});
