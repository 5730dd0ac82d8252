import { DownloadOutlined, ExportOutlined, ImportOutlined, PlusOutlined } from "@ant-design/icons";
import { PERMISSIONS as P, UNIT_KINDS, UNIT_STATUSES, type UnitView } from "@kaoping/core";
import { App, Button, Input, Popconfirm, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type UnitFilters, unitsApi } from "../../api/units.ts";
import { Authorized, usePermission } from "../../app/permission.tsx";
import { useEnumOptions } from "../../components/enum-options.ts";
import { ExcelImportModal } from "../../components/excel-import-modal.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { StatusTag } from "../../components/status-tag.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { loadUnitTree } from "../../components/use-unit-tree.ts";
import { YesNoSelect } from "../../components/yes-no-select.tsx";
import { UnitFormModal } from "./unit-form-modal.tsx";

type Editing = { unit: UnitView | null } | null;

/** 单位管理: tree at the left filters the table to a subtree; create, edit, disable, import, export. */
export function UnitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = usePermission();
  const [under, setUnder] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [isImportOpen, setIsImportOpen] = useState(false);
  const query = usePagedQuery<UnitView, UnitFilters>(unitsApi.list, under ? { under } : {});
  const kindOptions = useEnumOptions("unitKind", UNIT_KINDS);
  const statusOptions = useEnumOptions("unitStatus", UNIT_STATUSES);

  function refresh() {
    query.reload();
    void loadUnitTree(true);
  }

  async function handleToggleStatus(unit: UnitView) {
    try {
      await unitsApi.update(unit.id, { status: unit.status === "active" ? "disabled" : "active" });
      void message.success(t("common.saved"));
      refresh();
    } catch (error) {
      showError(error);
    }
  }

  const fields: QueryField[] = [
    { name: "q", label: t("unit.keyword"), control: <Input allowClear placeholder={t("unit.keywordPlaceholder")} /> },
    {
      name: "kind",
      label: t("unit.kind"),
      control: <Select allowClear options={kindOptions} placeholder={t("common.all")} />,
    },
    {
      name: "status",
      label: t("unit.status"),
      control: <Select allowClear options={statusOptions} placeholder={t("common.all")} />,
    },
    {
      name: "isReference",
      label: t("unit.isReferenceLong"),
      control: <YesNoSelect />,
    },
  ];

  const columns: QueryColumn<UnitView>[] = [
    { key: "code", dataIndex: "code", title: t("unit.code") },
    { key: "name", dataIndex: "name", title: t("unit.name") },
    { key: "shortName", dataIndex: "shortName", title: t("unit.shortName") },
    { key: "kind", dataIndex: "kind", title: t("unit.kind"), render: (kind: string) => t(`enum.unitKind.${kind}`) },
    {
      key: "isReference",
      dataIndex: "isReference",
      title: t("unit.isReference"),
      render: (isReference: boolean) => (isReference ? <Tag color="orange">{t("unit.reference")}</Tag> : null),
    },
    {
      key: "status",
      dataIndex: "status",
      title: t("unit.status"),
      render: (status: UnitView["status"]) => <StatusTag status={status} />,
    },
    { key: "sortOrder", dataIndex: "sortOrder", title: t("unit.sortOrder") },
    { key: "updatedAt", dataIndex: "updatedAt", title: t("common.updatedAt"), render: formatDateTime },
  ];
  if (can(P.unitUpdate)) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, unit) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ unit })}>
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t(unit.status === "active" ? "unit.disableConfirm" : "unit.enableConfirm", { name: unit.name })}
            onConfirm={() => handleToggleStatus(unit)}
          >
            <Button type="link" size="small" danger={unit.status === "active"}>
              {unit.status === "active" ? t("common.disable") : t("common.enable")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const toolbar = (
    <>
      <Authorized perm={P.unitCreate}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })} data-testid="unit-create">
          {t("common.create")}
        </Button>
      </Authorized>
      <Authorized perm={P.unitImport}>
        <Button icon={<ImportOutlined />} onClick={() => setIsImportOpen(true)} data-testid="unit-import">
          {t("unit.import")}
        </Button>
      </Authorized>
      <Authorized perm={P.unitExport}>
        <Button icon={<ExportOutlined />} onClick={() => unitsApi.exportXlsx(query.filters).catch(showError)} data-testid="unit-export">
          {t("unit.export")}
        </Button>
      </Authorized>
      <Authorized perm={P.unitImport}>
        <Button icon={<DownloadOutlined />} onClick={() => unitsApi.downloadTemplate().catch(showError)} data-testid="unit-template">
          {t("unit.template")}
        </Button>
      </Authorized>
    </>
  );

  return (
    <UnitTreeLayout selectedId={under} onSelect={(unit) => setUnder(unit?.id ?? null)}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<UnitFilters> fields={fields} onSearch={query.search} />
        <QueryTable query={query} columns={columns} rowKey="id" toolbar={toolbar} data-testid="units-table" />
      </Space>
      <UnitFormModal
        open={editing !== null}
        unit={editing?.unit ?? null}
        defaultParentId={under}
        onClose={() => setEditing(null)}
        onSaved={refresh}
      />
      <ExcelImportModal
        title={t("unit.importTitle")}
        open={isImportOpen}
        onClose={() => setIsImportOpen(false)}
        upload={unitsApi.importXlsx}
        downloadTemplate={unitsApi.downloadTemplate}
        onImported={refresh}
      />
    </UnitTreeLayout>
  );
}
