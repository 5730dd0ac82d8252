import type { CampaignView } from "@kaoping/core";
import { Alert, Descriptions, Drawer, Flex, Spin, Table, type TableColumnsType, Tabs, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type FindingBrief, reviewApi, type UnitScoreView } from "../../api/review.ts";
import { errorText } from "../../components/feedback.ts";
import { frameworkOf } from "./finding-terms.ts";
import { DeltaText, starsText } from "./review-tags.tsx";
import { NotApplicableMark, ProvisionalAlert, ProvisionalMark } from "./score-marks.tsx";
import { type IndicatorNode, indicatorTree, lostPoints } from "./score-view.ts";
import { FindingItem } from "./trace-finding-item.tsx";
import { type AutoSource, ruleFamilies, type TraceRow, traceRows, unlinkedFindingIds } from "./trace-sources.ts";
import { WhatIfBar } from "./what-if-bar.tsx";

interface UnitScoreDrawerProps {
  campaign: CampaignView;
  /** The unit shown; null: closed. */
  unit: { unitId: string; unitName: string } | null;
  onClose: () => void;
}

/**
 * One unit's score explained: the indicator tree with points and maxima, then
 * every step of the trace with the findings (and their evidence) behind it.
 * Reviewers tick findings and simulate the score without them (what-if).
 */
export function UnitScoreDrawer({ campaign, unit, onClose }: UnitScoreDrawerProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<UnitScoreView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const framework = useMemo(() => frameworkOf(campaign), [campaign]);
  const families = useMemo(() => ruleFamilies(framework), [framework]);
  const unitId = unit?.unitId;

  useEffect(() => {
    if (!unitId) return;
    let isCurrent = true;
    setView(null);
    setError(null);
    setSelected([]);
    reviewApi
      .unitScore(campaign.id, unitId)
      .then((answer) => {
        if (isCurrent) setView(answer);
      })
      .catch((failure: unknown) => {
        if (isCurrent) setError(errorText(failure));
      });
    return () => {
      isCurrent = false;
    };
  }, [campaign.id, unitId]);

  const rows = useMemo(() => (view ? traceRows(view.unit.indicators, view.sources, families) : []), [view, families]);
  const lookups = useMemo<TraceLookups>(
    () => ({
      findingsById: new Map((view?.findings ?? []).map((f) => [f.id, f])),
      factLabels: new Map(framework.facts.map((f) => [f.key, f.label])),
    }),
    [view, framework],
  );
  const { findingsById } = lookups;
  // What-if recomputes the live result: it needs the review permission and is meaningless on a frozen version.
  const canSimulate = campaign.can.review && view?.source === "live";
  const selection = canSimulate ? selected : null;
  const unlinked = view
    ? unlinkedFindingIds(
        rows,
        view.findings.map((f) => f.id),
      ).flatMap((id) => findingsById.get(id) ?? [])
    : [];
  const toggle = (id: string, isOn: boolean) => setSelected((current) => (isOn ? [...current, id] : current.filter((x) => x !== id)));

  return (
    <Drawer
      title={unit ? t("review.unitScoreTitle", { unit: unit.unitName }) : ""}
      open={unit !== null}
      onClose={onClose}
      size={1080}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!view && !error && <Spin style={{ display: "block", margin: "80px auto" }} />}
      {view && (
        <Flex vertical gap={16} data-testid="unit-score-drawer">
          <UnitSummary view={view} />
          <ProvisionalAlert items={view.missing} />
          {canSimulate && unitId && (
            <WhatIfBar campaignId={campaign.id} unitId={unitId} selected={selected} onClear={() => setSelected([])} />
          )}
          <Tabs
            items={[
              {
                key: "trace",
                label: t("review.traceTitle"),
                children: (
                  <Flex vertical gap={12}>
                    <TraceTable rows={rows} lookups={lookups} selected={selection} onToggle={toggle} />
                    <UnlinkedFindings findings={unlinked} selected={selection} onToggle={toggle} />
                  </Flex>
                ),
              },
              { key: "indicators", label: t("review.indicatorScores"), children: <IndicatorTable view={view} /> },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

function UnitSummary({ view }: { view: UnitScoreView }) {
  const { t } = useTranslation();
  const u = view.unit;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        { key: "total", label: t("review.total"), children: <strong data-testid="unit-score-total">{u.total}</strong> },
        { key: "base", label: t("review.base"), children: u.base },
        { key: "bonus", label: t("review.bonus"), children: u.bonus },
        ...(u.rescaled !== null
          ? [
              { key: "applicable", label: t("scoreStates.applicableMax"), children: `${u.applicablePoints} / ${u.fullPoints}` },
              {
                key: "rescaled",
                label: t("scoreStates.rescaled"),
                children: (
                  <Flex vertical>
                    <strong data-testid="unit-score-rescaled">{u.rescaled}</strong>
                    {u.rescaleText && <Typography.Text type="secondary">{u.rescaleText}</Typography.Text>}
                  </Flex>
                ),
              },
            ]
          : []),
        {
          key: "rank",
          label: t("review.rank"),
          children: u.isReference ? (
            <Tag color="orange">{t("review.reference")}</Tag>
          ) : u.rank ? (
            <>
              {t("review.rankOf", { rank: u.rank, count: view.rankedCount })}
              {view.provisional && <ProvisionalMark testId="unit-score-provisional" />}
            </>
          ) : (
            "—"
          ),
        },
        { key: "stars", label: t("review.stars"), children: starsText(u.stars) },
        {
          key: "source",
          label: t("review.resultSource"),
          children: view.source === "live" ? t("review.live") : t("review.publishedVersion", { version: view.version }),
        },
      ]}
    />
  );
}

function IndicatorTable({ view }: { view: UnitScoreView }) {
  const { t } = useTranslation();
  const tree = useMemo(() => indicatorTree(view.unit.indicators), [view]);
  const columns: TableColumnsType<IndicatorNode> = [
    { key: "code", dataIndex: "code", title: t("review.indicatorCode"), width: 120 },
    {
      key: "name",
      title: t("review.indicatorName"),
      render: (_, i) => (
        <>
          {i.name}
          {i.overflow && (
            <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid={`overflow-${i.code}`}>
              {t("scoreStates.overflowItem", { code: i.code, name: i.name, sum: i.overflow.childrenSum, max: i.overflow.max })}
            </Tag>
          )}
        </>
      ),
    },
    {
      key: "points",
      title: t("review.pointsOfMax"),
      align: "right",
      width: 140,
      render: (_, i) => {
        if (i.points === null) return <NotApplicableMark />;
        const max = i.applicableMax ?? i.max;
        return (
          <>
            {`${i.points}${max !== null ? ` / ${max}` : ""}`}
            {max !== i.max && (
              <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                {t("scoreStates.applicableOf", { max })}（{i.max}）
              </Typography.Text>
            )}
          </>
        );
      },
    },
    {
      key: "lost",
      title: t("review.lost"),
      align: "right",
      width: 100,
      render: (_, i) => {
        const lost = lostPoints(i.points, i.applicableMax ?? i.max, i.part);
        return lost ? <DeltaText delta={`-${lost}`} /> : null;
      },
    },
  ];
  return (
    <Table<IndicatorNode>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={tree}
      pagination={false}
      expandable={{ defaultExpandAllRows: true }}
      data-testid="unit-score-indicators"
    />
  );
}

interface FindingSelection {
  /** Ids ticked for the what-if; null: no checkboxes. */
  selected: string[] | null;
  onToggle: (id: string, isOn: boolean) => void;
}

/** What trace rows are resolved against: the findings by id and the facts' labels. */
interface TraceLookups {
  findingsById: Map<string, FindingBrief>;
  factLabels: Map<string, string>;
}

function TraceTable({ rows, lookups, selected, onToggle }: { rows: TraceRow[]; lookups: TraceLookups } & FindingSelection) {
  const { t } = useTranslation();
  const columns: TableColumnsType<TraceRow> = [
    { key: "indicator", title: t("review.indicator"), width: 140, render: (_, r) => `${r.indicatorCode} ${r.indicatorName}` },
    {
      key: "rule",
      title: t("review.rule"),
      width: 260,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: "collapsible" }} style={{ margin: 0, whiteSpace: "pre-wrap" }}>
            {r.step.text}
          </Typography.Paragraph>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {r.step.ruleId}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: "arithmetic", title: t("review.arithmetic"), width: 220, render: (_, r) => r.step.arithmetic },
    {
      key: "delta",
      title: t("review.delta"),
      width: 90,
      align: "right",
      render: (_, r) => (
        <Flex vertical align="end">
          <DeltaText delta={r.step.delta} />
          {r.step.outcome && <Tag color="orange">{t(`framework.traceOutcome.${r.step.outcome}`)}</Tag>}
        </Flex>
      ),
    },
    {
      key: "sources",
      title: t("review.sources"),
      render: (_, r) => <StepSourcesCell row={r} lookups={lookups} selected={selected} onToggle={onToggle} />,
    },
  ];
  return (
    <Table<TraceRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t("review.traceEmpty") }}
      data-testid="unit-score-trace"
    />
  );
}

