import type { RatingDashboardView } from "@kaoping/core";
import { Button, Space, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { badRateColumn, RankingCard } from "./ranking-card.tsx";

type ItemRow = RatingDashboardView["byItem"][number];

/**
 * The scope's service items with the most 差评 (the server keeps the first RATING_ITEM_RANKING):
 * an item's name narrows the whole dashboard to it, 明细 opens the ratings its 主动评价数 counts.
 */
export function ItemRanking({
  items,
  isLoading,
  onDrill,
  onOpenRatings,
}: {
  items: ItemRow[];
  isLoading: boolean;
  onDrill: (itemCode: string) => void;
  onOpenRatings: (itemCode: string) => void;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ItemRow> = [
    {
      key: "item",
      title: t("ratings.field.item"),
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
            onClick={() => onDrill(i.itemCode)}
            aria-label={t("ratings.dashboard.drillItem", { item: i.itemName ?? t("ratings.dashboard.itemUnknown") })}
            data-testid="ranking-item"
          >
            {i.itemName ?? t("ratings.dashboard.itemUnknown")}
          </Button>
          <Typography.Text type="secondary">{i.itemCode}</Typography.Text>
        </Space>
      ),
    },
    { key: "rated", dataIndex: "rated", title: t("ratings.dashboard.rated"), align: "right" },
    { key: "good", dataIndex: "good", title: t("ratings.dashboard.good"), align: "right" },
    { key: "bad", dataIndex: "bad", title: t("ratings.dashboard.badCount"), align: "right" },
    badRateColumn<ItemRow>(t),
    {
      key: "ratings",
      title: t("common.actions"),
      render: (_, i) => (
        <Button
          size="small"
          onClick={() => onOpenRatings(i.itemCode)}
          aria-label={t("ratings.dashboard.itemRatings", { item: i.itemCode })}
        >
          {t("ratings.dashboard.details")}
        </Button>
      ),
    },
  ];
  return (
    <RankingCard
      title={t("ratings.dashboard.items")}
      hint={t("ratings.dashboard.itemsHint")}
      rowKey="itemCode"
      columns={columns}
      rows={items}
      isLoading={isLoading}
      pageSize={10}
      testId="rating-items"
    />
  );
}
