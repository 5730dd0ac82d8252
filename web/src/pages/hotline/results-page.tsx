import type { CheckLevel, HotlineResultsView } from "@kaoping/core";
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Form, Row, Select, Space, Spin, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { buildUrl } from "../../api/client.ts";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { rangeQuery } from "../cases/case-labels.ts";
import { LinkFilterNote, useLinkFilters } from "../supervision/link-filters.tsx";
import type { ResultsQuery } from "./hotline-api.ts";
import { hotlineApi } from "./hotline-api.ts";
import { formatPercent, levelSummaries, resultsParams, resultsQueryOf } from "./hotline-format.ts";
import { LEVEL_COLORS, levelLabel, levelOptions, ROUND_STATUS_COLORS, roundStatusLabel } from "./hotline-labels.ts";
import { RateText, UnitResultsTable } from "./unit-results-table.tsx";

/** What a campaign fact's link carries (hotlineFactLink: ?unitId=&level=&from=&to=). */
const LINK_KEYS = ["unitId", "level", "from", "to"] as const;

interface FilterValues {
  level?: CheckLevel | null;
  range: [Dayjs, Dayjs];
  unitId?: string | null;
}

const valuesOf = (query: ResultsQuery): FilterValues => ({
  level: query.level ?? null,
  range: [dayjs(query.from), dayjs(query.to)],
  unitId: query.unitId ?? null,
});

function queryOf(values: FilterValues): ResultsQuery {
  const query: ResultsQuery = rangeQuery(values.range);
  if (values.level) query.level = values.level;
  if (values.unitId) query.unitId = values.unitId;
  return query;
}

/**
 * 抽查结果: the rounds of a period (by their first day), optionally of one level, each with its units'
 * results worst first — a unit and its subtree when one is chosen. The query lives in the address, so
 * a campaign fact's link (?unitId=&level=&from=&to=) opens on it, with a note saying so.
 */
export function ResultsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: paramsKey stands for params
  const query = useMemo(() => resultsQueryOf(params), [paramsKey]);
  const key = JSON.stringify(query);
  const link = useLinkFilters(LINK_KEYS);
  const loaded = useLoaded(key, () => hotlineApi.results(query));

  const search = (next: ResultsQuery) => {
    link.clear();
    setParams(resultsParams(next));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <ResultsFilters query={query} onSearch={search} />
      <LinkFilterNote
        filters={link.filters}
        onClose={() => {
          link.clear();
          setParams({});
        }}
        testId="hotline-link"
        title={t("hotline.results.linked", { from: query.from, to: query.to })}
      />
      {loaded.data ? <Results view={loaded.data} /> : <Spin style={{ display: "block", margin: "10vh auto" }} />}
    </Space>
  );
}

/** Level, period, unit; follows the query it is given (a link, the back button). */
function ResultsFilters({ query, onSearch }: { query: ResultsQuery; onSearch: (query: ResultsQuery) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const key = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for query
  useEffect(() => form.setFieldsValue(valuesOf(query)), [key, form]);
  return (
    <Card styles={{ body: { paddingBottom: 0 } }}>
      <Form form={form} initialValues={valuesOf(query)} onFinish={(values) => onSearch(queryOf(values))} data-testid="results-filters">
        <Row gutter={16}>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="level" label={t("hotline.field.level")}>
              <Select allowClear options={levelOptions} placeholder={t("hotline.allLevels")} data-testid="results-level" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name="range"
              label={t("hotline.results.range")}
              tooltip={t("hotline.results.rangeHint")}
              rules={[{ required: true }]}
            >
              <DatePicker.RangePicker allowClear={false} style={{ width: "100%" }} data-testid="results-range" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="unitId" label={t("hotline.field.unit")}>
              <UnitTreeSelect placeholder={t("hotline.allUnits")} data-testid="results-unit" />
            </Form.Item>
          </Col>
          <Col flex="auto" style={{ textAlign: "right", marginBottom: 16 }}>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="results-search">
                {t("common.search")}
              </Button>
              <Button onClick={() => onSearch(resultsQueryOf(new URLSearchParams()))}>{t("common.reset")}</Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** The lowest rate of each level (what a campaign counts), then each round with its units. */
function Results({ view }: { view: HotlineResultsView }) {
  const { t } = useTranslation();
  if (!view.rounds.length)
    return (
      <Card data-testid="results-empty">
        <Empty description={t("hotline.results.empty")} />
      </Card>
    );
  return (
    <Flex vertical gap="middle" data-testid="hotline-results">
      <Alert
        type="info"
        showIcon
        data-testid="results-summary"
        title={
          <Flex vertical gap={2}>
            {levelSummaries(view.rounds).map((s) => (
              <span key={s.level} data-level={s.level}>
                {t("hotline.results.summary", { level: levelLabel(s.level), rounds: s.rounds, rate: formatPercent(s.lowest) })}
              </span>
            ))}
          </Flex>
        }
        description={t("hotline.results.summaryHint")}
      />
      {view.rounds.map((round) => (
        <Card
          key={round.id}
          data-testid="results-round"
          data-round-id={round.id}
          title={
            <Flex gap={8} align="center" wrap>
              <Link to={buildUrl("/hotline/rounds", { id: round.id })}>{round.name}</Link>
              <Tag color={LEVEL_COLORS[round.level]}>{levelLabel(round.level)}</Tag>
              <Tag color={ROUND_STATUS_COLORS[round.status]}>{roundStatusLabel(round.status)}</Tag>
            </Flex>
          }
          extra={<Typography.Text type="secondary">{`${round.from} ~ ${round.to}`}</Typography.Text>}
        >
          <Flex vertical gap="small">
            <Flex gap={24} wrap>
              <span>
                {t("hotline.results.roundRate")}：<RateText rate={round.rate} strong />
              </span>
              <Typography.Text type="secondary">
                {t("hotline.results.roundCalls", { recorded: round.recorded, calls: round.calls })}
              </Typography.Text>
            </Flex>
            <UnitResultsTable units={round.units} testId="results-units-table" />
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
