import { DEFAULT_WARNING_RULES, RULE_PARAMS, WARNING_RULE_KIND, type WarningRule, warningRuleSetSchema } from "@kaoping/core";
import type { TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { supervisionEnUS } from "../../i18n/supervision.en-US.ts";
import { supervisionZhCN } from "../../i18n/supervision.zh-CN.ts";
import { testTranslator } from "../../i18n/test-translators.ts";
import { paramProblem, problemAt, problemText, refusedParams, ruleParamProblems } from "./rule-param-labels.ts";

let t: TFunction;
let tEn: TFunction;

beforeAll(async () => {
  t = await testTranslator("zh-CN");
  tEn = await testTranslator("en-US");
});

/** The default set with W01's percentage at 150 and W03's days at -1 (the values of the bug report). */
const edited = (): WarningRule[] =>
  DEFAULT_WARNING_RULES.map((rule) =>
    rule.id === "W01"
      ? ({ ...rule, params: { ...rule.params, percentLeft: 150 } } as WarningRule)
      : rule.id === "W03"
        ? ({ ...rule, params: { workingDays: -1 } } as WarningRule)
        : rule,
  );

/** 预警规则 labels each parameter with `supervision.rules.param.<key>`: a missing one shows the raw key. */
describe("预警规则: parameter labels", () => {
  const catalogues = { "zh-CN": supervisionZhCN.rules.param, "en-US": supervisionEnUS.rules.param } as Record<
    string,
    Record<string, string>
  >;

  it("labels every parameter of every rule of the default set, in both languages", () => {
    for (const rule of DEFAULT_WARNING_RULES)
      for (const key of Object.keys(rule.params))
        for (const [language, labels] of Object.entries(catalogues))
          expect(labels[key]?.trim(), `${language}: ${rule.id} ${rule.name} · ${key}`).toBeTruthy();
  });

  it("labels every parameter any rule kind takes (a kind not in the default set included)", () => {
    for (const kind of WARNING_RULE_KIND.values)
      for (const key of Object.keys(RULE_PARAMS[kind].shape))
        for (const [language, labels] of Object.entries(catalogues))
          expect(labels[key]?.trim(), `${language}: ${kind} · ${key}`).toBeTruthy();
  });

  it("names each parameter in the server's refusal by the label the screen shows (one label, not two)", () => {
    for (const kind of WARNING_RULE_KIND.values)
      for (const [key, schema] of Object.entries(RULE_PARAMS[kind].shape)) {
        const refused = schema.safeParse("x");
        expect(refused.success).toBe(false);
        const label = t(`supervision.rules.param.${key}`);
        expect(refused.error?.issues[0]?.message.startsWith(`${label}应为`), `${kind} · ${key}: ${label}`).toBe(true);
      }
  });
});

describe("预警规则: parameters checked by the rule kind's schema", () => {
  it("takes its bounds and integrality from the schema", () => {
    expect(paramProblem("due_soon", "percentLeft", 150)).toEqual({ code: "max", max: 100 });
    expect(paramProblem("due_soon", "percentLeft", 100)).toBeNull();
    expect(paramProblem("late_acceptance", "workingDays", -1)).toEqual({ code: "min", min: 0 });
    expect(paramProblem("process_anomaly", "minMinutes", 0)).toEqual({ code: "min", min: 1 });
    expect(paramProblem("late_acceptance", "workingDays", 2.5)).toEqual({ code: "integer" });
    expect(paramProblem("late_acceptance", "workingDays", null)).toEqual({ code: "required" });
    expect(paramProblem("overdue", "includeCompletedLate", true)).toBeNull();
  });

  it("finds what the server would refuse, and nothing it would take", () => {
    const rules = edited();
    const problems = ruleParamProblems(rules);
    expect(problems.map((p) => [p.ruleId, p.key, p.problem.code])).toEqual([
      ["W01", "percentLeft", "max"],
      ["W03", "workingDays", "min"],
    ]);
    expect(warningRuleSetSchema.safeParse({ rules }).success).toBe(false);
    expect(ruleParamProblems(DEFAULT_WARNING_RULES)).toEqual([]);
    expect(warningRuleSetSchema.safeParse({ rules: DEFAULT_WARNING_RULES }).success).toBe(true);
  });

  it("says each problem with the rule's code and name and the parameter's screen label", () => {
    const rules = edited();
    const texts = ruleParamProblems(rules).map((p) => problemAt(t, rules.find((r) => r.id === p.ruleId)!, p));
    expect(texts).toEqual(["W01 即将超期：剩余时限百分比不能大于 100", "W03 超时受理：受理时限（工作日）不能小于 0"]);
    const en = ruleParamProblems(rules).map((p) => problemAt(tEn, rules.find((r) => r.id === p.ruleId)!, p));
    expect(en).toEqual([
      "W01 即将超期: Share of the limit left (%) must be at most 100",
      "W03 超时受理: Acceptance limit (working days) must be at least 0",
    ]);
  });

  it("puts a server refusal back on the rule and parameter its path names", () => {
    const rules = edited();
    const details = [
      { path: ["body", "rules", "0", "params", "percentLeft"], message: "剩余时限百分比不能大于 100" },
      { path: ["body", "rules", "2", "params", "workingDays"], message: "受理时限（工作日）不能小于 0" },
      { path: ["body", "cards", "yellow", "redWarnings"], message: "不相干" },
    ];
    expect(refusedParams(details, rules).map((p) => [p.ruleId, p.key, p.problem.code])).toEqual([
      ["W01", "percentLeft", "max"],
      ["W03", "workingDays", "min"],
    ]);
    // A limit this editor does not know (an older page against a newer server): the server's message, its label not said twice.
    const trial = [DEFAULT_WARNING_RULES[0]!];
    const [stale] = refusedParams([{ path: ["body", "rule", "params", "percentLeft"], message: "剩余时限百分比不能大于 10" }], trial);
    expect(stale).toEqual({ ruleId: "W01", key: "percentLeft", problem: { code: "server", message: "剩余时限百分比不能大于 10" } });
    expect(problemAt(t, trial[0]!, stale!)).toBe("W01 即将超期：剩余时限百分比不能大于 10");
    expect(problemText(t, stale!)).toBe("不能大于 10");
  });
});
