import { LockOutlined, PlusOutlined } from "@ant-design/icons";
import { PERMISSIONS as P, USER_STATUSES, type UserView } from "@kaoping/core";
import { App, Button, Input, Popconfirm, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type UserFilters, usersApi } from "../../api/users.ts";
import { Authorized, usePermission } from "../../app/permission.tsx";
import { useEnumOptions } from "../../components/enum-options.ts";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { StatusTag } from "../../components/status-tag.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { ResetPasswordModal } from "./reset-password-modal.tsx";
import { UserFormModal } from "./user-form-modal.tsx";

type Editing = { user: UserView | null } | null;

/** 用户管理: users of the unit chosen in the tree; create, edit, reset password, unlock, enable/disable. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = usePermission();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const query = usePagedQuery<UserView, UserFilters>(usersApi.list, unitId ? { unitId } : {});
  const statusOptions = useEnumOptions("userStatus", USER_STATUSES);

  async function run(action: Promise<unknown>, doneText: string) {
    try {
      await action;
      void message.success(doneText);
      query.reload();
    } catch (error) {
      showError(error);
    }
  }

  const columns: QueryColumn<UserView>[] = [
    { key: "username", dataIndex: "username", title: t("user.username") },
    { key: "displayName", dataIndex: "displayName", title: t("user.displayName") },
    { key: "unitName", dataIndex: "unitName", title: t("user.unit") },
    {
      key: "roleCodes",
      dataIndex: "roleCodes",
      title: t("user.roles"),
      render: (codes: UserView["roleCodes"]) =>
        codes.map((code) => (
          <Tag key={code} color="blue">
            {t(`enum.role.${code}`)}
          </Tag>
        )),
    },
    {
      key: "status",
      dataIndex: "status",
      title: t("user.status"),
      render: (status: UserView["status"]) => <StatusTag status={status} kind="userStatus" />,
    },
    {
      key: "isLocked",
      title: t("user.locked"),
      render: (_, user) => (
        <>
          {user.isLocked && (
            <Tag color="error" icon={<LockOutlined />}>
              {t("user.lockedTag")}
            </Tag>
          )}
          {user.mustChangePassword && <Tag color="warning">{t("user.mustChange")}</Tag>}
        </>
      ),
    },
    { key: "lastLoginAt", dataIndex: "lastLoginAt", title: t("user.lastLogin"), render: formatDateTime },
  ];
  if (can(P.userManage)) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, user) => {
        const isActive = user.status === "active";
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing({ user })}>
              {t("common.edit")}
            </Button>
            <Button type="link" size="small" onClick={() => setResetting(user)}>
              {t("user.resetPassword")}
            </Button>
            {user.isLocked && (
              <Popconfirm
                title={t("user.unlockConfirm", { name: user.displayName })}
                onConfirm={() => run(usersApi.unlock(user.id), t("user.unlocked"))}
              >
                <Button type="link" size="small">
                  {t("user.unlock")}
                </Button>
              </Popconfirm>
            )}
            <Popconfirm
              title={t(isActive ? "user.disableConfirm" : "user.enableConfirm", { name: user.displayName })}
              onConfirm={() => run(usersApi.update(user.id, { status: isActive ? "disabled" : "active" }), t("common.saved"))}
            >
              <Button type="link" size="small" danger={isActive}>
                {isActive ? t("common.disable") : t("common.enable")}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    });
  }

  return (
    <UnitTreeLayout selectedId={unitId} onSelect={(unit) => setUnitId(unit?.id ?? null)}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<UserFilters>
          fields={[
            {
              name: "q",
              label: t("unit.keyword"),
              control: <Input allowClear placeholder={t("user.keywordPlaceholder")} />,
            },
            {
              name: "status",
              label: t("user.status"),
              control: <Select allowClear options={statusOptions} placeholder={t("common.all")} />,
            },
          ]}
          onSearch={query.search}
        />
        <QueryTable
          query={query}
          columns={columns}
          rowKey="id"
          data-testid="users-table"
          toolbar={
            <Authorized perm={P.userManage}>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })} data-testid="user-create">
                {t("common.create")}
              </Button>
            </Authorized>
          }
        />
      </Space>
      <UserFormModal
        open={editing !== null}
        user={editing?.user ?? null}
        defaultUnitId={unitId}
        onClose={() => setEditing(null)}
        onSaved={query.reload}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </UnitTreeLayout>
  );
}
