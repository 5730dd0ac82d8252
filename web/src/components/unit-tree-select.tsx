import type { UnitTreeNode } from "@kaoping/core";
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useUnitTree } from "./use-unit-tree.ts";

interface UnitOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitOption[];
}

interface CommonProps {
  /** Set by Form.Item, so its label names the control. */
  id?: string;
  /** The name where no Form.Item label is tied to it. */
  "aria-label"?: string;
  placeholder?: string;
  /** A unit that may not be chosen, with its subtree (a unit cannot be its own ancestor). */
  excludeId?: string;
  disabled?: boolean;
  "data-testid"?: string;
}

interface SingleProps extends CommonProps {
  multiple?: false;
  value?: string | null;
  onChange?: (value: string | null) => void;
}

interface MultipleProps extends CommonProps {
  /** Check units one by one: checking a parent does not check its children. */
  multiple: true;
  value?: string[];
  onChange?: (value: string[]) => void;
}

type UnitTreeSelectProps = SingleProps | MultipleProps;

function toOptions(nodes: readonly UnitTreeNode[], excludeId: string | undefined, isExcluded = false): UnitOption[] {
  return nodes.map((node) => {
    const isOff = isExcluded || node.id === excludeId;
    return {
      value: node.id,
      title: node.shortName && node.shortName !== node.name ? `${node.name}（${node.shortName}）` : node.name,
      ...(isOff ? { disabled: true } : {}),
      children: toOptions(node.children, excludeId, isOff),
    };
  });
}

const search = {
  filterTreeNode: (input: string, node: { title?: unknown }) =>
    String(node.title ?? "")
      .toLowerCase()
      .includes(input.trim().toLowerCase()),
};

/** Picks one unit (归属单位, 上级单位) or several (group members) from the user's unit tree; a Form control. */
export function UnitTreeSelect(props: UnitTreeSelectProps) {
  const { tree } = useUnitTree();
  const treeData = useMemo(() => toOptions(tree, props.excludeId), [tree, props.excludeId]);
  const common = {
    treeData,
    showSearch: search,
    allowClear: true,
    id: props.id,
    "aria-label": props["aria-label"],
    placeholder: props.placeholder,
    disabled: props.disabled,
    "data-testid": props["data-testid"],
    treeDefaultExpandedKeys: tree.map((root) => root.id),
    styles: { popup: { root: { maxHeight: 420, overflow: "auto" } } },
    style: { width: "100%" },
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <TreeSelect<{ value: string; label?: unknown }[]>
        {...common}
        treeCheckable
        treeCheckStrictly
        showCheckedStrategy={TreeSelect.SHOW_ALL}
        maxTagCount="responsive"
        value={(props.value ?? []).map((value) => ({ value }))}
        onChange={(selected) => onChange?.((selected ?? []).map((item) => item.value))}
      />
    );
  }
  const { onChange } = props;
  return <TreeSelect<string | null> {...common} value={props.value ?? null} onChange={(value) => onChange?.(value ?? null)} />;
}
