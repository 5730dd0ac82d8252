import { Card, Result, Space, Spin, Tabs } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { ConsistencyTab } from "./consistency-tab.tsx";
import { ElementCheckTab } from "./element-check-tab.tsx";
import { GuideHeader } from "./guide-header.tsx";
import { guidesApi } from "./guides-api.ts";
import { ItemDefectsTab } from "./item-defects-tab.tsx";
import { VersionsTab } from "./versions-tab.tsx";

/** /guides/items/:id — a new id is a new screen. */
export function GuidePage() {
  const { id = "" } = useParams();
  return <GuideScreen key={id} id={id} />;
}

/** 指南详情: header, then 要素检查 / 版本历史 / 线上线下一致性 / 待整改问题 (?tab= opens one directly). */
function GuideScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const loaded = useLoaded(id, () => guidesApi.get(id));
  const view = loaded.data;
  if (loaded.isNotFound) return <Result status="404" title={t("common.notFound")} />;
  if (!view) return <Spin size="large" style={{ display: "block", margin: "20vh auto" }} />;

  const refresh = () => void loaded.reload();
  const tab = (key: string, label: string, children: ReactNode) => ({
    key,
    label: <span data-testid={`guide-tab-${key}`}>{label}</span>,
    children,
  });
  const tabs = [
    tab("elements", t("guide.tabElements"), <ElementCheckTab view={view} onChanged={refresh} />),
    tab("versions", t("guide.tabVersions"), <VersionsTab itemId={id} versions={view.versions} />),
    tab("consistency", t("guide.tabConsistency"), <ConsistencyTab itemId={id} />),
    tab("defects", t("guide.tabDefects", { count: view.openDefects.length }), <ItemDefectsTab defects={view.openDefects} />),
  ];
  const activeTab = searchParams.get("tab") ?? "elements";

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <GuideHeader view={view} onChanged={refresh} />
      <Card>
        <Tabs
          items={tabs}
          activeKey={tabs.some((item) => item.key === activeTab) ? activeTab : "elements"}
          onChange={(key) => setSearchParams({ tab: key }, { replace: true })}
          destroyOnHidden
        />
      </Card>
    </Space>
  );
}
