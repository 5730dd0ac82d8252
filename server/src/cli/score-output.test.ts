import { compileFramework, frameworkSchema, scoreFramework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { scoreLines } from "./score-output.ts";

const framework = frameworkSchema.parse({
  code: "cli-score",
  name: "命令行评分测试",
  year: 2026,
  basePoints: "15",
  categories: [
    { code: "county", label: "县（区）" },
    { code: "department", label: "市直部门" },
  ],
  facts: [
    { key: "problem", label: "通报问题", type: "count", byLevel: true },
    { key: "online_rate", label: "网办率", type: "number", unit: "%" },
  ],
  indicators: [
    {
      code: "1",
      name: "基础工作",
      points: "10",
      children: [
        {
          code: "1.1",
          name: "事项管理",
          points: "6",
          rules: [
            {
              id: "r-problem",
              kind: "per_count",
              effect: "deduct",
              fact: "problem",
              amountByLevel: { district: "0.5", city: "1" },
              text: "每发现一个问题，区级通报扣0.5分，市级通报扣1分",
            },
          ],
        },
        {
          code: "1.2",
          name: "网办率",
          points: "4",
          rules: [
            {
              id: "r-rate",
              kind: "per_step",
              effect: "deduct",
              fact: "online_rate",
              direction: "below",
              threshold: 90,
              step: 1,
              amount: "0.2",
              text: "网办率低于90%的，每低1个百分点扣0.2分",
            },
          ],
        },
      ],
    },
    { code: "2", name: "纳入县(区)委考核", points: "5", appliesTo: ["county"] },
  ],
});

describe("kaoping score output", () => {
  const result = scoreFramework(compileFramework(framework), {
    units: [{ code: "D1", name: "市住建局", category: "department" }],
    facts: { D1: { values: { "problem@city": 2, "problem@district": 1, online_rate: 85 } } },
  });
  const lines = scoreLines(result);

  it("prints each indicator's points out of its maximum, not only the steps", () => {
    // 1.1: 6 − 2 × 1 (市级) − 1 × 0.5 (区级) = 3.5; 1.2: 85% is 5 points below 90%, 5 × 0.2 = 1, so 4 − 1 = 3; 1 = 6.5
    expect(lines).toContain("  1 基础工作  6.5 / 10");
    expect(lines).toContain("    1.1 事项管理  3.5 / 6");
    expect(lines).toContain("    1.2 网办率  3 / 4");
  });

  it("marks an indicator that does not apply as 不适用, not as a loss", () => {
    expect(lines).toContain("  2 纳入县(区)委考核  不适用");
  });

  it("keeps the steps under their indicator", () => {
    const at = lines.indexOf("    1.2 网办率  3 / 4");
    expect(lines[at + 1]).toMatch(/^ {8}-1 {2}.+—— 网办率低于90%的，每低1个百分点扣0\.2分$/);
  });
});