function StepSourcesCell({ row, lookups, selected, onToggle }: { row: TraceRow; lookups: TraceLookups } & FindingSelection) {
  const { t } = useTranslation();
  const { findingIds, auto, measurements } = row.sources;
  if (!findingIds.length && !auto.length && !measurements.length) return null;
  return (
    <Flex vertical gap={6}>
      {findingIds.map((id) => {
        const finding = lookups.findingsById.get(id);
        return finding ? (
          <FindingItem key={id} finding={finding} selected={selected} onToggle={onToggle} />
        ) : (
          <Typography.Text key={id} type="secondary">
            {t("review.findingGone")}
          </Typography.Text>
        );
      })}
      <Flex gap={4} wrap>
        {auto.map((source) => (
          <AutoSourceTag key={`${source.origin}:${source.link ?? ""}`} source={source} lookups={lookups} />
        ))}
        {measurements.map((key) => (
          <Tag key={key} color="cyan">
            {t("review.fromMeasurement", { fact: lookups.factLabels.get(key) ?? key })}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}

/** A fact the system filled; a domain's data (办件数据) links to the records behind it, named by the fact. */
function AutoSourceTag({ source, lookups }: { source: AutoSource; lookups: TraceLookups }) {
  const { t } = useTranslation();
  const label = t(`review.auto.${source.origin}`);
  if (!source.link) return <Tag color="purple">{label}</Tag>;
  return (
    <Tag color="purple">
      <Link to={source.link}>{`${label}：${lookups.factLabels.get(source.fact) ?? source.fact}`}</Link>
    </Tag>
  );
}

function UnlinkedFindings({ findings, selected, onToggle }: { findings: FindingBrief[] } & FindingSelection) {
  const { t } = useTranslation();
  if (!findings.length) return null;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t("review.unlinkedFindings")}</Typography.Text>
      {findings.map((finding) => (
        <FindingItem key={finding.id} finding={finding} selected={selected} onToggle={onToggle} />
      ))}
    </Flex>
  );
}
