import { describe, expect, it } from "vitest";
import { compileFramework, scoreFramework } from "./engine.ts";
import { factDefSchema, frameworkSchema, type Rule, ruleSchema } from "./schema.ts";
import { codeSlug, recognizeRules } from "./text-rules.ts";
import { validateFramework } from "./validate.ts";

/**
 * Every text below is copied from the seeds (001 = Gongshu 2021 评分细则,
 * 004 = Shuangyashan 2017 考核细则) with the indicator it belongs to; the
 * expected rules are what the text says, read by hand.
 */
const G = {
  appointment:
    "通过浙江政务服务网、浙里办APP、自助终端、电话等渠道,开通统一预约服务功能,实现办理时段精准预约、在线预约优先办理、排队状态智能提醒。每发现一个事项未提供精准预约服务的扣0.5分。(0.5分)",
  oneThing:
    "目录事项有一项未形成体系的扣0.5分;目录事项有未及时接入全市“一窗受理”平台实现网上联办的扣0.5分/项;坚持审批集成,推进流程再造,强化数字赋能,实现企业开办“分钟制”,未实现被省市通报的扣1分。(3分)",
  guides: "做到线上线下同步更新,被省市级抽查通报问题的每次扣1分;被群众或媒体发现同一事项办事指南或流程不一致的每次扣1分。(3分)",
  staggered: "通过预约、轮休等办法,为群众和企业办事提供错时、延时服务受理、办理通道。未提供错时或延时服务的此项不得分。(2分)",
  receiptRate:
    "11月底前,综合自助机适配对接率80%以上;10月底前,实现85%以上依申请政务服务事项“一网通办”,事项收件率排名前三位,依次加0.5分、1分、1.5分。政务服务2.0收件率低于85%的此项不得分。(5分)",
  intermediary:
    "按省市要求按时完成规范中介事项清单目录工作,未按时完成的,每延迟一天扣0.1分;对存在超出目录范围的中介服务事项,每发现一起扣0.2分,扣完为止。(1分)",
  intermediaryInfo:
    "信息报送缺失或错误被市级通报整改的,每次扣0.2分,被省级通报整改的,每次扣0.5分。扣完为止。引导建设单位通过市级中介网上优选平台确定中介的,每月新增1个以上(含)项目的,加0.1分,满分1.2分。(2分)",
  agencyCases: "每代办案例被区级(含)以上媒体录用且告知区审管办的加0.2分,累计不超过1分。(2分)",
  hotline:
    "咨询电话接通率。各部门严格落实咨询电话接听AB岗,实现接通率90%以上。被区级组织抽查到接通率不足90%的,每低1个百分点扣 0.1 分,被市级抽查到每低1个百分点扣 0.2 分。被省级抽查到每低1个百分点扣 0.3 分。(4分)",
  ticket: "2.0收件工单及时关闭,超时未处理被市级抽查通报的扣0.5分,被省级抽查通报的扣1分。(2分)",
  businessEnv:
    "位列全市第3名之前不扣分。位列全市第3名之后,排名每下降1位扣0.5分。4名以后的视情扣分。与样本框无关联的部门在平均分基础上下浮1分。 3.样本中反馈不满意或有问题的,每条扣0.5分,对提出的意见和建议将视情扣0.2分。(5分)",
  simplify: "因落实不到位发生投诉或被媒体曝光的,每发现一起扣1-3分。(3分)",
  workRequirements: "5.未按区审管办的工作要求落实的,视情扣0.5-3分。",
  tendering:
    "协助完善《杭州市公共资源交易目录2019版》实施管理,优化简化招投标流程,扩大进场交易范围,同时加强对重点企业的服务工作,全面提升服务、监管软硬件水平。(2分)",
};
const S = {
  office: "5分,未落实工作机构的、无专职工作人员的,不得分;未建立相关工作机制的扣3分。",
  partyAssessment: "5分,未纳入考核体系的,不得分;分值低于5分的扣3分",
  reporting: "5分,根据年底综合统计,未完成相关工作的一次扣2分;情况反馈和材料上报:漏报一次的扣1分,迟报1次的,扣1分,漏报、迟报2次以上的,不得分",
  supervision: "10分,未启动网上行政审批平台电子监察系统的,不得分,2.3项同时不得分);未落实机构和人员的,扣5分;未建立健全运行机制的,扣5分。",
  efficiency: "2分,未开展审批效能评估的不得分;有效能投诉或或媒体曝光的2件次以上的,该项不得分;有效能投诉或或媒体曝光的1件次的,该项得分减半",
  exposure: "3分,未设立曝光纠错栏目的,不得分;公开群众反映办事过程中遇到的困难和问题,未及时处理和解决的,每件次扣2分;超过2件的,不得分",
  parallel: "开展对涉及多个行政审批部门的事项实行并联审批和联办合审,提高审批服务效率(加10分)。",
  preReview: "3分,已建立的单位不扣分,未建立网上预审机制的,扣3分",
};

