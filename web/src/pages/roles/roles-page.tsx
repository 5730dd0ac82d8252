import { PERMISSIONS as P, type RoleView } from "@kaoping/core";
import { Button, Card, Flex, Table, type TableColumnsType, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { rolesApi } from "../../api/users.ts";
import { usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { RoleFormModal } from "./role-form-modal.tsx";

/** 角色权限: the built-in roles with their permissions and data scope (数据权限). */
export function RolesPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const can = usePermission();
  const [roles, setRoles] = useState<RoleView[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const [editing, setEditing] = useState<RoleView | null>(null);

  const load = useCallback(() => {
    setIsLoading(true);
    rolesApi
      .list()
      .then(setRoles)
      .catch(showError)
      .finally(() => setIsLoading(false));
  }, [showError]);
  useEffect(load, [load]);

  const columns: TableColumnsType<RoleView> = [
    { key: "name", title: t("role.name"), render: (_, role) => t(`enum.role.${role.code}`), width: 140 },
    { key: "code", dataIndex: "code", title: t("role.code"), width: 150 },
    { key: "description", dataIndex: "description", title: t("role.description"), width: 220 },
    {
      key: "dataScope",
      title: t("role.dataScope"),
      width: 160,
      render: (_, role) => (
        <Flex vertical gap={4} align="start">
          <Tag color="purple">{t(`enum.dataScope.${role.dataScope}`)}</Tag>
          {role.dataScope === "custom" && t("role.scopeUnitCount", { count: role.scopeUnitIds.length })}
        </Flex>
      ),
    },
    {
      key: "permissions",
      title: t("role.permissions"),
      render: (_, role) => (
        <Flex wrap gap={4}>
          {role.permissions.map((perm) => (
            <Tag key={perm}>{t(`enum.permission.${perm}`)}</Tag>
          ))}
        </Flex>
      ),
    },
  ];
  if (can(P.roleManage)) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      width: 80,
      render: (_, role) => (
        <Button type="link" size="small" onClick={() => setEditing(role)}>
          {t("common.edit")}
        </Button>
      ),
    });
  }

  return (
    <Card>
      <Table<RoleView>
        rowKey="code"
        columns={columns}
        dataSource={roles}
        loading={isLoading}
        pagination={false}
        data-testid="roles-table"
      />
      <RoleFormModal role={editing} onClose={() => setEditing(null)} onSaved={load} />
    </Card>
  );
}
