import type { UnitTreeNode } from "@kaoping/core";
import { Empty, type GetRef, Input, Spin, Tree, type TreeDataNode, Typography } from "antd";
import { type Key, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ancestorIds, filterUnitTree, flattenUnitTree, useUnitTree } from "./use-unit-tree.ts";

interface UnitTreeProps {
  /** Select mode: the highlighted unit, and what a click selects (null when deselected). */
  selectedId?: string | null;
  onSelect?: (unit: UnitTreeNode | null) => void;
  /** Check mode (e.g. the units of a role's data scope); parents and children are checked independently. */
  checkable?: boolean;
  checkedIds?: string[];
  onCheck?: (ids: string[]) => void;
  /** Scroll height in pixels (virtual list). */
  height?: number;
}

function toTreeData(nodes: readonly UnitTreeNode[], disabledLabel: string): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.id,
    title:
      node.status === "disabled" ? (
        <Typography.Text type="secondary">
          {node.name}（{disabledLabel}）
        </Typography.Text>
      ) : (
        node.name
      ),
    children: toTreeData(node.children, disabledLabel),
  }));
}

/** The searchable unit tree (the user's data scope) shown at the left of list pages. */
export function UnitTree({ selectedId, onSelect, checkable, checkedIds, onCheck, height = 560 }: UnitTreeProps) {
  const { t } = useTranslation();
  const { tree, isLoading } = useUnitTree();
  const [keyword, setKeyword] = useState("");
  const [expandedKeys, setExpandedKeys] = useState<Key[] | null>(null);

  const filtered = useMemo(() => filterUnitTree(tree, keyword), [tree, keyword]);
  const treeData = useMemo(() => toTreeData(filtered, t("enum.unitStatus.disabled")), [filtered, t]);
  const byId = useMemo(() => new Map(flattenUnitTree(tree).map((node) => [node.id, node])), [tree]);
  // Searching opens every match; otherwise the first two levels start open, and the way to the selected unit.
  const defaultExpanded = useMemo(
    () =>
      keyword
        ? flattenUnitTree(filtered).map((node) => node.id)
        : [...tree.flatMap((root) => [root.id, ...root.children.map((child) => child.id)]), ...ancestorIds(byId, selectedId)],
    [keyword, filtered, tree, byId, selectedId],
  );
  // A unit selected from outside (a link's) is opened to and scrolled into view, however deep it sits.
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const [shownId, setShownId] = useState(selectedId);
  if (selectedId !== shownId && byId.size > 0) {
    setShownId(selectedId);
    if (expandedKeys && selectedId) setExpandedKeys([...new Set([...expandedKeys, ...ancestorIds(byId, selectedId)])]);
  }
  const isDrawn = treeData.length > 0;
  useEffect(() => {
    if (shownId && isDrawn) treeRef.current?.scrollTo({ key: shownId, align: "auto" });
  }, [shownId, isDrawn]);

  function handleSearch(value: string) {
    setKeyword(value);
    setExpandedKeys(null);
  }

  return (
    <div>
      <Input.Search
        allowClear
        placeholder={t("unit.treeSearch")}
        aria-label={t("unit.treeSearch")}
        onSearch={handleSearch}
        onChange={(event) => !event.target.value && handleSearch("")}
        style={{ marginBottom: 8 }}
      />
      <Spin spinning={isLoading}>
        {treeData.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Tree
            ref={treeRef}
            blockNode
            height={height}
            treeData={treeData}
            expandedKeys={expandedKeys ?? defaultExpanded}
            onExpand={(keys) => setExpandedKeys(keys)}
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys) => onSelect?.(byId.get(String(keys[0])) ?? null)}
            checkable={checkable}
            checkStrictly
            checkedKeys={checkedIds ?? []}
            onCheck={(checked) => onCheck?.((Array.isArray(checked) ? checked : checked.checked).map(String))}
          />
        )}
      </Spin>
    </div>
  );
}