describe("recognizeRules: per-occurrence deductions (每…扣X分, …扣X分/项, 每次扣X分)", () => {
  it("001 预约服务: “每发现一个事项未提供精准预约服务的扣0.5分” → per_count 0.5, the description sentence and “(0.5分)” skipped", () => {
    expect(recognizeRules(G.appointment, { indicatorCode: "1.2.1", points: "0.5" })).toEqual({
      rules: [
        {
          id: "1.2.1-1",
          kind: "per_count",
          effect: "deduct",
          fact: "f_1_2_1_b",
          amount: "0.5",
          text: "每发现一个事项未提供精准预约服务的扣0.5分",
        },
      ],
      facts: [{ key: "f_1_2_1_b", label: "每发现一个事项未提供精准预约服务的扣0.5分", type: "count" }],
      unrecognized: [],
    });
  });

  it("001 事项基础: “有一项…的扣0.5分” and “…的扣0.5分/项” count; “未实现被省市通报的扣1分” is a fixed deduction", () => {
    const { rules, facts } = recognizeRules(G.oneThing, { indicatorCode: "1.1.1", points: "3" });
    expect(rules).toEqual([
      { id: "1.1.1-1", kind: "per_count", effect: "deduct", fact: "f_1_1_1_a", amount: "0.5", text: "目录事项有一项未形成体系的扣0.5分" },
      {
        id: "1.1.1-2",
        kind: "per_count",
        effect: "deduct",
        fact: "f_1_1_1_b",
        amount: "0.5",
        text: "目录事项有未及时接入全市“一窗受理”平台实现网上联办的扣0.5分/项",
      },
      {
        id: "1.1.1-3",
        kind: "when",
        condition: { fact: "f_1_1_1_c", is: true },
        outcome: "deduct",
        amount: "1",
        text: "坚持审批集成,推进流程再造,强化数字赋能,实现企业开办“分钟制”,未实现被省市通报的扣1分",
      },
    ]);
    expect(facts.map((f) => [f.key, f.type])).toEqual([
      ["f_1_1_1_a", "count"],
      ["f_1_1_1_b", "count"],
      ["f_1_1_1_c", "boolean"],
    ]);
  });

  it("004 1.4: “一次扣2分”, “漏报一次的扣1分”, “迟报1次的,扣1分” count; “2次以上的,不得分” is ≥ 2", () => {
    const { rules, facts } = recognizeRules(S.reporting, { indicatorCode: "1.4", points: "5" });
    expect(rules).toEqual([
      {
        id: "1.4-1",
        kind: "per_count",
        effect: "deduct",
        fact: "f_1_4_a",
        amount: "2",
        text: "根据年底综合统计,未完成相关工作的一次扣2分",
      },
      { id: "1.4-2", kind: "per_count", effect: "deduct", fact: "f_1_4_b", amount: "1", text: "情况反馈和材料上报:漏报一次的扣1分" },
      { id: "1.4-3", kind: "per_count", effect: "deduct", fact: "f_1_4_b2", amount: "1", text: "迟报1次的,扣1分" },
      {
        id: "1.4-4",
        kind: "when",
        condition: { fact: "f_1_4_b3", op: "ge", value: 2 },
        outcome: "zero",
        text: "漏报、迟报2次以上的,不得分",
      },
    ]);
    expect(facts.map((f) => f.key)).toEqual(["f_1_4_a", "f_1_4_b", "f_1_4_b2", "f_1_4_b3"]);
  });
});

