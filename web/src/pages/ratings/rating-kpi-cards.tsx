import { RATING_METRIC, type RatingMetricValue } from "@kaoping/core";
import { Card, Col, Row, Statistic, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { metricText, metricTooltip } from "./rating-format.ts";

/** One card per 好差评 metric: its value (a percentage with two decimals, or a count); the formula and the counts on hover or focus. */
export function RatingKpiCards({ metrics, isLoading }: { metrics: RatingMetricValue[]; isLoading: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} data-testid="rating-kpis">
      {metrics.map((metric) => {
        const label = RATING_METRIC[metric.key].label;
        const lines = metricTooltip(metric, t);
        return (
          <Col key={metric.key} xs={12} md={8} lg={6} xxl={3}>
            <Tooltip trigger={["hover", "focus"]} title={lines.map((line) => <div key={line}>{line}</div>)}>
              <Card
                size="small"
                loading={isLoading}
                tabIndex={0}
                role="group"
                aria-label={`${label} ${metricText(metric)}：${lines.join("；")}`}
                data-testid={`kpi-${metric.key}`}
              >
                <Statistic
                  title={<Typography.Text ellipsis>{label}</Typography.Text>}
                  value={metricText(metric)}
                  styles={{
                    content: { fontSize: 22, ...(metric.key === "bad_rate" && (metric.value ?? 0) > 0 ? { color: "#cf1322" } : {}) },
                  }}
                />
              </Card>
            </Tooltip>
          </Col>
        );
      })}
    </Row>
  );
}
