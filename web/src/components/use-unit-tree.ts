import type { UnitTreeNode } from "@kaoping/core";
import { useEffect, useSyncExternalStore } from "react";
import { unitsApi } from "../api/units.ts";

interface UnitTreeState {
  tree: UnitTreeNode[] | null;
  isLoading: boolean;
}

/**
 * One shared copy of the unit tree (the units in the user's data scope), used by
 * the tree at the left of the pages, every unit picker and the home chart.
 */
let state: UnitTreeState = { tree: null, isLoading: false };
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function setState(next: UnitTreeState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Loads the tree once; `force` re-reads it after a change. */
export function loadUnitTree(force = false): Promise<void> {
  if (inflight) return inflight;
  if (state.tree && !force) return Promise.resolve();
  setState({ ...state, isLoading: true });
  inflight = unitsApi
    .tree()
    .then((tree) => setState({ tree, isLoading: false }))
    .catch(() => setState({ tree: state.tree ?? [], isLoading: false }))
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Forgets the tree (another user signed in). */
export function clearUnitTree(): void {
  setState({ tree: null, isLoading: false });
}

/** The shared unit tree, loaded on first use. */
export function useUnitTree(): { tree: UnitTreeNode[]; isLoading: boolean; reload: () => Promise<void> } {
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (!current.tree) void loadUnitTree();
  }, [current.tree]);
  return { tree: current.tree ?? [], isLoading: current.isLoading, reload: () => loadUnitTree(true) };
}

/** Every node of the tree, depth first. */
export function flattenUnitTree(tree: readonly UnitTreeNode[]): UnitTreeNode[] {
  return tree.flatMap((node) => [node, ...flattenUnitTree(node.children)]);
}

/** Keeps the nodes matching `keyword` (code, name or short name) and their ancestors. */
export function filterUnitTree(tree: readonly UnitTreeNode[], keyword: string): UnitTreeNode[] {
  const needle = keyword.trim().toLowerCase();
  if (!needle) return [...tree];
  return tree.flatMap((node) => {
    const children = filterUnitTree(node.children, needle);
    const isMatch = [node.code, node.name, node.shortName ?? ""].some((text) => text.toLowerCase().includes(needle));
    return isMatch || children.length > 0 ? [{ ...node, children: isMatch ? node.children : children }] : [];
  });
}

/** The ids of a unit's ancestors, root first (none for a root or an id the tree lacks). */
export function ancestorIds(byId: ReadonlyMap<string, UnitTreeNode>, id: string | null | undefined): string[] {
  const ids: string[] = [];
  for (let parent = id ? byId.get(id)?.parentId : null; parent && byId.has(parent); parent = byId.get(parent)?.parentId) {
    ids.unshift(parent);
  }
  return ids;
}
