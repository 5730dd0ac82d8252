import fs from "node:fs";
import path from "node:path";
import {
  checkGuide,
  GUIDE_ELEMENTS,
  type GuideElementId,
  parseProvincialExport,
  type ServiceGuide,
  serviceGuideSchema,
} from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { ELEMENT_GROUPS, elementValue, groupElementChecks, isEmptyValue, limitText } from "./guide-elements.ts";
import type { FindingView } from "./guides-api.ts";

const fixture = path.resolve(import.meta.dirname, "../../../../core/src/guides/fixtures/provincial-platform-guide.json");
const [SAMPLE] = parseProvincialExport(JSON.parse(fs.readFileSync(fixture, "utf8")), { source: "gx" }).guides as [ServiceGuide];

/** The sample as the server presents its newest version: elements with pass/fail, findings with labels. */
function versionOf(guide: ServiceGuide) {
  const result = checkGuide(guide);
  return {
    elements: Object.entries(result.elements).map(([id, passes]) => ({ id: id as GuideElementId, passes })),
    findings: result.findings.map(
      (f): FindingView => ({ ...f, elementLabel: GUIDE_ELEMENTS[f.element].label, message: f.checkId, fix: "", seed: "" }),
    ),
  };
}

describe("grouping a version's checks by the checklist's groups", () => {
  const groups = groupElementChecks(versionOf(SAMPLE));

  it("keeps the checklist's group order and places every element once", () => {
    expect(groups.map((g) => g.group)).toEqual(ELEMENT_GROUPS);
    const ids = groups.flatMap((g) => g.elements.map((e) => e.id));
    expect(ids.sort()).toEqual(Object.keys(GUIDE_ELEMENTS).sort());
    // 网办深度 is declared last but belongs to 办理流程.
    expect(groups.find((g) => g.group === "办理流程")?.elements.map((e) => e.id)).toContain("onlineDepth");
  });

  it("puts each finding on its element, and marks the failing elements", () => {
    const basic = groups.find((g) => g.group === "基本信息")!.elements;
    const legal = basic.find((e) => e.id === "legalBasis")!;
    expect(legal).toMatchObject({ label: "设定依据", passes: false });
    expect(legal.findings.map((f) => `${f.checkId} ${f.path}`)).toEqual(["G-BASIC-27 legalBases.1.article"]);
    const phones = basic.find((e) => e.id === "phoneAccuracy")!;
    expect(phones.findings.map((f) => f.path)).toEqual(["consultationPhone", "supervisionPhone"]);
    expect(basic.find((e) => e.id === "consultationPhone")).toMatchObject({ passes: true, findings: [] });
  });
});

describe("an element's value in the guide", () => {
  it("shows lists as small tables with the columns of the element", () => {
    const legal = elementValue(SAMPLE, "legalBasis");
    expect(legal.kind).toBe("table");
    if (legal.kind !== "table") return;
    expect(legal.columns).toEqual(["name", "article", "text"]);
    expect(legal.rows[1]?.article).toBe("");
    const media = elementValue(SAMPLE, "materialMedium");
    expect(media).toMatchObject({
      kind: "table",
      columns: ["name", "media"],
      rows: [
        { name: "申请书", media: "原件" },
        { name: "节能报告", media: "原件" },
      ],
    });
  });

  it("labels codes in Chinese and states limits with their unit", () => {
    expect(elementValue(SAMPLE, "itemType")).toEqual({ kind: "text", lines: ["行政许可"] });
    expect(elementValue(SAMPLE, "caseType")).toEqual({ kind: "text", lines: ["承诺件"] });
    expect(limitText({ days: 5, unit: "working_day", note: "无" })).toBe("5 个工作日；无");
    expect(limitText({ days: 20, unit: null, note: "" })).toBe("20 日（未注明工作日或自然日）");
    expect(limitText({ days: null, unit: null, note: "" })).toBe("");
  });

  it("lists every phone the phone check reads, and says when nothing is filled in", () => {
    expect(elementValue(SAMPLE, "phoneAccuracy")).toEqual({
      kind: "text",
      lines: ["咨询电话：0777—6428820", "监督电话：0777—6428880", "办理地点电话：0777-6428820"],
    });
    const bare = serviceGuideSchema.parse({});
    expect(isEmptyValue(elementValue(bare, "processSteps"))).toBe(true);
    expect(isEmptyValue(elementValue(bare, "legalBasis"))).toBe(true);
    expect(elementValue(bare, "quantityLimit")).toEqual({ kind: "text", lines: ["未说明"] });
    expect(elementValue(bare, "text")).toEqual({ kind: "whole" });
  });

  it("has a value for every element of the checklist", () => {
    for (const id of Object.keys(GUIDE_ELEMENTS) as GuideElementId[]) expect(() => elementValue(SAMPLE, id)).not.toThrow();
  });
});

describe("what the 要素检查 tab shows a reader", () => {
  it("names uploaded files instead of showing their internal ids (attachment:…)", () => {
    expect(SAMPLE.flowchartUrl).toMatch(/^attachment:/);
    const shown = JSON.stringify((Object.keys(GUIDE_ELEMENTS) as GuideElementId[]).map((id) => elementValue(SAMPLE, id)));
    expect(shown).not.toContain("attachment:");
    expect(elementValue(SAMPLE, "flowchart")).toEqual({ kind: "text", lines: ["已上传附件（平台内文件）"] });
  });
});
