import type { RatingDashboardView } from "@kaoping/core";
import { Button, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { badRateColumn, RankingCard } from "./ranking-card.tsx";

type UnitRow = RatingDashboardView["units"][number];

/**
 * The scope's units (the chosen unit's children, and its own ratings as 本级), worst 差评率 first,
 * with the bad reviews still open; a unit's name drills into it.
 */
export function UnitRanking({ units, isLoading, onDrill }: { units: UnitRow[]; isLoading: boolean; onDrill: (unitId: string) => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<UnitRow> = [
    {
      key: "unitName",
      title: t("ratings.field.unit"),
      render: (_, u) =>
        u.isOwn ? (
          // The unit's own ratings (本级): the unit's drill would show the same unit again.
          <span data-testid="ranking-unit-own">{t("ratings.dashboard.ownUnit", { unit: u.unitName })}</span>
        ) : (
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
    badRateColumn<UnitRow>(t),
    { key: "reviewsOpen", dataIndex: "reviewsOpen", title: t("ratings.dashboard.reviewsOpen"), align: "right" },
  ];
  return (
    <RankingCard
      title={t("ratings.dashboard.units")}
      hint={t("ratings.dashboard.unitsHint")}
      rowKey="unitId"
      columns={columns}
      rows={units}
      isLoading={isLoading}
      pageSize={20}
      testId="rating-units"
    />
  );
}
