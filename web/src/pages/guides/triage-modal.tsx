import { LIMITS } from "@kaoping/core";
import { Alert, Form, Input, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../components/form-modal.tsx";
import { elementOptions } from "./guide-labels.ts";
import { type FaultReportRow, guidesApi, type TriageInput } from "./guides-api.ts";
import { ItemSelect } from "./item-select.tsx";

/** 处理找茬: accept (optionally opening a defect on an item's element for its owner) or reject, with a note. */
export function TriageModal({ report, onClose, onSaved }: { report: FaultReportRow | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TriageInput>();
  const status = Form.useWatch("status", form);
  const initial = report?.itemId ? { id: report.itemId, code: report.itemCode, name: report.itemName } : null;
  return (
    <FormModal<TriageInput>
      title={t("guide.triageTitle")}
      open={report !== null}
      onClose={onClose}
      form={form}
      onSubmit={(values) => guidesApi.triage(report?.id ?? "", { ...values, note: values.note ?? "" })}
      onSaved={onSaved}
      initialValues={{ status: "accepted", itemId: report?.itemId ?? undefined, element: report?.element ?? undefined }}
      submitTestId="triage-submit"
    >
      {report && <Alert type="info" title={report.itemName} description={report.description} style={{ marginBottom: 16 }} />}
      <Form.Item name="status" label={t("guide.triageDecision")} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: "accepted", label: t("guide.accept") },
            { value: "rejected", label: t("guide.reject") },
          ]}
          data-testid="triage-status"
        />
      </Form.Item>
      {status !== "rejected" && (
        <>
          <Form.Item name="itemId" label={t("guide.item")} extra={t("guide.triageItemHint")}>
            <ItemSelect initial={initial} data-testid="triage-item" />
          </Form.Item>
          <Form.Item name="element" label={t("guide.element")}>
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={elementOptions} data-testid="triage-element" />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="note"
        label={t("guide.triageNote")}
        rules={[{ max: LIMITS.reasonMax, message: t("common.maxLength", { max: LIMITS.reasonMax }) }]}
      >
        <Input.TextArea rows={3} maxLength={LIMITS.reasonMax} showCount data-testid="triage-note" />
      </Form.Item>
    </FormModal>
  );
}
