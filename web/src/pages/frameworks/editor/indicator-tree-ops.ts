import type { Indicator } from "@kaoping/core";

/**
 * The indicator tree addressed by index paths ([0, 2] = the third child of the
 * first top-level indicator). Codes may repeat while a draft is edited (the
 * validation reports it), so the editor never addresses nodes by code.
 */
export type IndicatorPath = number[];

export const pathKey = (path: IndicatorPath): string => path.join("-");

export function keyPath(key: string): IndicatorPath {
  return key === "" ? [] : key.split("-").map(Number);
}

export function getAt(indicators: Indicator[], path: IndicatorPath): Indicator | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const node = indicators[head];
  return rest.length === 0 ? node : node && getAt(node.children ?? [], rest);
}

/** A copy of the tree with the node at `path` replaced by `update(node)`. */
export function updateAt(indicators: Indicator[], path: IndicatorPath, update: (node: Indicator) => Indicator): Indicator[] {
  const [head, ...rest] = path;
  if (head === undefined || !indicators[head]) return indicators;
  return indicators.map((node, index) => {
    if (index !== head) return node;
    return rest.length === 0 ? update(node) : { ...node, children: updateAt(node.children ?? [], rest, update) };
  });
}

/** Applies `change` to the sibling list that holds `path`'s last index (the top level for a one-step path). */
function updateSiblings(indicators: Indicator[], path: IndicatorPath, change: (siblings: Indicator[]) => Indicator[]): Indicator[] {
  if (path.length <= 1) return change(indicators);
  return updateAt(indicators, path.slice(0, -1), (parent) => ({ ...parent, children: change(parent.children ?? []) }));
}

/** Appends a child; returns the new tree and the child's path. */
export function insertChild(indicators: Indicator[], path: IndicatorPath, child: Indicator): [Indicator[], IndicatorPath] {
  if (path.length === 0) return [[...indicators, child], [indicators.length]];
  const count = getAt(indicators, path)?.children?.length ?? 0;
  const next = updateAt(indicators, path, (node) => ({ ...node, children: [...(node.children ?? []), child] }));
  return [next, [...path, count]];
}

/** Inserts a sibling right after `path`; returns the new tree and its path. */
export function insertSibling(indicators: Indicator[], path: IndicatorPath, sibling: Indicator): [Indicator[], IndicatorPath] {
  const index = path[path.length - 1] ?? -1;
  const next = updateSiblings(indicators, path, (siblings) => [...siblings.slice(0, index + 1), sibling, ...siblings.slice(index + 1)]);
  return [next, [...path.slice(0, -1), index + 1]];
}

/** Removes the node (and its subtree). */
export function removeAt(indicators: Indicator[], path: IndicatorPath): Indicator[] {
  const index = path[path.length - 1];
  if (index === undefined) return indicators;
  const next = updateSiblings(indicators, path, (siblings) => siblings.filter((_, i) => i !== index));
  if (path.length <= 1) return next;
  // A parent whose last child went becomes a leaf again.
  return updateAt(next, path.slice(0, -1), (parent) => {
    if (parent.children?.length) return parent;
    const { children: _children, ...leaf } = parent;
    return leaf;
  });
}

/** Swaps the node with its previous (-1) or next (+1) sibling; returns the tree and the node's new path. */
export function moveAt(indicators: Indicator[], path: IndicatorPath, delta: -1 | 1): [Indicator[], IndicatorPath] {
  const index = path[path.length - 1];
  if (index === undefined) return [indicators, path];
  const siblingCount = path.length === 1 ? indicators.length : (getAt(indicators, path.slice(0, -1))?.children?.length ?? 0);
  const target = index + delta;
  if (target < 0 || target >= siblingCount) return [indicators, path];
  const next = updateSiblings(indicators, path, (siblings) => {
    const copy = [...siblings];
    [copy[index], copy[target]] = [copy[target]!, copy[index]!];
    return copy;
  });
  return [next, [...path.slice(0, -1), target]];
}

/** Every node with its path, depth first. */
export function flattenWithPaths(indicators: Indicator[], parent: IndicatorPath = []): { node: Indicator; path: IndicatorPath }[] {
  return indicators.flatMap((node, index) => {
    const path = [...parent, index];
    return [{ node, path }, ...flattenWithPaths(node.children ?? [], path)];
  });
}

/** The first node with the code, or null. */
export function findPathByCode(indicators: Indicator[], code: string): IndicatorPath | null {
  return flattenWithPaths(indicators).find((entry) => entry.node.code === code)?.path ?? null;
}

/** The node and every descendant. */
export function subtree(node: Indicator): Indicator[] {
  return [node, ...(node.children ?? []).flatMap(subtree)];
}

/** A code for a new child or top-level node that is not taken yet: "2.3" under "2", "4" at the top. */
export function nextCode(indicators: Indicator[], parentPath: IndicatorPath): string {
  const taken = new Set(flattenWithPaths(indicators).map((entry) => entry.node.code));
  const parent = parentPath.length ? getAt(indicators, parentPath) : undefined;
  const count = parent ? (parent.children?.length ?? 0) : indicators.length;
  for (let n = count + 1; ; n++) {
    const code = parent ? `${parent.code}.${n}` : String(n);
    if (!taken.has(code)) return code;
  }
}
