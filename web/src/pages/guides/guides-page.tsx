import { DownOutlined, ExportOutlined, ImportOutlined } from "@ant-design/icons";
import { ITEM_TYPE_LABELS, PERMISSIONS as P } from "@kaoping/core";
import { Button, Dropdown, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Authorized } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { GuideImportModal } from "./guide-import-modal.tsx";
import { channelOptions, guidePath, itemTypeOptions, labelOf, severityFilterOptions } from "./guide-labels.ts";
import { AccuracyTag, TallyTags } from "./guide-tags.tsx";
import { type ExportFormat, type GuideFilters, type GuideItemRow, guidesApi } from "./guides-api.ts";

/** 指南清单: the unit tree filters to a department and below; each item's newest guide with its accuracy and findings. */
export function GuidesPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [isImportOpen, setIsImportOpen] = useState(false);
  const query = usePagedQuery<GuideItemRow, GuideFilters>(guidesApi.list, unitId ? { unitId } : {});

  const fields: QueryField[] = [
    {
      name: "q",
      label: t("guide.keyword"),
      control: <Input allowClear placeholder={t("guide.keywordPlaceholder")} data-testid="guide-search" />,
    },
    {
      name: "itemType",
      label: t("guide.itemType"),
      control: <Select allowClear options={itemTypeOptions} placeholder={t("common.all")} />,
    },
    {
      name: "severity",
      label: t("guide.severityFilter"),
      control: <Select allowClear options={severityFilterOptions} placeholder={t("common.all")} />,
    },
    {
      name: "channel",
      label: t("guide.channel"),
      control: <Select allowClear options={channelOptions} placeholder={channelOptions[0]?.label} />,
    },
  ];

  const columns: QueryColumn<GuideItemRow>[] = [
    { key: "code", dataIndex: "code", title: t("guide.code") },
    {
      key: "name",
      dataIndex: "name",
      title: t("guide.name"),
      render: (name: string, row) => (
        <Link to={guidePath(row.id)} data-testid="guide-link">
          {name}
        </Link>
      ),
    },
    {
      key: "itemType",
      dataIndex: "itemType",
      title: t("guide.itemType"),
      render: (type: string | null) => labelOf(ITEM_TYPE_LABELS, type),
    },
    { key: "unitName", dataIndex: "unitName", title: t("guide.unit") },
    {
      key: "version",
      title: t("guide.latestVersion"),
      render: (_, row) =>
        row.latest ? (
          t("guide.versionN", { version: row.latest.version })
        ) : (
          <Typography.Text type="secondary">{t("guide.noVersion")}</Typography.Text>
        ),
    },
    { key: "accuracy", title: t("guide.accuracy"), align: "right", render: (_, row) => <AccuracyTag accuracy={row.latest?.accuracy} /> },
    {
      key: "tally",
      title: t("guide.findings"),
      render: (_, row) => (row.latest ? <TallyTags errors={row.latest.errors} warnings={row.latest.warnings} /> : "—"),
    },
    { key: "openDefects", dataIndex: "openDefects", title: t("guide.openDefects"), align: "right" },
  ];

  const exportItems = (["xlsx", "json", "jsonld"] as const).map((format) => ({ key: format, label: t(`guide.exportFormat.${format}`) }));
  const toolbar = (
    <>
      <Authorized perm={P.guideImport}>
        <Button type="primary" icon={<ImportOutlined />} onClick={() => setIsImportOpen(true)} data-testid="guide-import">
          {t("guide.import")}
        </Button>
      </Authorized>
      <Dropdown
        menu={{ items: exportItems, onClick: ({ key }) => guidesApi.exportFile(key as ExportFormat, query.filters).catch(showError) }}
      >
        <Button icon={<ExportOutlined />} data-testid="guide-export">
          <Space>
            {t("guide.export")}
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
    </>
  );

  return (
    <UnitTreeLayout selectedId={unitId} onSelect={(unit) => setUnitId(unit?.id ?? null)}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<GuideFilters> fields={fields} onSearch={query.search} />
        <QueryTable query={query} columns={columns} rowKey="id" toolbar={toolbar} data-testid="guides-table" />
      </Space>
      <GuideImportModal open={isImportOpen} onClose={() => setIsImportOpen(false)} onImported={query.reload} />
    </UnitTreeLayout>
  );
}
