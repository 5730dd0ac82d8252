import type { SelfAssessmentView } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildIndicatorTree, filterItems, groupKeys } from "./indicator-tree-data.ts";

const item = (code: string, name: string, path: string[], completion: SelfAssessmentView["completion"] = null): SelfAssessmentView => ({
  indicatorCode: code,
  indicatorName: name,
  path,
  points: null,
  assessmentPoint: null,
  completion,
  narrative: "",
  version: 0,
  updatedAt: null,
  updatedBy: null,
  evidence: [],
});

const items = [
  item("1.1.1", "办件量", ["一、网上办事", "（一）事项"], "done"),
  item("1.1.2", "好差评", ["一、网上办事", "（一）事项"]),
  item("1.2.1", "事项", ["一、网上办事", "（二）平台"], "partial"),
  item("2.1", "窗口", ["二、窗口服务"]),
  item("3", "创新", []),
];

describe("indicator tree of the unit workspace", () => {
  it("groups leaves under their ancestors' names, in order, with progress per group", () => {
    const tree = buildIndicatorTree(items);
    expect(tree.map((node) => node.title)).toEqual(["一、网上办事", "二、窗口服务", "3 创新"]);
    const [first] = tree;
    expect(first?.children.map((node) => node.title)).toEqual(["（一）事项", "（二）平台"]);
    expect(first?.children[0]?.children.map((node) => node.key)).toEqual(["1.1.1", "1.1.2"]);
    expect([first?.reported, first?.total]).toEqual([2, 3]);
    expect([first?.children[0]?.reported, first?.children[0]?.total]).toEqual([1, 2]);
    expect(tree[2]?.item?.indicatorCode).toBe("3");
  });

  it("keeps same-named groups under different parents apart", () => {
    const tree = buildIndicatorTree([item("1.1", "a", ["一", "其他"]), item("2.1", "b", ["二", "其他"])]);
    const keys = groupKeys(tree);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
  });

  it("filters by code, name or group name", () => {
    expect(filterItems(items, "1.2.").map((i) => i.indicatorCode)).toEqual(["1.2.1"]);
    expect(filterItems(items, "窗口").map((i) => i.indicatorCode)).toEqual(["2.1"]);
    expect(filterItems(items, "（一）").map((i) => i.indicatorCode)).toEqual(["1.1.1", "1.1.2"]);
    expect(filterItems(items, " ")).toHaveLength(items.length);
  });
});
