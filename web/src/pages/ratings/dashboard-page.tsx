import { Col, Row, Space, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { buildUrl } from "../../api/client.ts";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { DrillChartCard } from "../cases/chart-card.tsx";
import { DashboardFilters } from "./dashboard-filters.tsx";
import { ItemRanking } from "./item-ranking.tsx";
import { channelsChart, itemDrill, levelsChart, type RatingDrill, trendChart } from "./rating-charts.ts";
import { ratingScopeOf, scopeParams } from "./rating-format.ts";
import { RatingKpiCards } from "./rating-kpi-cards.tsx";
import { type RatingScope, ratingsApi } from "./ratings-api.ts";
import { UnitRanking } from "./unit-ranking.tsx";

/**
 * 好差评看板: a scope (unit and below, rating dates, channel) kept in the address — a campaign fact's
 * link (?unitId=&from=&to=) opens on it, a drill into a unit is a step the back button undoes —, a
 * card per metric, the levels, channels and months (a bar opens the ratings it counts), the units ranked
 * by 差评率 and the items with the most 差评 (an item narrows the whole dashboard, 明细 opens its 主动评价).
 */
export function RatingsDashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: paramsKey stands for params
  const scope = useMemo(() => ratingScopeOf(params), [paramsKey]);
  const key = JSON.stringify(scope);
  const loaded = useLoaded(key, () => ratingsApi.dashboard(scope));
  const view = loaded.data;
  const isLoading = loaded.isLoading;

  const levels = useMemo(() => levelsChart(view ?? { levels: [], defaults: 0 }, t), [view, t]);
  const channels = useMemo(() => channelsChart(view?.byChannel ?? [], t), [view, t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for scope
  const trend = useMemo(() => trendChart(view?.byMonth ?? [], scope, t), [view, key, t]);
  const period = { from: scope.from, to: scope.to };

  const setScope = (next: RatingScope) => setParams(scopeParams(next));
  const openRatings = (drill: RatingDrill) => navigate(buildUrl("/ratings/list", { ...scope, ...drill }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <DashboardFilters scope={scope} onChange={setScope} />
      <RatingKpiCards metrics={view?.metrics ?? []} isLoading={isLoading && !view} />
      {view && (
        <Typography.Text type="secondary" data-testid="rating-completed">
          {t("ratings.dashboard.completedCases", { count: view.completedCases })}
        </Typography.Text>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <DrillChartCard
            title={t("ratings.dashboard.levels", period)}
            extra={<Typography.Text type="secondary">{t("ratings.dashboard.levelsHint")}</Typography.Text>}
            summary={t("ratings.dashboard.levels", period)}
            spec={levels}
            isLoading={isLoading}
            onDrill={openRatings}
            testId="chart-levels"
          />
        </Col>
        <Col xs={24} xl={12}>
          <DrillChartCard
            title={t("ratings.dashboard.channels")}
            summary={t("ratings.dashboard.channels")}
            spec={channels}
            isLoading={isLoading}
            onDrill={openRatings}
            testId="chart-channels"
          />
        </Col>
      </Row>
      <DrillChartCard
        title={t("ratings.dashboard.trend", period)}
        summary={t("ratings.dashboard.trend", period)}
        spec={trend}
        isLoading={isLoading}
        onDrill={openRatings}
        testId="chart-trend"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <UnitRanking units={view?.units ?? []} isLoading={isLoading} onDrill={(unitId) => setScope({ ...scope, unitId })} />
        </Col>
        <Col xs={24} xxl={12}>
          <ItemRanking
            items={view?.byItem ?? []}
            isLoading={isLoading}
            onDrill={(itemCode) => setScope({ ...scope, itemCode })}
            onOpenRatings={(itemCode) => openRatings(itemDrill(itemCode))}
          />
        </Col>
      </Row>
    </Space>
  );
}
