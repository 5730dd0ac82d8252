import { ExportOutlined, FileTextOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Flex, Segmented, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../api/client.ts";
import { reviewApi, type Scoreboard, type ScoreSummary } from "../../api/review.ts";
import { TEXT_COLORS } from "../../app/theme.ts";
import { errorText, testId, useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import type { ReviewTabProps } from "./review-tab.ts";
import { DeltaText, starsText } from "./review-tags.tsx";
import { NotApplicableMark, OverflowAlert, ProvisionalAlert, ProvisionalMark } from "./score-marks.tsx";
import { lostPoints, matrixIndicators, rankingOrder } from "./score-view.ts";
import { UnitScoreDrawer } from "./unit-score-drawer.tsx";

type View = "ranking" | "matrix";

/** 成绩: the ranking and the score matrix; a unit opens its explained score. */
export function ScoresTab({ campaign }: ReviewTabProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [board, setBoard] = useState<Scoreboard | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [view, setView] = useState<View>("ranking");
  const [opened, setOpened] = useState<{ unitId: string; unitName: string } | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    reviewApi
      .scores(campaign.id)
      .then((answer) => {
        setBoard(answer);
        setNotice(null);
      })
      // Units see nothing before the first publication: say so instead of an error toast.
      .catch((error: unknown) =>
        error instanceof ApiRequestError && error.status === 409 ? setNotice(errorText(error)) : showError(error),
      )
      .finally(() => setIsLoading(false));
  }, [campaign.id, showError]);
  useEffect(load, [load]);

  const units = useMemo(() => rankingOrder(board?.units ?? []), [board]);
  const open = (unit: ScoreSummary) => unit.unitId && setOpened({ unitId: unit.unitId, unitName: unit.unitName });

  if (notice) return <Empty description={notice} data-testid="scores-unpublished" />;

  return (
    <Card data-testid="scores-tab">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: "ranking", label: t("review.ranking") },
              { value: "matrix", label: t("review.matrix") },
            ]}
            data-testid="scores-view"
          />
          {board && <SourceTag board={board} />}
        </Space>
        <Space wrap>
          <Button
            icon={<ExportOutlined />}
            onClick={() => reviewApi.exportScores(campaign.id).catch(showError)}
            data-testid="scores-export"
          >
            {t("review.exportScores")}
          </Button>
          {campaign.can.manage && (
            <Button icon={<FileTextOutlined />} href={reviewApi.bulletinUrl(campaign.id)} target="_blank" data-testid="scores-bulletin">
              {t("review.bulletin")}
            </Button>
          )}
          <Tooltip title={t("common.refresh")}>
            <Button type="text" icon={<ReloadOutlined />} onClick={load} />
          </Tooltip>
        </Space>
      </Flex>
      {board && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <ProvisionalAlert items={board.missing} />
          {board.provisional && !board.missing.length && <Alert type="warning" showIcon title={t("review.pendingManual")} />}
          <OverflowAlert overflows={board.overflows} />
        </Flex>
      )}
      {view === "ranking" ? (
        <RankingTable board={board} units={units} rankedCount={board?.rankedCount ?? 0} isLoading={isLoading} onOpen={open} />
      ) : (
        <MatrixTable board={board} units={units} isLoading={isLoading} onOpen={open} />
      )}
      <UnitScoreDrawer campaign={campaign} unit={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}

function SourceTag({ board }: { board: Scoreboard }) {
  const { t } = useTranslation();
  if (board.source === "live") return <Tag color="orange">{t("review.live")}</Tag>;
  return (
    <Tag color="green">
      {t("review.publishedVersion", { version: board.version })} · {formatDateTime(board.publishedAt)}
    </Tag>
  );
}

// A whole ranking reads best on one page; only very large campaigns page.
const pagingFor = (count: number) => (count > 200 ? { defaultPageSize: 100, showSizeChanger: true } : (false as const));

interface TableProps {
  units: ScoreSummary[];
  isLoading: boolean;
  onOpen: (unit: ScoreSummary) => void;
}

function UnitLink({ unit, onOpen }: { unit: ScoreSummary; onOpen: (unit: ScoreSummary) => void }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Typography.Link onClick={() => onOpen(unit)} disabled={!unit.unitId} data-testid={`score-open-${unit.unitCode}`}>
        {unit.unitName}
      </Typography.Link>
      {unit.isReference && <Tag color="orange">{t("review.reference")}</Tag>}
    </Space>
  );
}

