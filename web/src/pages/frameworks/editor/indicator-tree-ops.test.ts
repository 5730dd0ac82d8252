import type { Indicator } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { findPathByCode, getAt, insertChild, insertSibling, moveAt, nextCode, removeAt, updateAt } from "./indicator-tree-ops.ts";

const tree: Indicator[] = [
  {
    code: "1",
    name: "服务方式完备度",
    points: "10",
    children: [
      { code: "1.1", name: "甲" },
      { code: "1.2", name: "乙" },
    ],
  },
  { code: "2", name: "办事指南准确度" },
];

describe("indicator tree operations", () => {
  it("reads and replaces a node by its index path, leaving the input alone", () => {
    expect(getAt(tree, [0, 1])?.name).toBe("乙");
    const next = updateAt(tree, [0, 1], (node) => ({ ...node, name: "丙" }));
    expect(getAt(next, [0, 1])?.name).toBe("丙");
    expect(getAt(tree, [0, 1])?.name).toBe("乙");
  });

  it("adds a child and a sibling with fresh codes and answers their paths", () => {
    const [withChild, childPath] = insertChild(tree, [1], { code: nextCode(tree, [1]), name: "新" });
    expect(childPath).toEqual([1, 0]);
    expect(getAt(withChild, childPath)?.code).toBe("2.1");
    const [withSibling, siblingPath] = insertSibling(tree, [0, 0], { code: nextCode(tree, [0]), name: "新" });
    expect(siblingPath).toEqual([0, 1]);
    expect(getAt(withSibling, [0])?.children?.map((c) => c.code)).toEqual(["1.1", "1.3", "1.2"]);
    expect(nextCode(tree, [])).toBe("3");
  });

  it("moves a node within its siblings and refuses to leave them", () => {
    const [moved, path] = moveAt(tree, [0, 1], -1);
    expect(path).toEqual([0, 0]);
    expect(getAt(moved, [0])?.children?.map((c) => c.code)).toEqual(["1.2", "1.1"]);
    expect(moveAt(tree, [1], 1)).toEqual([tree, [1]]);
  });

  it("removes a subtree; a parent without children becomes a leaf", () => {
    const once = removeAt(tree, [0, 0]);
    const twice = removeAt(once, [0, 0]);
    expect(getAt(twice, [0])).toEqual({ code: "1", name: "服务方式完备度", points: "10" });
    expect(removeAt(tree, [0]).map((node) => node.code)).toEqual(["2"]);
    expect(findPathByCode(tree, "1.2")).toEqual([0, 1]);
  });
});
