import { describe, expect, it } from "vitest";
import { checkGuide } from "./checker.ts";
import { diffGuides } from "./diff.ts";
import { guideFieldLabel, guideLinkText, isLabelledPath } from "./field-labels.ts";
import sample from "./fixtures/provincial-platform-guide.json" with { type: "json" };
import { type ServiceGuide, serviceGuideSchema } from "./model.ts";
import { parseProvincialExport } from "./provincial.ts";

const real = () => parseProvincialExport(JSON.parse(JSON.stringify(sample)), { source: "gx" }).guides[0]!;

/** A guide with every part the checks look into filled badly: each check has something to say. */
function broken(): ServiceGuide {
  const g = real();
  return serviceGuideSchema.parse({
    ...g,
    itemType: null,
    caseType: null,
    serviceObjects: [],
    legalLimit: { days: 20, unit: null, note: "" },
    promisedLimit: { days: 30, unit: "calendar_day", note: "" },
    consultationPhone: "12345",
    supervisionPhone: "电话",
    acceptanceConditions: "符合条件",
    materials: [{ ...g.materials[0]!, name: "其他相关材料", originals: null, copies: null, media: [], source: "", blankFormUrl: null }],
    steps: [{ name: "受理", actor: "", limit: { days: null, unit: null, note: "" }, criteria: "" }],
    locations: [{ address: "政务服务中心", window: "", hours: "", phone: "" }],
    legalBases: [{ name: "", article: "", text: "" }],
    specialProcedures: [{ name: "", kind: null, limit: { days: null, unit: null, note: "" }, note: "" }],
    fees: [{ name: "", standard: "", basis: "" }],
    charged: true,
    situations: [{ name: "", condition: "", materials: [], steps: [] }],
    flowchartUrl: null,
  });
}

describe("guide field labels", () => {
  it("names every path a check or a diff reports in Chinese (no field key reaches the reader)", () => {
    const paths = [
      ...[real(), broken()].flatMap((g) => checkGuide(g).findings.map((f) => f.path)),
      ...diffGuides(real(), broken()).map((d) => d.path),
    ];
    expect(paths.length).toBeGreaterThan(20);
    for (const path of new Set(paths)) {
      expect(isLabelledPath(path), path).toBe(true);
      // Keyed entries quote the guide's own text (a material's name may hold Latin letters); the labels around them may not.
      expect(guideFieldLabel(path).replace(/“[^”]*”/g, ""), path).not.toMatch(/[A-Za-z]/);
    }
  });

  it("keeps field paths out of the checks' details too (the where is the labelled path)", () => {
    const details = [real(), broken()].flatMap((g) => checkGuide(g).findings.flatMap((f) => (f.detail ? [f.detail] : [])));
    expect(details.length).toBeGreaterThan(10);
    for (const detail of details) expect(detail, detail).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*(\.\d+)?\.[a-z]|\b[a-z][A-Za-z]*\.\d+\b/);
  });

  it("reads a nested path field by field, list positions counted from 1", () => {
    expect(guideFieldLabel("legalLimit.unit")).toBe("法定办结时限 · 单位（工作日/自然日）");
    expect(guideFieldLabel("materials.0.blankFormUrl")).toBe("申请材料第1项 · 空表");
    expect(guideFieldLabel("situations.1.steps.2.limit.days")).toBe("办理情形第2项 · 办理流程第3项 · 时限 · 天数");
    expect(guideFieldLabel("locations[政务服务中心].phone")).toBe("办理地点“政务服务中心” · 电话");
    expect(guideFieldLabel("")).toBe("");
  });

  it("names an uploaded file instead of showing its internal id, and leaves a real link as it is", () => {
    const flowchart = real().flowchartUrl!;
    expect(flowchart).toMatch(/^attachment:/);
    expect(guideLinkText(flowchart)).toBe("已上传附件（平台内文件）");
    expect(guideLinkText("http://qzls.zwfw.gxzf.gov.cn/")).toBe("http://qzls.zwfw.gxzf.gov.cn/");
    expect(guideLinkText(null)).toBe("");
  });
});
