import { GUIDE_FAULT_REPORT_STATUS_LABELS, type GuideFaultReportStatus } from "@kaoping/core";
import { Button, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { elementLabel, faultReportStatusOptions, guidePath } from "./guide-labels.ts";
import { type FaultReportFilters, type FaultReportRow, guidesApi } from "./guides-api.ts";
import { TriageModal } from "./triage-modal.tsx";

const STATUS_COLORS: Record<GuideFaultReportStatus, string> = { new: "gold", accepted: "green", rejected: "default" };

/** 群众找茬: what the public reported on the 找茬 page, to accept (a defect for the owner) or reject. */
export function FaultReportsPage() {
  const { t } = useTranslation();
  const [triaging, setTriaging] = useState<FaultReportRow | null>(null);
  const query = usePagedQuery<FaultReportRow, FaultReportFilters>(guidesApi.faultReports);

  const fields: QueryField[] = [
    {
      name: "status",
      label: t("guide.reportStatus"),
      control: <Select allowClear options={faultReportStatusOptions} placeholder={t("common.all")} />,
    },
  ];
  const columns: QueryColumn<FaultReportRow>[] = [
    {
      key: "item",
      dataIndex: "itemName",
      title: t("guide.item"),
      render: (name: string, r) => (r.itemId ? <Link to={guidePath(r.itemId)}>{name}</Link> : name),
    },
    { key: "element", dataIndex: "element", title: t("guide.element"), render: (element: string | null) => elementLabel(element) },
    {
      key: "description",
      dataIndex: "description",
      title: t("guide.description"),
      render: (text: string) => (
        <Typography.Paragraph style={{ marginBottom: 0, maxWidth: 420 }} ellipsis={{ rows: 2, expandable: "collapsible" }}>
          {text}
        </Typography.Paragraph>
      ),
    },
    { key: "contact", dataIndex: "contact", title: t("guide.contact"), render: (contact: string | null) => contact || "—" },
    {
      key: "status",
      dataIndex: "status",
      title: t("guide.reportStatus"),
      render: (status: GuideFaultReportStatus) => <Tag color={STATUS_COLORS[status]}>{GUIDE_FAULT_REPORT_STATUS_LABELS[status]}</Tag>,
    },
    { key: "triageNote", dataIndex: "triageNote", title: t("guide.triageNote"), render: (note: string | null) => note || "—" },
    { key: "createdAt", dataIndex: "createdAt", title: t("guide.reportedAt"), render: formatDateTime },
    { key: "triagedAt", dataIndex: "triagedAt", title: t("guide.triagedAt"), render: formatDateTime },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, r) =>
        r.status === "new" ? (
          <Button type="link" size="small" onClick={() => setTriaging(r)} data-testid="report-triage">
            {t("guide.triage")}
          </Button>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <QueryForm<FaultReportFilters> fields={fields} onSearch={query.search} />
      <QueryTable query={query} columns={columns} rowKey="id" data-testid="fault-reports-table" />
      <TriageModal report={triaging} onClose={() => setTriaging(null)} onSaved={query.reload} />
    </Space>
  );
}
