import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled, PieChartFilled } from "@ant-design/icons";
import type { Completion, SelfAssessmentView } from "@kaoping/core";
import { Empty, Input, Space, Tooltip, Tree, type TreeDataNode, Typography, theme } from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { buildIndicatorTree, filterItems, groupKeys, type IndicatorNode } from "./indicator-tree-data.ts";

interface IndicatorTreeProps {
  items: SelfAssessmentView[];
  selectedCode: string | null;
  onSelect: (code: string) => void;
}

/** The completion status as an icon: done, partial, not done, not applicable, or an empty circle when not filled. */
function CompletionIcon({ completion }: { completion: Completion | null }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const icons: Record<Completion, ReactNode> = {
    done: <CheckCircleFilled style={{ color: token.colorSuccess }} />,
    partial: <PieChartFilled style={{ color: token.colorWarning }} />,
    not_done: <CloseCircleFilled style={{ color: token.colorError }} />,
    not_applicable: <MinusCircleFilled style={{ color: token.colorTextQuaternary }} />,
  };
  if (!completion) {
    return (
      <span
        style={{ display: "inline-block", width: 12, height: 12, borderRadius: "50%", border: `1px solid ${token.colorBorder}` }}
        data-completion="none"
      />
    );
  }
  return (
    <Tooltip title={t(`campaign.enum.completion.${completion}`)}>
      <span data-completion={completion}>{icons[completion]}</span>
    </Tooltip>
  );
}

function toTreeData(nodes: IndicatorNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.key,
    selectable: !!node.item,
    title: node.item ? (
      <Space size={6} data-testid={`indicator-${node.item.indicatorCode}`}>
        <CompletionIcon completion={node.item.completion} />
        <span>{node.title}</span>
      </Space>
    ) : (
      <Space size={6}>
        <Typography.Text strong>{node.title}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${node.reported}/${node.total}`}</Typography.Text>
      </Space>
    ),
    children: toTreeData(node.children),
  }));
}

/** The unit's applicable indicators grouped by their ancestors, each with its completion icon; searchable. */
export function IndicatorTree({ items, selectedCode, onSelect }: IndicatorTreeProps) {
  const { t } = useTranslation();
  const [keyword, setKeyword] = useState("");
  const nodes = useMemo(() => buildIndicatorTree(filterItems(items, keyword)), [items, keyword]);
  const treeData = useMemo(() => toTreeData(nodes), [nodes]);
  // Every group starts open (a search opens the matches); the user may fold some.
  const [folded, setFolded] = useState<string[]>([]);
  const allGroups = useMemo(() => groupKeys(nodes), [nodes]);
  const expandedKeys = allGroups.filter((key) => !folded.includes(key));

  return (
    <div>
      <Input.Search
        allowClear
        placeholder={t("campaign.indicatorSearch")}
        aria-label={t("campaign.indicatorSearch")}
        onChange={(event) => {
          setKeyword(event.target.value);
          setFolded([]);
        }}
        style={{ marginBottom: 8 }}
      />
      {treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaign.noIndicators")} />
      ) : (
        <Tree
          blockNode
          treeData={treeData}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setFolded(allGroups.filter((key) => !keys.includes(key)))}
          selectedKeys={selectedCode ? [selectedCode] : []}
          onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
          data-testid="indicator-tree"
        />
      )}
    </div>
  );
}
