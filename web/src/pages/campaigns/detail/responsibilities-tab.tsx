import {
  type CampaignUnitView,
  type CampaignView,
  type Framework,
  PERMISSIONS as P,
  RESPONSIBILITY_STATUSES,
  type ResponsibilityStatus,
  type ResponsibilityView,
} from "@kaoping/core";
import { App, Button, Empty, Flex, Input, Select, Space, Switch, Table, type TableColumnsType, Tag, Typography, theme } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type ResponsibilityFilters, responsibilitiesApi } from "../../../api/campaigns.ts";
import { usePermission } from "../../../app/permission.tsx";
import { useShowError } from "../../../components/feedback.ts";
import { formatDateTime } from "../../../components/format.ts";
import { usePagedQuery } from "../../../components/use-paged-query.ts";
import { responsibilitiesEmptyReason } from "./responsibilities-empty.ts";

interface ResponsibilitiesTabProps {
  campaign: CampaignView;
  units: CampaignUnitView[];
}

const STATUS_COLORS: Record<ResponsibilityStatus, string> = { not_started: "default", in_progress: "processing", done: "success" };

/** 责任分解: each indicator's responsible units with milestone, due date and progress; overdue rows in red. */
export function ResponsibilitiesTab({ campaign, units }: ResponsibilitiesTabProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const params = useMemo<ResponsibilityFilters>(
    () => ({ ...(unitId ? { unitId } : {}), ...(overdueOnly ? { overdueOnly: "true" } : {}) }),
    [unitId, overdueOnly],
  );
  const query = usePagedQuery<ResponsibilityView, ResponsibilityFilters>((q) => responsibilitiesApi.list(campaign.id, q), params);
  const canEdit = campaign.can.submit && campaign.status !== "archived";

  const columns: TableColumnsType<ResponsibilityView> = [
    {
      key: "indicator",
      title: t("campaign.indicator"),
      render: (_, row) => `${row.indicatorCode} ${row.indicatorName}`,
    },
    { key: "unit", title: t("campaign.unit"), render: (_, row) => row.unitName },
    { key: "role", dataIndex: "role", title: t("campaign.role"), render: (role: string) => t(`campaign.enum.responsibilityRole.${role}`) },
    { key: "milestone", dataIndex: "milestone", title: t("campaign.milestone"), render: (text: string | null) => text ?? "—" },
    {
      key: "dueDate",
      dataIndex: "dueDate",
      title: t("campaign.dueDate"),
      render: (dueDate: string | null, row) => (
        <Space size={4}>
          <span>{dueDate ?? "—"}</span>
          {row.overdue && <Tag color="error">{t("campaign.overdue")}</Tag>}
        </Space>
      ),
    },
    {
      key: "progress",
      title: t("campaign.progressStatus"),
      width: 360,
      render: (_, row) => <ProgressCell campaignId={campaign.id} row={row} canEdit={canEdit} onSaved={query.reload} />,
    },
    { key: "evidenceCount", dataIndex: "evidenceCount", title: t("campaign.evidenceCount"), align: "right" },
    { key: "updatedAt", dataIndex: "updatedAt", title: t("common.updatedAt"), render: formatDateTime },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Flex gap={16} align="center" wrap>
        {units.length > 1 && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 280 }}
            placeholder={t("campaign.allUnits")}
            aria-label={t("campaign.allUnits")}
            value={unitId}
            onChange={(id) => setUnitId(id ?? null)}
            options={units.map((unit) => ({ value: unit.unitId, label: `${unit.code} ${unit.name}` }))}
          />
        )}
        <Space>
          <Switch checked={overdueOnly} onChange={setOverdueOnly} data-testid="responsibilities-overdue" />
          <span>{t("campaign.overdueOnly")}</span>
        </Space>
      </Flex>
      <Table<ResponsibilityView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={query.rows}
        loading={query.isLoading}
        scroll={{ x: "max-content" }}
        onRow={(row) => (row.overdue ? { style: { background: token.colorErrorBg }, "data-overdue": "true" } : {})}
        locale={{
          emptyText: (
            <ResponsibilitiesEmpty
              campaign={campaign}
              isFiltered={unitId !== null || overdueOnly}
              onClearFilters={() => {
                setUnitId(null);
                setOverdueOnly(false);
              }}
            />
          ),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: query.total,
          showSizeChanger: true,
          showTotal: (total) => t("common.total", { total }),
          onChange: query.setPage,
        }}
        data-testid="responsibilities-table"
      />
    </Space>
  );
}

