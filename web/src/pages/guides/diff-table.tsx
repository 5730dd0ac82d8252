import { type GuideDifference, guideFieldLabel } from "@kaoping/core";
import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DIFF_KIND_COLORS, diffValueText } from "./guide-diff.ts";

const cell = (value: unknown) => (
  <Typography.Paragraph ellipsis={{ rows: 3, expandable: "collapsible" }} style={{ marginBottom: 0, maxWidth: 420 }}>
    {diffValueText(value)}
  </Typography.Paragraph>
);

/** Differences between two guides, element by element: 要素, 位置, 变化, 原值, 新值 (versions and the online/offline comparison). */
export function DiffTable({ differences, "data-testid": testId }: { differences: readonly GuideDifference[]; "data-testid"?: string }) {
  const { t } = useTranslation();
  const columns = [
    { key: "label", dataIndex: "label", title: t("guide.element"), width: 160 },
    {
      key: "path",
      dataIndex: "path",
      title: t("guide.path"),
      render: (path: string) => <Typography.Text>{guideFieldLabel(path)}</Typography.Text>,
    },
    {
      key: "kind",
      dataIndex: "kind",
      title: t("guide.change"),
      width: 90,
      render: (kind: GuideDifference["kind"]) => <Tag color={DIFF_KIND_COLORS[kind]}>{t(`guide.diffKind.${kind}`)}</Tag>,
    },
    { key: "before", dataIndex: "before", title: t("guide.before"), render: cell },
    { key: "after", dataIndex: "after", title: t("guide.after"), render: cell },
  ];
  return (
    <Table<GuideDifference & { key: string }>
      data-testid={testId}
      size="small"
      columns={columns}
      dataSource={differences.map((difference) => ({ ...difference, key: `${difference.kind}:${difference.path}` }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: "max-content" }}
    />
  );
}
