import { App, Form, type FormInstance, Modal } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { applyFieldErrors, testId, useShowError } from "./feedback.ts";

interface FormModalProps<V> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** Saves the validated values; the modal closes when it resolves. */
  onSubmit: (values: V) => Promise<unknown>;
  /** Called after a successful save (refresh the list). */
  onSaved?: () => void;
  initialValues?: Partial<V>;
  /** The form instance, when the fields need to watch each other. */
  form?: FormInstance<V>;
  width?: number;
  submitTestId?: string;
  /** Forced dialogs (change password at first login) cannot be dismissed. */
  isClosable?: boolean;
  successText?: string;
  /** The submit button's text where 保存 would read as a draft (an appeal is 提交, a step is taken). */
  okText?: string;
  /** Server field names the form shows under another (`{ validFrom: "validity" }`), so their errors mark it. */
  fieldAliases?: Readonly<Record<string, string>>;
  children: ReactNode;
}

/** A modal with a vertical form: validate, save, show server field errors, close, refresh. */
export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [ownForm] = Form.useForm<V>();
  const form = props.form ?? ownForm;
  const [isSaving, setIsSaving] = useState(false);
  const isClosable = props.isClosable ?? true;
  // Counts the openings: each starts from its own initialValues (ResetOnOpen below).
  const [opening, setOpening] = useState(0);
  const [wasOpen, setWasOpen] = useState(false);
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) setOpening((n) => n + 1);
  }

  async function handleOk() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setIsSaving(true);
    try {
      await props.onSubmit(values);
      void message.success(props.successText ?? t("common.saved"));
      props.onClose();
      props.onSaved?.();
    } catch (error) {
      applyFieldErrors(form, error, props.fieldAliases);
      showError(error);
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <Modal
      title={props.title}
      open={props.open}
      width={props.width ?? 560}
      onOk={handleOk}
      onCancel={props.onClose}
      okText={props.okText ?? t("common.save")}
      okButtonProps={{ loading: isSaving, ...(props.submitTestId ? testId(props.submitTestId) : {}) }}
      cancelButtonProps={isClosable ? {} : { style: { display: "none" } }}
      closable={isClosable}
      mask={{ closable: false }}
      keyboard={isClosable}
      destroyOnHidden
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={handleOk}
        preserve={false}
        style={{ marginTop: 16 }}
      >
        {props.children}
        {/* Enter in a field submits. */}
        <button type="submit" hidden />
        <ResetOnOpen key={opening} form={form} />
      </Form>
    </Modal>
  );
}

/**
 * Resets the form to the Form's current initialValues once per opening (remounted by its key). The
 * form instance outlives an opening: the fields of the last one (unmounted without `preserve`) left
 * their values in its store, which a remounted Form merges over the new initialValues, and a dialog
 * reopened before its closing animation ends keeps its Form — either way, editing a record right
 * after adding or editing another opened on the wrong values. Inside the Form, so it runs after the
 * Form took the new initialValues.
 */
function ResetOnOpen({ form }: { form: FormInstance }) {
  useEffect(() => {
    form.resetFields();
  }, [form]);
  return null;
}