describe("recognizeRules: who found it (被区级/市级/省级…)", () => {
  it("001 办事指南: “被省市级抽查通报问题的每次扣1分” → amountByLevel city 1 + province 1; 群众或媒体 stays a plain count", () => {
    const { rules, facts } = recognizeRules(G.guides, { indicatorCode: "1.1.2", points: "3" });
    expect(rules).toEqual([
      {
        id: "1.1.2-1",
        kind: "per_count",
        effect: "deduct",
        fact: "f_1_1_2_a",
        amountByLevel: { city: "1", province: "1" },
        text: "做到线上线下同步更新,被省市级抽查通报问题的每次扣1分",
      },
      {
        id: "1.1.2-2",
        kind: "per_count",
        effect: "deduct",
        fact: "f_1_1_2_b",
        amount: "1",
        text: "被群众或媒体发现同一事项办事指南或流程不一致的每次扣1分",
      },
    ]);
    expect(facts[0]).toEqual({
      key: "f_1_1_2_a",
      label: "做到线上线下同步更新,被省市级抽查通报问题的每次扣1分",
      type: "count",
      byLevel: true,
    });
  });

  it("001 中介信息: “被市级通报整改的,每次扣0.2分,被省级通报整改的,每次扣0.5分” → one rule, 扣完为止 adds nothing, 满分1.2分 caps the bonus", () => {
    const { rules, unrecognized } = recognizeRules(G.intermediaryInfo, { indicatorCode: "2.4.2", points: "2" });
    expect(rules).toEqual([
      {
        id: "2.4.2-1",
        kind: "per_count",
        effect: "deduct",
        fact: "f_2_4_2_a",
        amountByLevel: { city: "0.2", province: "0.5" },
        text: "信息报送缺失或错误被市级通报整改的,每次扣0.2分,被省级通报整改的,每次扣0.5分",
      },
      {
        id: "2.4.2-2",
        kind: "per_count",
        effect: "bonus",
        fact: "f_2_4_2_c",
        amount: "0.1",
        cap: "1.2",
        text: "引导建设单位通过市级中介网上优选平台确定中介的,每月新增1个以上(含)项目的,加0.1分,满分1.2分",
      },
    ]);
    expect(unrecognized).toEqual([]);
  });

  it("001 2.0收件工单: “被市级抽查通报的扣0.5分,被省级抽查通报的扣1分” → per_count by level", () => {
    expect(recognizeRules(G.ticket, { indicatorCode: "6.2.2", points: "2" }).rules).toEqual([
      {
        id: "6.2.2-1",
        kind: "per_count",
        effect: "deduct",
        fact: "f_6_2_2_a",
        amountByLevel: { city: "0.5", province: "1" },
        text: "2.0收件工单及时关闭,超时未处理被市级抽查通报的扣0.5分,被省级抽查通报的扣1分",
      },
    ]);
  });
});

