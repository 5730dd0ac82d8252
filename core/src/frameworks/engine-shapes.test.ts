import { describe, expect, it } from "vitest";
import { compileFramework, flatRules, scoreFramework } from "./engine.ts";
import type { ScoreInput, UnitScore } from "./engine-types.ts";
import { type Framework, frameworkSchema } from "./schema.ts";
import { validateFramework } from "./validate.ts";

/**
 * The rule shapes added for the seeds' last manual rules: highest per subject summed across
 * subjects (group_max), a score relative to the peers' average (peer_average), a reviewer's
 * amount per finding (manual_each), and the lowest peer within a unit group (convert.peerGroup).
 */
const framework: Framework = frameworkSchema.parse({
  code: "shapes-test",
  name: "规则形态测试",
  year: 2021,
  facts: [
    { key: "report", label: "宣传报道篇数", type: "count", byLevel: true },
    { key: "case_top", label: "入选最佳实践案例数", type: "count" },
    { key: "complaints", label: "样本不满意条数", type: "count" },
    { key: "unrelated", label: "与样本框无关联", type: "boolean" },
    { key: "hall_score", label: "窗口年度考核成绩", type: "score" },
  ],
  indicators: [
    {
      code: "1",
      name: "宣传",
      points: "5",
      basis: "zero",
      rules: [
        {
          id: "g",
          kind: "group_max",
          text: "同一宣传内容取最高分",
          rules: [
            {
              id: "g1",
              kind: "per_count",
              effect: "bonus",
              fact: "report",
              amountByLevel: { national: "2", city: "1.5" },
              text: "中央级2分、市级1.5分",
            },
            { id: "g2", kind: "per_count", effect: "bonus", fact: "case_top", amount: "3", text: "入选案例加3分" },
          ],
        },
      ],
    },
    {
      code: "2",
      name: "评价",
      points: "5",
      rules: [
        { id: "p-c", kind: "per_count", effect: "deduct", fact: "complaints", amount: "0.5", text: "每条扣0.5分" },
        { id: "p", kind: "peer_average", condition: { fact: "unrelated", is: true }, amount: "1", text: "在平均分基础上下浮1分" },
      ],
    },
    {
      code: "3",
      name: "投诉",
      points: "3",
      rules: [{ id: "e", kind: "manual_each", effect: "deduct", min: "1", max: "3", cap: "2.5", text: "每发现一起扣1-3分" }],
    },
    {
      code: "4",
      name: "窗口",
      points: "3",
      basis: "zero",
      rules: [
        {
          id: "c",
          kind: "convert",
          fact: "hall_score",
          outOf: 100,
          missing: "lowest_peer",
          peerGroup: "STATIONED",
          text: "按进驻单位最低得分计分",
        },
      ],
    },
  ],
});
const compiled = compileFramework(framework);
const score = (input: ScoreInput): UnitScore[] => scoreFramework(compiled, input).units;
const pointsOf = (unit: UnitScore, code: string) => unit.indicators.find((i) => i.code === code)!.points;
const traceOf = (unit: UnitScore, code: string) => unit.indicators.find((i) => i.code === code)!.trace;

describe("group_max: highest within a subject, subjects added up", () => {
  it("「甲」中央 2 and 市 1.5 → 2; 「乙」案例 3 → 3; 2 + 3 = 5; the same input without subjects is one subject → 3", () => {
    const values = { "report@national": 1, "report@city": 1, case_top: 1 };
    const [named] = score({
      units: [{ code: "U" }],
      facts: { U: { values, bySubject: { 甲: { "report@national": 1, "report@city": 1 }, 乙: { case_top: 1 } } } },
    });
    expect(pointsOf(named!, "1")).toBe("5");
    // Subjects in code-point order (乙 U+4E59 before 甲 U+7532): the same input gives the same text.
    expect(traceOf(named!, "1")[0]!.arithmetic).toBe(
      "「乙」入选案例加3分 3 分；「甲」中央级2分、市级1.5分（国家级） 2 分，2 项取最高；合计 5",
    );
    expect(traceOf(named!, "1")[0]!.facts).toEqual({ "report@national": 1, "report@city": 1, case_top: 1 });
    const [unnamed] = score({ units: [{ code: "U" }], facts: { U: { values } } });
    expect(pointsOf(unnamed!, "1")).toBe("3");
  });
  it("caps at the rule's cap when it has one, and at the indicator's points: 3 + 3 = 6 → 5", () => {
    const [u] = score({
      units: [{ code: "U" }],
      facts: { U: { values: { case_top: 2 }, bySubject: { 甲: { case_top: 1 }, 乙: { case_top: 1 } } } },
    });
    expect(pointsOf(u!, "1")).toBe("5");
    expect(traceOf(u!, "1").map((s) => s.delta)).toEqual(["+6", "-1"]);
  });
  it("its inner rules are reachable for findings and pre-scans", () => {
    expect(flatRules(framework.indicators[0]!.rules!).map((r) => r.id)).toEqual(["g", "g1", "g2"]);
  });
});

