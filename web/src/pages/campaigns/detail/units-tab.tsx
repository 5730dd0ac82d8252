import { BellOutlined, ImportOutlined } from "@ant-design/icons";
import type { CampaignUnitView, CampaignView, Framework } from "@kaoping/core";
import { Button, Flex, Progress, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { campaignsApi, submissionsApi } from "../../../api/campaigns.ts";
import { ExcelImportModal } from "../../../components/excel-import-modal.tsx";
import { ReasonModal } from "../../review/reason-modal.tsx";
import { isReturnable, unitWorkspacePath } from "../campaign-status.ts";
import { SubmissionStatusTag } from "../status-tags.tsx";
import { ReminderModal } from "./reminder-modal.tsx";
import { UnitIndicatorsModal } from "./unit-indicators-modal.tsx";

interface UnitsTabProps {
  campaign: CampaignView;
  units: CampaignUnitView[];
  isLoading: boolean;
  onChanged: () => void;
}

/** Category code → label from the frozen framework. */
export function useCategoryLabels(campaign: CampaignView): Map<string, string> {
  return useMemo(() => {
    const categories = (campaign.definition as Framework | null)?.categories ?? [];
    return new Map(categories.map((category) => [category.code, category.label]));
  }, [campaign.definition]);
}

/** 参评单位: each unit's reporting status and progress, its workspace, and the office's 退回补正 and 催办. */
export function UnitsTab({ campaign, units, isLoading, onChanged }: UnitsTabProps) {
  const { t } = useTranslation();
  const categoryLabels = useCategoryLabels(campaign);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [returning, setReturning] = useState<CampaignUnitView | null>(null);
  const [isReminding, setIsReminding] = useState(false);
  const [choosing, setChoosing] = useState<CampaignUnitView | null>(null);
  const [isImporting, setIsImporting] = useState(false);
  // A published result is frozen: the choice of indicators with it.
  const canChoose = campaign.can.manage && campaign.status !== "published" && campaign.status !== "archived";
  const isOpen = campaign.status !== "draft";
  const canRemind = campaign.can.manage && (campaign.status === "reporting" || campaign.status === "reviewing");

  const columns: TableColumnsType<CampaignUnitView> = [
    { key: "code", dataIndex: "code", title: t("campaign.unitCode"), width: 140 },
    {
      key: "name",
      title: t("campaign.unitName"),
      render: (_, unit) => (
        <Space orientation="vertical" size={0}>
          <span>{unit.name}</span>
          {unit.parentName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {unit.parentName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: "category",
      dataIndex: "category",
      title: t("campaign.category"),
      render: (category: string | null) => (category ? (categoryLabels.get(category) ?? category) : "—"),
    },
    {
      key: "isReference",
      dataIndex: "isReference",
      title: t("campaign.isReference"),
      render: (isReference: boolean) => (isReference ? <Tag color="orange">{t("campaign.reference")}</Tag> : null),
    },
    {
      key: "indicators",
      title: t("scoreStates.unitIndicators"),
      render: (_, unit) => {
        const text = unit.indicatorCodes
          ? t("scoreStates.unitIndicatorsCount", { count: unit.indicatorCodes.length })
          : t("scoreStates.unitIndicatorsAll");
        const tip = unit.indicatorCodes?.join("、");
        return canChoose ? (
          <Typography.Link onClick={() => setChoosing(unit)} title={tip} data-testid={`unit-indicators-${unit.code}`}>
            {text}
          </Typography.Link>
        ) : (
          <span title={tip}>{text}</span>
        );
      },
    },
  ];
  if (isOpen) {
    columns.push(
      {
        key: "submissionStatus",
        dataIndex: "submissionStatus",
        title: t("campaign.submissionStatus"),
        render: (status: CampaignUnitView["submissionStatus"], unit) => (
          <SubmissionStatusTag status={status} testId={`unit-status-${unit.code}`} />
        ),
      },
      {
        key: "progress",
        title: t("campaign.progress"),
        width: 200,
        render: (_, unit) => (
          <Progress
            size="small"
            percent={unit.applicable ? Math.round((unit.reported / unit.applicable) * 100) : 0}
            format={() => `${unit.reported}/${unit.applicable}`}
            aria-label={`${t("campaign.progress")} ${unit.reported}/${unit.applicable}`}
          />
        ),
      },
      {
        key: "actions",
        title: t("common.actions"),
        fixed: "right",
        render: (_, unit) => (
          <Space size="small">
            <Link to={unitWorkspacePath(campaign.id, unit.unitId)} data-testid={`unit-workspace-${unit.code}`}>
              {campaign.can.submit || campaign.can.confirm ? t("campaign.workspace") : t("campaign.viewWorkspace")}
            </Link>
            {campaign.can.manage && isReturnable(campaign.status, unit.submissionStatus) && (
              <Button type="link" size="small" danger onClick={() => setReturning(unit)} data-testid={`unit-return-${unit.code}`}>
                {t("campaign.returnSubmission")}
              </Button>
            )}
          </Space>
        ),
      },
    );
  }

  return (
    <>
      {(canRemind || canChoose) && (
        <Flex justify="flex-end" gap={8} style={{ marginBottom: 12 }}>
          {canChoose && (
            <Button icon={<ImportOutlined />} onClick={() => setIsImporting(true)} data-testid="unit-indicators-import">
              {t("scoreStates.unitIndicatorsImport")}
            </Button>
          )}
          {canRemind && (
            <Button icon={<BellOutlined />} onClick={() => setIsReminding(true)} data-testid="campaign-remind">
              {selectedIds.length ? t("campaign.remindSelected", { count: selectedIds.length }) : t("campaign.remind")}
            </Button>
          )}
        </Flex>
      )}
      <Table<CampaignUnitView>
        rowKey="unitId"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={units}
        scroll={{ x: "max-content" }}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (total) => t("common.total", { total }) }}
        rowSelection={canRemind ? { selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys.map(String)) } : undefined}
        data-testid="campaign-units-table"
      />
      <ReasonModal<{ reason: string }>
        title={returning ? t("campaign.returnTitle", { unit: returning.name }) : ""}
        open={returning !== null}
        onClose={() => setReturning(null)}
        label={t("campaign.reason")}
        successText={t("campaign.returned")}
        submitTestId="unit-return-submit"
        onSubmit={async ({ reason }) => returning && submissionsApi.returnForCorrection(campaign.id, returning.unitId, reason)}
        onSaved={onChanged}
      >
        <Typography.Paragraph type="secondary">{t("campaign.returnHint")}</Typography.Paragraph>
      </ReasonModal>
      <ReminderModal campaignId={campaign.id} unitIds={selectedIds} open={isReminding} onClose={() => setIsReminding(false)} />
      <UnitIndicatorsModal campaign={campaign} unit={choosing} onClose={() => setChoosing(null)} onSaved={onChanged} />
      <ExcelImportModal<{ saved: number }>
        title={t("scoreStates.unitIndicatorsImport")}
        open={isImporting}
        onClose={() => setIsImporting(false)}
        upload={(file) => campaignsApi.importUnitIndicators(campaign.id, file)}
        downloadTemplate={() => campaignsApi.unitIndicatorTemplate(campaign.id)}
        onImported={onChanged}
        hasUpdateExisting={false}
        describeResult={(result) => t("review.imported", { count: result.saved })}
      />
    </>
  );
}