describe("recognizeRules: steps beyond a threshold", () => {
  it("001 中介清单: “每延迟一天扣0.1分” → per_step above 0 step 1; “每发现一起扣0.2分,扣完为止” → per_count", () => {
    const { rules, facts } = recognizeRules(G.intermediary, { indicatorCode: "2.4.1", points: "1" });
    expect(rules).toEqual([
      {
        id: "2.4.1-1",
        kind: "per_step",
        effect: "deduct",
        fact: "f_2_4_1_a",
        direction: "above",
        threshold: 0,
        step: 1,
        amount: "0.1",
        rounding: "floor",
        text: "按省市要求按时完成规范中介事项清单目录工作,未按时完成的,每延迟一天扣0.1分",
      },
      {
        id: "2.4.1-2",
        kind: "per_count",
        effect: "deduct",
        fact: "f_2_4_1_b",
        amount: "0.2",
        text: "对存在超出目录范围的中介服务事项,每发现一起扣0.2分,扣完为止",
      },
    ]);
    expect(facts[0]).toMatchObject({ key: "f_2_4_1_a", type: "number", unit: "天" });
  });

  it("001 接通率: “每低1个百分点扣 0.1 / 0.2 / 0.3 分” below 90 — the 省级 sentence takes 90% from the sentences before it", () => {
    const per = (id: string, fact: string, amount: string, text: string): Rule => ({
      id,
      kind: "per_step",
      effect: "deduct",
      fact,
      direction: "below",
      threshold: 90,
      step: 1,
      amount,
      rounding: "floor",
      text,
    });
    const { rules, facts } = recognizeRules(G.hotline, { indicatorCode: "2.5.2", points: "4" });
    expect(rules).toEqual([
      per("2.5.2-1", "f_2_5_2_c", "0.1", "被区级组织抽查到接通率不足90%的,每低1个百分点扣 0.1 分"),
      per("2.5.2-2", "f_2_5_2_c2", "0.2", "被市级抽查到每低1个百分点扣 0.2 分"),
      per("2.5.2-3", "f_2_5_2_d", "0.3", "被省级抽查到每低1个百分点扣 0.3 分"),
    ]);
    expect(facts.every((f) => f.type === "number" && f.unit === "%")).toBe(true);
  });

  it("001 收件率: “排名前三位,依次加0.5分、1分、1.5分” → rank_table in text order with the reading noted; “低于85%的此项不得分” → when lt 85 zero", () => {
    const { rules, facts } = recognizeRules(G.receiptRate, { indicatorCode: "2.1.2", points: "5" });
    expect(rules).toEqual([
      {
        id: "2.1.2-1",
        kind: "rank_table",
        effect: "bonus",
        source: { rankBy: "f_2_1_2_b", order: "desc" },
        amounts: ["0.5", "1", "1.5"],
        text: "10月底前,实现85%以上依申请政务服务事项“一网通办”,事项收件率排名前三位,依次加0.5分、1分、1.5分",
        note: "“依次加”按原文顺序读作第1名加0.5分、第2名加1分、第3名加1.5分；若原意为名次越前加分越多，请调换顺序。并列按竞争排名（1、1、3）。",
      },
      {
        id: "2.1.2-2",
        kind: "when",
        condition: { fact: "f_2_1_2_c", op: "lt", value: 85 },
        outcome: "zero",
        text: "政务服务2.0收件率低于85%的此项不得分",
      },
    ]);
    expect(facts).toEqual([
      {
        key: "f_2_1_2_b",
        label: "10月底前,实现85%以上依申请政务服务事项“一网通办”,事项收件率排名前三位,依次加0.5分、1分、1.5分",
        type: "number",
      },
      { key: "f_2_1_2_c", label: "政务服务2.0收件率低于85%的此项不得分", type: "number", unit: "%" },
    ]);
  });

  it("001 营商环境评价: “位列全市第3名之后,排名每下降1位扣0.5分” → rank_step after 3 on a given city rank; 视情 → manual; 下浮1分 → unrecognised", () => {
    const { rules, facts, unrecognized } = recognizeRules(G.businessEnv, { indicatorCode: "7.1", points: "5" });
    expect(rules).toEqual([
      {
        id: "7.1-1",
        kind: "rank_step",
        effect: "deduct",
        source: { rankFact: "f_7_1_b" },
        after: 3,
        amount: "0.5",
        text: "位列全市第3名之后,排名每下降1位扣0.5分",
      },
      { id: "7.1-2", kind: "manual", effect: "deduct", min: "0", max: "5", text: "4名以后的视情扣分" },
      { id: "7.1-3", kind: "manual", effect: "deduct", min: "0", max: "1", text: "与样本框无关联的部门在平均分基础上下浮1分" },
      { id: "7.1-4", kind: "per_count", effect: "deduct", fact: "f_7_1_e", amount: "0.5", text: "样本中反馈不满意或有问题的,每条扣0.5分" },
      { id: "7.1-5", kind: "manual", effect: "deduct", min: "0", max: "0.2", text: "对提出的意见和建议将视情扣0.2分" },
    ]);
    expect(facts.map((f) => [f.key, f.type])).toEqual([
      ["f_7_1_b", "rank"],
      ["f_7_1_e", "count"],
    ]);
    expect(unrecognized).toEqual(["与样本框无关联的部门在平均分基础上下浮1分"]);
  });
});

