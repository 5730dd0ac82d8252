import type { UnitHotlineResult } from "@kaoping/core";
import { Table, type TableColumnsType, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { formatPercent, rateTone } from "./hotline-format.ts";

/** A rate in percent, red below the alert line. */
export function RateText({ rate, strong = false }: { rate: number | null; strong?: boolean }) {
  const tone = rateTone(rate);
  return (
    <Typography.Text type={tone === "error" ? "danger" : tone} strong={strong}>
      {formatPercent(rate)}
    </Typography.Text>
  );
}

/**
 * Each unit's results in one round, worst 接通率 first (the API's order): recorded calls, connected,
 * 接通率, 答复准确率, answers slower than 15 s.
 */
export function UnitResultsTable({ units, testId }: { units: readonly UnitHotlineResult[]; testId: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<UnitHotlineResult> = [
    { key: "unit", dataIndex: "unitName", title: t("hotline.field.unit") },
    { key: "calls", dataIndex: "calls", title: t("hotline.field.calls"), align: "right" },
    { key: "connected", dataIndex: "connected", title: t("hotline.field.connected"), align: "right" },
    { key: "rate", title: t("hotline.field.rate"), align: "right", render: (_, u) => <RateText rate={u.rate} strong /> },
    { key: "correct", dataIndex: "correct", title: t("hotline.field.correct"), align: "right" },
    { key: "accuracy", title: t("hotline.field.accuracy"), align: "right", render: (_, u) => formatPercent(u.accuracy) },
    {
      key: "slow",
      title: t("hotline.field.slow"),
      align: "right",
      render: (_, u) => (u.slow > 0 ? <Typography.Text type="warning">{u.slow}</Typography.Text> : u.slow),
    },
  ];
  return (
    <Table<UnitHotlineResult>
      size="small"
      rowKey="unitId"
      columns={columns}
      dataSource={[...units]}
      pagination={units.length > 50 ? { defaultPageSize: 50 } : false}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("hotline.rounds.noCalls") }}
      onRow={(u) => ({ "data-unit-id": u.unitId }) as HTMLAttributes<HTMLElement>}
      data-testid={testId}
    />
  );
}
