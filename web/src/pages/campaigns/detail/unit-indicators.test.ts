import type { Indicator } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { chosenCodes, indicatorChoiceTree } from "./unit-indicators.ts";

const indicators: Indicator[] = [
  {
    code: "1",
    name: "组织保障",
    points: "20",
    children: [
      { code: "1.1", name: "工作机构", points: "5" },
      { code: "1.2", name: "纳入县(区)委考核", points: "5", appliesTo: ["county"] },
      { code: "1.3", name: "制发文件", points: "10" },
    ],
  },
  { code: "2", name: "事项管理", points: "20", children: [{ code: "2.1", name: "清单", points: "20" }] },
];

describe("choosing a unit's indicators", () => {
  it("offers only what the unit's category allows (1.2 is for counties)", () => {
    const tree = indicatorChoiceTree(indicators, "provincial_body");
    expect(tree[0]!.children!.map((c) => c.key)).toEqual(["1.1", "1.3"]);
    expect(tree[0]!.title).toBe("1 组织保障（20）");
  });

  it("saves a fully ticked part as its own code and a partly ticked one as its ticked children", () => {
    const tree = indicatorChoiceTree(indicators, "provincial_body");
    // antd reports a parent as checked once all its (offered) children are: 1 with 1.1 and 1.3 is the whole part.
    expect(chosenCodes(tree, new Set(["1", "1.1", "1.3", "2.1"]))).toEqual(["1", "2.1"]);
    expect(chosenCodes(tree, new Set(["1.3"]))).toEqual(["1.3"]);
    expect(chosenCodes(tree, new Set())).toEqual([]);
  });
});
