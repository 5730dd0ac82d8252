import { describe, expect, it } from "vitest";
import demo from "../../../../server/src/modules/demo/demo-units.json" with { type: "json" };
import { compileFramework, scoreFramework } from "../engine.ts";
import type { UnitFacts } from "../engine-types.ts";
import { DEFAULT_STAR_BANDS, type Framework, frameworkSchema, type Indicator } from "../schema.ts";
import { validateFramework } from "../validate.ts";
import changningJson from "./changning-2019.json" with { type: "json" };
import guideJson from "./guide-accuracy.json" with { type: "json" };
import shanghaiJson from "./shanghai-2021.json" with { type: "json" };

const changning = frameworkSchema.parse(changningJson);
const shanghai = frameworkSchema.parse(shanghaiJson);
const guide = frameworkSchema.parse(guideJson);

/** Nodes with their depth (1 = 一级). */
function nodes(framework: Framework): { node: Indicator; level: number }[] {
  const out: { node: Indicator; level: number }[] = [];
  const visit = (node: Indicator, level: number) => {
    out.push({ node, level });
    for (const child of node.children ?? []) visit(child, level + 1);
  };
  for (const top of framework.indicators) visit(top, 1);
  return out;
}
const atLevel = (framework: Framework, level: number) => nodes(framework).filter((n) => n.level === level);
const byCode = (framework: Framework, code: string) => nodes(framework).find((n) => n.node.code === code)!.node;
/** The indicators scored from 办件数据 (changning-cases.test.ts computes each by hand). */
const CASE_SCORED = ["5.1.1", "5.1.2", "5.2.1", "5.2.4", "6.2.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.7"];
const knownUnitCodes = new Set([...demo.units.map((u) => u.code), ...demo.groups.map((g) => g.code)]);

