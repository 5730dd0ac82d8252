import { Alert, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { authApi } from "../api/auth.ts";
import { FormModal } from "../components/form-modal.tsx";
import { PasswordFields } from "../components/password-input.tsx";
import { useAuth } from "./auth.tsx";

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
}

/** 修改密码; forced (not dismissible) when the account must change its password first. */
export function ChangePasswordModal({ open, onClose, isForced }: { open: boolean; onClose: () => void; isForced?: boolean }) {
  const { t } = useTranslation();
  const { session, refresh, logout } = useAuth();

  async function handleSubmit(values: ChangePasswordValues) {
    await authApi.changePassword(values.currentPassword, values.newPassword);
  }

  return (
    <FormModal<ChangePasswordValues>
      title={t("header.changePassword")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      onSaved={() => void refresh().catch(() => {})}
      isClosable={!isForced}
      successText={t("auth.passwordChanged")}
      submitTestId="change-password-submit"
    >
      {isForced && <Alert type="warning" showIcon title={t("auth.mustChange")} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="currentPassword"
        label={t("auth.currentPassword")}
        rules={[{ required: true, message: t("common.required", { label: t("auth.currentPassword") }) }]}
      >
        <Input.Password autoComplete="current-password" data-testid="change-password-current" />
      </Form.Item>
      <PasswordFields
        name="newPassword"
        label={t("auth.newPassword")}
        username={session?.user.username}
        hasConfirm
        data-testid="change-password-new"
      />
      {isForced && (
        <Button type="link" onClick={() => void logout()} style={{ padding: 0 }}>
          {t("header.logout")}
        </Button>
      )}
    </FormModal>
  );
}
