import type { UserView } from "@kaoping/core";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../api/users.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { PasswordFields } from "../../components/password-input.tsx";

/** 重置密码: the user must change it at next login. */
export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ password: string }>
      title={t("user.resetTitle", { name: user?.displayName ?? "" })}
      open={user !== null}
      onClose={onClose}
      onSubmit={({ password }) => (user ? usersApi.resetPassword(user.id, password) : Promise.resolve())}
      successText={t("user.resetDone")}
      submitTestId="reset-password-submit"
    >
      <PasswordFields name="password" label={t("auth.newPassword")} username={user?.username} hasConfirm />
    </FormModal>
  );
}
