import { AutoComplete, Flex, Input, InputNumber, Segmented, Select } from "antd";
import { useTranslation } from "react-i18next";
import { AddRowButton } from "../../../components/add-row-button.tsx";
import { RemoveRowButton } from "../../../components/remove-row-button.tsx";
import { COMPARATORS, type ConditionDraft, type ConditionRow, newRow, switchMode } from "./condition-draft.ts";
import { type FactOption, filterFactOption } from "./fact-options.ts";

interface ConditionBuilderProps {
  value?: ConditionDraft;
  onChange?: (value: ConditionDraft) => void;
  facts: FactOption[];
  disabled?: boolean;
}

const MODES = ["single", "all", "any", "json"] as const;

/** 条件: fact + operator + value, or all / any of such tests; deeper nesting as JSON. A Form control. */
export function ConditionBuilder({ value, onChange, facts, disabled }: ConditionBuilderProps) {
  const { t } = useTranslation();
  const draft = value ?? { mode: "single", rows: [newRow()], json: "" };
  const opOptions = [
    ...COMPARATORS.map((op) => ({ value: op, label: t(`framework.op.${op}`) })),
    { value: "is_true", label: t("framework.op.is_true") },
    { value: "is_false", label: t("framework.op.is_false") },
  ];

  const setRow = (key: string, patch: Partial<ConditionRow>) =>
    onChange?.({ ...draft, rows: draft.rows.map((row) => (row.key === key ? { ...row, ...patch } : row)) });

  return (
    <Flex vertical gap={8} data-testid="condition-builder">
      <Segmented
        value={draft.mode}
        disabled={disabled}
        onChange={(mode) => onChange?.(switchMode(draft, mode as ConditionDraft["mode"]))}
        options={MODES.map((mode) => ({ value: mode, label: t(`framework.conditionMode.${mode}`) }))}
        data-testid="condition-mode"
      />
      {draft.mode === "json" ? (
        <Input.TextArea
          value={draft.json}
          disabled={disabled}
          autoSize={{ minRows: 4, maxRows: 14 }}
          onChange={(event) => onChange?.({ ...draft, json: event.target.value })}
          style={{ fontFamily: "monospace" }}
          data-testid="condition-json"
        />
      ) : (
        draft.rows.map((row, index) => (
          <Flex key={row.key} gap={8} align="center">
            <AutoComplete
              value={row.fact}
              disabled={disabled}
              options={facts}
              showSearch={{ filterOption: filterFactOption }}
              onChange={(fact: string) => setRow(row.key, { fact })}
              placeholder={t("framework.fact")}
              style={{ flex: 2 }}
              data-testid={`condition-fact-${index}`}
            />
            <Select<string>
              value={row.op}
              disabled={disabled}
              options={opOptions}
              onChange={(op) => setRow(row.key, { op: op as ConditionRow["op"] })}
              style={{ width: 110 }}
              data-testid={`condition-op-${index}`}
            />
            {row.op !== "is_true" && row.op !== "is_false" && (
              <InputNumber
                value={row.value}
                disabled={disabled}
                onChange={(next) => setRow(row.key, { value: next })}
                style={{ width: 110 }}
                data-testid={`condition-value-${index}`}
              />
            )}
            {draft.rows.length > 1 && (
              <RemoveRowButton
                disabled={disabled}
                onClick={() => onChange?.({ ...draft, rows: draft.rows.filter((r) => r.key !== row.key) })}
              />
            )}
          </Flex>
        ))
      )}
      {(draft.mode === "all" || draft.mode === "any") && (
        <AddRowButton size="small" onClick={() => onChange?.({ ...draft, rows: [...draft.rows, newRow()] })} data-testid="condition-add">
          {t("framework.addCondition")}
        </AddRowButton>
      )}
    </Flex>
  );
}
