import type { CampaignSummary, CampaignView } from "@kaoping/core";
import { Card, Empty, Flex, Select, Spin, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { campaignsApi } from "../../api/campaigns.ts";
import { useShowError } from "../../components/feedback.ts";
import { cockpitVisible, defaultCockpitCampaign, publishedFallback } from "./cockpit-pick.ts";
import { CockpitTab } from "./cockpit-tab.tsx";

const PICKER_SIZE = 200;

/** 驾驶舱 (menu page): pick a campaign (kept in `?campaign=`), then its cockpit. */
export function CockpitPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const [campaigns, setCampaigns] = useState<CampaignSummary[] | null>(null);
  const [campaign, setCampaign] = useState<CampaignView | null>(null);
  const askedId = params.get("campaign");
  const chosenId = askedId ?? (campaigns ? defaultCockpitCampaign(campaigns) : null);

  useEffect(() => {
    campaignsApi
      .list({ page: 1, pageSize: PICKER_SIZE })
      .then((page) => setCampaigns(page.rows))
      .catch((error: unknown) => {
        setCampaigns([]);
        showError(error);
      });
  }, [showError]);

  useEffect(() => {
    if (!chosenId) return;
    let isCurrent = true;
    setCampaign(null);
    campaignsApi
      .get(chosenId)
      .then((view) => {
        if (!isCurrent) return;
        // Opened by default on a result the caller cannot see yet: the newest published campaign instead.
        const fallback = !askedId && campaigns ? publishedFallback(view, campaigns) : null;
        if (fallback) setParams({ campaign: fallback }, { replace: true });
        else setCampaign(view);
      })
      .catch(showError);
    return () => {
      isCurrent = false;
    };
  }, [chosenId, askedId, campaigns, setParams, showError]);

  return (
    <Flex vertical gap={16}>
      <Card styles={{ body: { padding: 16 } }}>
        <Flex align="center" gap={12} wrap>
          <Typography.Text strong>{t("review.cockpit.campaign")}</Typography.Text>
          <Select
            style={{ minWidth: 360 }}
            loading={campaigns === null}
            value={chosenId ?? undefined}
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("review.cockpit.pickCampaign")}
            aria-label={t("review.cockpit.campaign")}
            options={(campaigns ?? []).map((c) => ({
              value: c.id,
              label: c.name.includes(String(c.year)) ? c.name : `${c.year} ${c.name}`,
              status: c.status,
            }))}
            optionRender={(option) => (
              <Flex justify="space-between" gap={8}>
                <span>{option.label}</span>
                <Tag>{t(`review.campaignStatus.${option.data.status}`)}</Tag>
              </Flex>
            )}
            onChange={(id: string) => setParams({ campaign: id })}
            data-testid="cockpit-campaign"
          />
          {campaign && <Tag color="blue">{t(`review.campaignStatus.${campaign.status}`)}</Tag>}
        </Flex>
      </Card>
      {campaigns?.length === 0 && <Empty description={t("review.cockpit.noCampaigns")} />}
      {chosenId && !campaign && <Spin style={{ display: "block", margin: "80px auto" }} />}
      {campaign &&
        campaign.id === chosenId &&
        (cockpitVisible(campaign) ? (
          <CockpitTab key={campaign.id} campaign={campaign} />
        ) : (
          <Empty description={t("review.cockpit.notPublished")} data-testid="cockpit-not-published" />
        ))}
    </Flex>
  );
}
