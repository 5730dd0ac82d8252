import type { FindingView } from "@kaoping/core";
import { Drawer, Flex, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CockpitView, reviewApi } from "../../api/review.ts";
import { useShowError } from "../../components/feedback.ts";
import type { Drill, FindingScope } from "./cockpit-charts.ts";
import { AppealStatusTag, FindingStatusTag, starsText } from "./review-tags.tsx";

interface CockpitDrillDrawerProps {
  campaignId: string;
  view: CockpitView;
  drill: Drill | null;
  onClose: () => void;
  onOpenUnit: (unit: { unitId: string; unitName: string }) => void;
}

interface UnitRow {
  unitId: string;
  unitName: string;
  unitCode: string;
  total: string | null;
  rank: number | null;
  stars: number | null;
  isReference: boolean;
  status: string | null;
  reported: string;
}

/** Everything the cockpit knows of the units behind a click: score, rank, reporting. */
function unitRows(view: CockpitView, drill: Drill): UnitRow[] {
  const ranking = new Map(view.ranking.map((r) => [r.unitId, r]));
  const progress = new Map(view.progress.selfAssessments.units.map((u) => [u.unitId, u]));
  const statusOf = new Map(view.progress.submissions.flatMap((s) => s.unitIds.map((id) => [id, s.status] as const)));
  const names = new Map(view.trend.flatMap((p) => p.units.map((u) => [u.unitId, u.unitName] as const)));
  return drill.unitIds.map((unitId) => {
    const r = ranking.get(unitId);
    const p = progress.get(unitId);
    return {
      unitId,
      unitName: r?.unitName ?? names.get(unitId) ?? unitId,
      unitCode: r?.unitCode ?? "",
      total: drill.totals?.[unitId] ?? r?.total ?? null,
      rank: drill.totals ? null : (r?.rank ?? null),
      stars: drill.totals ? null : (r?.stars ?? null),
      isReference: r?.isReference ?? false,
      status: statusOf.get(unitId) ?? null,
      reported: p ? `${p.reported} / ${p.applicable}` : "—",
    };
  });
}

const FINDINGS_PAGE = 500;

/** The findings a drill names: fetched by unit or indicator, then narrowed to the indicator subtree or the exact ids. */
function useScopedFindings(campaignId: string, scope: FindingScope | undefined) {
  const showError = useShowError();
  const [rows, setRows] = useState<FindingView[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const key = JSON.stringify(scope ?? null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for scope
  useEffect(() => {
    if (!scope) {
      setRows([]);
      return;
    }
    let isCurrent = true;
    setIsLoading(true);
    const query = { page: 1, pageSize: FINDINGS_PAGE, unitId: scope.unitId, indicatorCode: scope.indicatorCode };
    reviewApi
      .findings(campaignId, query)
      .then((page) => {
        const codes = scope.codes ? new Set(scope.codes) : null;
        const ids = scope.ids ? new Set(scope.ids) : null;
        const kept = page.rows.filter((f) => (!codes || codes.has(f.indicatorCode)) && (!ids || ids.has(f.id)) && f.status !== "draft");
        if (isCurrent) setRows(kept);
      })
      .catch((error: unknown) => {
        if (isCurrent) showError(error);
      })
      .finally(() => {
        if (isCurrent) setIsLoading(false);
      });
    return () => {
      isCurrent = false;
    };
  }, [campaignId, key, showError]);
  return { rows, isLoading };
}

/** What a cockpit click opens: the units behind the figure and, where it is about points lost, the findings. */
export function CockpitDrillDrawer({ campaignId, view, drill, onClose, onOpenUnit }: CockpitDrillDrawerProps) {
  const { t } = useTranslation();
  const units = useMemo(() => (drill ? unitRows(view, drill) : []), [view, drill]);
  const findings = useScopedFindings(campaignId, drill?.findings);

  const unitColumns: TableColumnsType<UnitRow> = [
    {
      key: "unit",
      title: t("review.unit"),
      render: (_, u) => (
        <Flex gap={4} align="center">
          <Typography.Link onClick={() => onOpenUnit(u)}>{u.unitName}</Typography.Link>
          {u.isReference && <Tag color="orange">{t("review.reference")}</Tag>}
        </Flex>
      ),
    },
    {
      key: "total",
      dataIndex: "total",
      title: drill?.totals ? t("review.cockpit.totalThen") : t("review.total"),
      align: "right",
      render: (v: string | null) => v ?? "—",
    },
    { key: "rank", dataIndex: "rank", title: t("review.rank"), align: "right", render: (v: number | null) => v ?? "—" },
    { key: "stars", dataIndex: "stars", title: t("review.stars"), render: (v: number | null) => starsText(v) },
    {
      key: "status",
      dataIndex: "status",
      title: t("review.cockpit.submission"),
      render: (s: string | null) => (s ? t(`review.submissionStatus.${s}`) : "—"),
    },
    { key: "reported", dataIndex: "reported", title: t("review.cockpit.reported"), align: "right" },
  ];
  const findingColumns: TableColumnsType<FindingView> = [
    { key: "unit", dataIndex: "unitName", title: t("review.unit") },
    { key: "indicator", title: t("review.indicator"), render: (_, f) => `${f.indicatorCode} ${f.indicatorName}` },
    {
      key: "description",
      dataIndex: "description",
      title: t("review.description"),
      render: (text: string) => (
        <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 280 }}>
          {text}
        </Typography.Text>
      ),
    },
    {
      key: "amount",
      title: t("review.countOrPoints"),
      align: "right",
      render: (_, f) => (f.points !== null ? t("review.pointsN", { points: f.points }) : t("review.countN", { count: f.count })),
    },
    { key: "noticeNo", dataIndex: "noticeNo", title: t("review.noticeNo"), render: (v: string | null) => v ?? "—" },
    {
      key: "status",
      title: t("review.status"),
      render: (_, f) => (
        <Flex gap={4}>
          <FindingStatusTag status={f.status} />
          <AppealStatusTag status={f.appealStatus} />
        </Flex>
      ),
    },
  ];

  return (
    <Drawer title={drill?.title} open={drill !== null} onClose={onClose} size={900} data-testid="cockpit-drill">
      <Flex vertical gap={16}>
        {units.length > 0 && (
          <Table<UnitRow>
            rowKey="unitId"
            size="small"
            columns={unitColumns}
            dataSource={units}
            pagination={false}
            data-testid="cockpit-drill-units"
          />
        )}
        {drill?.findings && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("review.cockpit.findingsBehind", { count: findings.rows.length })}
            </Typography.Title>
            <Table<FindingView>
              rowKey="id"
              size="small"
              columns={findingColumns}
              dataSource={findings.rows}
              loading={findings.isLoading}
              pagination={findings.rows.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: t("review.cockpit.noFindings") }}
              data-testid="cockpit-drill-findings"
            />
          </>
        )}
      </Flex>
    </Drawer>
  );
}