describe("recognizeRules: caps, manual ranges, bonuses", () => {
  it("001 代办案例: “加0.2分,累计不超过1分” → per_count bonus capped at 1; “区级(含)以上” is not a source level", () => {
    expect(recognizeRules(G.agencyCases, { indicatorCode: "2.4.3", points: "2" }).rules).toEqual([
      {
        id: "2.4.3-1",
        kind: "per_count",
        effect: "bonus",
        fact: "f_2_4_3_a",
        amount: "0.2",
        cap: "1",
        text: "每代办案例被区级(含)以上媒体录用且告知区审管办的加0.2分,累计不超过1分",
      },
    ]);
  });

  it("a cap in its own sentence caps the rule before it", () => {
    const { rules } = recognizeRules("每发布一篇加0.5分。最高不超过2分。", { indicatorCode: "9", points: "2", part: "bonus" });
    expect(rules).toEqual([
      { id: "9-1", kind: "per_count", effect: "bonus", fact: "f_9_a", amount: "0.5", cap: "2", text: "每发布一篇加0.5分" },
    ]);
  });

  it("001 8.5: “视情扣0.5-3分” → manual 0.5–3; 001 简化办: “每发现一起扣1-3分” → manual_each 1–3, one amount per finding", () => {
    expect(recognizeRules(G.workRequirements, { indicatorCode: "8.5" }).rules).toEqual([
      { id: "8.5-1", kind: "manual", effect: "deduct", min: "0.5", max: "3", text: "未按区审管办的工作要求落实的,视情扣0.5-3分" },
    ]);
    const [rule] = recognizeRules(G.simplify, { indicatorCode: "2.3.2", points: "3" }).rules;
    expect(rule).toEqual({
      id: "2.3.2-1",
      kind: "manual_each",
      effect: "deduct",
      min: "1",
      max: "3",
      text: "因落实不到位发生投诉或被媒体曝光的,每发现一起扣1-3分",
    });
  });

  it("004 7.1: “(加10分)” with nothing else → a bonus of 10 when the described work is done", () => {
    expect(recognizeRules(S.parallel, { indicatorCode: "7.1", points: "10", part: "bonus" })).toEqual({
      rules: [
        {
          id: "7.1-1",
          kind: "when",
          condition: { fact: "f_7_1_a", is: true },
          outcome: "bonus",
          amount: "10",
          text: "开展对涉及多个行政审批部门的事项实行并联审批和联办合审,提高审批服务效率(加10分)",
        },
      ],
      facts: [
        { key: "f_7_1_a", label: "开展对涉及多个行政审批部门的事项实行并联审批和联办合审,提高审批服务效率(加10分)", type: "boolean" },
      ],
      unrecognized: [],
    });
  });
});

