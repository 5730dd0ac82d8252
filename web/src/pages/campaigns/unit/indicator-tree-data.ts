import type { SelfAssessmentView } from "@kaoping/core";

/** A node of the workspace's indicator tree: a group (一级 / 二级 name) or a leaf holding its self-assessment. */
export interface IndicatorNode {
  key: string;
  title: string;
  item?: SelfAssessmentView;
  children: IndicatorNode[];
  /** Leaves below with a completion status, and all leaves below. */
  reported: number;
  total: number;
}

/** A self-assessment counts as reported once its completion is set (as the server counts progress). */
export const isReported = (item: SelfAssessmentView) => item.completion !== null;

/**
 * The leaves (in framework order) grouped under their ancestors' names. Groups
 * are keyed by their path, so two 二级 indicators of the same name under
 * different parents stay apart.
 */
export function buildIndicatorTree(items: readonly SelfAssessmentView[]): IndicatorNode[] {
  const roots: IndicatorNode[] = [];
  const groups = new Map<string, IndicatorNode>();
  for (const item of items) {
    let siblings = roots;
    const ancestors: IndicatorNode[] = [];
    item.path.forEach((name, depth) => {
      const key = `group:${item.path.slice(0, depth + 1).join("\u0000")}`;
      let group = groups.get(key);
      if (!group) {
        group = { key, title: name, children: [], reported: 0, total: 0 };
        groups.set(key, group);
        siblings.push(group);
      }
      ancestors.push(group);
      siblings = group.children;
    });
    siblings.push({
      key: item.indicatorCode,
      title: `${item.indicatorCode} ${item.indicatorName}`,
      item,
      children: [],
      reported: 0,
      total: 0,
    });
    for (const group of ancestors) {
      group.total += 1;
      if (isReported(item)) group.reported += 1;
    }
  }
  return roots;
}

/** The items whose code, name or path contains the keyword. */
export function filterItems(items: readonly SelfAssessmentView[], keyword: string): SelfAssessmentView[] {
  const needle = keyword.trim().toLowerCase();
  if (!needle) return [...items];
  return items.filter((item) => [item.indicatorCode, item.indicatorName, ...item.path].some((text) => text.toLowerCase().includes(needle)));
}

/** The keys of every group, to open the whole tree. */
export function groupKeys(nodes: readonly IndicatorNode[]): string[] {
  return nodes.flatMap((node) => (node.item ? [] : [node.key, ...groupKeys(node.children)]));
}
