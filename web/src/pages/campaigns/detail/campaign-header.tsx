import { ArrowLeftOutlined, EditOutlined } from "@ant-design/icons";
import { CAMPAIGN_STATUSES, type CampaignView } from "@kaoping/core";
import { Button, Card, Descriptions, Flex, Space, Steps, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { statusStep } from "../campaign-status.ts";
import { PHASE_KEYS } from "../create/create-values.ts";
import { CampaignStatusTag } from "../status-tags.tsx";
import { CampaignActions } from "./campaign-actions.tsx";

interface CampaignHeaderProps {
  campaign: CampaignView;
  onChanged: () => void;
  /** 进入本单位填报, for unit users. */
  ownUnitLink?: string | null;
}

/** Name, framework, the status bar, phase dates and the office's status commands. */
export function CampaignHeader({ campaign, onChanged, ownUnitLink }: CampaignHeaderProps) {
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
          {ownUnitLink && (
            <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => navigate(ownUnitLink)} data-testid="enter-own-unit">
              {t("campaign.enterOwnUnit")}
            </Button>
          )}
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
