import type { CaseQualityRow } from "@kaoping/core";
import { Card, Table, type TableColumnsType, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../components/feedback.ts";
import { RangeFilter } from "../../components/range-filter.tsx";
import { formatNumber } from "./case-format.ts";
import { defaultRange, rangeQuery, reasonLabel } from "./case-labels.ts";
import { casesApi } from "./cases-api.ts";
import { formatRate, ISSUE_COLUMNS, type QualityCounts, type QualityTableRow, qualityTotals, withDefectRate } from "./quality-rows.ts";

/** A count column: its title, where the number is, sortable, right-aligned. */
interface CountColumn {
  key: string;
  title: string;
  count: (row: QualityCounts) => number;
}

/** 数据质量: per unit, the cases it sent, how many carry a quality finding (by kind), and the rows quarantined. */
export function QualityPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => defaultRange());
  const [rows, setRows] = useState<CaseQualityRow[]>([]);
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
  // The counts before the rate, and after it: every issue kind (core's labels), then the quarantined rows.
  const leading: CountColumn[] = [
    { key: "accepted", title: t("cases.quality.cases"), count: (row) => row.accepted },
    { key: "defective", title: t("cases.quality.defective"), count: (row) => row.defective },
  ];
  const trailing: CountColumn[] = [
    ...ISSUE_COLUMNS.map((column) => ({ key: `issues.${column.issue}`, title: column.title, count: column.count })),
    { key: "quarantined", title: t("cases.quality.quarantined"), count: (row) => row.quarantined },
  ];
  const countColumn = ({ key, title, count }: CountColumn): TableColumnsType<QualityTableRow>[number] => ({
    key,
    title,
    align: "right",
    sorter: (a, b) => count(a) - count(b),
    render: (_, row) => formatNumber(count(row)),
  });
  const columns: TableColumnsType<QualityTableRow> = [
    {
      key: "unitName",
      title: t("cases.field.unit"),
      fixed: "left",
      render: (_, row) =>
        row.unattributed ? (
          <Tooltip title={t("cases.quality.unattributedHint")}>
            <Typography.Text type="secondary" data-testid="quality-unattributed">
              {row.unitName}
            </Typography.Text>
          </Tooltip>
        ) : (
          <>
            {row.unitName}{" "}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.unitCode}
            </Typography.Text>
          </>
        ),
    },
    ...leading.map(countColumn),
    {
      key: "rate",
      title: t("cases.quality.rate"),
      align: "right",
      defaultSortOrder: "descend",
      sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
      render: (_, row) => formatRate(row.rate),
    },
    ...trailing.map(countColumn),
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
              {leading.map((column, i) => (
                <Table.Summary.Cell key={column.key} index={i + 1} align="right">
                  {formatNumber(column.count(totals))}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={leading.length + 1} align="right">
                {formatRate(totals.rate)}
              </Table.Summary.Cell>
              {trailing.map((column, i) => (
                <Table.Summary.Cell key={column.key} index={leading.length + 2 + i} align="right">
                  {formatNumber(column.count(totals))}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  );
}
