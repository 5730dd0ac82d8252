import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SubnodeOutlined } from "@ant-design/icons";
import type { Indicator } from "@kaoping/core";
import { Badge, Button, Flex, Popconfirm, Space, Tag, Tooltip, Tree, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  flattenWithPaths,
  getAt,
  type IndicatorPath,
  insertChild,
  insertSibling,
  keyPath,
  moveAt,
  nextCode,
  pathKey,
  removeAt,
} from "./indicator-tree-ops.ts";

interface TreeNode {
  key: string;
  indicator: Indicator;
  children: TreeNode[];
}

interface IndicatorTreeProps {
  indicators: Indicator[];
  selected: IndicatorPath | null;
  onSelect: (path: IndicatorPath | null) => void;
  /** Drafts: add / delete / move; the new tree comes with the path to select. */
  onChange?: (indicators: Indicator[], select: IndicatorPath | null) => void;
  /** Worst validation issue per tree key. */
  levels: Map<string, "error" | "warning">;
}

function toNodes(indicators: Indicator[], parent: IndicatorPath = []): TreeNode[] {
  return indicators.map((indicator, index) => {
    const path = [...parent, index];
    return { key: pathKey(path), indicator, children: toNodes(indicator.children ?? [], path) };
  });
}

const parentKeys = (indicators: Indicator[]) =>
  flattenWithPaths(indicators)
    .filter((entry) => entry.node.children?.length)
    .map((entry) => pathKey(entry.path));

/** 指标树: code, name and points per node; for drafts a toolbar to add, move and delete. */
export function IndicatorTree({ indicators, selected, onSelect, onChange, levels }: IndicatorTreeProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<string[]>(() => parentKeys(indicators));
  const current = selected ? getAt(indicators, selected) : undefined;
  const selectedKey = selected ? pathKey(selected) : null;
  const containerRef = useRef<HTMLDivElement>(null);

  // A selection from elsewhere (a validation issue) opens its ancestors and scrolls into view.
  const [previousKey, setPreviousKey] = useState(selectedKey);
  if (selectedKey !== previousKey) {
    setPreviousKey(selectedKey);
    const ancestors = (selected ?? []).slice(0, -1).map((_, i) => pathKey((selected ?? []).slice(0, i + 1)));
    if (ancestors.some((key) => !expanded.includes(key))) setExpanded([...new Set([...expanded, ...ancestors])]);
  }
  useEffect(() => {
    if (!selectedKey) return;
    const timer = setTimeout(
      () => containerRef.current?.querySelector(".ant-tree-node-selected")?.scrollIntoView({ block: "nearest" }),
      50,
    );
    return () => clearTimeout(timer);
  }, [selectedKey]);

  function apply([next, path]: [Indicator[], IndicatorPath | null]) {
    onChange?.(next, path);
    setExpanded((keys) => [...new Set([...keys, ...parentKeys(next)])]);
  }

  const fresh = (parentPath: IndicatorPath): Indicator => ({
    code: nextCode(indicators, parentPath),
    name: t("framework.newIndicatorName"),
  });
  const handleAddRoot = () => apply(insertChild(indicators, [], fresh([])));
  const handleAddChild = () => selected && apply(insertChild(indicators, selected, fresh(selected)));
  const handleAddSibling = () => selected && apply(insertSibling(indicators, selected, fresh(selected.slice(0, -1))));
  const handleMove = (delta: -1 | 1) => selected && apply(moveAt(indicators, selected, delta));
  const handleDelete = () => selected && apply([removeAt(indicators, selected), afterDelete(indicators, selected)]);

  const toolbar = onChange && (
    <Space size={4} wrap style={{ marginBottom: 8 }}>
      <Tooltip title={t("framework.addRoot")}>
        <Button size="small" icon={<PlusOutlined />} onClick={handleAddRoot} data-testid="tree-add-root" />
      </Tooltip>
      <Tooltip title={t("framework.addChild")}>
        <Button size="small" icon={<SubnodeOutlined />} disabled={!current} onClick={handleAddChild} data-testid="tree-add-child" />
      </Tooltip>
      <Tooltip title={t("framework.addSibling")}>
        <Button size="small" disabled={!current} onClick={handleAddSibling} data-testid="tree-add-sibling">
          {t("framework.sibling")}
        </Button>
      </Tooltip>
      <Tooltip title={t("framework.moveUp")}>
        <Button size="small" icon={<ArrowUpOutlined />} disabled={!current} onClick={() => handleMove(-1)} data-testid="tree-move-up" />
      </Tooltip>
      <Tooltip title={t("framework.moveDown")}>
        <Button size="small" icon={<ArrowDownOutlined />} disabled={!current} onClick={() => handleMove(1)} data-testid="tree-move-down" />
      </Tooltip>
      <Popconfirm title={t("framework.deleteIndicatorConfirm", { name: current?.name ?? "" })} onConfirm={handleDelete} disabled={!current}>
        <Button size="small" danger icon={<DeleteOutlined />} disabled={!current} data-testid="tree-delete" />
      </Popconfirm>
    </Space>
  );

  return (
    <div ref={containerRef}>
      {toolbar}
      <Tree<TreeNode>
        data-testid="framework-tree"
        blockNode
        showLine
        treeData={toNodes(indicators)}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selectedKey ? [selectedKey] : []}
        onSelect={(keys) => {
          const key = keys[0];
          if (key !== undefined) onSelect(keyPath(String(key)));
        }}
        titleRender={(node) => <NodeTitle indicator={node.indicator} level={levels.get(node.key)} />}
      />
    </div>
  );
}

/** After a delete: the parent, or at the top level the previous node (none when the tree is empty). */
function afterDelete(indicators: Indicator[], path: IndicatorPath): IndicatorPath | null {
  if (path.length > 1) return path.slice(0, -1);
  return indicators.length > 1 ? [Math.max(0, (path[0] ?? 0) - 1)] : null;
}

function NodeTitle({ indicator, level }: { indicator: Indicator; level: "error" | "warning" | undefined }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} align="center" wrap data-testid={`tree-node-${indicator.code}`}>
      {level && <Badge status={level === "error" ? "error" : "warning"} />}
      <Typography.Text type="secondary">{indicator.code}</Typography.Text>
      <span>{indicator.name}</span>
      {indicator.points !== undefined && <Tag color="blue">{t("framework.pointsN", { points: indicator.points })}</Tag>}
      {indicator.part === "bonus" && <Tag color="gold">{t("framework.bonusTag")}</Tag>}
      {indicator.isNew && <Tag color="green">{t("framework.isNewTag")}</Tag>}
    </Flex>
  );
}
