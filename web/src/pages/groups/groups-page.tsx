import { PlusOutlined } from "@ant-design/icons";
import { type GroupView, PERMISSIONS as P } from "@kaoping/core";
import { App, Button, Input, Popconfirm, Space } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { groupsApi } from "../../api/groups.ts";
import { Authorized, usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { usePagedQuery } from "../../components/use-paged-query.ts";
import { GroupFormModal } from "./group-form-modal.tsx";

type Editing = { group: GroupView | null } | null;

/** 单位分组: named sets of units (“全区28家在线办事部门”); create, edit members, delete. */
export function GroupsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = usePermission();
  const [editing, setEditing] = useState<Editing>(null);
  const query = usePagedQuery<GroupView, { q?: string }>(groupsApi.list);
  const handleClose = useCallback(() => setEditing(null), []);

  async function handleDelete(group: GroupView) {
    try {
      await groupsApi.remove(group.id);
      void message.success(t("common.deleted"));
      query.reload();
    } catch (error) {
      showError(error);
    }
  }

  const columns: QueryColumn<GroupView>[] = [
    { key: "code", dataIndex: "code", title: t("group.code") },
    { key: "name", dataIndex: "name", title: t("group.name") },
    { key: "description", dataIndex: "description", title: t("group.description"), ellipsis: true },
    { key: "owner", dataIndex: "ownerUnitName", title: t("group.owner") },
    { key: "memberCount", dataIndex: "memberCount", title: t("group.memberCount"), align: "right" },
    { key: "updatedAt", dataIndex: "updatedAt", title: t("common.updatedAt"), render: formatDateTime },
  ];
  if (can(P.groupManage)) {
    columns.push({
      key: "actions",
      title: t("common.actions"),
      fixed: "right",
      render: (_, group) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ group })}>
            {t("common.edit")}
          </Button>
          <Popconfirm title={t("group.deleteConfirm", { name: group.name })} onConfirm={() => handleDelete(group)}>
            <Button type="link" size="small" danger>
              {t("common.delete")}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <QueryForm<{ q?: string }>
        fields={[
          {
            name: "q",
            label: t("unit.keyword"),
            control: <Input allowClear placeholder={t("group.keywordPlaceholder")} />,
          },
        ]}
        onSearch={query.search}
      />
      <QueryTable
        query={query}
        columns={columns}
        rowKey="id"
        data-testid="groups-table"
        toolbar={
          <Authorized perm={P.groupManage}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ group: null })} data-testid="group-create">
              {t("common.create")}
            </Button>
          </Authorized>
        }
      />
      <GroupFormModal open={editing !== null} group={editing?.group ?? null} onClose={handleClose} onSaved={query.reload} />
    </Space>
  );
}
