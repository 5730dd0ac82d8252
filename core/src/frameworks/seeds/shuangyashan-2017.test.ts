import { describe, expect, it } from "vitest";
import { compileFramework, flatRules, scoreFramework } from "../engine.ts";
import type { FactValue, IndicatorScore, TraceStep, UnitScore } from "../engine-types.ts";
import { frameworkSchema, type Indicator } from "../schema.ts";
import framework from "./shuangyashan-2017.json" with { type: "json" };

/**
 * Seed 004: 双鸭山市2017年“互联网+政务服务”工作考核细则. Every expected number
 * below is computed by hand from the rule's text, written in the test name.
 */
const parsed = frameworkSchema.parse(framework);
const compiled = compileFramework(parsed);

function scoreOne(values: Record<string, FactValue>, category = "county"): UnitScore {
  const result = scoreFramework(compiled, { units: [{ code: "u1", category }], facts: { u1: { values } } });
  return result.units[0]!;
}

function indicator(unit: UnitScore, code: string): IndicatorScore {
  const found = unit.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}

function stepOf(unit: UnitScore, code: string, ruleId: string): TraceStep | undefined {
  return indicator(unit, code).trace.find((s) => s.ruleId === ruleId);
}

function allIndicators(list: Indicator[]): Indicator[] {
  return list.flatMap((i) => [i, ...allIndicators(i.children ?? [])]);
}

describe("seed 004 Shuangyashan 2017: the transcription", () => {
  it("parses with frameworkSchema and keeps code, year, issuer and parts", () => {
    expect(parsed.code).toBe("shuangyashan-internet-plus");
    expect(parsed.year).toBe(2017);
    expect(parsed.issuer).toBe("双鸭山市人民政府办公室");
    expect(parsed.basePoints).toBe("100");
    expect(parsed.bonusPoints).toBe("20");
    expect(parsed.indicators.map((i) => `${i.code}:${i.points}`)).toEqual(["1:20", "2:20", "3:20", "4:20", "5:10", "6:10", "7:20"]);
    expect(parsed.indicators[6]!.part).toBe("bonus");
    expect(parsed.categories!.map((c) => c.code)).toEqual(["county", "city_body", "provincial_body"]);
  });

  it("has 7 parts and 25 second-level indicators whose points add up to each part", () => {
    expect(parsed.indicators.map((p) => p.children!.length)).toEqual([4, 4, 5, 4, 3, 2, 3]);
    for (const part of parsed.indicators) {
      const sum = part.children!.reduce((s, c) => s + Number(c.points), 0);
      expect(sum, part.code).toBe(Number(part.points));
    }
  });

  it("declares every fact a rule uses, and uses every declared fact", () => {
    const declared = new Set(parsed.facts.map((f) => f.key));
    const used = new Set<string>();
    const collect = (c: unknown): void => {
      if (c && typeof c === "object") {
        const o = c as Record<string, unknown>;
        if (typeof o.fact === "string") used.add(o.fact);
        for (const v of Object.values(o)) if (typeof v === "object") collect(v);
      }
    };
    for (const ind of allIndicators(parsed.indicators)) collect(ind.rules ?? []);
    expect([...used].sort()).toEqual([...declared].sort());
    expect(declared.has("report_late") && declared.has("report_missing")).toBe(true);
    expect(parsed.facts.find((f) => f.key === "report_late")!.type).toBe("count");
    expect(parsed.facts.find((f) => f.key === "report_missing")!.type).toBe("count");
  });
});

describe("seed 004: a unit with no facts", () => {
  it("a county scores the declared base 100 and no bonus", () => {
    const unit = scoreOne({});
    expect(unit.base).toBe("100");
    expect(unit.bonus).toBe("0");
    expect(unit.total).toBe("100");
    expect(unit.pending).toEqual([]);
    for (const part of ["1", "2", "3", "4"]) expect(indicator(unit, part).points).toBe("20");
    expect(indicator(unit, "7").points).toBe("0");
  });

  it("a city body or provincial body scores 95: 1.2 (纳入本县(区)委考核体系) applies to counties only", () => {
    for (const category of ["city_body", "provincial_body"]) {
      const unit = scoreOne({ not_in_party_assessment: true }, category);
      expect(indicator(unit, "1.2").points).toBeNull();
      expect(indicator(unit, "1").points).toBe("15");
      expect(unit.base).toBe("95");
    }
  });
});

