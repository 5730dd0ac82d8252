import type { CampaignView, FactDef, MeasurementView } from "@kaoping/core";
import { Form, Input, InputNumber, Select } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { reviewApi } from "../../api/review.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { selectRule, textRules } from "../../components/form-rules.ts";
import { measurementValue } from "./measurement-facts.ts";

interface FormValues {
  unitId: string;
  fact: string;
  value: number | string | null;
  note?: string;
}

interface MeasurementFormModalProps {
  campaign: CampaignView;
  facts: FactDef[];
  /** The row being edited; null with `open` for a new one. */
  measurement: MeasurementView | null;
  open: boolean;
  unitOptions: { value: string; label: string }[];
  onClose: () => void;
  onSaved: () => void;
}

/** 录入测评数据: one unit's value of one fact (a rate, a rank, an external score or a flag). */
export function MeasurementFormModal({ campaign, facts, measurement, open, unitOptions, onClose, onSaved }: MeasurementFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const factKey = Form.useWatch("fact", form);
  const fact = facts.find((f) => f.key === factKey);
  const factOptions = useMemo(
    () => facts.map((f) => ({ value: f.key, label: `${f.label}（${t(`enum.factType.${f.type}`)}${f.unit ? `，${f.unit}` : ""}）` })),
    [facts, t],
  );
  const initialValues: Partial<FormValues> = measurement
    ? {
        unitId: measurement.unitId,
        fact: measurement.fact,
        value: typeof measurement.value === "boolean" ? String(measurement.value) : measurement.value,
        note: measurement.note ?? "",
      }
    : {};

  async function handleSubmit(values: FormValues) {
    const note = values.note?.trim() || null;
    await reviewApi.saveMeasurement(campaign.id, {
      unitId: values.unitId,
      fact: values.fact,
      value: measurementValue(fact, values.value),
      note,
    });
  }

  return (
    <FormModal<FormValues>
      title={measurement ? t("review.measurementEdit") : t("review.measurementCreate")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      onSaved={onSaved}
      form={form}
      initialValues={initialValues}
      submitTestId="measurement-submit"
    >
      <Form.Item name="unitId" label={t("review.unit")} rules={[selectRule(t, t("review.unit"))]}>
        <Select showSearch={{ optionFilterProp: "label" }} options={unitOptions} disabled={!!measurement} data-testid="measurement-unit" />
      </Form.Item>
      <Form.Item name="fact" label={t("review.fact")} rules={[selectRule(t, t("review.fact"))]}>
        <Select
          showSearch={{ optionFilterProp: "label" }}
          options={factOptions}
          disabled={!!measurement}
          onChange={() => form.setFieldsValue({ value: null })}
          data-testid="measurement-fact"
        />
      </Form.Item>
      <Form.Item name="value" label={t("review.value")} rules={[selectRule(t, t("review.value"))]}>
        {fact?.type === "boolean" ? (
          <Select
            options={[
              { value: "true", label: t("common.yes") },
              { value: "false", label: t("common.no") },
            ]}
            data-testid="measurement-value"
          />
        ) : (
          <InputNumber
            style={{ width: "100%" }}
            precision={fact?.type === "rank" ? 0 : undefined}
            min={fact?.type === "rank" ? 1 : undefined}
            suffix={fact?.unit}
            data-testid="measurement-value"
          />
        )}
      </Form.Item>
      <Form.Item name="note" label={t("review.note")} rules={textRules(t, t("review.note"), 500, false)}>
        <Input.TextArea rows={2} maxLength={500} data-testid="measurement-note" />
      </Form.Item>
    </FormModal>
  );
}