/**
 * An empty 责任分解 says why and how to fill it: rows are made from the
 * framework's 牵头/配合 units when the campaign opens, so the way to them is
 * the framework (or the unit groups its codes name), with a button to there
 * for those allowed; filters that leave nothing can be cleared.
 */
function ResponsibilitiesEmpty(props: { campaign: CampaignView; isFiltered: boolean; onClearFilters: () => void }) {
  const { campaign, isFiltered, onClearFilters } = props;
  const { t } = useTranslation();
  const can = usePermission();
  const navigate = useNavigate();
  const reason = responsibilitiesEmptyReason(campaign.definition as Framework | null, { isFiltered, seesAllUnits: campaign.can.allUnits });
  const description = (
    <Space orientation="vertical" size={4} style={{ maxWidth: 640 }}>
      <Typography.Text strong>
        {t(`campaign.responsibilitiesEmpty.${reason.kind}`, { codes: reason.kind === "noneMatched" ? reason.codes.join("、") : "" })}
      </Typography.Text>
      {reason.kind !== "filtered" && <Typography.Text type="secondary">{t("campaign.responsibilitiesEmpty.howToFill")}</Typography.Text>}
    </Space>
  );
  return (
    <Empty description={description} data-testid="responsibilities-empty" data-reason={reason.kind}>
      {reason.kind === "filtered" && (
        <Button onClick={onClearFilters} data-testid="responsibilities-clear-filters">
          {t("campaign.responsibilitiesEmpty.clearFilters")}
        </Button>
      )}
      {reason.kind === "noneInFramework" && can(P.frameworkRead) && (
        <Button
          type="primary"
          onClick={() => navigate(`/assess/frameworks/${campaign.frameworkId}`)}
          data-testid="responsibilities-open-framework"
        >
          {t("campaign.responsibilitiesEmpty.openFramework")}
        </Button>
      )}
      {reason.kind === "noneMatched" && can(P.groupRead) && (
        <Button type="primary" onClick={() => navigate("/system/groups")} data-testid="responsibilities-open-groups">
          {t("campaign.responsibilitiesEmpty.openGroups")}
        </Button>
      )}
    </Empty>
  );
}

/** The progress of one row: a tag and note, or — for the responsible unit — a status, a note and 保存. */
function ProgressCell({
  campaignId,
  row,
  canEdit,
  onSaved,
}: {
  campaignId: string;
  row: ResponsibilityView;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [draft, setDraft] = useState<{ status: ResponsibilityStatus; note: string } | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  if (!draft) {
    return (
      <Space orientation="vertical" size={0}>
        <Space size={4}>
          <Tag color={STATUS_COLORS[row.status]}>{t(`campaign.enum.responsibilityStatus.${row.status}`)}</Tag>
          {canEdit && (
            <Button
              type="link"
              size="small"
              onClick={() => setDraft({ status: row.status, note: row.note })}
              data-testid="responsibility-edit"
            >
              {t("campaign.updateProgress")}
            </Button>
          )}
        </Space>
        {row.note && <Typography.Text type="secondary">{row.note}</Typography.Text>}
      </Space>
    );
  }

  async function handleSave() {
    if (!draft) return;
    setIsSaving(true);
    try {
      await responsibilitiesApi.update(campaignId, row.id, { ...draft, note: draft.note.trim(), version: row.version });
      void message.success(t("common.saved"));
      setDraft(null);
      onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size={4} style={{ width: "100%" }}>
      <Select<ResponsibilityStatus>
        size="small"
        style={{ width: 140 }}
        value={draft.status}
        onChange={(status) => setDraft({ ...draft, status })}
        options={RESPONSIBILITY_STATUSES.map((status) => ({ value: status, label: t(`campaign.enum.responsibilityStatus.${status}`) }))}
        data-testid="responsibility-status"
      />
      <Input.TextArea
        size="small"
        rows={2}
        maxLength={2000}
        placeholder={t("campaign.note")}
        value={draft.note}
        onChange={(event) => setDraft({ ...draft, note: event.target.value })}
        data-testid="responsibility-note"
      />
      <Space>
        <Button type="primary" size="small" loading={isSaving} onClick={handleSave} data-testid="responsibility-save">
          {t("common.save")}
        </Button>
        <Button size="small" onClick={() => setDraft(null)}>
          {t("common.cancel")}
        </Button>
      </Space>
    </Space>
  );
}
