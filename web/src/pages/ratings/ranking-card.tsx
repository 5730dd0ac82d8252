import { Card, Table, type TableColumnsType, Typography } from "antd";
import type { TFunction } from "i18next";
import { formatRate } from "./rating-format.ts";

/** The dashboard's rankings (units, items): a titled table with its hint, paged past `pageSize` rows. */
export function RankingCard<T extends object>(props: {
  title: string;
  hint: string;
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
  rows: T[];
  isLoading: boolean;
  pageSize: number;
  testId: string;
}) {
  const { rows, pageSize } = props;
  return (
    <Card size="small" title={props.title}>
      <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
      <Table<T>
        rowKey={props.rowKey}
        size="middle"
        loading={props.isLoading}
        columns={props.columns}
        dataSource={rows}
        pagination={rows.length > pageSize ? { pageSize } : false}
        data-testid={props.testId}
      />
    </Card>
  );
}

/** 差评率, red when there are any. */
export function badRateColumn<T extends { badRate: number | null }>(t: TFunction): TableColumnsType<T>[number] {
  return {
    key: "badRate",
    title: t("ratings.dashboard.badRateColumn"),
    align: "right",
    render: (_, row) => <Typography.Text type={(row.badRate ?? 0) > 0 ? "danger" : undefined}>{formatRate(row.badRate)}</Typography.Text>,
  };
}
