/** Tree helpers shared by the server (import validation) and the web (tree views). */

export interface TreeItem {
  id: string;
  parentId: string | null;
  sortOrder: number;
  code: string;
}

/**
 * Nests a flat list. Items whose parent is absent from the list become roots
 * (e.g. a user's scope starts below the city). Siblings sort by sortOrder, then code.
 */
export function buildTree<T extends TreeItem>(items: readonly T[]): (T & { children: (T & { children: unknown[] })[] })[] {
  type Node = T & { children: Node[] };
  const nodes = new Map<string, Node>();
  for (const item of items) nodes.set(item.id, { ...item, children: [] });
  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: Node[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/**
 * Finds a cycle in a parent relation given as key → parent key. Returns the
 * keys on the first cycle found (in order), or null.
 */
export function findCycle(parentOf: ReadonlyMap<string, string | null>): string[] | null {
  const done = new Set<string>();
  for (const start of parentOf.keys()) {
    const seen: string[] = [];
    const onPath = new Set<string>();
    let key: string | null | undefined = start;
    while (key && !done.has(key)) {
      if (onPath.has(key)) return seen.slice(seen.indexOf(key));
      onPath.add(key);
      seen.push(key);
      key = parentOf.get(key);
    }
    for (const k of seen) done.add(k);
  }
  return null;
}
