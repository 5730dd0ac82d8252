import { AppstoreAddOutlined, DownloadOutlined, ImportOutlined, PlusOutlined } from "@ant-design/icons";
import { FRAMEWORK_STATUSES, type FrameworkSummary, PERMISSIONS as P } from "@kaoping/core";
import { Button, Input, InputNumber, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type FrameworkFilters, type FrameworkImportResult, frameworksApi } from "../../api/frameworks.ts";
import { Authorized } from "../../app/permission.tsx";
import { useEnumOptions } from "../../components/enum-options.ts";
import { ExcelImportModal } from "../../components/excel-import-modal.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { FrameworkCreateModal } from "./framework-create-modal.tsx";
import { FrameworkRowActions } from "./framework-row-actions.tsx";
import { FrameworkStatusTag } from "./framework-status-tag.tsx";
import { FrameworkYearModal } from "./framework-year-modal.tsx";
import { TemplateModal } from "./template-modal.tsx";
import { useFrameworkCommands } from "./use-framework-commands.ts";

type OpenModal = "create" | "template" | "import" | null;

/** 指标体系: every version of every framework; create, from a template, import, and the status commands. */
export function FrameworksPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [openModal, setOpenModal] = useState<OpenModal>(null);
  const [cloning, setCloning] = useState<FrameworkSummary | null>(null);
  const query = usePagedQuery<FrameworkSummary, FrameworkFilters>(frameworksApi.list);
  const commands = useFrameworkCommands(query.reload);
  const statusOptions = useEnumOptions("frameworkStatus", FRAMEWORK_STATUSES);
  const close = () => setOpenModal(null);

  const fields: QueryField[] = [
    { name: "q", label: t("unit.keyword"), control: <Input allowClear placeholder={t("framework.keywordPlaceholder")} /> },
    { name: "status", label: t("framework.status"), control: <Select allowClear options={statusOptions} placeholder={t("common.all")} /> },
    { name: "year", label: t("framework.year"), control: <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} /> },
  ];

  const columns: QueryColumn<FrameworkSummary>[] = [
    { key: "code", dataIndex: "code", title: t("framework.code") },
    { key: "name", dataIndex: "name", title: t("framework.name") },
    { key: "year", dataIndex: "year", title: t("framework.year") },
    { key: "version", dataIndex: "version", title: t("framework.version"), render: (version: number) => `v${version}` },
    {
      key: "status",
      dataIndex: "status",
      title: t("framework.status"),
      render: (status: FrameworkSummary["status"]) => <FrameworkStatusTag status={status} />,
    },
    { key: "indicatorCount", dataIndex: "indicatorCount", title: t("framework.indicatorCount"), align: "right" },
    { key: "ruleCount", dataIndex: "ruleCount", title: t("framework.ruleCount"), align: "right" },
    { key: "issuer", dataIndex: "issuer", title: t("framework.issuer"), render: (issuer: string | null) => issuer ?? "—" },
    { key: "updatedAt", dataIndex: "updatedAt", title: t("common.updatedAt"), render: formatDateTime },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, framework) => <FrameworkRowActions framework={framework} commands={commands} onCloneYear={setCloning} />,
    },
  ];

  const toolbar = (
    <Authorized perm={P.frameworkManage}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpenModal("create")} data-testid="framework-create">
        {t("framework.create")}
      </Button>
      <Button icon={<AppstoreAddOutlined />} onClick={() => setOpenModal("template")} data-testid="framework-from-template">
        {t("framework.fromTemplate")}
      </Button>
      <Button icon={<ImportOutlined />} onClick={() => setOpenModal("import")} data-testid="framework-import">
        {t("framework.import")}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        onClick={() => frameworksApi.downloadTemplate().catch(showError)}
        data-testid="framework-template"
      >
        {t("framework.downloadTemplate")}
      </Button>
    </Authorized>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <QueryForm<FrameworkFilters> fields={fields} onSearch={query.search} />
      <QueryTable query={query} columns={columns} rowKey="id" toolbar={toolbar} data-testid="frameworks-table" />
      <FrameworkCreateModal open={openModal === "create"} onClose={close} />
      <TemplateModal open={openModal === "template"} onClose={close} />
      <FrameworkYearModal framework={cloning} onClose={() => setCloning(null)} />
      <ExcelImportModal<FrameworkImportResult>
        title={t("framework.importTitle")}
        open={openModal === "import"}
        onClose={close}
        upload={frameworksApi.importXlsx}
        downloadTemplate={frameworksApi.downloadTemplate}
        onImported={query.reload}
        updateExistingLabel={t("framework.importAsNewVersion")}
        updateExistingHint={t("framework.importAsNewVersionHint")}
        describeResult={(result) => <ImportResult result={result} />}
      />
    </Space>
  );
}

/** The imported version, and the rule texts that were not recognised (kept as manual rules). */
function ImportResult({ result }: { result: FrameworkImportResult }) {
  const { t } = useTranslation();
  const { framework, warnings } = result;
  return (
    <Space orientation="vertical" size={4}>
      <span>
        {t("framework.imported", {
          name: framework.name,
          version: framework.version,
          indicators: framework.indicatorCount,
          rules: framework.ruleCount,
        })}
      </span>
      {warnings.length > 0 && <Typography.Text type="warning">{t("framework.importWarnings", { count: warnings.length })}</Typography.Text>}
      {[...new Set(warnings)].slice(0, 20).map((warning) => (
        <Typography.Text key={warning} type="secondary" style={{ fontSize: 12 }}>
          {warning}
        </Typography.Text>
      ))}
    </Space>
  );
}