describe("peer_average: the peers' average less a lowering", () => {
  it("A 5, B 5 − 2 × 0.5 = 4, reference R and unrelated C are no peers; C → (5 + 4) ÷ 2 − 1 = 3.5", () => {
    const units = score({
      units: [{ code: "A" }, { code: "B" }, { code: "R", isReference: true }, { code: "C" }],
      facts: {
        A: {},
        B: { values: { complaints: 2 } },
        R: { values: { complaints: 10 } },
        C: { values: { unrelated: true, complaints: 1 } },
      },
    });
    expect(units.map((u) => pointsOf(u, "2"))).toEqual(["5", "4", "0", "3.5"]);
    // C's own complaint (a rule before the average) does not apply: C takes the average instead.
    expect(traceOf(units[3]!, "2")).toEqual([
      {
        ruleId: "p",
        kind: "peer_average",
        text: "在平均分基础上下浮1分",
        facts: { unrelated: true, 同类单位数: 2, 同类单位平均分: "4.5" },
        arithmetic: "同类单位 2 家平均 (A 5 + B 4) ÷ 2 = 4.5；4.5 − 1 = 3.5",
        delta: "-1.5",
        outcome: "set",
      },
    ]);
  });
  it("an average of 1/3 points is rounded to 4 places; nothing below zero", () => {
    const units = score({
      units: [{ code: "A" }, { code: "B" }, { code: "D" }, { code: "C" }],
      facts: { A: {}, B: {}, D: { values: { complaints: 1 } }, C: { values: { unrelated: true } } },
    });
    // (5 + 5 + 4.5) ÷ 3 = 4.8333…; − 1 = 3.8333
    expect(pointsOf(units[3]!, "2")).toBe("3.8333");
  });
  it("without any peer the unit waits for a reviewer (pending), it is not silently given full marks", () => {
    const [c] = score({ units: [{ code: "C" }], facts: { C: { values: { unrelated: true } } } });
    expect(c!.pending).toEqual(["p"]);
    expect(traceOf(c!, "2")[0]!.arithmetic).toBe("没有可取平均分的同类单位，待评审认定");
  });
});

describe("peer_average and missing data", () => {
  // Gongshu 7.1: a department unrelated to the survey takes the peers' average, so the district's
  // survey rank (read by the rule before) is not missing for it and does not make it 暂定.
  const survey = compileFramework(
    frameworkSchema.parse({
      code: "peer-missing",
      name: "平均分与缺数",
      year: 2021,
      facts: [
        { key: "survey_score", label: "评价调查得分", type: "score" },
        { key: "unrelated", label: "与样本框无关联", type: "boolean" },
      ],
      indicators: [
        {
          code: "7.1",
          name: "营商环境评价",
          points: "5",
          basis: "zero",
          rules: [
            { id: "a", kind: "convert", fact: "survey_score", outOf: 100, text: "按评价得分折算" },
            { id: "c", kind: "peer_average", condition: { fact: "unrelated", is: true }, amount: "1", text: "在平均分基础上下浮1分" },
          ],
        },
      ],
    }),
  );
  it("A 90 → 4.5 and B without a score (missing, 暂定); unrelated C → (4.5 + 0) ÷ 2 − 1 = 1.25, final", () => {
    const [a, b, c] = scoreFramework(survey, {
      units: [{ code: "A" }, { code: "B" }, { code: "C" }],
      facts: { A: { values: { survey_score: 90 } }, B: {}, C: { values: { unrelated: true } } },
    }).units;
    expect([a, b, c].map((u) => pointsOf(u!, "7.1"))).toEqual(["4.5", "0", "1.25"]);
    expect(b!.missing.map((m) => m.fact)).toEqual(["survey_score"]);
    expect(c!.missing).toEqual([]);
    expect(c!.provisional).toBe(false);
    expect(traceOf(c!, "7.1").map((s) => s.ruleId)).toEqual(["c"]);
  });
});

