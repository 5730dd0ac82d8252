import { compileFramework, scoreFramework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { indicatorTree, lostPoints, matrixIndicators, rankingOrder } from "./score-view.ts";
import { testFramework } from "./test-framework.ts";

describe("score views", () => {
  it("orders the ranking by rank and puts reference units last", () => {
    const units = [
      { unitCode: "R", rank: null, total: "99" },
      { unitCode: "B", rank: 2, total: "90" },
      { unitCode: "A", rank: 1, total: "95" },
      { unitCode: "C", rank: 2, total: "90" },
      { unitCode: "S", rank: null, total: "99.5" },
    ];
    expect(rankingOrder(units).map((u) => u.unitCode)).toEqual(["A", "B", "C", "S", "R"]);
  });

  it("takes the first-level indicators as matrix columns", () => {
    const indicators = [
      { code: "1", name: "一", level: 1, parentCode: null, max: "10", part: "base" as const },
      { code: "1.1", name: "一.1", level: 2, parentCode: "1", max: "5", part: "base" as const },
      { code: "2", name: "二", level: 1, parentCode: null, max: "5", part: "bonus" as const },
    ];
    expect(matrixIndicators(indicators).map((i) => i.code)).toEqual(["1", "2"]);
  });

  it("computes lost points exactly", () => {
    expect(lostPoints("9.3", "10")).toBe("0.7");
    expect(lostPoints("10", "10")).toBeNull();
    expect(lostPoints(null, "10")).toBeNull();
    expect(lostPoints("3", null)).toBeNull();
  });

  it("reads a bonus not earned as no loss (加分项 0 of 20 is not −20)", () => {
    expect(lostPoints("0", "20", "bonus")).toBeNull();
    expect(lostPoints("0", "20", "base")).toBe("20");
  });

  it("rebuilds the indicator tree from the engine's flat list", () => {
    const result = scoreFramework(compileFramework(testFramework), { units: [{ code: "U1" }], facts: {} });
    const tree = indicatorTree(result.units[0]!.indicators);
    expect(tree.map((n) => [n.code, n.children?.map((c) => c.code) ?? null])).toEqual([
      ["1", ["1.1", "1.2"]],
      ["2", null],
    ]);
  });
});
