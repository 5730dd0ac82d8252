import { ImportOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import type { MeasurementView } from "@kaoping/core";
import { App, Button, Card, Flex, Popconfirm, Select, Space, Table, type TableColumnsType, Tooltip } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ReviewImportResult, reviewApi } from "../../api/review.ts";
import { ExcelImportModal } from "../../components/excel-import-modal.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { frameworkOf } from "./finding-terms.ts";
import { measuredFacts } from "./measurement-facts.ts";
import { MeasurementFormModal } from "./measurement-form-modal.tsx";
import type { ReviewTabProps } from "./review-tab.ts";
import { UnitCell } from "./review-tags.tsx";
import { useCampaignUnits } from "./use-campaign-units.ts";

type Dialog = { kind: "form"; measurement: MeasurementView | null } | { kind: "import" } | null;

/** 测评数据: rates, ranks, external scores and flags per unit; reviewers enter, import and clear them. */
export function MeasurementsTab({ campaign, onChanged }: ReviewTabProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { options: unitOptions } = useCampaignUnits(campaign.id);
  const facts = useMemo(() => measuredFacts(frameworkOf(campaign)), [campaign]);
  const [rows, setRows] = useState<MeasurementView[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [filter, setFilter] = useState<{ unitId?: string; fact?: string }>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const canEdit = campaign.can.review;

  const load = useCallback(() => {
    setIsLoading(true);
    reviewApi
      .measurements(campaign.id)
      .then(setRows)
      .catch(showError)
      .finally(() => setIsLoading(false));
  }, [campaign.id, showError]);
  useEffect(load, [load]);

  function refresh() {
    load();
    onChanged?.();
  }

  async function handleClear(row: MeasurementView) {
    try {
      await reviewApi.saveMeasurement(campaign.id, { unitId: row.unitId, fact: row.fact, value: null });
      void message.success(t("review.measurementCleared"));
      refresh();
    } catch (error) {
      showError(error);
    }
  }

  const shown = rows.filter((row) => (!filter.unitId || row.unitId === filter.unitId) && (!filter.fact || row.fact === filter.fact));
  const columns: TableColumnsType<MeasurementView> = [
    { key: "unit", title: t("review.unit"), render: (_, row) => <UnitCell code={row.unitCode} name={row.unitName} /> },
    { key: "fact", title: t("review.fact"), render: (_, row) => `${row.factLabel}（${row.fact}）` },
    {
      key: "value",
      dataIndex: "value",
      title: t("review.value"),
      align: "right",
      render: (value: MeasurementView["value"], row) => formatValue(value, facts.find((f) => f.key === row.fact)?.unit, t),
    },
    { key: "note", dataIndex: "note", title: t("review.note"), render: (note: string | null) => note ?? "—" },
    { key: "updatedBy", dataIndex: "updatedBy", title: t("review.updatedBy") },
    { key: "updatedAt", dataIndex: "updatedAt", title: t("common.updatedAt"), render: formatDateTime },
  ];
  if (canEdit) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: "form", measurement: row })} data-testid="measurement-edit">
            {t("common.edit")}
          </Button>
          <Popconfirm title={t("review.measurementClearConfirm")} onConfirm={() => handleClear(row)}>
            <Button type="link" size="small" danger data-testid="measurement-clear">
              {t("review.clear")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Card data-testid="measurements-tab">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Space wrap>
          {canEdit && (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ kind: "form", measurement: null })}
                data-testid="measurement-create"
              >
                {t("review.measurementCreate")}
              </Button>
              <Button icon={<ImportOutlined />} onClick={() => setDialog({ kind: "import" })} data-testid="measurement-import">
                {t("review.batchImport")}
              </Button>
            </>
          )}
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("review.allUnits")}
            aria-label={t("review.allUnits")}
            options={unitOptions}
            style={{ width: 220 }}
            onChange={(unitId?: string) => setFilter((f) => ({ ...f, unitId }))}
          />
          <Select
            allowClear
            placeholder={t("review.allFacts")}
            aria-label={t("review.allFacts")}
            options={facts.map((f) => ({ value: f.key, label: f.label }))}
            style={{ width: 200 }}
            onChange={(fact?: string) => setFilter((f) => ({ ...f, fact }))}
          />
        </Space>
        <Tooltip title={t("common.refresh")}>
          <Button type="text" icon={<ReloadOutlined />} onClick={load} />
        </Tooltip>
      </Flex>
      <Table<MeasurementView>
        data-testid="measurements-table"
        rowKey={(row) => `${row.unitId}:${row.fact}`}
        columns={columns}
        dataSource={shown}
        loading={isLoading}
        size="middle"
        scroll={{ x: "max-content" }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t("common.total", { total }) }}
      />
      <MeasurementFormModal
        campaign={campaign}
        facts={facts}
        measurement={dialog?.kind === "form" ? dialog.measurement : null}
        open={dialog?.kind === "form"}
        unitOptions={unitOptions}
        onClose={() => setDialog(null)}
        onSaved={refresh}
      />
      <ExcelImportModal<ReviewImportResult>
        title={t("review.measurementImportTitle")}
        open={dialog?.kind === "import"}
        onClose={() => setDialog(null)}
        upload={(file) => reviewApi.importMeasurements(campaign.id, file)}
        downloadTemplate={() => reviewApi.measurementTemplate(campaign.id)}
        onImported={refresh}
        hasUpdateExisting={false}
        describeResult={(result) => t("review.imported", { count: result.saved ?? 0 })}
      />
    </Card>
  );
}

function formatValue(value: MeasurementView["value"], unit: string | undefined, t: (key: string) => string): string {
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  return unit ? `${value} ${unit}` : String(value);
}
