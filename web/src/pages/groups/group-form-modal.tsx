import { type GroupCreateInput, type GroupView, LIMITS } from "@kaoping/core";
import { Form, Input, Spin } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { groupsApi } from "../../api/groups.ts";
import { useShowError } from "../../components/feedback.ts";
import { FormModal } from "../../components/form-modal.tsx";
import { textRules } from "../../components/form-rules.ts";
import { UnitTreeSelect } from "../../components/unit-tree-select.tsx";

interface GroupFormModalProps {
  open: boolean;
  /** The group being edited; none to create one. */
  group: GroupView | null;
  onClose: () => void;
  onSaved: () => void;
}

type GroupFormValues = Omit<GroupCreateInput, "description"> & { description?: string };

/** 新增 / 编辑分组: code, name, 归属单位, and the member units checked in the unit tree. */
export function GroupFormModal({ open, group, onClose, onSaved }: GroupFormModalProps) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [initialValues, setInitialValues] = useState<Partial<GroupFormValues> | null>(null);

  // Editing needs the members, which only the detail answer carries.
  useEffect(() => {
    if (!open) return setInitialValues(null);
    if (!group) return setInitialValues({ memberUnitIds: [] });
    let isCurrent = true;
    groupsApi
      .get(group.id)
      .then((detail) => {
        if (!isCurrent) return;
        setInitialValues({
          code: detail.code,
          name: detail.name,
          description: detail.description ?? undefined,
          ownerUnitId: detail.ownerUnitId,
          memberUnitIds: detail.members.map((member) => member.id),
        });
      })
      .catch((error: unknown) => {
        showError(error);
        onClose();
      });
    return () => {
      isCurrent = false;
    };
  }, [open, group, showError, onClose]);

  async function handleSubmit(values: GroupFormValues) {
    const input: GroupCreateInput = {
      ...values,
      description: values.description?.trim() || null,
      ownerUnitId: values.ownerUnitId ?? null,
      memberUnitIds: values.memberUnitIds ?? [],
    };
    if (group) await groupsApi.update(group.id, input);
    else await groupsApi.create(input);
  }

  return (
    <FormModal<GroupFormValues>
      key={initialValues ? "ready" : "loading"}
      title={group ? t("group.editTitle") : t("group.createTitle")}
      open={open}
      onClose={onClose}
      onSubmit={handleSubmit}
      onSaved={onSaved}
      initialValues={initialValues ?? {}}
      submitTestId="group-form-submit"
      width={680}
    >
      {initialValues ? (
        <>
          <Form.Item name="code" label={t("group.code")} rules={textRules(t, t("group.code"), LIMITS.codeMax)}>
            <Input data-testid="group-form-code" />
          </Form.Item>
          <Form.Item name="name" label={t("group.name")} rules={textRules(t, t("group.name"), LIMITS.nameMax)}>
            <Input data-testid="group-form-name" />
          </Form.Item>
          <Form.Item name="description" label={t("group.description")} rules={textRules(t, t("group.description"), 1000, false)}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="ownerUnitId" label={t("group.owner")}>
            <UnitTreeSelect data-testid="group-form-owner" />
          </Form.Item>
          <Form.Item name="memberUnitIds" label={t("group.members")}>
            <UnitTreeSelect multiple placeholder={t("group.membersPlaceholder")} data-testid="group-form-members" />
          </Form.Item>
        </>
      ) : (
        <Spin style={{ display: "block", margin: "40px auto" }} />
      )}
    </FormModal>
  );
}
