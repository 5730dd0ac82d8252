import type { UnitDiff } from "@kaoping/core";
import { Card, Empty, Flex, Space, Spin, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type PublicationSummary, type PublicationView, reviewApi, type ScoreSummary } from "../../api/review.ts";
import { TEXT_COLORS } from "../../app/theme.ts";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { diffByUnit, type FieldChange, fieldChanges } from "./publication-diff.ts";
import type { ReviewTabProps } from "./review-tab.ts";
import { starsText } from "./review-tags.tsx";
import { rankingOrder } from "./score-view.ts";

const CHANGED_ROW = { background: "#fff7e6" };

/** 发布记录: every published version; one opens with its ranking and what changed from the version before. */
export function PublicationsTab({ campaign }: ReviewTabProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [list, setList] = useState<PublicationSummary[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [version, setVersion] = useState<number | null>(null);

  useEffect(() => {
    setIsLoading(true);
    reviewApi
      .publications(campaign.id)
      .then((rows) => {
        setList(rows);
        setVersion((current) => current ?? rows[0]?.version ?? null);
      })
      .catch(showError)
      .finally(() => setIsLoading(false));
  }, [campaign.id, showError]);

  const columns: TableColumnsType<PublicationSummary> = [
    { key: "version", dataIndex: "version", title: t("review.version"), render: (v: number) => t("review.versionN", { version: v }) },
    { key: "publishedAt", dataIndex: "publishedAt", title: t("review.publishedAt"), render: formatDateTime },
    { key: "publisher", dataIndex: "publisher", title: t("review.publisher"), render: (v: string | null) => v ?? "—" },
    {
      key: "reason",
      dataIndex: "reason",
      title: t("review.correctionReason"),
      render: (v: string | null) => v ?? t("review.firstPublication"),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="publications-tab">
      <Card title={t("review.publications")}>
        <Table<PublicationSummary>
          data-testid="publications-table"
          rowKey="version"
          size="middle"
          columns={columns}
          dataSource={list}
          loading={isLoading}
          pagination={false}
          locale={{ emptyText: t("review.noPublications") }}
          rowSelection={{
            type: "radio",
            selectedRowKeys: version === null ? [] : [version],
            onChange: (keys) => setVersion(Number(keys[0])),
          }}
          onRow={(row) => ({ onClick: () => setVersion(row.version), style: { cursor: "pointer" } })}
        />
      </Card>
      {version !== null && <PublicationDetail campaignId={campaign.id} version={version} />}
    </Space>
  );
}

function PublicationDetail({ campaignId, version }: { campaignId: string; version: number }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [view, setView] = useState<PublicationView | null>(null);

  useEffect(() => {
    let isCurrent = true;
    setView(null);
    reviewApi
      .publication(campaignId, version)
      .then((answer) => {
        if (isCurrent) setView(answer);
      })
      .catch(showError);
    return () => {
      isCurrent = false;
    };
  }, [campaignId, version, showError]);

  const diffs = useMemo(() => diffByUnit(view?.diff ?? []), [view]);
  if (!view) return <Spin style={{ display: "block", margin: "40px auto" }} />;
  return (
    <>
      <Card title={t("review.diffTitle", { version, previous: version - 1 })} data-testid="publication-diff">
        {version === 1 ? <Empty description={t("review.noPreviousVersion")} /> : <DiffTable diff={view.diff} />}
      </Card>
      <Card title={t("review.versionRanking", { version })}>
        <RankingOfVersion units={view.units} changed={diffs} />
      </Card>
    </>
  );
}

function ChangeText({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const show = (value: FieldChange["before"]) =>
    value === null ? "—" : change.field === "stars" ? starsText(value as number) : String(value);
  return (
    <Tag color="orange">
      {t(`review.field.${change.field}`)}：{show(change.before)} → {show(change.after)}
    </Tag>
  );
}

function DiffTable({ diff }: { diff: UnitDiff[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<UnitDiff> = [
    { key: "unit", title: t("review.unit"), render: (_, d) => `${d.unitCode} ${d.unitName}` },
    {
      key: "changes",
      title: t("review.changes"),
      render: (_, d) => (
        <Flex gap={4} wrap>
          {!d.before && <Tag color="green">{t("review.unitAdded")}</Tag>}
          {!d.after && <Tag color="red">{t("review.unitRemoved")}</Tag>}
          {fieldChanges(d).map((change) => (
            <ChangeText key={change.field} change={change} />
          ))}
        </Flex>
      ),
    },
    {
      key: "indicators",
      title: t("review.indicatorsChanged"),
      render: (_, d) => (
        <Flex vertical gap={2}>
          {d.indicators.map((i) => (
            <Typography.Text key={i.code}>
              {i.code} {i.name}：{i.before ?? "—"} → <strong>{i.after ?? "—"}</strong>
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <Table<UnitDiff>
      rowKey="unitCode"
      size="small"
      columns={columns}
      dataSource={diff}
      pagination={false}
      locale={{ emptyText: t("review.noChanges") }}
      data-testid="publication-diff-table"
    />
  );
}

function RankingOfVersion({ units, changed }: { units: ScoreSummary[]; changed: Map<string, UnitDiff> }) {
  const { t } = useTranslation();
  const rows = useMemo(() => rankingOrder(units), [units]);
  const columns: TableColumnsType<ScoreSummary> = [
    { key: "rank", title: t("review.rank"), width: 90, render: (_, u) => (u.isReference ? t("review.unranked") : (u.rank ?? "—")) },
    {
      key: "unit",
      title: t("review.unit"),
      render: (_, u) => (
        <Space size={4}>
          {u.unitName}
          {u.isReference && <Tag color="orange">{t("review.reference")}</Tag>}
          {changed.has(u.unitCode) && <Tag color="gold">{t("review.changed")}</Tag>}
        </Space>
      ),
    },
    { key: "total", dataIndex: "total", title: t("review.total"), align: "right", render: (v: string) => <strong>{v}</strong> },
    { key: "base", dataIndex: "base", title: t("review.base"), align: "right" },
    { key: "bonus", dataIndex: "bonus", title: t("review.bonus"), align: "right" },
    {
      key: "stars",
      dataIndex: "stars",
      title: t("review.stars"),
      render: (s: number | null) => <span style={{ color: TEXT_COLORS.star }}>{starsText(s)}</span>,
    },
  ];
  return (
    <Table<ScoreSummary>
      rowKey="unitCode"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 200 ? { defaultPageSize: 100 } : false}
      onRow={(u) => (changed.has(u.unitCode) ? { style: CHANGED_ROW } : {})}
      data-testid="publication-ranking"
    />
  );
}
