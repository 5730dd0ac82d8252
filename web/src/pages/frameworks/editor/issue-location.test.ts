import type { Framework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { issuePlace, issueTarget } from "./issue-location.ts";

const framework: Framework = {
  code: "demo",
  name: "示例",
  year: 2021,
  facts: [],
  indicators: [
    {
      code: "1",
      name: "一",
      children: [
        { code: "1.1", name: "甲", rules: [] },
        { code: "1.2", name: "乙" },
      ],
    },
  ],
};

describe("validation issue places", () => {
  it("sends schema paths, codes and code/rule ids to the indicator, facts and totals elsewhere", () => {
    expect(issueTarget(framework, { at: "indicators.0.children.1.points", code: "schema", message: "" })).toEqual({
      kind: "indicator",
      path: [0, 1],
    });
    expect(issueTarget(framework, { at: "1.1/r3", code: "rule_amount", message: "" })).toEqual({
      kind: "indicator",
      path: [0, 0],
      ruleId: "r3",
    });
    expect(issueTarget(framework, { at: "1.2", code: "text_points", message: "" })).toEqual({ kind: "indicator", path: [0, 1] });
    expect(issueTarget(framework, { at: "finding", code: "undeclared_fact", message: "" })).toEqual({ kind: "facts" });
    expect(issueTarget(framework, { at: "framework", code: "base_total", message: "" })).toEqual({ kind: "info" });
  });

  it("reads a schema path as the indicator's code and the field", () => {
    expect(issuePlace(framework, { at: "indicators.0.children.1.points", code: "schema", message: "" })).toBe("1.2 › points");
    expect(issuePlace(framework, { at: "indicators.0.children.0.rules.0.amount", code: "schema", message: "" })).toBe(
      "1.1 › rules.0.amount",
    );
    expect(issuePlace(framework, { at: "year", code: "schema", message: "" })).toBe("year");
    // The validator names indicators itself: no second code in front of it.
    expect(issuePlace(framework, { at: "1.2", code: "children_points", message: "1.2 二：下级分值合计 5 分，与本项 4 分不符" })).toBe("");
    expect(issuePlace(framework, { at: "1.2/r1", code: "rule_amount", message: "1.2 二（规则 r1）：按次规则缺少扣/加分值" })).toBe("");
    expect(issuePlace(framework, { at: "misses", code: "unused_fact", message: "事实“遗漏”（misses）已声明但没有规则使用" })).toBe(
      "misses",
    );
  });
});
