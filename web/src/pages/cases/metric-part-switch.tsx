import type { CaseMetricKey } from "@kaoping/core";
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";

export type MetricPart = "numerator" | "denominator";

/** 分子 / 分母 of a metric, named as the metric names them (按时办结件数 / 办结件数): which cases behind it to list. */
export function MetricPartSwitch({
  metric,
  value,
  onChange,
  size,
  testId,
}: {
  metric: CaseMetricKey;
  value: MetricPart;
  onChange: (part: MetricPart) => void;
  size?: "small";
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Segmented
      size={size}
      value={value}
      onChange={(part) => onChange(part as MetricPart)}
      options={[
        { value: "numerator", label: t(`cases.metricParts.${metric}.numerator`) },
        { value: "denominator", label: t(`cases.metricParts.${metric}.denominator`) },
      ]}
      data-testid={testId}
    />
  );
}
