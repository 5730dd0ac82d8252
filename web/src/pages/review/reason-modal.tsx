import { LIMITS } from "@kaoping/core";
import { Form, Input } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../components/form-modal.tsx";
import { textRules } from "../../components/form-rules.ts";

interface ReasonModalProps<V extends { reason: string }> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  onSaved?: () => void;
  /** The reason field's label (作废原因, 申诉理由 …). */
  label: string;
  successText?: string;
  submitTestId?: string;
  initialValues?: Partial<V>;
  /** Fields above the reason (e.g. the decision of an appeal). */
  children?: ReactNode;
}

/** A command that needs a written reason: 作废, 申诉, 申诉处理. */
export function ReasonModal<V extends { reason: string }>(props: ReasonModalProps<V>) {
  const { t } = useTranslation();
  return (
    <FormModal<V>
      title={props.title}
      open={props.open}
      onClose={props.onClose}
      onSubmit={props.onSubmit}
      onSaved={props.onSaved}
      initialValues={props.initialValues}
      successText={props.successText}
      submitTestId={props.submitTestId}
      width={520}
    >
      {props.children}
      <Form.Item name="reason" label={props.label} rules={textRules(t, props.label, LIMITS.reasonMax)}>
        <Input.TextArea rows={4} maxLength={LIMITS.reasonMax} showCount data-testid="reason-input" />
      </Form.Item>
    </FormModal>
  );
}
