import { CASE_METRIC_LABELS, type CaseMetricKey, type CaseMetricValue } from "@kaoping/core";
import { Card, Col, Row, Statistic, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatMetric, isAlarming, metricTooltip } from "./case-format.ts";

/** One card per metric: the value as % / days / count, numerator ÷ denominator on hover; a click drills down. */
export function KpiCards({
  metrics,
  isLoading,
  onOpen,
}: {
  metrics: CaseMetricValue[];
  isLoading: boolean;
  onOpen: (key: CaseMetricKey) => void;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} data-testid="case-kpis">
      {metrics.map((metric) => (
        <Col key={metric.key} xs={12} md={8} lg={6} xxl={4}>
          <Tooltip title={metricTooltip(metric, t)}>
            <Card
              size="small"
              hoverable
              loading={isLoading}
              onClick={() => onOpen(metric.key)}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") onOpen(metric.key);
              }}
              tabIndex={0}
              role="button"
              aria-label={`${CASE_METRIC_LABELS[metric.key]} ${formatMetric(metric, t)}，${t("cases.openDrill")}`}
              data-testid={`kpi-${metric.key}`}
            >
              <Statistic
                title={<Typography.Text ellipsis>{CASE_METRIC_LABELS[metric.key]}</Typography.Text>}
                value={formatMetric(metric, t)}
                styles={{ content: { fontSize: 22, ...(isAlarming(metric) ? { color: "#cf1322" } : {}) } }}
              />
            </Card>
          </Tooltip>
        </Col>
      ))}
    </Row>
  );
}
