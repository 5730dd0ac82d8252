import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { FactValue } from "@kaoping/core";
import { Button, Flex, Input, InputNumber, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ManualRule, PreviewFact, PreviewFields, PreviewState, PreviewUnit } from "./preview-inputs.ts";

interface PreviewFactTableProps {
  fields: PreviewFields;
  state: PreviewState;
  onChange: (state: PreviewState) => void;
  categories: { code: string; label: string }[];
}

type Row = { key: string; fact: PreviewFact } | { key: string; rule: ManualRule };

const MAX_UNITS = 6;
/** Test ids: the first unit's inputs have the plain id, the others a `-2`, `-3` … suffix. */
const suffix = (index: number) => (index === 0 ? "" : `-${index + 1}`);

/** The facts form of the preview: one row per fact (or manual rule), one column per trial unit. */
export function PreviewFactTable({ fields, state, onChange, categories }: PreviewFactTableProps) {
  const { t } = useTranslation();

  const setValue = (unit: string, key: string, value: FactValue | null) =>
    onChange({ ...state, values: { ...state.values, [unit]: { ...state.values[unit], [key]: value } } });
  const setManual = (unit: string, ruleId: string, patch: { points?: string; reason?: string }) =>
    onChange({
      ...state,
      manual: { ...state.manual, [unit]: { ...state.manual[unit], [ruleId]: { ...state.manual[unit]?.[ruleId], ...patch } } },
    });
  const setUnit = (code: string, patch: Partial<PreviewUnit>) =>
    onChange({ ...state, units: state.units.map((unit) => (unit.code === code ? { ...unit, ...patch } : unit)) });

  function handleAddUnit() {
    const taken = new Set(state.units.map((unit) => unit.code));
    let n = state.units.length + 1;
    while (taken.has(`U${n}`)) n++;
    onChange({ ...state, units: [...state.units, { code: `U${n}`, name: t("framework.previewUnitN", { n }), isReference: false }] });
  }

  const unitColumns: TableColumnsType<Row> = state.units.map((unit, index) => ({
    key: unit.code,
    width: 200,
    title: unit.name || unit.code,
    render: (_, row) =>
      "fact" in row ? (
        <FactInput
          fact={row.fact}
          value={state.values[unit.code]?.[row.fact.key]}
          onChange={(v) => setValue(unit.code, row.fact.key, v)}
          testId={`preview-fact-${row.fact.key}${suffix(index)}`}
        />
      ) : (
        <Flex vertical gap={4}>
          <Input
            size="small"
            placeholder={t("framework.previewManualPoints", { min: row.rule.min, max: row.rule.max })}
            value={state.manual[unit.code]?.[row.rule.id]?.points}
            onChange={(e) => setManual(unit.code, row.rule.id, { points: e.target.value })}
            data-testid={`preview-manual-${row.rule.id}-points${suffix(index)}`}
          />
          <Input
            size="small"
            placeholder={t("framework.previewManualReason")}
            value={state.manual[unit.code]?.[row.rule.id]?.reason}
            onChange={(e) => setManual(unit.code, row.rule.id, { reason: e.target.value })}
            data-testid={`preview-manual-${row.rule.id}-reason${suffix(index)}`}
          />
        </Flex>
      ),
  }));

  const columns: TableColumnsType<Row> = [
    {
      key: "fact",
      title: t("framework.fact"),
      width: 220,
      fixed: "left",
      render: (_, row) =>
        "fact" in row ? (
          <Flex vertical>
            <span>
              {row.fact.label}
              {row.fact.level && (
                <Tag color="purple" style={{ marginInlineStart: 6 }}>
                  {t(`enum.sourceLevel.${row.fact.level}`, { defaultValue: row.fact.level })}
                </Tag>
              )}
            </span>
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {row.fact.key}
            </Typography.Text>
          </Flex>
        ) : (
          <Tooltip title={row.rule.text}>
            <Flex vertical>
              <span>{t("framework.previewManual")}</span>
              <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                {row.rule.id}
              </Typography.Text>
            </Flex>
          </Tooltip>
        ),
    },
    ...unitColumns,
  ];

  const rows: Row[] = [
    ...fields.facts.map((fact) => ({ key: fact.key, fact })),
    ...fields.manual.map((rule) => ({ key: `manual:${rule.id}`, rule })),
  ];
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center" data-testid="preview-units">
        {state.units.map((unit) => (
          <Space.Compact key={unit.code}>
            <Input
              value={unit.name}
              onChange={(e) => setUnit(unit.code, { name: e.target.value })}
              aria-label={t("framework.previewUnitName")}
              style={{ width: 130 }}
            />
            {categories.length > 0 && (
              <Select
                allowClear
                value={unit.category}
                placeholder={t("framework.previewCategory")}
                aria-label={t("framework.previewCategory")}
                options={categories.map((c) => ({ value: c.code, label: c.label }))}
                onChange={(category?: string) => setUnit(unit.code, { category })}
                style={{ width: 120 }}
              />
            )}
            <Tooltip title={t("framework.previewReferenceHint")}>
              <Button
                type={unit.isReference ? "primary" : "default"}
                ghost={unit.isReference}
                onClick={() => setUnit(unit.code, { isReference: !unit.isReference })}
              >
                {t("framework.previewReference")}
              </Button>
            </Tooltip>
            {state.units.length > 1 && (
              <Button
                danger
                icon={<DeleteOutlined />}
                aria-label={t("common.delete")}
                onClick={() => onChange({ ...state, units: state.units.filter((u) => u.code !== unit.code) })}
              />
            )}
          </Space.Compact>
        ))}
        {state.units.length < MAX_UNITS && (
          <Button icon={<PlusOutlined />} onClick={handleAddUnit} data-testid="preview-add-unit">
            {t("framework.previewAddUnit")}
          </Button>
        )}
      </Flex>
      <Table<Row>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("framework.previewNoFacts") }}
      />
    </Flex>
  );
}

function FactInput({
  fact,
  value,
  onChange,
  testId,
}: {
  fact: PreviewFact;
  value: FactValue | null | undefined;
  onChange: (v: FactValue | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  if (fact.type === "boolean") {
    return (
      <Select<string>
        size="small"
        allowClear
        style={{ width: "100%" }}
        placeholder={t("framework.previewUnknown")}
        aria-label={fact.label}
        value={value === undefined || value === null ? undefined : String(value)}
        onChange={(next?: string) => onChange(next === undefined ? null : next === "true")}
        options={[
          { value: "true", label: t("common.yes") },
          { value: "false", label: t("common.no") },
        ]}
        data-testid={testId}
      />
    );
  }
  return (
    <InputNumber
      size="small"
      style={{ width: "100%" }}
      min={fact.type === "count" ? 0 : undefined}
      precision={fact.type === "count" || fact.type === "rank" ? 0 : undefined}
      placeholder={fact.type === "count" ? "0" : t("framework.previewUnknown")}
      aria-label={fact.label}
      value={typeof value === "number" ? value : null}
      onChange={(next) => onChange(typeof next === "number" ? next : null)}
      data-testid={testId}
    />
  );
}
