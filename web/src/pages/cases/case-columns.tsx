import type { CaseListRow } from "@kaoping/core";
import { Button, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../components/format.ts";
import type { QueryColumn } from "../../components/query-table.tsx";
import { caseTypeLabel, channelLabel, limitText, qualityLabel, resultLabel } from "./case-labels.ts";

/** The case list's columns, Chinese labels for every code; the case number opens the case. */
export function useCaseColumns(onOpen: (row: CaseListRow) => void): QueryColumn<CaseListRow>[] {
  const { t } = useTranslation();
  return [
    {
      key: "caseNo",
      title: t("cases.field.caseNo"),
      fixed: "left",
      render: (_, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(row)} data-testid="case-open">
          {row.caseNo}
        </Button>
      ),
    },
    { key: "unitName", dataIndex: "unitName", title: t("cases.field.unit") },
    {
      key: "item",
      title: t("cases.field.item"),
      render: (_, row) => (
        <Tooltip title={row.itemCode}>{row.itemName ?? <Typography.Text type="warning">{row.itemCode}</Typography.Text>}</Tooltip>
      ),
    },
    { key: "channel", title: t("cases.field.channel"), render: (_, row) => channelLabel(row.channel) },
    { key: "caseType", title: t("cases.field.caseType"), render: (_, row) => caseTypeLabel(row.caseType) },
    { key: "acceptedAt", title: t("cases.field.acceptedAt"), render: (_, row) => formatDateTime(row.acceptedAt) },
    { key: "completedAt", title: t("cases.field.completedAt"), render: (_, row) => formatDateTime(row.completedAt) },
    {
      key: "elapsed",
      title: t("cases.field.elapsed"),
      align: "right",
      render: (_, row) => (row.elapsedDays === null ? "—" : `${row.elapsedDays} / ${limitText(row.promisedLimit, row.promisedLimitUnit)}`),
    },
    {
      key: "dueAt",
      title: t("cases.field.dueAt"),
      render: (_, row) => (
        <Typography.Text type={row.overdue ? "danger" : undefined}>
          {formatDateTime(row.dueAt)} {row.overdue && <Tag color="error">{t("cases.overdue")}</Tag>}
        </Typography.Text>
      ),
    },
    { key: "result", title: t("cases.field.result"), render: (_, row) => resultLabel(row.result) },
    { key: "visits", dataIndex: "visits", title: t("cases.field.visits"), align: "right", render: (v: number | null) => v ?? "—" },
    {
      key: "quality",
      title: t("cases.field.quality"),
      render: (_, row) =>
        row.quality.map((issue) => (
          <Tag key={issue} color="warning">
            {qualityLabel(issue)}
          </Tag>
        )),
    },
  ];
}

/** Rows stand out when overdue. */
export const caseRowClass = (row: CaseListRow) => (row.overdue ? "kp-row-overdue" : "");

/** A stable row key: a case is its region, source and number. */
export const caseRowKey = (row: CaseListRow) => `${row.regionCode}/${row.sourceCode}/${row.caseNo}`;
