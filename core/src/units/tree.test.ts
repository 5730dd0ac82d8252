import { describe, expect, it } from "vitest";
import { buildTree, findCycle } from "./tree.ts";

describe("buildTree", () => {
  it("nests children, sorts siblings, and lifts orphans to roots", () => {
    const tree = buildTree([
      { id: "b", parentId: "a", sortOrder: 2, code: "B" },
      { id: "a", parentId: null, sortOrder: 1, code: "A" },
      { id: "c", parentId: "a", sortOrder: 1, code: "C" },
      { id: "x", parentId: "missing", sortOrder: 0, code: "X" },
    ]);
    expect(tree.map((n) => n.id)).toEqual(["x", "a"]);
    expect(tree[1]?.children.map((n) => n.id)).toEqual(["c", "b"]);
  });
});

describe("findCycle", () => {
  it("returns null for a forest", () => {
    expect(
      findCycle(
        new Map([
          ["a", null],
          ["b", "a"],
          ["c", "b"],
        ]),
      ),
    ).toBeNull();
  });
  it("names the units on a cycle", () => {
    const cycle = findCycle(
      new Map([
        ["r", null],
        ["a", "b"],
        ["b", "c"],
        ["c", "a"],
      ]),
    );
    expect(cycle?.sort()).toEqual(["a", "b", "c"]);
  });
  it("finds a self-parent", () => {
    expect(findCycle(new Map([["a", "a"]]))).toEqual(["a"]);
  });
});
