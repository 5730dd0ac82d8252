import type { Indicator } from "@kaoping/core";
import type { TreeDataNode } from "antd";

/** The framework's indicators a unit of this category may be assessed on, as a checkable tree (the category's appliesTo respected). */
export function indicatorChoiceTree(indicators: readonly Indicator[], category: string | null): TreeDataNode[] {
  return indicators.flatMap((indicator): TreeDataNode[] => {
    if (indicator.appliesTo && (!category || !indicator.appliesTo.includes(category))) return [];
    const children = indicatorChoiceTree(indicator.children ?? [], category);
    const points = indicator.points ? `（${indicator.points}）` : "";
    return [{ key: indicator.code, title: `${indicator.code} ${indicator.name}${points}`, ...(children.length ? { children } : {}) }];
  });
}

/**
 * The chosen codes to save: a parent whose children are all checked stands for them (so a
 * new child of a chosen part is included too); none checked means every indicator.
 */
export function chosenCodes(tree: readonly TreeDataNode[], checked: ReadonlySet<string>): string[] {
  return tree.flatMap((node) => {
    const children = node.children ?? [];
    if (checked.has(String(node.key)) && (children.length === 0 || children.every((c) => checked.has(String(c.key))))) {
      return [String(node.key)];
    }
    return chosenCodes(children, checked);
  });
}
