import { CASE_METRIC_LABELS, type CaseListRow, LIMITS } from "@kaoping/core";
import { Alert, DatePicker, Flex, Input, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ExportButton } from "../../components/export-button.tsx";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import { type PageQuery, usePagedQuery } from "../../components/use-paged-query.ts";
import { caseRowClass, caseRowKey, useCaseColumns } from "./case-columns.tsx";
import { CaseDetailDrawer } from "./case-detail-drawer.tsx";
import { caseTypeOptions, channelOptions, defaultRange, listPeriod, metricOptions, rangeQuery } from "./case-labels.ts";
import { type CaseLink, caseLinkOf } from "./case-link.ts";
import { type CaseKey, type CaseListQuery, casesApi } from "./cases-api.ts";
import { type MetricPart, MetricPartSwitch } from "./metric-part-switch.tsx";

/** The query form's values: the API's filters, with the date range as the picker gives it (or a link's from / to). */
type CaseFilters = Omit<CaseListQuery, "from" | "to" | "page" | "pageSize"> & { range?: [Dayjs, Dayjs]; from?: string; to?: string };

/**
 * 办件查询: the unit tree, a query form (number, dates, item, channel, type, metric) and the cases, each opening to its clock.
 * A link with a period (a case fact's 办件数据 link in a score trace) opens on the cases behind it until the next search.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [link, setLink] = useState<CaseLink | null>(() => caseLinkOf(searchParams));
  const [part, setPart] = useState<MetricPart>("numerator");
  const [unitId, setUnitId] = useState<string | null>(link?.unitId ?? null);
  const [opened, setOpened] = useState<CaseKey | null>(null);
  // The server needs a date range: without one the list shows the last twelve months (a link's period comes in `rest`).
  const fetchPage = useCallback(
    (filters: Partial<CaseFilters> & PageQuery) =>
      casesApi.list({ ...listQueryOf(filters), page: filters.page, pageSize: filters.pageSize }),
    [],
  );
  const linked = link ? { from: link.from, to: link.to, ...(link.metric ? { metric: link.metric, part } : {}) } : {};
  const query = usePagedQuery<CaseListRow, CaseFilters>(fetchPage, unitId ? { ...linked, unitId } : linked);
  // With no range picked (the picker is empty), the list says which months it shows.
  const period = listPeriod(query.filters);
  function handleSearch(values: Partial<CaseFilters>) {
    setLink(null);
    query.search(values);
  }
  const columns = useCaseColumns(setOpened);

  const fields: QueryField[] = [
    {
      name: "caseNo",
      label: t("cases.field.caseNo"),
      control: <Input allowClear maxLength={LIMITS.codeMax} data-testid="case-search-no" />,
    },
    {
      name: "range",
      label: t("cases.range"),
      control: <DatePicker.RangePicker style={{ width: "100%" }} placeholder={[t("cases.rangeStart"), t("cases.rangeEnd")]} />,
    },
    {
      name: "channel",
      label: t("cases.field.channel"),
      control: <Select allowClear options={channelOptions} placeholder={t("common.all")} />,
    },
    {
      name: "caseType",
      label: t("cases.field.caseType"),
      control: <Select allowClear options={caseTypeOptions} placeholder={t("common.all")} />,
    },
    { name: "itemCode", label: t("cases.field.itemCode"), control: <Input allowClear maxLength={LIMITS.codeMax} /> },
    {
      name: "metric",
      label: t("cases.metric"),
      control: <Select allowClear showSearch={{ optionFilterProp: "label" }} options={metricOptions} placeholder={t("cases.metricAny")} />,
    },
  ];

  return (
    <UnitTreeLayout selectedId={unitId} onSelect={(unit) => setUnitId(unit?.id ?? null)}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<CaseFilters> fields={fields} onSearch={handleSearch} />
        {link && (
          <Alert
            type="info"
            showIcon
            closable={{ "aria-label": t("common.close") }}
            onClose={() => setLink(null)}
            data-testid="cases-link"
            title={
              <Flex gap={12} align="center" wrap>
                {t("cases.linked", {
                  metric: link.metric ? CASE_METRIC_LABELS[link.metric] : t("cases.metricAny"),
                  from: link.from,
                  to: link.to,
                })}
                {link.metric && (
                  <MetricPartSwitch metric={link.metric} value={part} onChange={setPart} size="small" testId="cases-link-part" />
                )}
              </Flex>
            }
          />
        )}
        <QueryTable
          query={query}
          columns={columns}
          rowKey={caseRowKey}
          rowClassName={caseRowClass}
          title={t("cases.menu.list")}
          toolbar={
            <>
              {period.isDefault && (
                <Typography.Text type="secondary" data-testid="cases-period">
                  {t("cases.rangeDefaultNote", period)}
                </Typography.Text>
              )}
              <ExportButton onExport={() => casesApi.exportXlsx(listQueryOf(query.filters))} testId="cases-export" />
            </>
          }
          data-testid="cases-table"
        />
      </Space>
      <CaseDetailDrawer caseKey={opened} onClose={() => setOpened(null)} />
    </UnitTreeLayout>
  );
}

/** The server's query for the list's filters: the picked range, or the last twelve months without one. */
function listQueryOf<F extends Partial<CaseFilters>>({ range, ...rest }: F) {
  return { ...rangeQuery(range ?? defaultRange()), ...rest };
}
