import type { CaseListRow } from "@kaoping/core";
import { DatePicker, Input, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import { type PageQuery, usePagedQuery } from "../../components/use-paged-query.ts";
import { caseRowClass, caseRowKey, useCaseColumns } from "./case-columns.tsx";
import { CaseDetailDrawer } from "./case-detail-drawer.tsx";
import { caseTypeOptions, channelOptions, defaultRange, metricOptions, rangeQuery } from "./case-labels.ts";
import { type CaseKey, type CaseListQuery, casesApi } from "./cases-api.ts";

/** The query form's values: the API's filters, with the date range as the picker gives it. */
type CaseFilters = Omit<CaseListQuery, "from" | "to" | "page" | "pageSize"> & { range?: [Dayjs, Dayjs] };

/** 办件查询: the unit tree, a query form (number, dates, item, channel, type, metric) and the cases, each opening to its clock. */
export function CasesPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [opened, setOpened] = useState<CaseKey | null>(null);
  // The server needs a date range: without one the list shows the last twelve months.
  const fetchPage = useCallback(({ range, ...rest }: Partial<CaseFilters> & PageQuery) => {
    return casesApi.list({ ...rest, ...rangeQuery(range ?? defaultRange()) });
  }, []);
  const query = usePagedQuery<CaseListRow, CaseFilters>(fetchPage, unitId ? { unitId } : {});
  const columns = useCaseColumns(setOpened);

  const fields: QueryField[] = [
    { name: "caseNo", label: t("cases.field.caseNo"), control: <Input allowClear data-testid="case-search-no" /> },
    {
      name: "range",
      label: t("cases.range"),
      control: <DatePicker.RangePicker style={{ width: "100%" }} placeholder={[t("cases.rangeDefault"), t("cases.rangeDefault")]} />,
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
    { name: "itemCode", label: t("cases.field.itemCode"), control: <Input allowClear /> },
    {
      name: "metric",
      label: t("cases.metric"),
      control: <Select allowClear showSearch={{ optionFilterProp: "label" }} options={metricOptions} placeholder={t("cases.metricAny")} />,
    },
  ];

  return (
    <UnitTreeLayout selectedId={unitId} onSelect={(unit) => setUnitId(unit?.id ?? null)}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<CaseFilters> fields={fields} onSearch={query.search} />
        <QueryTable
          query={query}
          columns={columns}
          rowKey={caseRowKey}
          rowClassName={caseRowClass}
          title={t("cases.menu.list")}
          data-testid="cases-table"
        />
      </Space>
      <CaseDetailDrawer caseKey={opened} onClose={() => setOpened(null)} />
    </UnitTreeLayout>
  );
}
