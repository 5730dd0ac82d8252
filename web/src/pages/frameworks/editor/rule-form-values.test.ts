import type { Rule } from "@kaoping/core";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { conditionToDraft, draftToCondition, switchMode } from "./condition-draft.ts";
import { describeCondition } from "./rule-describe.ts";
import { newRuleValues, ruleToValues, valuesToRule } from "./rule-form-values.ts";

/** One rule of each kind, in the seeds' words (001 Gongshu, 004 Shuangyashan). */
const RULES: Rule[] = [
  {
    id: "a",
    kind: "per_count",
    text: "区级抽查通报0.2，市级0.5",
    effect: "deduct",
    fact: "finding",
    amountByLevel: { district: "0.2", city: "0.5" },
    cap: "3",
  },
  {
    id: "b",
    kind: "per_step",
    text: "接通率每低1个百分点扣0.1分",
    effect: "deduct",
    fact: "rate",
    direction: "below",
    threshold: 90,
    step: 1,
    amount: "0.1",
    rounding: "floor",
  },
  {
    id: "c",
    kind: "when",
    text: "未启动电子监察系统的，不得分，2.3项同时不得分",
    condition: { fact: "started", is: false },
    outcome: "zero",
    alsoZero: ["2.3"],
  },
  {
    id: "d",
    kind: "rank_table",
    text: "排名前三位，依次加0.5分、1分、1.5分",
    effect: "bonus",
    source: { rankBy: "score", order: "desc" },
    amounts: ["1.5", "1", "0.5"],
  },
  {
    id: "e",
    kind: "rank_step",
    text: "位列全市第3名之后，排名每下降1位扣0.5分",
    effect: "deduct",
    source: { rankFact: "city_rank" },
    after: 3,
    amount: "0.5",
  },
  { id: "f", kind: "manual", text: "视情扣0.5-3分", effect: "deduct", min: "0.5", max: "3" },
  { id: "g", kind: "convert", text: "进驻单位按年度考核成绩相应折算", fact: "hall_score", outOf: 100, missing: "lowest_peer" },
  {
    id: "h",
    kind: "max_of",
    text: "同一宣传内容取最高分",
    rules: [
      {
        id: "h1",
        kind: "when",
        text: "国家级媒体报道加1分",
        condition: { fact: "media_national", op: "ge", value: 1 },
        outcome: "bonus",
        amount: "1",
      },
      {
        id: "h2",
        kind: "when",
        text: "省级媒体报道加0.5分",
        condition: { fact: "media_province", op: "ge", value: 1 },
        outcome: "bonus",
        amount: "0.5",
      },
    ],
  },
  {
    id: "i",
    kind: "peer_average",
    text: "与样本框无关联的部门在平均分基础上下浮1分",
    condition: { fact: "sample_unrelated", is: true },
    amount: "1",
  },
  {
    id: "j",
    kind: "peer_average",
    text: "无需提供样本框的部门在平均分基础上适当下浮",
    condition: { fact: "sample_reported", is: false },
    peers: { fact: "sample_reported", is: true },
    min: "0",
    max: "1",
    peerGroup: "GS-G-STATIONED",
  },
  { id: "k", kind: "manual_each", text: "每发现一起扣1-3分", effect: "deduct", min: "1", max: "3" },
  {
    id: "l",
    kind: "group_max",
    text: "同一宣传内容取最高分",
    rules: [{ id: "l1", kind: "per_count", text: "中央级媒体加2分", effect: "bonus", fact: "report", amountByLevel: { national: "2" } }],
    cap: "5",
  },
  {
    id: "m",
    kind: "convert",
    text: "没有进驻大厅的部门按进驻单位最低得分计分",
    fact: "hall_score",
    outOf: 100,
    missing: "lowest_peer",
    peerGroup: "GS-G-STATIONED",
  },
];

describe("rule form values", () => {
  it.each(RULES.map((rule) => [`${rule.kind} (${rule.id})`, rule] as const))("round-trips a %s rule through the form", (_, rule) => {
    expect(valuesToRule(ruleToValues(rule))).toEqual({ rule });
  });

  it("keeps only the fields of the chosen kind and reports what the schema refuses", () => {
    const values = { ...ruleToValues(RULES[0]!), kind: "manual" as const, min: "3", max: "0.5" };
    expect(valuesToRule(values)).toEqual({
      rule: { id: "a", kind: "manual", text: RULES[0]!.text, effect: "deduct", min: "3", max: "0.5" },
    });
    const incomplete = valuesToRule({ ...newRuleValues("x"), text: "每发现一个扣0.5分" });
    expect("errors" in incomplete && incomplete.errors.some((e) => e.startsWith("fact"))).toBe(true);
  });
});

describe("condition builder drafts", () => {
  it("edits flat all/any lists as rows and deeper nesting as JSON", () => {
    const flat = {
      any: [
        { fact: "late", op: "gt" as const, value: 2 },
        { fact: "missed", op: "gt" as const, value: 2 },
      ],
    };
    const draft = conditionToDraft(flat);
    expect(draft.mode).toBe("any");
    expect(draftToCondition(draft)).toEqual({ condition: flat });
    const nested = { all: [{ fact: "a", is: true }, { any: [{ fact: "b", op: "lt" as const, value: 1 }] }] };
    expect(conditionToDraft(nested).mode).toBe("json");
    expect(draftToCondition(conditionToDraft(nested))).toEqual({ condition: nested });
  });

  it("edits a sum of facts (漏报 + 迟报 ≥ 2) as JSON and describes it with its parts", () => {
    const total = { sum: ["report_missing", "report_late"], op: "ge" as const, value: 2 };
    const draft = conditionToDraft(total);
    expect(draft.mode).toBe("json");
    expect(draftToCondition(draft)).toEqual({ condition: total });
    expect(draftToCondition({ ...draft, json: '{"sum":["a"],"op":"ge","value":2}' })).toMatchObject({ error: expect.any(String) });
    const t = ((key: string) => ({ "framework.op.ge": "≥" })[key] ?? key) as unknown as TFunction;
    expect(describeCondition(total, t)).toBe("framework.describe.sum ≥ 2"); // the words are rule-describe.test.ts's
  });

  it("refuses an unfinished test and carries rows into JSON and back", () => {
    expect(draftToCondition(conditionToDraft(undefined))).toEqual({ error: "incomplete" });
    const single = conditionToDraft({ fact: "rate", op: "lt", value: 85 });
    const json = switchMode(single, "json");
    expect(JSON.parse(json.json)).toEqual({ fact: "rate", op: "lt", value: 85 });
    expect(draftToCondition(switchMode(json, "all"))).toEqual({ condition: { all: [{ fact: "rate", op: "lt", value: 85 }] } });
  });
});
