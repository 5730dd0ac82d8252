import { ExportOutlined } from "@ant-design/icons";
import { AUDIT_BUSINESS_TYPES, type AuditBusinessType, type AuditView, PERMISSIONS as P } from "@kaoping/core";
import { Button, DatePicker, Input, Select, Space, Tag, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AuditFilters, auditApi } from "../../api/audit.ts";
import { Authorized } from "../../app/permission.tsx";
import { useEnumOptions } from "../../components/enum-options.ts";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { AuditDetailDrawer } from "./audit-detail-drawer.tsx";
import { auditLabels } from "./audit-labels.ts";
import { AuditVerify } from "./audit-verify.tsx";

const BUSINESS_TYPES = Object.keys(AUDIT_BUSINESS_TYPES) as AuditBusinessType[];

type AuditFormValues = Omit<AuditFilters, "from" | "to"> & { range?: [Dayjs | null, Dayjs | null] };

/** The date range becomes whole days as ISO date-times with offset, as the API expects. */
function toFilters({ range, ...rest }: Partial<AuditFormValues>): Partial<AuditFilters> {
  const [from, to] = range ?? [];
  return { ...rest, from: from?.startOf("day").format(), to: to?.endOf("day").format() };
}

/** 审计日志: filter the hash-chained log, read one record's diff, verify the chain. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const labels = useMemo(() => auditLabels(i18n.language), [i18n.language]);
  const showError = useShowError();
  const [detail, setDetail] = useState<AuditView | null>(null);
  const query = usePagedQuery<AuditView, AuditFilters>(auditApi.list);
  const typeOptions = useEnumOptions("businessType", BUSINESS_TYPES);

  const fields: QueryField[] = [
    {
      name: "action",
      label: t("audit.action"),
      control: <Select allowClear showSearch={{ optionFilterProp: "label" }} options={labels.actionOptions} />,
    },
    { name: "entityType", label: t("audit.entityType"), control: <Select allowClear options={labels.entityOptions} /> },
    { name: "actor", label: t("audit.actor"), control: <Input allowClear /> },
    { name: "businessType", label: t("audit.businessType"), control: <Select allowClear options={typeOptions} /> },
    { name: "range", label: t("audit.timeRange"), control: <DatePicker.RangePicker style={{ width: "100%" }} /> },
  ];

  const columns: QueryColumn<AuditView>[] = [
    { key: "seq", dataIndex: "seq", title: t("audit.seq"), width: 80 },
    { key: "at", dataIndex: "at", title: t("audit.at"), render: formatDateTime },
    { key: "actorName", dataIndex: "actorName", title: t("audit.actor") },
    { key: "actorUnitName", dataIndex: "actorUnitName", title: t("audit.actorUnit") },
    { key: "ip", dataIndex: "ip", title: t("audit.ip") },
    {
      key: "action",
      dataIndex: "action",
      title: t("audit.action"),
      render: (action: string) => (
        <Space orientation="vertical" size={0}>
          <span>{labels.action(action)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: "businessType",
      dataIndex: "businessType",
      title: t("audit.businessType"),
      render: (type: AuditBusinessType) => <Tag>{t(`enum.businessType.${type}`)}</Tag>,
    },
    {
      key: "entity",
      title: t("audit.entity"),
      render: (_, record) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {labels.entity(record.entityType)}
          </Typography.Text>
          {record.entityId && (
            <Tooltip
              title={
                <span data-testid="audit-entity-tip">
                  {record.entityName && <div>{record.entityName}</div>}
                  {t("auditLog.entityIdTip", { id: record.entityId })}
                </span>
              }
            >
              <Typography.Text copyable={{ text: record.entityId }} ellipsis style={{ maxWidth: 240 }} data-testid="audit-entity-name">
                {record.entityName ?? record.entityId.slice(0, 8)}
              </Typography.Text>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: "reason", dataIndex: "reason", title: t("audit.reason"), ellipsis: true },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, record) => (
        <Button type="link" size="small" onClick={() => setDetail(record)} data-testid="audit-detail">
          {t("audit.detail")}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <QueryForm<AuditFormValues> fields={fields} onSearch={(values) => query.search(toFilters(values))} />
      <QueryTable
        query={query}
        columns={columns}
        rowKey="seq"
        data-testid="audit-table"
        toolbar={
          <>
            <Authorized perm={P.auditExport}>
              <Button
                icon={<ExportOutlined />}
                onClick={() => auditApi.exportXlsx(query.filters).catch(showError)}
                data-testid="audit-export"
              >
                {t("auditLog.exportXlsx")}
              </Button>
            </Authorized>
            <Authorized perm={P.auditVerify}>
              <AuditVerify />
            </Authorized>
          </>
        }
      />
      <AuditDetailDrawer record={detail} onClose={() => setDetail(null)} />
    </Space>
  );
}
