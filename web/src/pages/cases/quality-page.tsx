import { Card, Table, type TableColumnsType, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/feedback.ts";
import { RangeFilter } from "../../components/range-filter.tsx";
import { formatNumber } from "./case-format.ts";
import { defaultRange, qualityLabel, rangeQuery, reasonLabel } from "./case-labels.ts";
import { casesApi, type QualityRow } from "./cases-api.ts";
import { qualityTotals, withDefectRate } from "./quality-rows.ts";

/** 数据质量: per unit, the cases it sent, how many carry a quality finding (by kind), and the rows quarantined. */
export function QualityPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => defaultRange());
  const [rows, setRows] = useState<QualityRow[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const { from, to } = rangeQuery(range);

  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    casesApi
      .quality({ from, to })
      .then((result) => isCurrent && setRows(result.rows))
      .catch((error: unknown) => isCurrent && showError(error))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [from, to, showError]);

  const data = useMemo(() => withDefectRate(rows), [rows]);
  const totals = useMemo(() => qualityTotals(rows), [rows]);
  const count = (key: keyof QualityRow) => ({
    key,
    dataIndex: key,
    align: "right" as const,
    sorter: (a: QualityRow, b: QualityRow) => Number(a[key]) - Number(b[key]),
    render: (n: number) => formatNumber(n),
  });
  const columns: TableColumnsType<ReturnType<typeof withDefectRate>[number]> = [
    { key: "unitName", dataIndex: "unitName", title: t("cases.field.unit"), fixed: "left" },
    { ...count("cases"), title: t("cases.quality.cases") },
    { ...count("defective"), title: t("cases.quality.defective") },
    {
      key: "rate",
      title: t("cases.quality.rate"),
      align: "right",
      defaultSortOrder: "descend",
      sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
      render: (_, row) => (row.rate === null ? "—" : `${(row.rate * 100).toFixed(1)}%`),
    },
    { ...count("unknownItem"), title: qualityLabel("unknown_item") },
    { ...count("missingOptional"), title: qualityLabel("missing_optional") },
    { ...count("lateUpload"), title: qualityLabel("late_upload") },
    { ...count("limitUnknown"), title: qualityLabel("limit_unknown") },
    { ...count("quarantined"), title: t("cases.quality.quarantined") },
  ];

  return (
    <Card title={t("cases.menu.quality")} extra={<RangeFilter label={t("cases.range")} value={range} onChange={setRange} />}>
      <Typography.Paragraph type="secondary">{t("cases.quality.hint", { reason: reasonLabel("unknown_unit") })}</Typography.Paragraph>
      <Table
        rowKey="unitId"
        size="middle"
        loading={isLoading}
        dataSource={data}
        columns={columns}
        pagination={false}
        scroll={{ x: "max-content" }}
        data-testid="quality-table"
        summary={() =>
          rows.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t("cases.quality.total")}</Table.Summary.Cell>
              {(["cases", "defective"] as const).map((key, i) => (
                <Table.Summary.Cell key={key} index={i + 1} align="right">
                  {formatNumber(totals[key])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={3} align="right">
                {totals.rate === null ? "—" : `${(totals.rate * 100).toFixed(1)}%`}
              </Table.Summary.Cell>
              {(["unknownItem", "missingOptional", "lateUpload", "limitUnknown", "quarantined"] as const).map((key, i) => (
                <Table.Summary.Cell key={key} index={i + 4} align="right">
                  {formatNumber(totals[key])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}
