import type { CampaignUnitView, CampaignView, Framework } from "@kaoping/core";
import { App, Button, Modal, Tree, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { campaignsApi } from "../../../api/campaigns.ts";
import { testId, useShowError } from "../../../components/feedback.ts";
import { chosenCodes, indicatorChoiceTree } from "./unit-indicators.ts";

/** 选定适用指标: the office ticks a unit's indicators (中省直单位 只考核“相关任务”). */
export function UnitIndicatorsModal(props: {
  campaign: CampaignView;
  unit: CampaignUnitView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { campaign, unit, onClose, onSaved } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [checked, setChecked] = useState<string[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const tree = useMemo(
    () => indicatorChoiceTree((campaign.definition as Framework | null)?.indicators ?? [], unit?.category ?? null),
    [campaign.definition, unit?.category],
  );
  useEffect(() => setChecked(unit?.indicatorCodes ?? []), [unit]);

  async function save(codes: string[] | null) {
    if (!unit) return;
    setIsSaving(true);
    try {
      await campaignsApi.setUnitIndicators(campaign.id, unit.unitId, codes);
      void message.success(t("scoreStates.unitIndicatorsSaved"));
      onSaved();
      onClose();
    } catch (error) {
      showError(error);
    } finally {
      setIsSaving(false);
    }
  }

  const codes = chosenCodes(tree, new Set(checked));
  return (
    <Modal
      title={unit ? t("scoreStates.unitIndicatorsTitle", { unit: unit.name }) : ""}
      open={unit !== null}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={[
        <Button key="reset" onClick={() => void save(null)} disabled={isSaving}>
          {t("scoreStates.unitIndicatorsReset")}
        </Button>,
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={isSaving}
          onClick={() => void save(codes.length ? codes : null)}
          {...testId("unit-indicators-save")}
        >
          {t("common.save")}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t("scoreStates.unitIndicatorsHint")}</Typography.Paragraph>
      <Tree
        checkable
        defaultExpandAll
        treeData={tree}
        checkedKeys={checked}
        onCheck={(keys) => setChecked((Array.isArray(keys) ? keys : keys.checked).map(String))}
        style={{ maxHeight: 480, overflow: "auto" }}
        data-testid="unit-indicators-tree"
      />
    </Modal>
  );
}
