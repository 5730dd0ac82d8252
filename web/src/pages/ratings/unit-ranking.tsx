import type { RatingDashboardView } from "@kaoping/core";
import { Button, Card, Table, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatRate } from "./rating-format.ts";

type UnitRow = RatingDashboardView["units"][number];

/**
 * The scope's units (the chosen unit's children), worst 差评率 first, with the bad reviews still
 * open; a unit's name drills into it.
 */
export function UnitRanking({ units, isLoading, onDrill }: { units: UnitRow[]; isLoading: boolean; onDrill: (unitId: string) => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<UnitRow> = [
    {
      key: "unitName",
      title: t("ratings.field.unit"),
      render: (_, u) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => onDrill(u.unitId)}
          aria-label={t("ratings.dashboard.drill", { unit: u.unitName })}
          data-testid="ranking-unit"
        >
          {u.unitName}
        </Button>
      ),
    },
    { key: "rated", dataIndex: "rated", title: t("ratings.dashboard.rated"), align: "right" },
    { key: "bad", dataIndex: "bad", title: t("ratings.dashboard.badCount"), align: "right" },
    {
      key: "badRate",
      title: t("ratings.dashboard.badRateColumn"),
      align: "right",
      render: (_, u) => <Typography.Text type={(u.badRate ?? 0) > 0 ? "danger" : undefined}>{formatRate(u.badRate)}</Typography.Text>,
    },
    { key: "reviewsOpen", dataIndex: "reviewsOpen", title: t("ratings.dashboard.reviewsOpen"), align: "right" },
  ];
  return (
    <Card size="small" title={t("ratings.dashboard.units")}>
      <Typography.Paragraph type="secondary">{t("ratings.dashboard.unitsHint")}</Typography.Paragraph>
      <Table
        rowKey="unitId"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={units}
        pagination={units.length > 20 ? { pageSize: 20 } : false}
        data-testid="rating-units"
      />
    </Card>
  );
}
