import type { PointsOverflow, ProvisionalItem } from "@kaoping/core";
import { Alert, Tag, Tooltip } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** 不适用: its own mark, never a loss (not red, no minus). */
export function NotApplicableMark() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("scoreStates.notApplicableHint")}>
      <Tag variant="outlined" style={{ marginInlineEnd: 0 }} data-testid="not-applicable">
        {t("scoreStates.notApplicable")}
      </Tag>
    </Tooltip>
  );
}

/** 暂定: ranks, stars and totals that may still change. */
export function ProvisionalMark({ testId = "provisional-mark" }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t("scoreStates.provisionalHint")}>
      <Tag color="gold" style={{ marginInlineStart: 4, marginInlineEnd: 0 }} data-testid={testId}>
        {t("scoreStates.provisional")}
      </Tag>
    </Tooltip>
  );
}

/** "甲单位 2.5.3 指标：缺少数据（网办率）" */
export const provisionalItemText = (t: TFunction, item: ProvisionalItem) =>
  `${item.unitName} ${item.indicatorCode} ${item.indicatorName}：${t(item.kind === "pending" ? "scoreStates.pendingItem" : "scoreStates.missingItem")}（${item.label}）`;

const SHOWN = 12;

/** The list of what keeps a result 暂定 (the first dozen, and how many more). */
export function ProvisionalList({ items }: { items: readonly ProvisionalItem[] }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="provisional-list">
      {items.slice(0, SHOWN).map((item) => (
        <li key={`${item.unitCode}|${item.indicatorCode}|${item.kind}|${item.label}`}>{provisionalItemText(t, item)}</li>
      ))}
      {items.length > SHOWN && <li>{t("scoreStates.provisionalMore", { count: items.length - SHOWN })}</li>}
    </ul>
  );
}

export function ProvisionalAlert({ items }: { items: readonly ProvisionalItem[] }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t("scoreStates.provisionalTitle", { count: items.length })}
      description={<ProvisionalList items={items} />}
      data-testid="provisional-alert"
    />
  );
}

/** Parents whose children add up to more than their points: a flaw of the source the office should see. */
export function OverflowAlert({ overflows }: { overflows: readonly PointsOverflow[] }) {
  const { t } = useTranslation();
  if (!overflows.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={t("scoreStates.overflowTitle")}
      description={overflows.map((o) => (
        <div key={o.code}>{t("scoreStates.overflowItem", { code: o.code, name: o.name, sum: o.childrenSum, max: o.max })}</div>
      ))}
      data-testid="overflow-alert"
    />
  );
}
