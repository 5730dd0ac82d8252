import type { CampaignUnitView, CampaignView } from "@kaoping/core";
import { Card, Result, Space, Spin, Tabs } from "antd";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { campaignsApi } from "../../../api/campaigns.ts";
import { useSession } from "../../../app/auth.tsx";
import { AppealsTab } from "../../review/appeals-tab.tsx";
import { CockpitTab } from "../../review/cockpit-tab.tsx";
import { FindingsTab } from "../../review/findings-tab.tsx";
import { MeasurementsTab } from "../../review/measurements-tab.tsx";
import { PublicationsTab } from "../../review/publications-tab.tsx";
import { ScoresTab } from "../../review/scores-tab.tsx";
import { useLoaded } from "../use-loaded.ts";
import { CampaignHeader } from "./campaign-header.tsx";
import { ResponsibilitiesTab } from "./responsibilities-tab.tsx";
import { UnitsTab } from "./units-tab.tsx";

/** /assess/campaigns/:id — a new id is a new screen. */
export function CampaignDetailPage() {
  const { id = "" } = useParams();
  return <CampaignDetailScreen key={id} id={id} />;
}

/** The unit a unit user works on: their own unit when it takes part, else the first one they may see. */
function ownUnit(campaign: CampaignView, units: CampaignUnitView[], userUnitId: string): CampaignUnitView | null {
  if (campaign.can.allUnits || campaign.status === "draft") return null;
  return units.find((unit) => unit.unitId === userUnitId) ?? units[0] ?? null;
}

function CampaignDetailScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  // ?tab=findings opens a tab directly (links from to-do items and notifications).
  const [searchParams, setSearchParams] = useSearchParams();
  const campaign = useLoaded(id, () => campaignsApi.get(id));
  const units = useLoaded(id, () => campaignsApi.units(id).then((page) => page.rows));
  const view = campaign.data;
  const unitRows = useMemo(() => units.data ?? [], [units.data]);

  if (campaign.isNotFound) return <Result status="404" title={t("common.notFound")} />;
  if (!view) return <Spin size="large" style={{ display: "block", margin: "20vh auto" }} />;

  function refresh() {
    void campaign.reload();
    void units.reload();
  }

  const activeTab = searchParams.get("tab") ?? "units";
  const own = ownUnit(view, unitRows, session.user.unitId);
  const isOpen = view.status !== "draft";
  const reviewProps = { campaign: view, onChanged: refresh };
  const tab = (key: string, label: string, children: ReactNode) => ({
    key,
    label: <span data-testid={`campaign-tab-${key}`}>{label}</span>,
    children,
  });
  const tabs = [
    tab("units", t("campaign.tabUnits"), <UnitsTab campaign={view} units={unitRows} isLoading={units.isLoading} onChanged={refresh} />),
    ...(isOpen
      ? [
          tab("responsibilities", t("campaign.tabResponsibilities"), <ResponsibilitiesTab campaign={view} units={unitRows} />),
          tab("findings", t("campaign.tabFindings"), <FindingsTab {...reviewProps} />),
          tab("measurements", t("campaign.tabMeasurements"), <MeasurementsTab {...reviewProps} />),
          tab("appeals", t("campaign.tabAppeals"), <AppealsTab {...reviewProps} />),
          tab("scores", t("campaign.tabScores"), <ScoresTab {...reviewProps} />),
          tab("publications", t("campaign.tabPublications"), <PublicationsTab {...reviewProps} />),
          tab("cockpit", t("campaign.tabCockpit"), <CockpitTab {...reviewProps} />),
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <CampaignHeader campaign={view} onChanged={refresh} ownUnit={own} />
      <Card>
        <Tabs
          items={tabs}
          activeKey={tabs.some((item) => item.key === activeTab) ? activeTab : "units"}
          onChange={(key) => setSearchParams({ tab: key }, { replace: true })}
          destroyOnHidden
        />
      </Card>
    </Space>
  );
}