describe("manual_each: a reviewer's amount per finding", () => {
  it("1 + 1.5 = 2.5; 2 + 3 = 5 capped at 2.5; 4 outside 1–3 counts 3 and says so; no finding → nothing deducted, nothing pending", () => {
    const each = (...points: string[]) =>
      score({ units: [{ code: "U" }], facts: { U: { perFinding: { e: points.map((p) => ({ points: p, reason: "投诉" })) } } } })[0]!;
    expect(pointsOf(each("1", "1.5"), "3")).toBe("0.5");
    const capped = each("2", "3");
    expect(pointsOf(capped, "3")).toBe("0.5");
    expect(traceOf(capped, "3")[0]!.arithmetic).toBe("第 1 起 2：投诉；第 2 起 3：投诉；合计 5，封顶 2.5");
    expect(traceOf(each("4"), "3")[0]!.arithmetic).toBe("第 1 起 3（4 超出 1–3，按 3 计）：投诉，封顶 2.5");
    const none = each();
    expect(pointsOf(none, "3")).toBe("3");
    expect(none.pending).toEqual([]);
  });
});

describe("convert with peerGroup: the lowest peer within a unit group", () => {
  it("stationed A 90, B 70; street S 50 outside the group; N without a score → lowest stationed 70 → 2.1", () => {
    const units = score({
      units: [{ code: "A", groups: ["STATIONED"] }, { code: "B", groups: ["STATIONED"] }, { code: "S" }, { code: "N" }],
      facts: { A: { values: { hall_score: 90 } }, B: { values: { hall_score: 70 } }, S: { values: { hall_score: 50 } }, N: {} },
      groupNames: { STATIONED: "进驻单位" },
    });
    expect(units.map((u) => pointsOf(u, "4"))).toEqual(["2.7", "2.1", "1.5", "2.1"]);
    expect(traceOf(units[3]!, "4")[0]!.arithmetic).toBe("无成绩，按「进驻单位」最低 70 ÷ 100 × 3 = 2.1");
  });
});

describe("validation of the new shapes", () => {
  const withRules = (rules: unknown[]) => ({
    ...framework,
    indicators: [{ code: "9", name: "测试", points: "5", rules }],
  });
  const codes = (input: unknown) => validateFramework(input).errors.map((e) => e.code);
  it("peer_average needs a fixed lowering or a range, not both, and a range that is one", () => {
    const base = { id: "x", kind: "peer_average", condition: { fact: "unrelated", is: true }, text: "下浮" };
    expect(codes(withRules([base]))).toContain("peer_lowering");
    expect(codes(withRules([{ ...base, amount: "1", min: "0", max: "1" }]))).toContain("peer_lowering");
    expect(codes(withRules([{ ...base, min: "2", max: "1" }]))).toContain("rule_range");
    expect(codes(withRules([{ ...base, min: "0", max: "1" }]))).toEqual([]);
  });
  it("manual_each's range must be one; group_max's items share one effect; their facts must be declared", () => {
    expect(codes(withRules([{ id: "x", kind: "manual_each", effect: "deduct", min: "3", max: "1", text: "每起" }]))).toContain(
      "rule_range",
    );
    const mixed = [
      { id: "a", kind: "per_count", effect: "bonus", fact: "case_top", amount: "1", text: "加" },
      { id: "b", kind: "per_count", effect: "deduct", fact: "complaints", amount: "1", text: "扣" },
    ];
    expect(codes(withRules([{ id: "x", kind: "group_max", rules: mixed, text: "取最高" }]))).toContain("group_effect");
    const unknown = [{ id: "a", kind: "per_count", effect: "bonus", fact: "nowhere", amount: "1", text: "加" }];
    expect(codes(withRules([{ id: "x", kind: "group_max", rules: unknown, text: "取最高" }]))).toContain("undeclared_fact");
  });
  it("the test framework itself is valid", () => {
    expect(validateFramework(framework).errors).toEqual([]);
  });
});