describe("Changning 2019 (seed 000) — 绩效评估指标体系责任分解表", () => {
  it("parses and has 6 first-level, 21 second-level, 88 third-level indicators (+8 rows under 三级“其他”)", () => {
    expect(changning.code).toBe("changning-yiwangtongban");
    expect(changning.year).toBe(2019);
    expect(atLevel(changning, 1).map((n) => n.node.name)).toEqual([
      "服务方式完备度",
      "服务事项覆盖度",
      "办事指南准确度",
      "在线办理成熟度",
      "在线服务成效度",
      '政务服务"好差评"',
    ]);
    expect(atLevel(changning, 2)).toHaveLength(21);
    expect(atLevel(changning, 3)).toHaveLength(88);
    // 三级 per 一级: 4 + 10 + 30 + 15 + 13 + 16
    expect(changning.indicators.map((top) => top.children!.reduce((n, c) => n + c.children!.length, 0))).toEqual([4, 10, 30, 15, 13, 16]);
    const other = byCode(changning, "6.2.10");
    expect(other.name).toBe("其他");
    expect(other.children).toHaveLength(8);
    expect(atLevel(changning, 4)).toHaveLength(8);
  });

  it("codes are unique; the table has no points: only the indicators scored from 办件数据 have (presumed) points and rules", () => {
    const all = nodes(changning);
    expect(new Set(all.map((n) => n.node.code)).size).toBe(all.length);
    const scored = all.filter((n) => n.node.points !== undefined || n.node.rules !== undefined).map((n) => n.node.code);
    expect(scored).toEqual(CASE_SCORED);
    expect(changning.facts.every((f) => f.key.startsWith("case."))).toBe(true);
  });

  it("every row (leaf) has its 评估要点, responsible units, milestone and either a 2018 result or 新指标", () => {
    const leaves = nodes(changning).filter((n) => !n.node.children?.length);
    expect(leaves).toHaveLength(95);
    for (const { node } of leaves) {
      expect(node.assessmentPoint, node.code).toBeTruthy();
      expect(node.responsible?.lead.length, node.code).toBe(1);
      expect(node.responsible?.text, node.code).toBeTruthy();
      expect(node.milestone, node.code).toBeTruthy();
      if (node.isNew) expect(node.lastResult, node.code).toBeUndefined();
      else expect(["★", "★★", "★★★"], node.code).toContain(node.lastResult);
    }
    // 新指标 rows: 41 of 95 (the seed's table has 42 “新指标”, one in the 2.3.2 row repeated after a page break)
    expect(leaves.filter((n) => n.node.isNew)).toHaveLength(41);
  });

  it("every responsible code exists in demo-units.json (a Changning unit under 310105 or a CN group)", () => {
    const units = new Map(demo.units.map((u) => [u.code, u]));
    const groups = new Set(demo.groups.map((g) => g.code));
    const codes = nodes(changning).flatMap((n) => [...(n.node.responsible?.lead ?? []), ...(n.node.responsible?.co ?? [])]);
    expect(codes.length).toBeGreaterThan(95);
    for (const code of codes) {
      if (code.startsWith("CN-G-")) expect(groups.has(code), code).toBe(true);
      else expect(units.get(code)?.code.startsWith("310105-"), code).toBe(true);
    }
  });

  it("reads responsible units as written: first named leads, group names map to groups, split cells joined", () => {
    // 区审改办、全区39家责任单位
    expect(byCode(changning, "2.2.1").responsible).toMatchObject({ lead: ["310105-O02"], co: ["CN-G-RESP"] });
    // 区审计局、区信访办、区司法局
    expect(byCode(changning, "6.2.10.2").responsible).toMatchObject({ lead: ["310105-D31"], co: ["310105-D32", "310105-D02"] });
    // “区金融” + “办” across a page break; 20 named units + 各街镇 (no code)
    const window = byCode(changning, "2.3.2").responsible!;
    expect(window.text).toContain("区公安分局、区金融办、区建设管理委");
    expect(window.text).toContain("各街镇(以下简称“全区30家窗口部门”)");
    expect([...window.lead, ...window.co]).toHaveLength(20);
    expect(window.co).toContain("310105-D20"); // 区金融办
    // “区教育” + “局”: the 28 units the seed abbreviates as 全区28家在线办事部门
    const online = byCode(changning, "3.1.1").responsible!;
    expect(online.text).toContain("区财政局、区教育局、区文化旅游局");
    const members = demo.groups.find((g) => g.code === "CN-G-ONLINE")!.memberCodes;
    expect([...online.lead, ...online.co].sort()).toEqual([...members].sort());
    // merged cells are carried down from the row above
    expect(byCode(changning, "3.1.3").responsible).toMatchObject({ lead: ["CN-G-ONLINE"], co: [] });
    expect(byCode(changning, "4.3.3").responsible).toMatchObject({ lead: ["310105-C02"], co: [] });
  });

  it("no header row or page-break repetition survives the cleaning", () => {
    const text = JSON.stringify(changningJson);
    expect(text).not.toContain("一级指标二级指标");
    expect(text).not.toContain("区金融新指标");
    // the 2.3.2 and 3.1.1 rows were repeated after a page break: one row each, text once
    expect(text.split("评估窗口设立单窗数量")).toHaveLength(2);
    expect(text.split("评估是否明确标注所属事项类型")).toHaveLength(2);
  });

  it("dueDates are valid dates of 2019 parsed from the milestone, and only where it names one", () => {
    const lastDay: Record<string, string> = { "6": "2019-06-30", "7": "2019-07-31", "8": "2019-08-31", "9": "2019-09-30" };
    let dated = 0;
    for (const { node } of nodes(changning)) {
      const month = node.milestone?.match(/(\d+)月底前/)?.[1];
      if (month === undefined) {
        expect(node.dueDate, node.code).toBeUndefined();
        continue;
      }
      dated++;
      expect(node.dueDate, node.code).toBe(lastDay[month]);
      const date = new Date(`${node.dueDate}T00:00:00Z`);
      expect(date.toISOString().slice(0, 10)).toBe(node.dueDate);
    }
    expect(dated).toBe(49);
    expect(byCode(changning, "2.3.5")).toMatchObject({ milestone: "7月底前完成", dueDate: "2019-07-31" });
    expect(byCode(changning, "5.1.1")).toMatchObject({ milestone: "8月底前总评估,期间执行定期通报制度", dueDate: "2019-08-31" });
    expect(byCode(changning, "1.1.1")).toMatchObject({ milestone: "已完成,需各责任部门长期维护", lastResult: "★" });
    expect(byCode(changning, "1.1.1").dueDate).toBeUndefined();
  });

  it("uses the seed's star bands (★★★ 1–4, ★★ 5–9, ★ 10–16 of 16 districts); without case data the case-scored indicators are 暂定", () => {
    expect(changning.starBands).toEqual(DEFAULT_STAR_BANDS);
    const result = scoreFramework(compileFramework(changning), { units: [{ code: "310105" }], facts: {} });
    // 10 indicators × 5 presumed points, kept while their case facts are missing (暂定), nothing else scored.
    expect(result.units[0]!.total).toBe("50");
    expect(result.units[0]!.pending).toEqual([]);
    expect(result.units[0]!.missing.map((m) => m.indicatorCode).sort()).toEqual([...CASE_SCORED, "6.2.7"].sort());
  });
});

