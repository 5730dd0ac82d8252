import { BUILTIN_FRAMEWORKS, type Condition, type Framework, flatRules, frameworkSchema, type Indicator, type Rule } from "@kaoping/core";
import type { TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { testTranslator } from "../../../i18n/test-translators.ts";
import { describeCondition, describeRule, factNamer, withFactLabels } from "./rule-describe.ts";

let t: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  t = await testTranslator("zh-CN");
  tEn = await testTranslator("en-US");
});

const frameworks = BUILTIN_FRAMEWORKS.map((raw) => frameworkSchema.parse(raw));
const shuangyashan = frameworks.find((f) => f.code === "shuangyashan-internet-plus")!;
const allRules = (framework: Framework): Rule[] => {
  const walk = (list: Indicator[]): Indicator[] => list.flatMap((i) => [i, ...walk(i.children ?? [])]);
  return walk(framework.indicators).flatMap((i) => flatRules(i.rules ?? []));
};

describe("rule summaries", () => {
  it("say a total of facts in the facts' labels (Shuangyashan 1.4: 漏报、迟报合计2次以上)", () => {
    const total: Condition = { sum: ["report_missing", "report_late"], op: "ge", value: 2 };
    expect(describeCondition(total, t, factNamer(shuangyashan.facts, t))).toBe(
      "情况反馈和材料上报（含自查报告）漏报次数、情况反馈和材料上报（含自查报告）迟报次数合计 ≥ 2",
    );
  });

  it("name a per-level count by its label and level", () => {
    const rule: Rule = {
      id: "r",
      kind: "per_count",
      effect: "deduct",
      fact: "problem",
      amountByLevel: { city: "1" },
      text: "市级通报每次扣1分",
      cap: "3",
    };
    const facts = [{ key: "problem", label: "通报问题", type: "count" as const, byLevel: true }];
    expect(describeRule(rule, t, facts)).toBe("通报问题每次按来源扣：市级 1 分，最多 3 分");
    expect(describeCondition({ fact: "problem@city", op: "ge", value: 1 }, t, factNamer(facts, t))).toBe("通报问题（市级） ≥ 1");
  });

  it("show no declared fact's key in any built-in template's rule, in either language", () => {
    for (const framework of frameworks) {
      const keys = new Set(framework.facts.map((fact) => fact.key));
      for (const rule of allRules(framework)) {
        for (const translate of [t, tEn]) {
          const words = describeRule(rule, translate, framework.facts).match(/[a-z][a-z0-9_]*/g) ?? [];
          expect(
            words.filter((word) => keys.has(word)),
            `${framework.code} ${rule.id}`,
          ).toEqual([]);
        }
      }
    }
  });

  it("describe every rule of every kind the templates use, never leaving an i18n key", () => {
    const kinds = new Set<string>();
    for (const framework of frameworks) {
      for (const rule of allRules(framework)) {
        kinds.add(rule.kind);
        expect(describeRule(rule, t, framework.facts)).not.toMatch(/framework\.|enum\./);
      }
    }
    expect([...kinds].sort()).toEqual([
      "convert",
      "group_max",
      "manual",
      "manual_each",
      "max_of",
      "peer_average",
      "per_count",
      "per_step",
      "rank_step",
      "rank_table",
      "when",
    ]);
  });

  it("keep an undeclared fact's key, so the gap stays visible", () => {
    expect(describeCondition({ fact: "mystery", is: true }, t, factNamer([], t))).toBe("mystery 为是");
  });

  it("put labels into a reading note that names facts by key", () => {
    expect(withFactLabels("记入 report_missing（未报）或 report_late（迟报）", shuangyashan.facts, t)).toBe(
      "记入 情况反馈和材料上报（含自查报告）漏报次数（未报）或 情况反馈和材料上报（含自查报告）迟报次数（迟报）",
    );
  });
});
