import { LIMITS, ROLE_CODES, type UserCreateInput, type UserView, userCreateSchema } from "@kaoping/core";
import { Col, Form, Input, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { usersApi } from "../../api/users.ts";
import { useEnumOptions } from "../../components/enum-options.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { schemaRule, selectRule, textRules } from "../../components/form-rules.ts";
import { PasswordFields } from "../../components/password-input.tsx";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";

interface UserFormModalProps {
  open: boolean;
  /** The user being edited; none to create one (then with username and initial password). */
  user: UserView | null;
  defaultUnitId: string | null;
  onClose: () => void;
  onSaved: () => void;
}

type UserFormValues = Omit<UserCreateInput, "phone"> & { phone?: string };

/** 新增 / 编辑用户: unit from the tree, roles by their Chinese names, password checked by the core policy. */
export function UserFormModal({ open, user, defaultUnitId, onClose, onSaved }: UserFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserFormValues>();
  const username = Form.useWatch("username", form);
  const roleOptions = useEnumOptions("role", ROLE_CODES);
  const initialValues: Partial<UserFormValues> = user
    ? { displayName: user.displayName, unitId: user.unitId, roleCodes: user.roleCodes, phone: user.phone ?? undefined }
    : { unitId: defaultUnitId ?? undefined, roleCodes: ["unit_liaison"] };

  async function handleSubmit(values: UserFormValues) {
    const phone = values.phone?.trim() || null;
    if (user) {
      await usersApi.update(user.id, {
        displayName: values.displayName,
        unitId: values.unitId,
        roleCodes: values.roleCodes,
        phone,
      });
    } else {
      await usersApi.create({ ...values, phone });
    }
  }

  return (
    <FormModal<UserFormValues>
      form={form}
      title={user ? t("user.editTitle") : t("user.createTitle")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      onSaved={onSaved}
      initialValues={initialValues}
      submitTestId="user-form-submit"
      width={640}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="username"
            label={t("user.username")}
            rules={user ? [] : [...textRules(t, t("user.username"), 64), schemaRule(userCreateSchema.shape.username)]}
            validateFirst
          >
            <Input disabled={Boolean(user)} placeholder={user?.username} data-testid="user-form-username" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="displayName" label={t("user.displayName")} rules={textRules(t, t("user.displayName"), LIMITS.nameMax)}>
            <Input data-testid="user-form-display-name" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="unitId" label={t("user.unit")} rules={[selectRule(t, t("user.unit"))]}>
        <UnitTreeSelect data-testid="user-form-unit" />
      </Form.Item>
      <Form.Item name="roleCodes" label={t("user.roles")} rules={[selectRule(t, t("user.roles"))]}>
        <Select mode="multiple" options={roleOptions} data-testid="user-form-roles" />
      </Form.Item>
      <Form.Item name="phone" label={t("user.phone")} rules={textRules(t, t("user.phone"), 32, false)}>
        <Input />
      </Form.Item>
      {!user && <PasswordFields name="password" label={t("user.password")} username={username} data-testid="user-form-password" />}
    </FormModal>
  );
}
