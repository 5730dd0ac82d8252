import { describe, expect, it } from "vitest";
import { assembleFacts } from "../../campaigns/facts.ts";
import { isCaseFactKey } from "../../cases/facts.ts";
import { compileFramework, scoreFramework } from "../engine.ts";
import { frameworkSchema, type Indicator } from "../schema.ts";
import changningJson from "./changning-2019.json" with { type: "json" };

/**
 * Seed 000 (长宁区 2019 责任分解表) — the indicators its 在线服务成效度 and 服务成效 parts name
 * and 办件数据 measure, scored from case facts. Every number below is worked out by hand from
 * the rule as written in the template (5 presumed points each; the seed itself gives none).
 */
const changning = frameworkSchema.parse(changningJson);
const compiled = compileFramework(changning);

function find(code: string, list: Indicator[] = changning.indicators): Indicator | undefined {
  for (const node of list) {
    if (node.code === code) return node;
    const inner = find(code, node.children ?? []);
    if (inner) return inner;
  }
  return undefined;
}

function score(values: Record<string, number>) {
  const unit = scoreFramework(compiled, { units: [{ code: "U" }], facts: { U: { values } } }).units[0]!;
  return { unit, points: (code: string) => unit.indicators.find((i) => i.code === code)!.points };
}

/** One department's year of cases, as the case fact source gives them (rates in %, 2 decimals). */
const department = {
  "case.online_rate": 83.5,
  "case.elapsed_to_promised": 62.4,
  "case.instant_ratio": 30,
  "case.quality_defect_rate": 2.5,
  "case.one_time_rate": 91.25,
  "case.limit_compression": 43.8,
  "case.reuse_rate": 12,
  "case.avg_visits": 1.23,
  "case.on_time_rate": 97,
  "case.at_most_one_visit_rate": 88,
};

