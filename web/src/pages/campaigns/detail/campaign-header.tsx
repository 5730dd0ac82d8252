import { ArrowLeftOutlined, AuditOutlined, EditOutlined, FileSearchOutlined, TrophyOutlined } from "@ant-design/icons";
import { CAMPAIGN_STATUSES, type CampaignUnitView, type CampaignView } from "@kaoping/core";
import { Button, Card, Descriptions, Flex, Space, Steps, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type OwnUnitAction, ownUnitActions, statusStep } from "../campaign-status.ts";
import { PHASE_KEYS } from "../create/create-values.ts";
import { CampaignStatusTag } from "../status-tags.tsx";
import { CampaignActions } from "./campaign-actions.tsx";

interface CampaignHeaderProps {
  campaign: CampaignView;
  onChanged: () => void;
  /** The unit a unit user works on: their buttons follow the phase. */
  ownUnit?: CampaignUnitView | null;
}

/** Name, framework, the status bar, phase dates and the office's status commands. */
export function CampaignHeader({ campaign, onChanged, ownUnit }: CampaignHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const archived = campaign.status === "archived";

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate("/assess/campaigns")}
            aria-label={t("campaign.backToList")}
          />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="campaign-title">
            {campaign.name}
          </Typography.Title>
          <Tag>{`${campaign.frameworkName} v${campaign.frameworkVersion}`}</Tag>
          <Tag>{campaign.year}</Tag>
          {campaign.issuer && <Tag>{campaign.issuer}</Tag>}
          <CampaignStatusTag status={campaign.status} />
        </Space>
        <Space wrap>
          {ownUnit && <OwnUnitButtons campaign={campaign} unit={ownUnit} />}
          <CampaignActions campaign={campaign} onDone={onChanged} />
        </Space>
      </Flex>
      <Steps
        size="small"
        current={statusStep(campaign.status)}
        status={archived ? "finish" : "process"}
        style={{ margin: "20px 0 16px" }}
        items={CAMPAIGN_STATUSES.map((status) => ({ title: t(`campaign.enum.status.${status}`) }))}
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="campaign-phases">
        {PHASE_KEYS.map((key) => (
          <Descriptions.Item key={key} label={t(`campaign.enum.phase.${key}`)}>
            {campaign.phases[key] ?? <Typography.Text type="secondary">{t("campaign.notSet")}</Typography.Text>}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t("campaign.reviewers")}>
          {campaign.reviewers.length ? campaign.reviewers.map((reviewer) => reviewer.displayName).join("、") : t("common.none")}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

const OWN_UNIT_ICONS: Record<OwnUnitAction["key"], ReactNode> = {
  fill: <EditOutlined />,
  view: <FileSearchOutlined />,
  appeal: <AuditOutlined />,
  results: <TrophyOutlined />,
};

/** 填报 / 申诉 / 查看结果: the unit user's main button follows the phase (ownUnitActions). */
function OwnUnitButtons({ campaign, unit }: { campaign: CampaignView; unit: CampaignUnitView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return ownUnitActions(campaign, unit).map((action) => (
    <Button
      key={action.key}
      type={action.isPrimary ? "primary" : "default"}
      size={action.isPrimary ? "large" : "middle"}
      icon={OWN_UNIT_ICONS[action.key]}
      onClick={() => navigate(action.path)}
      data-testid={`own-unit-${action.key}`}
      data-primary={action.isPrimary}
    >
      {t(`campaign.ownUnit.${action.key}`)}
    </Button>
  ));
}
