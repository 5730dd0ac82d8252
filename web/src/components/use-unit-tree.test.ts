import type { UnitTreeNode } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { ancestorIds } from "./use-unit-tree.ts";

const node = (id: string, parentId: string | null) => ({ id, parentId, children: [] }) as unknown as UnitTreeNode;

describe("ancestorIds", () => {
  it("walks from a unit up to its root, root first", () => {
    const byId = new Map([node("city", null), node("district", "city"), node("office", "district")].map((n) => [n.id, n]));
    expect(ancestorIds(byId, "office")).toEqual(["city", "district"]);
    expect(ancestorIds(byId, "city")).toEqual([]);
    expect(ancestorIds(byId, "missing")).toEqual([]);
    expect(ancestorIds(byId, null)).toEqual([]);
  });

  it("stops at a parent outside the tree (a scope that starts below the root)", () => {
    const byId = new Map([node("district", "city"), node("office", "district")].map((n) => [n.id, n]));
    expect(ancestorIds(byId, "office")).toEqual(["district"]);
  });
});
