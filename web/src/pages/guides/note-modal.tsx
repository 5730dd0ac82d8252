import { LIMITS } from "@kaoping/core";
import { Form, Input } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../components/form-modal.tsx";
import { textRules } from "../../components/form-rules.ts";

interface NoteModalProps {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: (note: string) => Promise<unknown>;
  onSaved: () => void;
  /** The field's label; 说明 by default. */
  label?: string;
  /** The server wants a reason (关闭问题 keeps it in the audit log). */
  isRequired?: boolean;
  successText?: string;
  submitTestId?: string;
  /** What the command does, above the field. */
  children?: ReactNode;
}

/** A command with a written note: 确认整改完成 (optional), 关闭问题 (required). A refusal (409) shows the server's message. */
export function NoteModal({ label, isRequired = false, onSubmit, children, ...props }: NoteModalProps) {
  const { t } = useTranslation();
  const fieldLabel = label ?? t("guide.note");
  return (
    <FormModal<{ note?: string }> {...props} onSubmit={(values) => onSubmit(values.note ?? "")} width={520}>
      {children}
      <Form.Item name="note" label={fieldLabel} rules={textRules(t, fieldLabel, LIMITS.reasonMax, isRequired)}>
        <Input.TextArea rows={3} maxLength={LIMITS.reasonMax} showCount data-testid="note-input" />
      </Form.Item>
    </FormModal>
  );
}
