import { CASE_METRIC_LABELS, type CaseMetricKey, type CaseMetricsView, LIMITS, type Period } from "@kaoping/core";
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/feedback.ts";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import { barsChart, type CaseDrill, trendChart } from "./case-charts.ts";
import { CaseDrillDrawer } from "./case-drill-drawer.tsx";
import { METRIC_KEYS } from "./case-format.ts";
import { caseTypeOptions, channelOptions, defaultRange, metricOptions, periodOptions, rangeQuery } from "./case-labels.ts";
import { type CaseScope, casesApi } from "./cases-api.ts";
import { DrillChartCard } from "./chart-card.tsx";
import { KpiCards } from "./kpi-cards.tsx";

interface FilterValues {
  unitId?: string | null;
  range: [Dayjs, Dayjs];
  itemCode?: string;
  channel?: string;
  caseType?: string;
}

type Groups = NonNullable<CaseMetricsView["groups"]>;

/** The range picker's least width: two YYYY-MM-DD dates, the arrow between them and the calendar icon. */
const RANGE_MIN_WIDTH = 240;

/** The scope the API reads from the filter form (empty values left out). */
function toScope(values: FilterValues): CaseScope {
  const scope: CaseScope = rangeQuery(values.range);
  if (values.unitId) scope.unitId = values.unitId;
  if (values.itemCode?.trim()) scope.itemCode = values.itemCode.trim();
  if (values.channel) scope.channel = values.channel;
  if (values.caseType) scope.caseType = values.caseType;
  return scope;
}

interface Loaded {
  metrics: CaseMetricsView["metrics"];
  trend: Groups;
  channels: Groups;
  units: Groups;
}

const EMPTY: Loaded = { metrics: [], trend: [], channels: [], units: [] };

/** The four reads of the dashboard: the totals, and the figures by period, by channel and by unit. */
function useDashboard(scope: CaseScope, period: Period): { data: Loaded; isLoading: boolean } {
  const showError = useShowError();
  const [data, setData] = useState<Loaded>(EMPTY);
  const [isLoading, setIsLoading] = useState(false);
  const key = JSON.stringify({ scope, period });
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for scope and period
  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    Promise.all([
      casesApi.metrics(scope),
      casesApi.metrics({ ...scope, groupBy: "period", period }),
      casesApi.metrics({ ...scope, groupBy: "channel" }),
      casesApi.metrics({ ...scope, groupBy: "unit" }),
    ])
      .then(([total, trend, channels, units]) => {
        if (!isCurrent) return;
        const order = new Map(METRIC_KEYS.map((k, i) => [k, i]));
        const metrics = [...total.metrics].sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
        setData({ metrics, trend: trend.groups ?? [], channels: channels.groups ?? [], units: units.groups ?? [] });
      })
      .catch((error: unknown) => isCurrent && showError(error))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [key, showError]);
  return { data, isLoading };
}

/** 办件指标: a scope (unit and below, dates, item, channel, type), a card per metric, and three charts that drill down. */
export function CaseMetricsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const initial = useMemo<FilterValues>(() => ({ range: defaultRange() }), []);
  const [scope, setScope] = useState<CaseScope>(() => toScope(initial));
  const [period, setPeriod] = useState<Period>("month");
  const [chartMetric, setChartMetric] = useState<CaseMetricKey>("online_rate");
  const [drill, setDrill] = useState<CaseDrill | null>(null);
  const { data, isLoading } = useDashboard(scope, period);

  const trend = useMemo(() => trendChart(data.trend, chartMetric, period, scope, t), [data.trend, chartMetric, period, scope, t]);
  const channels = useMemo(() => barsChart(data.channels, chartMetric, "channel", t), [data.channels, chartMetric, t]);
  const units = useMemo(() => barsChart(data.units, chartMetric, "unit", t), [data.units, chartMetric, t]);
  const metricName = CASE_METRIC_LABELS[chartMetric];

  function handleOpenMetric(key: CaseMetricKey) {
    setDrill({ title: CASE_METRIC_LABELS[key], metric: key, filters: {} });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card styles={{ body: { paddingBottom: 0 } }}>
        <Form form={form} initialValues={initial} onFinish={(values) => setScope(toScope(values))} data-testid="metrics-filters">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="unitId" label={t("cases.field.unit")}>
                <UnitTreeSelect placeholder={t("cases.allUnits")} data-testid="metrics-unit" />
              </Form.Item>
            </Col>
            {/* Wide enough for two full dates (2026-01-01 is ~72 px): at 1366 px a quarter of the row cut them to 2026-01. */}
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="range" label={t("cases.range")} rules={[{ required: true }]}>
                <DatePicker.RangePicker allowClear={false} style={{ width: "100%", minWidth: RANGE_MIN_WIDTH }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8} xl={5}>
              <Form.Item name="itemCode" label={t("cases.field.itemCode")}>
                <Input allowClear maxLength={LIMITS.codeMax} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8} xl={5}>
              <Form.Item name="channel" label={t("cases.field.channel")}>
                <Select allowClear options={channelOptions} placeholder={t("common.all")} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8} xl={5}>
              <Form.Item name="caseType" label={t("cases.field.caseType")}>
                <Select allowClear options={caseTypeOptions} placeholder={t("common.all")} />
              </Form.Item>
            </Col>
            <Col flex="auto" style={{ textAlign: "right", marginBottom: 16 }}>
              <Space>
                <Button type="primary" htmlType="submit" data-testid="metrics-search">
                  {t("common.search")}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setScope(toScope(initial));
                  }}
                >
                  {t("common.reset")}
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <KpiCards metrics={data.metrics} isLoading={isLoading && data.metrics.length === 0} onOpen={handleOpenMetric} />
      <Card size="small">
        <Space wrap>
          {t("cases.chartMetric")}
          <Select
            value={chartMetric}
            onChange={setChartMetric}
            options={metricOptions}
            style={{ width: 240 }}
            aria-label={t("cases.chartMetric")}
            data-testid="chart-metric"
          />
        </Space>
      </Card>
      <DrillChartCard
        title={t("cases.chart.trend", { metric: metricName })}
        extra={<Select value={period} onChange={setPeriod} options={periodOptions} size="small" aria-label={t("cases.period")} />}
        summary={t("cases.chart.trend", { metric: metricName })}
        spec={trend}
        isLoading={isLoading}
        onDrill={setDrill}
        testId="chart-trend"
      />
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <DrillChartCard
            title={t("cases.chart.channel", { metric: metricName })}
            summary={t("cases.chart.channel", { metric: metricName })}
            spec={channels}
            isLoading={isLoading}
            onDrill={setDrill}
            testId="chart-channel"
          />
        </Col>
        <Col xs={24} xl={14}>
          <DrillChartCard
            title={t("cases.chart.unit", { metric: metricName })}
            summary={t("cases.chart.unit", { metric: metricName })}
            spec={units}
            isLoading={isLoading}
            onDrill={setDrill}
            testId="chart-unit"
          />
        </Col>
      </Row>
      <CaseDrillDrawer scope={scope} drill={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