describe("validation of the three templates", () => {
  it("Changning and the guide framework validate cleanly (all responsible units known)", () => {
    expect(validateFramework(changningJson, { knownUnitCodes })).toEqual({ errors: [], warnings: [] });
    expect(validateFramework(guideJson, { knownUnitCodes })).toEqual({ errors: [], warnings: [] });
  });
  it("Shanghai: the seed's “5个维度” over four named dimensions is reported, nothing else", () => {
    const report = validateFramework(shanghaiJson, { knownUnitCodes });
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => [w.at, w.code])).toEqual([["2", "declared_children"]]);
  });
});

describe("Shanghai 2021 (seed 003) — 第三方调查评估", () => {
  it("parses, in simplified characters without pinyin glosses", () => {
    expect(shanghai.code).toBe("shanghai-third-party-evaluation");
    expect(shanghai.year).toBe(2021);
    const text = JSON.stringify(shanghaiJson);
    expect(text).not.toMatch(/[網辦評價區單數據線務維]/);
    expect(text).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/);
  });

  it("has the 3 aspects with the seed's declared dimension counts; 线上线下融合度 names only 4 of its declared 5", () => {
    expect(shanghai.indicators.map((a) => [a.name, a.declaredChildren, a.children?.length])).toEqual([
      ["网上政务服务能力评估", 5, 5],
      ["线上线下融合度", 5, 4],
      ["数据治理应用", 6, 6],
    ]);
    expect(byCode(shanghai, "2").children!.map((d) => d.name)).toEqual(["政务服务标准化", "融合服务能力", "服务拓展", "宣传推广"]);
    expect(byCode(shanghai, "3").children!.map((d) => d.name)).toEqual([
      "数据汇聚",
      "数据共享",
      "数据治理",
      "数据安全",
      "专项工作",
      "电子证照情况",
    ]);
    // declared indicator counts per aspect (43 / 10 / 13) are kept in the seed's text
    expect(byCode(shanghai, "1").scoringText).toContain("5个维度进行评估,共43项指标");
    expect(byCode(shanghai, "2").scoringText).toContain("5个维度进行评估,共10项指标");
    expect(byCode(shanghai, "3").scoringText).toContain("6个维度进行评估,共13项指标");
  });

  it("dimensions are leaves without invented indicators, points or rules", () => {
    for (const { node, level } of nodes(shanghai)) {
      expect(node.points).toBeUndefined();
      expect(node.rules).toBeUndefined();
      if (level === 2) {
        expect(node.children).toBeUndefined();
        expect(node.notes).toContain("未列出本维度的具体指标");
      }
    }
    expect(nodes(shanghai)).toHaveLength(3 + 15);
  });

  it("states 66 indicators (63 city bodies, 54 districts), the assessed and reference units and the phases", () => {
    expect(shanghai.categories).toEqual([
      { code: "district", label: "区政府" },
      { code: "city_body", label: "市级部门" },
    ]);
    const d = shanghai.description!;
    expect(d).toContain("共66项评估指标(其中,市级评估指标63项,区级评估指标54项)");
    expect(d).toContain("16个区政府");
    expect(d).toContain("评估单位33家");
    expect(d).toContain("参照评估单位15家");
    expect(d).toContain("2021年11月30日");
    expect(d).toContain("统计评分(2021年12月)");
    expect(d).toContain("分析报告(2022年2月)");
    // every assessed and reference city body of the demo data is named
    for (const group of ["SH-G-ASSESSED", "SH-G-REFERENCE"]) {
      const members = demo.groups.find((g) => g.code === group)!.memberCodes;
      for (const code of members) {
        const unit = demo.units.find((u) => u.code === code)!;
        expect(d, unit.shortName).toContain(unit.shortName);
      }
    }
  });
});

