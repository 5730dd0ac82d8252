import { PlusOutlined } from "@ant-design/icons";
import { CAMPAIGN_STATUSES, type CampaignSummary, PERMISSIONS as P } from "@kaoping/core";
import { App, Button, Input, InputNumber, Popconfirm, Select, Space } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type CampaignFilters, campaignsApi } from "../../api/campaigns.ts";
import { Authorized, usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { campaignPath } from "./campaign-status.ts";
import { CampaignCreateModal } from "./create/campaign-create-modal.tsx";
import { CampaignStatusTag } from "./status-tags.tsx";

/** 考核管理: every campaign the user may see; the office creates them and deletes drafts. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const query = usePagedQuery<CampaignSummary, CampaignFilters>(campaignsApi.list);
  const statusOptions = useMemo(() => CAMPAIGN_STATUSES.map((value) => ({ value, label: t(`campaign.enum.status.${value}`) })), [t]);

  const fields: QueryField[] = [
    { name: "q", label: t("campaign.name"), control: <Input allowClear placeholder={t("campaign.keywordPlaceholder")} /> },
    { name: "status", label: t("campaign.status"), control: <Select allowClear options={statusOptions} placeholder={t("common.all")} /> },
    { name: "year", label: t("campaign.year"), control: <InputNumber min={2000} max={2100} precision={0} style={{ width: "100%" }} /> },
  ];

  const columns: QueryColumn<CampaignSummary>[] = [
    {
      key: "name",
      dataIndex: "name",
      title: t("campaign.name"),
      render: (name: string, campaign) => (
        <Link to={campaignPath(campaign.id)} data-testid="campaign-link">
          {name}
        </Link>
      ),
    },
    {
      key: "framework",
      title: t("campaign.framework"),
      render: (_, campaign) => `${campaign.frameworkName} v${campaign.frameworkVersion}`,
    },
    { key: "year", dataIndex: "year", title: t("campaign.year") },
    {
      key: "status",
      dataIndex: "status",
      title: t("campaign.status"),
      render: (status: CampaignSummary["status"]) => <CampaignStatusTag status={status} />,
    },
    { key: "unitCount", dataIndex: "unitCount", title: t("campaign.unitCount"), align: "right" },
    { key: "deadline", title: t("campaign.reportingDeadline"), render: (_, campaign) => campaign.phases.reportingCloses },
    {
      key: "publishedVersion",
      dataIndex: "publishedVersion",
      title: t("campaign.publishedVersion"),
      render: (version: number | null) => (version ? t("campaign.publishedVersionN", { version }) : "—"),
    },
    { key: "issuer", dataIndex: "issuer", title: t("campaign.issuer"), render: (issuer: string | null) => issuer ?? "—" },
    {
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, campaign) => <RowActions campaign={campaign} onDeleted={query.reload} />,
    },
  ];

  const toolbar = (
    <Authorized perm={P.campaignManage}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreateOpen(true)} data-testid="campaign-create">
        {t("campaign.create")}
      </Button>
    </Authorized>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <QueryForm<CampaignFilters> fields={fields} onSearch={query.search} />
      <QueryTable query={query} columns={columns} rowKey="id" toolbar={toolbar} data-testid="campaigns-table" />
      <CampaignCreateModal open={isCreateOpen} onClose={() => setIsCreateOpen(false)} />
    </Space>
  );
}

/** 查看, and 删除 for a draft (only drafts may be deleted; a started campaign is archived instead). */
function RowActions({ campaign, onDeleted }: { campaign: CampaignSummary; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const can = usePermission();

  async function handleDelete() {
    try {
      await campaignsApi.remove(campaign.id);
      void message.success(t("common.deleted"));
      onDeleted();
    } catch (error) {
      showError(error);
    }
  }

  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => navigate(campaignPath(campaign.id))} data-testid="campaign-open">
        {t("campaign.open")}
      </Button>
      {campaign.status === "draft" && can(P.campaignManage) && (
        <Popconfirm title={t("campaign.deleteConfirm", { name: campaign.name })} onConfirm={handleDelete}>
          <Button type="link" size="small" danger data-testid="campaign-delete">
            {t("common.delete")}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