describe("recognizeRules: scores zero, halves, fixed deductions", () => {
  it("001 错时延时: “未提供错时或延时服务的此项不得分” → when (the described failure) zero", () => {
    expect(recognizeRules(G.staggered, { indicatorCode: "1.3", points: "2" })).toEqual({
      rules: [
        { id: "1.3-1", kind: "when", condition: { fact: "f_1_3_b", is: true }, outcome: "zero", text: "未提供错时或延时服务的此项不得分" },
      ],
      facts: [{ key: "f_1_3_b", label: "未提供错时或延时服务的此项不得分", type: "boolean" }],
      unrecognized: [],
    });
  });

  it("004 1.1 / 1.2: “不得分” and “扣3分” on described failures; “分值低于5分的扣3分” → lt 5", () => {
    expect(recognizeRules(S.office, { indicatorCode: "1.1", points: "5" }).rules).toEqual([
      {
        id: "1.1-1",
        kind: "when",
        condition: { fact: "f_1_1_a", is: true },
        outcome: "zero",
        text: "未落实工作机构的、无专职工作人员的,不得分",
      },
      {
        id: "1.1-2",
        kind: "when",
        condition: { fact: "f_1_1_b", is: true },
        outcome: "deduct",
        amount: "3",
        text: "未建立相关工作机制的扣3分",
      },
    ]);
    const { rules, facts } = recognizeRules(S.partyAssessment, { indicatorCode: "1.2", points: "5" });
    expect(rules[1]).toEqual({
      id: "1.2-2",
      kind: "when",
      condition: { fact: "f_1_2_b", op: "lt", value: 5 },
      outcome: "deduct",
      amount: "3",
      text: "分值低于5分的扣3分",
    });
    expect(facts[1]).toEqual({ key: "f_1_2_b", label: "分值低于5分的扣3分", type: "number", unit: "分" });
  });

  it("004 4.4: “2件次以上的,该项不得分” ≥ 2 and “1件次的,该项得分减半” = 1 share one count fact", () => {
    const { rules, facts } = recognizeRules(S.efficiency, { indicatorCode: "4.4", points: "2" });
    expect(rules).toEqual([
      { id: "4.4-1", kind: "when", condition: { fact: "f_4_4_a", is: true }, outcome: "zero", text: "未开展审批效能评估的不得分" },
      {
        id: "4.4-2",
        kind: "when",
        condition: { fact: "f_4_4_b", op: "ge", value: 2 },
        outcome: "zero",
        text: "有效能投诉或或媒体曝光的2件次以上的,该项不得分",
      },
      {
        id: "4.4-3",
        kind: "when",
        condition: { fact: "f_4_4_b", op: "eq", value: 1 },
        outcome: "half",
        text: "有效能投诉或或媒体曝光的1件次的,该项得分减半",
      },
    ]);
    expect(facts.map((f) => [f.key, f.type])).toEqual([
      ["f_4_4_a", "boolean"],
      ["f_4_4_b", "count"],
    ]);
  });

  it("004 5.3: “超过2件的,不得分” (> 2) counts the problems of the per-occurrence rule before it", () => {
    const { rules } = recognizeRules(S.exposure, { indicatorCode: "5.3", points: "3" });
    expect(rules[1]).toMatchObject({ kind: "per_count", fact: "f_5_3_b", amount: "2" });
    expect(rules[2]).toEqual({
      id: "5.3-3",
      kind: "when",
      condition: { fact: "f_5_3_b", op: "gt", value: 2 },
      outcome: "zero",
      text: "超过2件的,不得分",
    });
  });

  it("004 3.4: “已建立的单位不扣分” is context of the deduction after it, not a rule", () => {
    expect(recognizeRules(S.preReview, { indicatorCode: "3.4", points: "3" }).rules).toEqual([
      {
        id: "3.4-1",
        kind: "when",
        condition: { fact: "f_3_4_a", is: true },
        outcome: "deduct",
        amount: "3",
        text: "已建立的单位不扣分,未建立网上预审机制的,扣3分",
      },
    ]);
  });
});

describe("recognizeRules: what it cannot read", () => {
  it("004 4.1: “2.3项同时不得分” (other indicators) stays manual and is listed", () => {
    const { rules, unrecognized } = recognizeRules(S.supervision, { indicatorCode: "4.1", points: "10" });
    expect(rules.map((r) => r.kind)).toEqual(["when", "manual", "when", "when"]);
    expect(rules[1]).toEqual({ id: "4.1-2", kind: "manual", effect: "deduct", min: "0", max: "10", text: "2.3项同时不得分)" });
    expect(unrecognized).toEqual(["2.3项同时不得分)"]);
  });

  it("001 招标投标: a text with no scoring sentence becomes one manual rule over the indicator's points", () => {
    expect(recognizeRules(G.tendering, { indicatorCode: "2.2", points: "2" })).toEqual({
      rules: [{ id: "2.2-1", kind: "manual", effect: "deduct", min: "0", max: "2", text: G.tendering }],
      facts: [],
      unrecognized: [G.tendering],
    });
    expect(recognizeRules("", { indicatorCode: "2.2", points: "2" })).toEqual({ rules: [], facts: [], unrecognized: [] });
    expect(recognizeRules(G.tendering, { indicatorCode: "2.2" }).rules).toEqual([]);
  });

  it("001 亲清D小二: “根据考核情况折算成绩” → manual over the points, in a bonus part a manual bonus", () => {
    const text = "各有关部门严格落实“亲清D小二”工作机制和要求,根据考核情况折算成绩。(4分)";
    expect(recognizeRules(text, { indicatorCode: "2.5.3", points: "4" }).rules[0]).toMatchObject({
      kind: "manual",
      effect: "deduct",
      max: "4",
    });
    expect(recognizeRules(text, { indicatorCode: "2.5.3", points: "4", part: "bonus" }).rules[0]).toMatchObject({ effect: "bonus" });
  });
});

