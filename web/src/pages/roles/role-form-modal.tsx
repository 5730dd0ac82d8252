import { ALL_PERMISSIONS, DATA_SCOPES, type RoleUpdateInput, type RoleView } from "@kaoping/core";
import { Checkbox, Col, Form, Radio, Row } from "antd";
import { useTranslation } from "react-i18next";
import { rolesApi } from "../../api/users.ts";
import { useEnumOptions } from "../../components/enum-options.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { UnitTree } from "../../components/unit-tree.tsx";

type RoleFormValues = Required<RoleUpdateInput>;

/** Edits a role's data scope (指定单位 picked in a checkable unit tree) and its permissions. */
export function RoleFormModal({ role, onClose, onSaved }: { role: RoleView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoleFormValues>();
  const dataScope = Form.useWatch("dataScope", form);
  const scopeOptions = useEnumOptions("dataScope", DATA_SCOPES);
  const permissionOptions = useEnumOptions("permission", ALL_PERMISSIONS);

  async function handleSubmit(values: RoleFormValues) {
    if (!role) return;
    const scopeUnitIds = values.dataScope === "custom" ? values.scopeUnitIds : [];
    await rolesApi.update(role.code, { ...values, scopeUnitIds });
  }

  return (
    <FormModal<RoleFormValues>
      form={form}
      title={t("role.editTitle", { name: role ? t(`enum.role.${role.code}`) : "" })}
      open={role !== null}
      onClose={onClose}
      onSubmit={handleSubmit}
      onSaved={onSaved}
      initialValues={role ?? {}}
      submitTestId="role-form-submit"
      width={720}
    >
      <Form.Item name="dataScope" label={t("role.dataScope")}>
        <Radio.Group options={scopeOptions} data-testid="role-form-scope" />
      </Form.Item>
      <Form.Item
        name="scopeUnitIds"
        label={t("role.scopeUnits")}
        extra={t("role.scopeUnitsHint")}
        valuePropName="checkedIds"
        trigger="onCheck"
        hidden={dataScope !== "custom"}
      >
        <UnitTree checkable height={320} />
      </Form.Item>
      <Form.Item name="permissions" label={t("role.permissions")}>
        <Checkbox.Group style={{ width: "100%" }}>
          <Row gutter={[8, 8]}>
            {permissionOptions.map((option) => (
              <Col span={8} key={option.value}>
                <Checkbox value={option.value}>{option.label}</Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
    </FormModal>
  );
}