describe("Changning 2019 (seed 000): indicators scored from 办件数据", () => {
  it("declares only case facts, each read by a rule, on the indicators that name the metrics", () => {
    expect(changning.facts.map((f) => f.key).every(isCaseFactKey)).toBe(true);
    const factOf = (code: string) => find(code)!.rules!.map((r) => ("fact" in r ? r.fact : null));
    expect(find("5.1.1")!.name).toBe("网上受理率");
    expect(factOf("5.1.1")).toEqual(["case.online_rate"]);
    expect(find("5.1.2")!.name).toBe("平均办结时间");
    expect(factOf("5.1.2")).toEqual(["case.elapsed_to_promised"]);
    expect(find("5.2.1")!.name).toBe("即办程度");
    expect(factOf("5.2.1")).toEqual(["case.instant_ratio"]);
    expect(find("5.2.4")!.name).toBe("数据质量");
    expect(factOf("5.2.4")).toEqual(["case.quality_defect_rate"]);
    expect(find("6.2.3")!.name).toBe("承诺时限");
    expect(factOf("6.2.3")).toEqual(["case.limit_compression"]);
    expect(find("6.2.5")!.name).toBe("跑动次数");
    expect(factOf("6.2.5")).toEqual(["case.avg_visits"]);
  });

  it("keeps the seed's text: the assessment point unchanged, each rule quoting it or the 工作要点's target", () => {
    expect(find("5.1.1")!.assessmentPoint).toBe('评估在"一网通办"总门户受理的行政许可事项数量占比。');
    expect(find("5.1.1")!.rules![0]!.text).toBe('评估在"一网通办"总门户受理的行政许可事项数量占比。');
    expect(find("5.2.4")!.rules![0]!.text).toBe('评估归集到"一网通办"政务服务办件数据的准确性和完整性。');
    // 工作要点 2: “各部门审批承诺时限要在法定时限的基础上平均压缩一半,审批办理时限比承诺时限平均减少一半”
    expect(find("6.2.3")!.rules![0]!.text).toBe("各部门审批承诺时限要在法定时限的基础上平均压缩一半");
    expect(find("5.1.2")!.rules![0]!.text).toBe("审批办理时限比承诺时限平均减少一半");
    for (const code of ["5.1.1", "5.1.2", "5.2.1", "5.2.4", "6.2.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.7"]) {
      expect(find(code)!.points, code).toBe("5");
      for (const rule of find(code)!.rules!) expect(rule.note, code).toContain("推定");
    }
  });

  it("5.1.1 网上受理率 “评估…受理的行政许可事项数量占比”: 83.5% → 83.5 ÷ 100 × 5 = 4.175", () => {
    expect(score(department).points("5.1.1")).toBe("4.175");
    expect(score({ ...department, "case.online_rate": 100 }).points("5.1.1")).toBe("5");
  });

  it("5.1.2 平均办结时间 “审批办理时限比承诺时限平均减少一半”: 62.4% of the promised limit → (62.4 − 50) = 12 whole points × 0.1 = 1.2 off → 3.8", () => {
    expect(score(department).points("5.1.2")).toBe("3.8");
    expect(score({ ...department, "case.elapsed_to_promised": 50 }).points("5.1.2")).toBe("5");
    // The whole promised limit used: 50 points × 0.1 = 5 off, nothing left.
    expect(score({ ...department, "case.elapsed_to_promised": 100 }).points("5.1.2")).toBe("0");
  });

  it("5.2.1 即办程度 and 6.2.2 即办件比例 “配置为即办件的比例”: 30% → 1.5 each", () => {
    const { points } = score(department);
    expect(points("5.2.1")).toBe("1.5");
    expect(points("6.2.2")).toBe("1.5");
  });

  it("5.2.4 数据质量 “办件数据的准确性和完整性”: 2.5% of cases with a quality issue → 2 whole points × 0.5 = 1 off → 4; 10% or more → 0", () => {
    expect(score(department).points("5.2.4")).toBe("4");
    expect(score({ ...department, "case.quality_defect_rate": 12.75 }).points("5.2.4")).toBe("0");
  });

  it("6.2.1 窗口办理效率: 一次办结率 91.25% → (100 − 91.25) = 8 whole points × 0.25 = 2 off → 3", () => {
    expect(score(department).points("6.2.1")).toBe("3");
  });

  it("6.2.3 承诺时限 “在法定时限基础上压缩比例”, target 压缩一半: 43.8% → 6 whole points × 0.1 = 0.6 off → 4.4; no compression → 0", () => {
    expect(score(department).points("6.2.3")).toBe("4.4");
    expect(score({ ...department, "case.limit_compression": 0 }).points("6.2.3")).toBe("0");
    expect(score({ ...department, "case.limit_compression": 62.5 }).points("6.2.3")).toBe("5");
  });

  it("6.2.4 减证情况 “可通过信息共享方式办理的减证情况”: 12% → 12 ÷ 100 × 5 = 0.6", () => {
    expect(score(department).points("6.2.4")).toBe("0.6");
  });

  it("6.2.5 跑动次数 “办理平均跑动次数”: 1.23 visits → 12 whole tenths × 0.25 = 3 off → 2; zero visits → 5", () => {
    expect(score(department).points("6.2.5")).toBe("2");
    expect(score({ ...department, "case.avg_visits": 0 }).points("6.2.5")).toBe("5");
    expect(score({ ...department, "case.avg_visits": 1 }).points("6.2.5")).toBe("2.5");
  });

  it("6.2.7 政务服务事项办理 “办结情况和最多跑一次…办理情况”: 按时办结 97% → 0.75 off; 最多跑一次 88% → 3, capped at 2.5 → 1.75", () => {
    const { unit, points } = score(department);
    expect(points("6.2.7")).toBe("1.75");
    const trace = unit.indicators.find((i) => i.code === "6.2.7")!.trace;
    expect(trace.map((s) => [s.ruleId, s.delta])).toEqual([
      ["cn-6.2.7-a", "-0.75"],
      ["cn-6.2.7-b", "-2.5"],
    ]);
  });

  it("adds up: 4.175 + 3.8 + 1.5 + 4 + 3 + 1.5 + 4.4 + 0.6 + 2 + 1.75 = 26.725, and nothing is 暂定", () => {
    const { unit } = score(department);
    expect(unit.total).toBe("26.725");
    expect(unit.missing).toEqual([]);
    expect(unit.provisional).toBe(false);
  });

  it("a reviewer's measurement wins over the case data in the campaign's input, the rest stays 办件数据 with its link", () => {
    const link = (metric: string) => `/cases/list?unitId=u1&from=2019-01-01&to=2019-12-31&metric=${metric}`;
    const { input, sources } = assembleFacts({
      framework: changning,
      units: [{ code: "U" }],
      findings: [],
      measurements: [{ unitCode: "U", fact: "case.online_rate", value: 100 }],
      deadlines: [],
      sourced: [
        {
          unitCode: "U",
          origin: "cases",
          facts: department,
          links: Object.fromEntries(Object.keys(department).map((key) => [key, link(key.slice("case.".length))])),
        },
      ],
    });
    expect(input.facts.U!.values).toEqual({ ...department, "case.online_rate": 100 });
    expect(sources.U!["case.online_rate"]).toEqual({ fact: "case.online_rate", findingIds: [], measurement: true });
    expect(sources.U!["case.avg_visits"]).toEqual({ fact: "case.avg_visits", findingIds: [], auto: "cases", link: link("avg_visits") });
    // 5.1.1 from the measurement: 100% → 5 instead of 4.175; total 26.725 + 0.825 = 27.55.
    expect(scoreFramework(compiled, input).units[0]!.total).toBe("27.55");
  });
});
