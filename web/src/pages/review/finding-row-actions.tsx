import type { CampaignView, FindingView } from "@kaoping/core";
import { Button, Popconfirm, Space } from "antd";
import { useTranslation } from "react-i18next";
import { type FindingAction, findingActions } from "./finding-actions.ts";

interface FindingRowActionsProps {
  campaign: CampaignView;
  finding: FindingView;
  onAction: (action: FindingAction, finding: FindingView) => void;
}

export function FindingRowActions({ campaign, finding, onAction }: FindingRowActionsProps) {
  const { t } = useTranslation();
  const actions = findingActions(campaign, finding);
  const link = (action: FindingAction, label: string, danger = false) => (
    <Button type="link" size="small" danger={danger} onClick={() => onAction(action, finding)} data-testid={`finding-${action}`}>
      {label}
    </Button>
  );
  return (
    <Space size={0}>
      {actions.includes("confirm") && (
        <Popconfirm title={t("review.confirmFindingQuestion")} onConfirm={() => onAction("confirm", finding)}>
          <Button type="link" size="small" data-testid="finding-confirm">
            {t("review.confirmFinding")}
          </Button>
        </Popconfirm>
      )}
      {actions.includes("edit") && link("edit", t("common.edit"))}
      {actions.includes("evidence") && link("evidence", t("review.uploadEvidence"))}
      {actions.includes("withdraw") && link("withdraw", t("review.withdraw"), true)}
      {actions.includes("appeal") && link("appeal", t("review.appeal"))}
    </Space>
  );
}