interface Case {
  rule: string;
  /** The seed sentence and the hand computation. */
  title: string;
  values: Record<string, FactValue>;
  code: string;
  points: string;
  delta?: string;
  arithmetic?: string;
}

const cases: Case[] = [
  // 1.1 (5分)
  {
    rule: "sys-1.1-a",
    title: "未落实工作机构的…不得分: 5 → 0",
    values: { work_office_missing: true },
    code: "1.1",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-1.1-a",
    title: "无专职工作人员的,不得分: 5 → 0",
    values: { dedicated_staff_missing: true },
    code: "1.1",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-1.1-b",
    title: "未建立相关工作机制的扣3分: 5 − 3 = 2",
    values: { work_mechanism_missing: true },
    code: "1.1",
    points: "2",
    delta: "-3",
    arithmetic: "条件成立，扣 3",
  },
  // 1.2 (5分)
  {
    rule: "sys-1.2-a",
    title: "未纳入考核体系的,不得分: 5 → 0",
    values: { not_in_party_assessment: true },
    code: "1.2",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-1.2-b",
    title: "分值低于5分的扣3分: 分值3 → 5 − 3 = 2",
    values: { party_assessment_points: 3 },
    code: "1.2",
    points: "2",
    delta: "-3",
  },
  { rule: "sys-1.2-b", title: "分值不低于5分: 分值5 → 5", values: { party_assessment_points: 5 }, code: "1.2", points: "5" },
  // 1.3 (5分)
  {
    rule: "sys-1.3-a",
    title: "每项扣1分: 2项 → 5 − 2 × 1 = 3",
    values: { required_documents_missing: 2 },
    code: "1.3",
    points: "3",
    delta: "-2",
    arithmetic: "2 × 1 = 2",
  },
  {
    rule: "sys-1.3-a",
    title: "每项扣1分: 7项 → 5 − 7 = −2, 扣完为止 0",
    values: { required_documents_missing: 7 },
    code: "1.3",
    points: "0",
    delta: "-7",
  },
  // 1.4 (5分)
  {
    rule: "sys-1.4-a",
    title: "未完成相关工作的一次扣2分: 2次 → 5 − 4 = 1",
    values: { tasks_uncompleted: 2 },
    code: "1.4",
    points: "1",
    delta: "-4",
    arithmetic: "2 × 2 = 4",
  },
  {
    rule: "sys-1.4-b",
    title: "漏报一次的扣1分: 1次 → 5 − 1 = 4",
    values: { report_missing: 1 },
    code: "1.4",
    points: "4",
    delta: "-1",
    arithmetic: "1 × 1 = 1",
  },
  {
    rule: "sys-1.4-c",
    title: "迟报1次的,扣1分: 1次 → 5 − 1 = 4",
    values: { report_late: 1 },
    code: "1.4",
    points: "4",
    delta: "-1",
    arithmetic: "1 × 1 = 1",
  },
  {
    rule: "sys-1.4-d",
    title: "漏报、迟报2次以上的,不得分: 迟报2次 (≥2) → 0",
    values: { report_late: 2 },
    code: "1.4",
    points: "0",
    delta: "-3",
  },
  {
    rule: "sys-1.4-d",
    title: "漏报、迟报2次以上的,不得分: 漏报2次 → 0",
    values: { report_missing: 2 },
    code: "1.4",
    points: "0",
    delta: "-3",
  },
  {
    rule: "sys-1.4-d",
    title: "漏报、迟报2次以上的,不得分: 漏报1 + 迟报1 = 2 (合计) → 0",
    values: { report_missing: 1, report_late: 1 },
    code: "1.4",
    points: "0",
    delta: "-3",
  },
  {
    rule: "sys-1.4-d",
    title: "未完成1次 + 迟报1次 = 1次报送问题, not 2: 5 − 2 − 1 = 2",
    values: { tasks_uncompleted: 1, report_late: 1 },
    code: "1.4",
    points: "2",
  },
  // 2.1 (3分)
  {
    rule: "sys-2.1-a",
    title: "未制发相关文件安排部署的,每件次扣1分: 2件次 → 3 − 2 = 1",
    values: { standardization_documents_missing: 2 },
    code: "2.1",
    points: "1",
    delta: "-2",
    arithmetic: "2 × 1 = 2",
  },
  // 2.2 (3分)
  {
    rule: "sys-2.2-a",
    title: "未建立相关工作机制,影响工作开展的,扣2分: 3 − 2 = 1",
    values: { standardization_mechanism_missing: true },
    code: "2.2",
    points: "1",
    delta: "-2",
  },
  {
    rule: "sys-2.2-b",
    title: "作用发挥不到位的,扣1分: 3 − 1 = 2",
    values: { standardization_mechanism_ineffective: true },
    code: "2.2",
    points: "2",
    delta: "-1",
  },
  // 2.3 (10分)
  {
    rule: "sys-2.3-a",
    title: "未按时间节点完成相关工作的,扣5分: 3个节点 → 一次扣5, 10 − 5 = 5",
    values: { standardization_milestones_missed: 3 },
    code: "2.3",
    points: "5",
    delta: "-5",
    arithmetic: "条件成立，扣 5",
  },
  // 2.4 (4分)
  {
    rule: "sys-2.4-a",
    title: "未提出调整建议的,不得分: 4 → 0",
    values: { adjustment_suggestions_missing: true },
    code: "2.4",
    points: "0",
    delta: "-4",
  },
  {
    rule: "sys-2.4-b",
    title: "因主观因素而未及时作出调整的,扣2分: 4 − 2 = 2",
    values: { adjustment_delayed_subjective: true },
    code: "2.4",
    points: "2",
    delta: "-2",
  },
  // 3.1 (5分)
  {
    rule: "sys-3.1-a",
    title: "未全部纳入的,不得分: 1项未纳入 → 0",
    values: { licensing_items_not_on_platform: 1 },
    code: "3.1",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-3.1-b",
    title: "应在网上办理线下运行的,不得分: 2项 → 0",
    values: { items_offline_should_be_online: 2 },
    code: "3.1",
    points: "0",
    delta: "-5",
  },
  // 3.2 (5分)
  {
    rule: "sys-3.2-a",
    title: "未按“三统一”要求…扣5分: 5 − 5 = 0",
    values: { three_unified_not_done: true },
    code: "3.2",
    points: "0",
    delta: "-5",
  },
  // 3.3 (5分)
  {
    rule: "sys-3.3-a",
    title: "流程、环节未及时作出调整…每件次扣3分: 1件次 → 5 − 3 = 2",
    values: { process_adjustment_late: 1 },
    code: "3.3",
    points: "2",
    delta: "-3",
    arithmetic: "1 × 3 = 3",
  },
  {
    rule: "sys-3.3-a",
    title: "每件次扣3分: 2件次 → 5 − 6, 扣完为止 0",
    values: { process_adjustment_late: 2 },
    code: "3.3",
    points: "0",
    delta: "-6",
  },
  {
    rule: "sys-3.3-b",
    title: "审批人员调换未及时上报更换电子秘钥仍进行审批的,扣5分: 2次 → 一次扣5, 5 − 5 = 0",
    values: { "supervision.key_violations": 2 },
    code: "3.3",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-3.3-c",
    title: "人为造成秘钥损坏的,扣3分: 5 − 3 = 2",
    values: { signing_key_damaged: 1 },
    code: "3.3",
    points: "2",
    delta: "-3",
  },
  { rule: "sys-3.3-d", title: "秘钥丢失的,不得分: 5 → 0", values: { signing_key_lost: 1 }, code: "3.3", points: "0", delta: "-5" },
  // 3.4 (3分)
  {
    rule: "sys-3.4-a",
    title: "未建立网上预审机制的,扣3分: 3 − 3 = 0",
    values: { pre_review_mechanism_missing: true },
    code: "3.4",
    points: "0",
    delta: "-3",
  },
  // 3.5 (2分)
  {
    rule: "sys-3.5-a",
    title: "形成工作推进方案,取得进展和阶段性成果的,得分 — 未形成: 2 → 0",
    values: { hall_progress_missing: true },
    code: "3.5",
    points: "0",
    delta: "-2",
  },
  {
    rule: "sys-3.5-b",
    title: "应进驻实体政务大厅而未进驻…不得分: 1项 → 0",
    values: { items_not_in_hall: 1 },
    code: "3.5",
    points: "0",
    delta: "-2",
  },
  // 4.1 (10分)
  {
    rule: "sys-4.1-a",
    title: "未启动网上行政审批平台电子监察系统的,不得分: 10 → 0",
    values: { supervision_not_started: true },
    code: "4.1",
    points: "0",
    delta: "-10",
  },
  {
    rule: "sys-4.1-a",
    title: "预警超过3次以上…视为未启动电子监察系统: 4次 (> 3) → 4.1 = 0",
    values: { "supervision.warnings_unhandled": 4 },
    code: "4.1",
    points: "0",
    delta: "-10",
  },
  {
    rule: "sys-4.1-a",
    title: "预警3次 (不超过3次) → 4.1 = 10",
    values: { "supervision.warnings_unhandled": 3 },
    code: "4.1",
    points: "10",
  },
  {
    rule: "sys-4.1-b",
    title: "未落实机构和人员的,扣5分: 10 − 5 = 5",
    values: { supervision_staff_missing: true },
    code: "4.1",
    points: "5",
    delta: "-5",
  },
  {
    rule: "sys-4.1-c",
    title: "未建立健全运行机制的,扣5分: 10 − 5 = 5",
    values: { supervision_mechanism_missing: true },
    code: "4.1",
    points: "5",
    delta: "-5",
  },
  // 4.2 (5分)
  {
    rule: "sys-4.2-a",
    title: "未对…网上行政审批事项开展监督的扣5分: 5 − 5 = 0",
    values: { approvals_not_monitored: true },
    code: "4.2",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-4.2-b",
    title: "未督办预警信号、反馈相关问题的,每件次扣2分: 2件次 → 5 − 4 = 1",
    values: { "supervision.warnings_not_supervised": 2 },
    code: "4.2",
    points: "1",
    delta: "-4",
    arithmetic: "2 × 2 = 4",
  },
  {
    rule: "sys-4.2-c",
    title: "预警超过3次以上,未进行有效催办、督查的…不得分: 5次 → 0",
    values: { "supervision.warnings_unhandled": 5 },
    code: "4.2",
    points: "0",
    delta: "-5",
    arithmetic: "条件成立，本项不得分",
  },
  // 4.3 (3分)
  {
    rule: "sys-4.3-a",
    title: "没在规定时间内回复进行情况反馈的,每件次扣2分: 1件次 → 3 − 2 = 1",
    values: { "supervision.replies_late": 1 },
    code: "4.3",
    points: "1",
    delta: "-2",
    arithmetic: "1 × 2 = 2",
  },
  {
    rule: "sys-4.3-b",
    title: "对立项调查的事项未及时作出纠正的,不得分: 3 → 0",
    values: { "supervision.investigations_not_corrected": 1 },
    code: "4.3",
    points: "0",
    delta: "-3",
  },
  // 4.4 (2分)
  {
    rule: "sys-4.4-a",
    title: "未开展审批效能评估的不得分: 2 → 0",
    values: { efficiency_evaluation_missing: true },
    code: "4.4",
    points: "0",
    delta: "-2",
  },
  {
    rule: "sys-4.4-b",
    title: "有效能投诉或或媒体曝光的2件次以上的,该项不得分: 2件次 (≥2) → 0",
    values: { "supervision.complaints_exposures": 2 },
    code: "4.4",
    points: "0",
    delta: "-2",
  },
  {
    rule: "sys-4.4-c",
    title: "有效能投诉或或媒体曝光的1件次的,该项得分减半: 2 × 0.5 = 1",
    values: { "supervision.complaints_exposures": 1 },
    code: "4.4",
    points: "1",
    delta: "-1",
    arithmetic: "条件成立，本项得分减半",
  },
  // 5.1 (4分)
  {
    rule: "sys-5.1-a",
    title: "未及时跟踪…取消或下放服务事项,未进行公开的,不得分: 4 → 0",
    values: { cancelled_items_not_published: true },
    code: "5.1",
    points: "0",
    delta: "-4",
  },
  {
    rule: "sys-5.1-b",
    title: "不及时公开并进行网上事项调整的,每件次扣2分: 1件次 → 4 − 2 = 2",
    values: { item_publication_late: 1 },
    code: "5.1",
    points: "2",
    delta: "-2",
    arithmetic: "1 × 2 = 2",
  },
  // 5.2 (3分)
  {
    rule: "sys-5.2-a",
    title: "未开展网上建议、评议、问卷调查的,不得分: 3 → 0",
    values: { online_consultation_missing: true },
    code: "5.2",
    points: "0",
    delta: "-3",
  },
  {
    rule: "sys-5.2-b",
    title: "没及时进行反馈和调整的,扣2分: 3 − 2 = 1",
    values: { survey_feedback_missing: true },
    code: "5.2",
    points: "1",
    delta: "-2",
  },
  // 5.3 (3分)
  {
    rule: "sys-5.3-a",
    title: "未设立曝光纠错栏目的,不得分: 3 → 0",
    values: { exposure_column_missing: true },
    code: "5.3",
    points: "0",
    delta: "-3",
  },
  {
    rule: "sys-5.3-b",
    title: "未及时处理和解决的,每件次扣2分: 1件次 → 3 − 2 = 1",
    values: { public_problems_unresolved: 1 },
    code: "5.3",
    points: "1",
    delta: "-2",
    arithmetic: "1 × 2 = 2",
  },
  {
    rule: "sys-5.3-b",
    title: "每件次扣2分: 2件次 → 3 − 4, 扣完为止 0",
    values: { public_problems_unresolved: 2 },
    code: "5.3",
    points: "0",
    delta: "-4",
  },
  {
    rule: "sys-5.3-c",
    title: "超过2件的,不得分: 3件 (> 2) → 0 (already 0 after 3 × 2 = 6 > 3)",
    values: { public_problems_unresolved: 3 },
    code: "5.3",
    points: "0",
    delta: "0",
    arithmetic: "条件成立，本项不得分",
  },
  // 6 (5分 each)
  { rule: "sys-6.1-a", title: "存在僵尸系统…的不得分: 5 → 0", values: { zombie_systems: 1 }, code: "6.1", points: "0", delta: "-5" },
  {
    rule: "sys-6.1-a",
    title: "存在科室独立信息系统的不得分: 5 → 0",
    values: { office_standalone_systems: 2 },
    code: "6.1",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-6.2-a",
    title: "未完成本单位政务信息资源目录统计上报…不得分: 5 → 0",
    values: { resource_catalogue_not_reported: true },
    code: "6.2",
    points: "0",
    delta: "-5",
  },
  {
    rule: "sys-6.2-a",
    title: "无政务信息资源的单位未上报情况说明的不得分: 5 → 0",
    values: { no_resource_statement_missing: true },
    code: "6.2",
    points: "0",
    delta: "-5",
  },
  // 7 (加分, from 0)
  {
    rule: "sys-7.1-a",
    title: "实行并联审批和联办合审…(加10分): 0 + 10 = 10",
    values: { parallel_approval: true },
    code: "7.1",
    points: "10",
    delta: "+10",
    arithmetic: "条件成立，加 10",
  },
  {
    rule: "sys-7.2-a",
    title: "主动优化办事流程…(加5分): 0 + 5 = 5",
    values: { process_optimized: true },
    code: "7.2",
    points: "5",
    delta: "+5",
  },
  {
    rule: "sys-7.3-a",
    title: "制定出相关的有效措施,并实施有力。(加5分): 0 + 5 = 5",
    values: { service_measures_effective: true },
    code: "7.3",
    points: "5",
    delta: "+5",
  },
];

