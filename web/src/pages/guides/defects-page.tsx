import { DownloadOutlined } from "@ant-design/icons";
import { GUIDE_DEFECT_STATUS_LABELS, type GuideDefectStatus, PERMISSIONS as P } from "@kaoping/core";
import { Button, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePermission } from "../../app/permission.tsx";
import { TEXT_COLORS } from "../../app/theme.ts";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { useDefectColumns } from "./defect-columns.tsx";
import { defectStatusOptions, elementOptions, guidePath, isClosedByHandDefect } from "./guide-labels.ts";
import { type DefectFilters, type DefectRow, guidesApi } from "./guides-api.ts";
import { NoteModal } from "./note-modal.tsx";

const STATUS_COLORS: Record<GuideDefectStatus, string> = { open: "red", closed: "green" };

/** 整改台账: every defect routed to a unit (tree at the left), the fix to make, and when a version corrected it. */
export function DefectsPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const can = usePermission();
  const [ownerUnitId, setOwnerUnitId] = useState<string | null>(null);
  const [closing, setClosing] = useState<DefectRow | null>(null);
  const query = usePagedQuery<DefectRow, DefectFilters>(guidesApi.defects, ownerUnitId ? { ownerUnitId } : {});
  const common = useDefectColumns<DefectRow>();

  const fields: QueryField[] = [
    {
      name: "status",
      label: t("guide.defectStatus"),
      control: <Select allowClear options={defectStatusOptions} placeholder={t("common.all")} />,
    },
    {
      name: "element",
      label: t("guide.element"),
      control: <Select allowClear showSearch={{ optionFilterProp: "label" }} options={elementOptions} placeholder={t("common.all")} />,
    },
  ];

  const columns: QueryColumn<DefectRow>[] = [
    {
      key: "item",
      title: t("guide.item"),
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <Link to={`${guidePath(d.itemId)}?tab=defects`}>{d.itemName}</Link>
          <span style={{ fontSize: 12, color: TEXT_COLORS.muted }}>{d.itemCode}</span>
        </Space>
      ),
    },
    common.element,
    common.group,
    common.problem,
    common.path,
    common.fix,
    common.channel,
    { key: "owner", dataIndex: "ownerUnitName", title: t("guide.owner"), render: (name: string, d) => `${name}（${d.ownershipLabel}）` },
    {
      key: "status",
      dataIndex: "status",
      title: t("guide.defectStatus"),
      render: (status: GuideDefectStatus) => <Tag color={STATUS_COLORS[status]}>{GUIDE_DEFECT_STATUS_LABELS[status]}</Tag>,
    },
    common.createdAt,
    {
      key: "closedVersion",
      title: t("guide.closedVersion"),
      render: (_, d) =>
        d.status === "closed"
          ? `${d.closedVersion ? t("guide.versionN", { version: d.closedVersion }) : "—"} ${formatDateTime(d.closedAt)}`
          : "—",
    },
  ];
  if (can(P.guideManage)) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, d) =>
        d.status === "open" && isClosedByHandDefect(d) ? (
          <Button type="link" size="small" onClick={() => setClosing(d)} data-testid="defect-close">
            {t("guide.closeDefect")}
          </Button>
        ) : null,
    });
  }

  const toolbar = (
    <Button
      icon={<DownloadOutlined />}
      onClick={() => guidesApi.exportDefects(query.filters).catch(showError)}
      data-testid="defects-export"
    >
      {t("guide.exportDefects")}
    </Button>
  );

  return (
    <UnitTreeLayout selectedId={ownerUnitId} onSelect={(unit) => setOwnerUnitId(unit?.id ?? null)}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<DefectFilters> fields={fields} onSearch={query.search} />
        <QueryTable query={query} columns={columns} rowKey="id" toolbar={toolbar} data-testid="defects-table" />
      </Space>
      <NoteModal
        title={t("guide.closeDefectTitle", { name: closing?.itemName ?? "" })}
        open={closing !== null}
        onClose={() => setClosing(null)}
        onSubmit={(note) => guidesApi.closeDefect(closing?.id ?? "", note)}
        onSaved={query.reload}
        label={t("guide.closeNote")}
        isRequired
        submitTestId="defect-close-submit"
      />
    </UnitTreeLayout>
  );
}
