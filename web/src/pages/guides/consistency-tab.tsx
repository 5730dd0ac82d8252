import { GUIDE_CHANNEL_LABELS } from "@kaoping/core";
import { Alert, Space, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { DiffTable } from "./diff-table.tsx";
import { guidesApi } from "./guides-api.ts";

/** 线上线下一致性: the portal's newest guide against the hall's printed one (seed 001). */
export function ConsistencyTab({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const loaded = useLoaded(itemId, () => guidesApi.consistency(itemId));
  const view = loaded.data;
  if (!view) return <Spin />;
  if (view.consistent === null) {
    const missing = [view.online ? null : GUIDE_CHANNEL_LABELS.online, view.offline ? null : GUIDE_CHANNEL_LABELS.offline]
      .filter(Boolean)
      .join("、");
    return (
      <Alert type="info" showIcon title={t("guide.consistencyMissing", { missing })} description={t("guide.consistencyMissingHint")} />
    );
  }
  if (view.consistent) return <Alert type="success" showIcon title={t("guide.consistent")} data-testid="guide-consistent" />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Alert type="warning" showIcon title={t("guide.inconsistent", { count: view.differences.length })} data-testid="guide-inconsistent" />
      <DiffTable differences={view.differences} data-testid="guide-consistency-diff" />
    </Space>
  );
}