describe("seed 004: every rule, by hand", () => {
  it("covers every rule of the framework", () => {
    const ids = allIndicators(parsed.indicators).flatMap((i) => flatRules(i.rules ?? []).map((r) => r.id));
    expect(ids.length).toBe(48);
    expect([...new Set(cases.map((c) => c.rule))].sort()).toEqual([...ids].sort());
  });

  it.each(cases)("$rule — $title", ({ rule, values, code, points, delta, arithmetic }) => {
    const unit = scoreOne(values);
    expect(indicator(unit, code).points).toBe(points);
    if (delta !== undefined) {
      const step = stepOf(unit, code, rule);
      expect(step, `trace step of ${rule}`).toBeDefined();
      expect(step!.delta).toBe(delta);
      if (arithmetic !== undefined) expect(step!.arithmetic).toBe(arithmetic);
    }
  });
});

describe("seed 004: cross-indicator and whole-unit effects", () => {
  it("未启动电子监察系统的,不得分,2.3项同时不得分: 4.1, 4.2, 4.3 are 0; part 4 = 4.4 = 2; total 100 − 18 = 82", () => {
    const unit = scoreOne({ supervision_not_started: true });
    expect(["4.1", "4.2", "4.3", "4.4", "4"].map((c) => indicator(unit, c).points)).toEqual(["0", "0", "0", "2", "2"]);
    const also = stepOf(unit, "4.2", "sys-4.1-a")!;
    expect(also.arithmetic).toBe("因 4.1 项规则成立，本项同时不得分");
    expect(also.delta).toBe("-5");
    expect(stepOf(unit, "4.3", "sys-4.1-a")!.delta).toBe("-3");
    expect(unit.total).toBe("82");
  });

  it("预警超过3次以上…视为未启动: 4 warnings zero 4.1 (10), 4.2 (5) and 4.3 (3): total 82", () => {
    const unit = scoreOne({ "supervision.warnings_unhandled": 4 });
    expect(["4.1", "4.2", "4.3"].map((c) => indicator(unit, c).points)).toEqual(["0", "0", "0"]);
    expect(stepOf(unit, "4.3", "sys-4.1-a")!.delta).toBe("-3");
    expect(unit.total).toBe("82");
  });

  it("3 warnings (not 超过3次) leave part 4 at 20", () => {
    expect(indicator(scoreOne({ "supervision.warnings_unhandled": 3 }), "4").points).toBe("20");
  });

  it("the e-supervision zero applies after 4.2's own deductions: 2 unsupervised warnings (−4) and not started → 0", () => {
    const unit = scoreOne({ "supervision.warnings_not_supervised": 2, supervision_not_started: true });
    expect(indicator(unit, "4.2").points).toBe("0");
    expect(stepOf(unit, "4.2", "sys-4.1-a")!.delta).toBe("-1");
  });

  it("the bonus part adds outside the base: all three → bonus 20, total 120", () => {
    const unit = scoreOne({ parallel_approval: true, process_optimized: true, service_measures_effective: true });
    expect(unit.base).toBe("100");
    expect(unit.bonus).toBe("20");
    expect(unit.total).toBe("120");
  });

  it("several deductions in one unit add up: 1.3 two items (−2), 2.3 late (−5), 5.1 one item (−2), bonus 7.2 (+5) → 91 + 5 = 96", () => {
    const unit = scoreOne({
      required_documents_missing: 2,
      standardization_milestones_missed: 1,
      item_publication_late: 1,
      process_optimized: true,
    });
    expect(unit.base).toBe("91");
    expect(unit.bonus).toBe("5");
    expect(unit.total).toBe("96");
  });

  it("a late self-check report (report_late 1) costs a city body 1 point of 1.4: 95 − 1 = 94", () => {
    const unit = scoreOne({ report_late: 1 }, "city_body");
    expect(indicator(unit, "1.4").points).toBe("4");
    expect(unit.total).toBe("94");
  });
});