function RankingTable({ board, units, rankedCount, isLoading, onOpen }: TableProps & { board: Scoreboard | null; rankedCount: number }) {
  const { t } = useTranslation();
  // Every rank waits on every unit: one unit's missing data can move the others.
  const isProvisional = board?.provisional ?? false;
  const rescale = board?.rescale ?? { method: "none", rankBy: "raw" };
  const columns: TableColumnsType<ScoreSummary> = [
    {
      key: "rank",
      title: t("review.rank"),
      width: 120,
      render: (_, u) =>
        u.isReference ? (
          <Typography.Text type="secondary">{t("review.unranked")}</Typography.Text>
        ) : (
          <span data-testid={`score-rank-${u.unitCode}`}>
            {u.rank ?? "—"}
            {isProvisional && u.rank !== null && <ProvisionalMark testId={`score-provisional-${u.unitCode}`} />}
          </span>
        ),
    },
    { key: "unit", title: t("review.unit"), render: (_, u) => <UnitLink unit={u} onOpen={onOpen} /> },
    { key: "code", dataIndex: "unitCode", title: t("review.unitCode") },
    {
      key: "total",
      title: t("review.total"),
      align: "right",
      render: (_, u) => (
        <>
          <strong data-testid={`score-total-${u.unitCode}`}>{u.total}</strong>
          {u.pending.length > 0 && (
            <Tooltip title={t("review.pendingOf", { rules: u.pending.join("、") })}>
              <Typography.Text type="warning">*</Typography.Text>
            </Tooltip>
          )}
        </>
      ),
    },
    { key: "base", dataIndex: "base", title: t("review.base"), align: "right" },
    { key: "bonus", dataIndex: "bonus", title: t("review.bonus"), align: "right" },
    ...(rescale.method === "none"
      ? []
      : [
          {
            key: "applicable",
            title: t("scoreStates.applicableMax"),
            align: "right" as const,
            render: (_: unknown, u: ScoreSummary) => u.applicablePoints,
          },
          {
            key: "rescaled",
            title: (
              <Tooltip title={t(rescale.rankBy === "rescaled" ? "scoreStates.rescaledHint" : "scoreStates.rescaledRawHint")}>
                {t("scoreStates.rescaled")}
              </Tooltip>
            ),
            align: "right" as const,
            render: (_: unknown, u: ScoreSummary) => (
              <Tooltip title={u.rescaleText}>
                <span data-testid={`score-rescaled-${u.unitCode}`}>{u.rescaled ?? "—"}</span>
              </Tooltip>
            ),
          },
        ]),
    { key: "annual", dataIndex: "annual", title: t("scoreStates.annual"), align: "right", render: (v: string | null) => v ?? "—" },
    {
      key: "stars",
      dataIndex: "stars",
      title: t("review.stars"),
      render: (stars: number | null) => (
        <>
          <span style={{ color: TEXT_COLORS.star }}>{starsText(stars)}</span>
          {isProvisional && stars !== null && <ProvisionalMark testId="stars-provisional" />}
        </>
      ),
    },
  ];
  return (
    <Table<ScoreSummary>
      data-testid="scores-ranking"
      rowKey="unitCode"
      size="middle"
      columns={columns}
      dataSource={units}
      loading={isLoading}
      scroll={{ x: "max-content" }}
      onRow={(u) => testId(`score-row-${u.unitCode}`)}
      pagination={pagingFor(units.length)}
      footer={() => t("review.rankedCount", { ranked: rankedCount, total: units.length })}
    />
  );
}

function MatrixTable({ board, units, isLoading, onOpen }: TableProps & { board: Scoreboard | null }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ScoreSummary> = [
    { key: "unit", title: t("review.unit"), fixed: "left", render: (_, u) => <UnitLink unit={u} onOpen={onOpen} /> },
    ...matrixIndicators(board?.indicators ?? []).map((indicator) => ({
      key: indicator.code,
      title: (
        <Tooltip title={indicator.name}>
          {indicator.code} {indicator.name.length > 8 ? `${indicator.name.slice(0, 8)}…` : indicator.name}
          {indicator.max !== null && <Typography.Text type="secondary">（{indicator.max}）</Typography.Text>}
        </Tooltip>
      ),
      align: "right" as const,
      render: (_: unknown, u: ScoreSummary) => {
        const points = u.indicators[indicator.code];
        if (points === null || points === undefined) return <NotApplicableMark />;
        // A loss counts against what applies to the unit: 15 of an applicable 15 lost nothing.
        const applicable = u.reducedMax[indicator.code];
        const lost = lostPoints(points, applicable ?? indicator.max, indicator.part);
        return (
          <Tooltip
            title={[applicable ? t("scoreStates.applicableOf", { max: applicable }) : null, lost ? t("review.lostN", { lost }) : null]
              .filter(Boolean)
              .join("，")}
          >
            <span data-testid={`matrix-${u.unitCode}-${indicator.code}`}>{points}</span>
            {applicable && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
                /{applicable}
              </Typography.Text>
            )}
            {lost && (
              <span style={{ marginInlineStart: 4, fontSize: 12 }}>
                <DeltaText delta={`-${lost}`} />
              </span>
            )}
          </Tooltip>
        );
      },
    })),
    {
      key: "total",
      dataIndex: "total",
      title: t("review.total"),
      align: "right",
      fixed: "right",
      render: (v: string) => <strong>{v}</strong>,
    },
  ];
  return (
    <Table<ScoreSummary>
      data-testid="scores-matrix"
      rowKey="unitCode"
      size="small"
      columns={columns}
      dataSource={units}
      loading={isLoading}
      scroll={{ x: "max-content" }}
      pagination={pagingFor(units.length)}
    />
  );
}