describe("recognizeRules: keys, determinism, validity", () => {
  const all = [
    ...Object.entries(G).map(([k, text], i) => ({ code: `g.${i + 1}`, text, name: k })),
    ...Object.entries(S).map(([k, text], i) => ({ code: `s.${i + 1}`, text, name: k })),
  ];

  it("never throws: an amount with more than 4 decimals or unusable points stays manual", () => {
    expect(recognizeRules("每次扣0.12345分", { indicatorCode: "x", points: "abc" })).toEqual({
      rules: [{ id: "x-1", kind: "manual", effect: "deduct", min: "0", max: "0", text: "每次扣0.12345分" }],
      facts: [],
      unrecognized: ["每次扣0.12345分"],
    });
  });

  it("fact keys come from the code: 1.2.3 → f_1_2_3_…; other characters get a stable hash", () => {
    expect(codeSlug("1.2.3")).toBe("1_2_3");
    expect(codeSlug("A-1")).toBe("a_1");
    expect(codeSlug("一.1")).toMatch(/^1_[0-9a-z]+$/);
    expect(codeSlug("一.1")).toBe(codeSlug("一.1"));
    expect(codeSlug("一.1")).not.toBe(codeSlug("二.1"));
    const { facts } = recognizeRules("每发现一项扣1分", { indicatorCode: "一.1" });
    expect(facts[0]!.key).toMatch(/^[a-z][a-z0-9_.]*$/);
  });

  it("is deterministic and every rule, fact and framework it makes is valid and scores", () => {
    for (const { code, text } of all) {
      const first = recognizeRules(text, { indicatorCode: code, points: "5" });
      expect(recognizeRules(text, { indicatorCode: code, points: "5" })).toEqual(first);
      for (const rule of first.rules) expect(ruleSchema.parse(rule)).toEqual(rule);
      for (const fact of first.facts) expect(factDefSchema.parse(fact)).toEqual(fact);
      for (const rule of first.rules) expect(text).toContain(rule.text);
    }
    const framework = {
      code: "recognized",
      name: "识别",
      year: 2021,
      facts: all.flatMap(({ code, text }) => recognizeRules(text, { indicatorCode: code, points: "5" }).facts),
      indicators: all.map(({ code, text, name }) => ({
        code,
        name,
        points: "5",
        rules: recognizeRules(text, { indicatorCode: code, points: "5" }).rules,
      })),
    };
    const report = validateFramework(framework);
    expect(report.errors).toEqual([]);
    const compiled = compileFramework(frameworkSchema.parse(framework));
    const scored = scoreFramework(compiled, { units: [{ code: "u" }], facts: { u: { values: { f_g_9_d: 86.5, f_g_6_a: 3 } } } });
    // 接通率 86.5 at the province check (0.3 per point below 90, whole points): 3 × 0.3 = 0.9 off 5.
    expect(scored.units[0]!.indicators.find((i) => i.code === "g.9")!.points).toBe("4.1");
    // 中介清单 3 days late: 3 × 0.1 = 0.3 off 5.
    expect(scored.units[0]!.indicators.find((i) => i.code === "g.6")!.points).toBe("4.7");
  });
});
