import { DEFAULT_WARNING_RULES, RULE_PARAMS, WARNING_RULE_KIND } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { supervisionEnUS } from "../../i18n/supervision.en-US.ts";
import { supervisionZhCN } from "../../i18n/supervision.zh-CN.ts";

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
});
