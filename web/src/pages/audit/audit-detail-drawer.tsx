import { type AuditView, type DiffLine, diffAudit } from "@kaoping/core";
import { Descriptions, Drawer, Empty, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../components/format.ts";
import { auditLabels } from "./audit-labels.ts";

/** One audit record: who, when, what, why, and before/after with the changed fields highlighted. */
export function AuditDetailDrawer({ record, onClose }: { record: AuditView | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const labels = useMemo(() => auditLabels(i18n.language), [i18n.language]);
  const [isOnlyChanged, setIsOnlyChanged] = useState(true);
  const lines = useMemo(
    () =>
      record
        ? diffAudit(record.before, record.after, { fields: labels.fields, statusOf: labels.isChinese ? record.entityType : undefined })
        : [],
    [record, labels],
  );
  const shown = isOnlyChanged ? lines.filter((line) => line.isChanged) : lines;

  const columns = [
    { key: "field", dataIndex: "label", title: t("audit.field"), width: 160 },
    {
      key: "before",
      dataIndex: "before",
      title: t("audit.before"),
      width: "40%",
      render: (text: string, line: DiffLine) =>
        line.isChanged && text ? (
          <Typography.Text delete type="danger">
            {text}
          </Typography.Text>
        ) : (
          text
        ),
    },
    {
      key: "after",
      dataIndex: "after",
      title: t("audit.after"),
      width: "40%",
      render: (text: string, line: DiffLine) =>
        line.isChanged ? (
          <Typography.Text type="success" strong>
            {text}
          </Typography.Text>
        ) : (
          text
        ),
    },
  ];

  return (
    <Drawer
      title={record ? t("audit.detailTitle", { seq: record.seq }) : ""}
      open={record !== null}
      onClose={onClose}
      size={720}
      data-testid="audit-drawer"
    >
      {record && (
        <>
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: "at", label: t("audit.at"), children: formatDateTime(record.at) },
              {
                key: "type",
                label: t("audit.businessType"),
                children: <Tag>{t(`enum.businessType.${record.businessType}`)}</Tag>,
              },
              { key: "actor", label: t("audit.actor"), children: record.actorName },
              { key: "unit", label: t("audit.actorUnit"), children: record.actorUnitName ?? "—" },
              { key: "ip", label: t("audit.ip"), children: record.ip ?? "—" },
              {
                key: "action",
                label: t("audit.action"),
                children: (
                  <Tooltip title={`${t("auditLog.actionCode")}: ${record.action}`}>
                    <span>{labels.action(record.action)}</span>
                  </Tooltip>
                ),
              },
              { key: "entityType", label: t("audit.entityType"), children: labels.entity(record.entityType) },
              { key: "entity", label: t("audit.entity"), children: record.entityName ?? "—" },
              { key: "entityId", label: t("audit.entityId"), children: record.entityId ?? "—" },
              { key: "reason", label: t("audit.reason"), span: 2, children: record.reason ?? "—" },
              {
                key: "hash",
                label: t("audit.hash"),
                span: 2,
                children: (
                  <Typography.Text code copyable style={{ wordBreak: "break-all" }}>
                    {record.hash}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t("audit.diff")}
            <Switch size="small" checked={isOnlyChanged} onChange={setIsOnlyChanged} style={{ marginLeft: 16 }} />
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8, fontWeight: "normal" }}>
              {t("audit.onlyChanged")}
            </Typography.Text>
          </Typography.Title>
          {shown.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("audit.noDiff")} />
          ) : (
            <Table<DiffLine>
              size="small"
              rowKey="field"
              columns={columns}
              dataSource={shown}
              pagination={false}
              rowClassName={(line) => (line.isChanged ? "audit-diff-changed" : "")}
              data-testid="audit-diff"
            />
          )}
        </>
      )}
    </Drawer>
  );
}
