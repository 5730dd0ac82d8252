import { DiffOutlined } from "@ant-design/icons";
import { GUIDE_CHANNEL_LABELS } from "@kaoping/core";
import { Alert, Button, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { DiffTable } from "./diff-table.tsx";
import { comparePair } from "./guide-diff.ts";
import { AccuracyTag, TallyTags } from "./guide-tags.tsx";
import { type GuideDiff, guidesApi, type VersionRow } from "./guides-api.ts";

/** 版本历史: every version on both channels; tick two and 对比 shows what changed from the older to the newer. */
export function VersionsTab({ itemId, versions }: { itemId: string; versions: VersionRow[] }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [selected, setSelected] = useState<string[]>([]);
  const [diff, setDiff] = useState<{ title: string; result: GuideDiff } | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const pair = comparePair(versions.filter((version) => selected.includes(version.id)));
  const name = (v: VersionRow) => `${GUIDE_CHANNEL_LABELS[v.channel]} ${t("guide.versionN", { version: v.version })}`;

  async function handleCompare() {
    if (!pair) return;
    setIsLoading(true);
    try {
      const result = await guidesApi.diff(itemId, pair.from.id, pair.to.id);
      setDiff({ title: t("guide.diffTitle", { from: name(pair.from), to: name(pair.to) }), result });
    } catch (error) {
      showError(error);
    } finally {
      setIsLoading(false);
    }
  }

  const columns = [
    { key: "channel", dataIndex: "channel", title: t("guide.channel"), render: (c: VersionRow["channel"]) => GUIDE_CHANNEL_LABELS[c] },
    { key: "version", dataIndex: "version", title: t("guide.version"), render: (version: number) => t("guide.versionN", { version }) },
    { key: "createdAt", dataIndex: "createdAt", title: t("guide.importedAt"), render: formatDateTime },
    { key: "importedFrom", dataIndex: "importedFrom", title: t("guide.sourceFile"), render: (file: string | null) => file ?? "—" },
    {
      key: "tally",
      title: t("guide.findings"),
      render: (_: unknown, v: VersionRow) => <TallyTags errors={v.errors} warnings={v.warnings} />,
    },
    { key: "accuracy", dataIndex: "accuracy", title: t("guide.accuracy"), render: (a: number) => <AccuracyTag accuracy={a} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space>
        <Button
          type="primary"
          icon={<DiffOutlined />}
          disabled={!pair}
          loading={isLoading}
          onClick={handleCompare}
          data-testid="guide-compare"
        >
          {t("guide.compare")}
        </Button>
        <Typography.Text type="secondary">{t("guide.compareHint")}</Typography.Text>
      </Space>
      <Table<VersionRow>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={versions}
        pagination={false}
        data-testid="guide-versions"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected((keys as string[]).slice(-2)),
          getCheckboxProps: (v) => ({ disabled: selected.length >= 2 && !selected.includes(v.id) }),
          hideSelectAll: true,
        }}
      />
      {diff && (
        <>
          <Typography.Title level={5}>{diff.title}</Typography.Title>
          {diff.result.differences.length ? (
            <DiffTable differences={diff.result.differences} data-testid="guide-diff" />
          ) : (
            <Alert type="success" showIcon title={t("guide.noDifferences")} />
          )}
        </>
      )}
    </Space>
  );
}