describe("办事指南准确度 (seeds 000 + 002) — guide checker framework", () => {
  const compiled = compileFramework(guide);
  const score = (values: Record<string, number>) => {
    const facts: Record<string, UnitFacts> = { u: { values } };
    return scoreFramework(compiled, { units: [{ code: "u" }], facts }).units[0]!;
  };
  const leaves = nodes(guide).filter((n) => !n.node.children?.length);

  it("parses: 33 elements, each with one per_count rule on a declared guide_defect.* count fact", () => {
    expect(guide.code).toBe("guide-accuracy");
    expect(guide.year).toBe(2019);
    expect(leaves).toHaveLength(33);
    const declared = new Set(guide.facts.map((f) => f.key));
    expect(declared.size).toBe(33);
    for (const { node } of leaves) {
      expect(node.rules).toHaveLength(1);
      const rule = node.rules![0]!;
      expect(rule.kind).toBe("per_count");
      if (rule.kind !== "per_count") continue;
      expect(rule.fact).toMatch(/^guide_defect\.[a-z_]+$/);
      expect(declared.has(rule.fact)).toBe(true);
      expect(rule.amount).toBe("0.5");
      expect(rule.text).toBe(node.assessmentPoint);
    }
    expect(guide.facts.every((f) => f.type === "count")).toBe(true);
  });

  it("points add up: 30 elements × 3 + 受理条件 4 + 中介服务 3 + 办理情形 3 = 100", () => {
    expect(guide.indicators.map((g) => g.points)).toEqual(["45", "12", "12", "12", "9", "10"]);
    const compiledTotal = score({}).total;
    expect(compiledTotal).toBe("100");
    expect(guide.basePoints).toBe("100");
  });

  // Every rule, by hand: count × 0.5 deducted from the element's points, floored at 0.
  const cases: [code: string, key: string, count: number, expected: string][] = [
    ["1.1", "item_type", 1, "2.5"], // 3 − 1 × 0.5
    ["1.2", "power_source", 2, "2"], // 3 − 2 × 0.5
    ["1.3", "permit_quantity", 3, "1.5"], // 3 − 1.5
    ["1.4", "case_type", 4, "1"], // 3 − 2
    ["1.5", "item_code", 5, "0.5"], // 3 − 2.5
    ["1.6", "service_object", 6, "0"], // 3 − 3
    ["1.7", "legal_time_limit", 7, "0"], // 3 − 3.5 → floored at 0
    ["1.8", "promised_time_limit", 1, "2.5"],
    ["1.9", "location", 2, "2"],
    ["1.10", "office_hours", 3, "1.5"],
    ["1.11", "contact_phone", 4, "1"],
    ["1.12", "supervision_phone", 5, "0.5"],
    ["1.13", "phone_accuracy", 6, "0"],
    ["1.14", "legal_basis", 10, "0"], // 3 − 5 → 0
    ["1.15", "special_procedure", 1, "2.5"],
    ["2.1", "material_name", 2, "2"],
    ["2.2", "material_source", 3, "1.5"],
    ["2.3", "material_quantity", 4, "1"],
    ["2.4", "material_medium", 5, "0.5"],
    ["3.1", "process_steps", 1, "2.5"],
    ["3.2", "process_detail", 2, "2"],
    ["3.3", "flowchart", 3, "1.5"],
    ["3.4", "onsite_visits", 4, "1"],
    ["4.1", "blank_form_download", 5, "0.5"],
    ["4.2", "sample_form_download", 1, "2.5"],
    ["4.3", "blank_form_accuracy", 2, "2"],
    ["4.4", "sample_form_accuracy", 3, "1.5"],
    ["5.1", "fee_marking", 4, "1"],
    ["5.2", "fee_standard", 5, "0.5"],
    ["5.3", "fee_basis", 6, "0"],
    ["6.1", "acceptance_conditions", 3, "2.5"], // 4 − 1.5
    ["6.2", "intermediary_service", 1, "2.5"], // 3 − 0.5
    ["6.3", "situations", 8, "0"], // 3 − 4 → 0
  ];

  it("has a hand-computed case for every rule", () => {
    expect(cases.map((c) => c[0]).sort()).toEqual(leaves.map((l) => l.node.code).sort());
  });

  it.each(cases)("%s guide_defect.%s × %i → %s (每个事项该要素不合格扣0.5分，扣完为止)", (code, key, count, expected) => {
    const unit = score({ [`guide_defect.${key}`]: count });
    const indicator = unit.indicators.find((i) => i.code === code)!;
    expect(indicator.points).toBe(expected);
    const step = indicator.trace.find((t) => t.ruleId === `ga-${code}`)!;
    expect(step.arithmetic).toContain(`${count} × 0.5`);
    expect(step.delta).toBe(`-${(count * 0.5).toString()}`);
    if (indicator.max !== null && Number(indicator.max) - count * 0.5 < 0) {
      expect(indicator.trace.some((t) => t.outcome === "floor")).toBe(true);
    }
    // only this element lost points: the unit's total is 100 − (max − expected)
    const lost = Number(indicator.max) - Number(expected);
    expect(unit.total).toBe(String(100 - lost));
  });

  it("scores a unit with several defects exactly: total 91 by hand", () => {
    // 事项类型 2 → 3 − 1 = 2; 法定办结时限 7 → 3 − 3.5 → 0; 材料名称 1 → 2.5;
    // 受理条件 3 → 4 − 1.5 = 2.5; 收费依据 6 → 3 − 3 = 0.
    // Lost: 1 + 3 + 0.5 + 1.5 + 3 = 9 → 100 − 9 = 91; 基本信息 45 − 4 = 41; 申请材料 12 − 0.5 = 11.5; 收费信息 9 − 3 = 6; 6: 10 − 1.5 = 8.5.
    const unit = score({
      "guide_defect.item_type": 2,
      "guide_defect.legal_time_limit": 7,
      "guide_defect.material_name": 1,
      "guide_defect.acceptance_conditions": 3,
      "guide_defect.fee_basis": 6,
    });
    const points = (code: string) => unit.indicators.find((i) => i.code === code)!.points;
    expect(points("1.1")).toBe("2");
    expect(points("1.7")).toBe("0");
    expect(points("2.1")).toBe("2.5");
    expect(points("6.1")).toBe("2.5");
    expect(points("5.3")).toBe("0");
    expect([points("1"), points("2"), points("3"), points("4"), points("5"), points("6")]).toEqual(["41", "11.5", "12", "12", "6", "8.5"]);
    expect(unit.base).toBe("91");
    expect(unit.total).toBe("91");
  });
});
