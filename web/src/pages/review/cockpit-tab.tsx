import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Flex, Row, Spin, Statistic, Tag, Tooltip } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../api/client.ts";
import { type CockpitView, reviewApi } from "../../api/review.ts";
import { errorText, useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import {
  type ChartSpec,
  type Drill,
  distributionChart,
  findingsChart,
  heatmapChart,
  progressChart,
  rankingChart,
  type Translate,
  trendChart,
} from "./cockpit-charts.ts";
import { CockpitDrillDrawer } from "./cockpit-drill-drawer.tsx";
import { DrillChart } from "./drill-chart.tsx";
import { frameworkOf, subtreeCodes } from "./finding-terms.ts";
import type { ReviewTabProps } from "./review-tab.ts";
import { UnitScoreDrawer } from "./unit-score-drawer.tsx";

/** 驾驶舱: the campaign at a glance; every bar, cell, slice and point opens the units and findings behind it. */
export function CockpitTab({ campaign }: ReviewTabProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [view, setView] = useState<CockpitView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [unit, setUnit] = useState<{ unitId: string; unitName: string } | null>(null);

  const load = useCallback(() => {
    setView(null);
    reviewApi
      .cockpit(campaign.id)
      .then((answer) => {
        setView(answer);
        setNotice(null);
      })
      .catch((error: unknown) =>
        error instanceof ApiRequestError && error.status === 409 ? setNotice(errorText(error)) : showError(error),
      );
  }, [campaign.id, showError]);
  useEffect(load, [load]);

  const charts = useMemo(() => {
    if (!view) return null;
    const tr: Translate = (key, values) => t(key, values);
    const indicators = frameworkOf(campaign).indicators;
    return {
      distribution: distributionChart(view, tr),
      progress: progressChart(view, tr),
      ranking: rankingChart(view, tr),
      heatmap: heatmapChart(view, tr, (code) => subtreeCodes(indicators, code)),
      trend: trendChart(view, tr),
      findings: findingsChart(view, tr),
    };
  }, [view, campaign, t]);

  if (notice) return <Empty description={notice} data-testid="cockpit-unpublished" />;
  if (!view || !charts) return <Spin style={{ display: "block", margin: "80px auto" }} />;

  const chart = (name: keyof typeof charts, title: string, span: number) => (
    <Col xs={24} xl={span}>
      <ChartCard title={title} name={name} spec={charts[name]} onDrill={setDrill} />
    </Col>
  );
  return (
    <Flex vertical gap={16} data-testid="cockpit-tab">
      <CockpitSummary view={view} onReload={load} />
      <Row gutter={[16, 16]}>
        {chart("distribution", t("review.cockpit.distribution"), 12)}
        {chart("progress", t("review.cockpit.progress"), 12)}
        {chart("ranking", t("review.cockpit.ranking"), 12)}
        {chart("findings", t("review.cockpit.findingsByIndicator"), 12)}
        {chart("heatmap", t("review.cockpit.heatmap"), 24)}
        {chart("trend", t("review.cockpit.trend"), 24)}
      </Row>
      <CockpitDrillDrawer campaignId={campaign.id} view={view} drill={drill} onClose={() => setDrill(null)} onOpenUnit={setUnit} />
      <UnitScoreDrawer campaign={campaign} unit={unit} onClose={() => setUnit(null)} />
    </Flex>
  );
}

function ChartCard(props: { title: string; name: string; spec: ChartSpec; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  return (
    <Card title={props.title} extra={<Tag>{t("review.cockpit.clickToDrill")}</Tag>} styles={{ body: { padding: 12 } }}>
      <DrillChart name={props.name} summary={props.title} spec={props.spec} onDrill={props.onDrill} />
    </Card>
  );
}

function CockpitSummary({ view, onReload }: { view: CockpitView; onReload: () => void }) {
  const { t } = useTranslation();
  const { reported, applicable } = view.progress.selfAssessments;
  const findings = view.findingsByIndicator.reduce((n, g) => n + g.count, 0);
  const ranked = view.ranking.filter((r) => !r.isReference);
  const source = view.source.preview
    ? t("review.cockpit.preview")
    : t("review.publishedVersion", { version: view.source.version }) +
      (view.source.publishedAt ? ` · ${formatDateTime(view.source.publishedAt)}` : "");
  return (
    <Card styles={{ body: { padding: 16 } }}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Row gutter={[32, 16]} style={{ flex: 1 }}>
          <Col>
            <Statistic title={t("review.cockpit.unitCount")} value={view.unitCount} />
          </Col>
          <Col>
            <Statistic title={t("review.cockpit.topTotal")} value={ranked[0]?.total ?? "—"} />
          </Col>
          <Col>
            <Statistic
              title={t("review.cockpit.selfAssessment")}
              value={applicable ? Math.round((reported / applicable) * 1000) / 10 : 0}
              suffix={`% (${reported}/${applicable})`}
            />
          </Col>
          <Col>
            <Statistic title={t("review.cockpit.findings")} value={findings} />
          </Col>
          <Col>
            <Statistic title={t("review.resultSource")} value={source} styles={{ content: { fontSize: 16 } }} />
          </Col>
          {view.provisional && (
            <Col>
              <Tooltip title={t("scoreStates.provisionalTitle", { count: view.missingCount })}>
                <Tag color="gold" data-testid="cockpit-provisional">
                  {t("scoreStates.provisional")}
                </Tag>
              </Tooltip>
            </Col>
          )}
        </Row>
        <Tooltip title={t("common.refresh")}>
          <Button type="text" icon={<ReloadOutlined />} onClick={onReload} />
        </Tooltip>
      </Flex>
    </Card>
  );
}
