import { checkPasswordComplexity, PASSWORD_MIN_LENGTH } from "@kaoping/core";
import { Form, type FormRule, Input } from "antd";
import { useTranslation } from "react-i18next";

interface PasswordFieldsProps {
  /** Field name of the new password. */
  name: string;
  label: string;
  /** The account's username: the password may not contain it. */
  username?: string;
  /** Also ask to type it again. */
  hasConfirm?: boolean;
  "data-testid"?: string;
}

/** A new-password field checked by the same complexity policy the server applies (core's checkPasswordComplexity). */
export function PasswordFields({ name, label, username, hasConfirm, ...rest }: PasswordFieldsProps) {
  const { t } = useTranslation();
  const complexity: FormRule = {
    validator: async (_, value: string | undefined) => {
      const problems = value ? checkPasswordComplexity(value, username) : [];
      if (problems.length) throw new Error(problems.join("；"));
    },
  };
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t("auth.passwordHint", { min: PASSWORD_MIN_LENGTH })}
        rules={[{ required: true, message: t("common.required", { label }) }, complexity]}
        validateFirst
      >
        <Input.Password autoComplete="new-password" data-testid={rest["data-testid"]} />
      </Form.Item>
      {hasConfirm && (
        <Form.Item
          name={`${name}Confirm`}
          label={t("auth.confirmPassword")}
          dependencies={[name]}
          rules={[
            { required: true, message: t("common.required", { label: t("auth.confirmPassword") }) },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue(name)) throw new Error(t("auth.passwordMismatch"));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </>
  );
}
