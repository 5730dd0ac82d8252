import { ReloadOutlined } from "@ant-design/icons";
import { APPEAL_STATUSES, type AppealStatus, type AppealView } from "@kaoping/core";
import { Button, Card, Flex, Select, Space, Table, type TableColumnsType, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { reviewApi } from "../../api/review.ts";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { ReasonModal } from "./reason-modal.tsx";
import type { ReviewTabProps } from "./review-tab.ts";
import { AppealStatusTag, EvidenceLinks } from "./review-tags.tsx";

type Decision = "upheld" | "overturned";

/** 申诉: what units appealed, and the reviewers' decisions (维持 / 撤销扣分, each with a reason). */
export function AppealsTab({ campaign, onChanged }: ReviewTabProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [rows, setRows] = useState<AppealView[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [status, setStatus] = useState<AppealStatus | undefined>();
  const [deciding, setDeciding] = useState<{ appeal: AppealView; decision: Decision } | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    reviewApi
      .appeals(campaign.id)
      .then(setRows)
      .catch(showError)
      .finally(() => setIsLoading(false));
  }, [campaign.id, showError]);
  useEffect(load, [load]);

  const columns: TableColumnsType<AppealView> = [
    { key: "unit", dataIndex: "unitName", title: t("review.unit") },
    {
      key: "finding",
      title: t("review.finding"),
      render: (_, a) => (
        <Typography.Text ellipsis={{ tooltip: a.findingDescription }} style={{ maxWidth: 260 }}>
          {a.indicatorCode}　{a.findingDescription}
        </Typography.Text>
      ),
    },
    {
      key: "reason",
      dataIndex: "reason",
      title: t("review.appealReason"),
      render: (text: string) => <span style={{ whiteSpace: "pre-wrap" }}>{text}</span>,
    },
    {
      key: "evidence",
      dataIndex: "evidence",
      title: t("review.evidence"),
      render: (evidence: AppealView["evidence"]) => <EvidenceLinks files={evidence} />,
    },
    { key: "status", dataIndex: "status", title: t("review.status"), render: (s: AppealStatus) => <AppealStatusTag status={s} /> },
    { key: "createdAt", title: t("review.appealedAt"), render: (_, a) => `${a.createdBy}　${formatDateTime(a.createdAt)}` },
    { key: "decidedBy", dataIndex: "decidedBy", title: t("review.decidedBy"), render: (v: string | null) => v ?? "—" },
    { key: "decidedAt", dataIndex: "decidedAt", title: t("review.decidedAt"), render: formatDateTime },
    { key: "decisionReason", dataIndex: "decisionReason", title: t("review.decisionReason"), render: (v: string | null) => v ?? "—" },
  ];
  if (campaign.can.review) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, appeal) =>
        appeal.status === "pending" && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDeciding({ appeal, decision: "upheld" })} data-testid="appeal-uphold">
              {t("review.uphold")}
            </Button>
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setDeciding({ appeal, decision: "overturned" })}
              data-testid="appeal-overturn"
            >
              {t("review.overturn")}
            </Button>
          </Space>
        ),
    });
  }

  return (
    <Card data-testid="appeals-tab">
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t("review.allStatuses")}
          aria-label={t("review.allStatuses")}
          style={{ width: 180 }}
          options={APPEAL_STATUSES.map((s) => ({ value: s, label: t(`review.appealStatus.${s}`) }))}
          onChange={(value?: AppealStatus) => setStatus(value)}
        />
        <Tooltip title={t("common.refresh")}>
          <Button type="text" icon={<ReloadOutlined />} onClick={load} />
        </Tooltip>
      </Flex>
      <Table<AppealView>
        data-testid="appeals-table"
        rowKey="id"
        columns={columns}
        dataSource={status ? rows.filter((a) => a.status === status) : rows}
        loading={isLoading}
        size="middle"
        scroll={{ x: "max-content" }}
        pagination={{ showTotal: (total) => t("common.total", { total }) }}
      />
      <ReasonModal<{ reason: string }>
        title={
          deciding
            ? t(deciding.decision === "upheld" ? "review.upholdTitle" : "review.overturnTitle", { unit: deciding.appeal.unitName })
            : ""
        }
        label={t("review.decisionReason")}
        open={deciding !== null}
        onClose={() => setDeciding(null)}
        onSubmit={({ reason }) =>
          deciding ? reviewApi.decideAppeal(campaign.id, deciding.appeal.id, deciding.decision, reason) : Promise.resolve()
        }
        onSaved={() => {
          load();
          onChanged?.();
        }}
        successText={t("review.appealDecided")}
        submitTestId="appeal-decide-submit"
      />
    </Card>
  );
}
