import type { Severity } from "@kaoping/core";
import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { accuracyColor, accuracyText } from "./guide-labels.ts";

const SEVERITY_COLORS: Record<Severity, string> = { error: "red", warning: "gold", info: "blue" };

/** 错误 / 警告 / 提示. */
export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLORS[severity]}>{t(`guide.severity.${severity}`)}</Tag>;
}

/** A version's errors and warnings as two counted tags, or 无问题. */
export function TallyTags({ errors, warnings }: { errors: number; warnings: number }) {
  const { t } = useTranslation();
  if (!errors && !warnings) return <Tag color="success">{t("guide.clean")}</Tag>;
  return (
    <Space size={0} data-testid="guide-tally">
      {errors > 0 && <Tag color="red">{t("guide.errorsN", { count: errors })}</Tag>}
      {warnings > 0 && <Tag color="gold">{t("guide.warningsN", { count: warnings })}</Tag>}
    </Space>
  );
}

/** 91.4% coloured by how good it is. */
export function AccuracyTag({ accuracy }: { accuracy: number | null | undefined }) {
  if (accuracy === null || accuracy === undefined) return <span>—</span>;
  return (
    <Tag color={accuracyColor(accuracy)} data-testid="guide-accuracy">
      {accuracyText(accuracy)}
    </Tag>
  );
}
