import { type BoardCount, CARD, type Card as CardKind, type SupervisionBoardRow, type SupervisionBoardView } from "@kaoping/core";
import { Card, Space, Statistic, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Echart } from "../../components/echart.tsx";
import { useShowError } from "../../components/feedback.ts";
import { RangeFilter } from "../../components/range-filter.tsx";
import { rangeQuery } from "../cases/case-labels.ts";
import { trendOption } from "./board-chart.ts";
import { boardCountHref } from "./board-links.ts";
import { supervisionApi } from "./supervision-api.ts";
import { severityLabel } from "./supervision-labels.ts";

const CARD_COLORS: Record<CardKind, string> = { red: "error", yellow: "warning", none: "default" };

/** 监察看板: each unit's light over a period (红牌 / 黄牌 by the rule set's thresholds, and why), and the trend. */
export function BoardPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf("year"), dayjs()]);
  const [board, setBoard] = useState<SupervisionBoardView | null>(null);
  const { from, to } = rangeQuery(range);

  useEffect(() => {
    let isCurrent = true;
    setBoard(null);
    supervisionApi
      .board({ from, to })
      .then((view) => isCurrent && setBoard(view))
      .catch((error: unknown) => isCurrent && showError(error));
    return () => {
      isCurrent = false;
    };
  }, [from, to, showError]);

  const option = useMemo(
    () => trendOption(board?.trend ?? [], { red: severityLabel("red"), yellow: severityLabel("yellow"), notice: severityLabel("notice") }),
    [board],
  );
  const count = (card: CardKind) => board?.rows.filter((r) => r.card === card).length ?? 0;
  // Each count opens the list of what it counts: the unit alone, this period, the count's condition.
  const number = (key: BoardCount, title: string) => ({
    key,
    title,
    align: "right" as const,
    render: (_: unknown, row: SupervisionBoardRow) =>
      row[key] > 0 ? (
        <Link
          to={boardCountHref(key, row.unitId, { from, to })}
          aria-label={t("supervision.board.countLink", { unit: row.unitName, count: title, n: row[key] })}
          data-testid="board-count"
          data-count={key}
        >
          {row[key]}
        </Link>
      ) : (
        row[key]
      ),
  });
  const columns: TableColumnsType<SupervisionBoardRow> = [
    { key: "unitName", dataIndex: "unitName", title: t("supervision.field.unit") },
    {
      key: "card",
      title: t("supervision.board.card"),
      render: (_, row) => (
        <Tooltip title={row.reasons.join("；")}>
          <Tag color={CARD_COLORS[row.card]} data-testid="board-card" data-card={row.card}>
            {CARD.labels[row.card]}
          </Tag>
        </Tooltip>
      ),
    },
    number("warnings", t("supervision.board.warnings")),
    number("redWarnings", severityLabel("red")),
    number("yellowWarnings", severityLabel("yellow")),
    number("unsupervised", t("supervision.unsupervisedYes")),
    number("waiting", t("supervision.board.waiting")),
    number("overdueReplies", t("supervision.board.overdueReplies")),
    number("repliedLate", t("supervision.replyLate")),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={t("supervision.menu.board")} extra={<RangeFilter label={t("supervision.range")} value={range} onChange={setRange} />}>
        <Space size="large" style={{ marginBottom: 16 }}>
          <Statistic title={CARD.labels.red} value={count("red")} styles={{ content: { color: "#cf1322" } }} />
          <Statistic title={CARD.labels.yellow} value={count("yellow")} styles={{ content: { color: "#ad6800" } }} />
          <Statistic title={t("supervision.board.units")} value={board?.rows.length ?? 0} />
        </Space>
        <Echart
          option={option}
          summary={t("supervision.board.trend", { from, to })}
          height={260}
          isLoading={!board}
          data-testid="board-trend"
        />
      </Card>
      <Card>
        <Typography.Paragraph type="secondary">{t("supervision.board.hint")}</Typography.Paragraph>
        <Table
          rowKey="unitId"
          size="middle"
          loading={!board}
          columns={columns}
          dataSource={board?.rows ?? []}
          pagination={false}
          data-testid="board-table"
        />
      </Card>
    </Space>
  );
}
