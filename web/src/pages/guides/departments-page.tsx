import { Card, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLoaded } from "../campaigns/use-loaded.ts";
import { DepartmentDrawer } from "./department-drawer.tsx";
import { AccuracyTag } from "./guide-tags.tsx";
import { type DepartmentRow, guidesApi } from "./guides-api.ts";

/** 部门准确度: departments ranked by the accuracy of their guides; a click opens one department. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const loaded = useLoaded("departments", guidesApi.departments);
  const [openId, setOpenId] = useState<string | null>(null);
  const columns = [
    { key: "rank", title: t("guide.rank"), width: 70, render: (_: unknown, __: DepartmentRow, index: number) => index + 1 },
    {
      key: "name",
      dataIndex: "name",
      title: t("guide.unit"),
      render: (name: string, row: DepartmentRow) => (
        <Typography.Link onClick={() => setOpenId(row.id)} data-testid="department-link">
          {name}
        </Typography.Link>
      ),
    },
    { key: "guides", dataIndex: "guides", title: t("guide.guideCount"), align: "right" as const },
    {
      key: "accuracy",
      dataIndex: "accuracy",
      title: t("guide.accuracy"),
      align: "right" as const,
      render: (a: number) => <AccuracyTag accuracy={a} />,
    },
    { key: "openDefects", dataIndex: "openDefects", title: t("guide.openDefects"), align: "right" as const },
  ];
  return (
    <Card title={t("guide.departmentsTitle")}>
      <Table<DepartmentRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={loaded.data ?? []}
        loading={loaded.isLoading}
        pagination={false}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: "pointer" } })}
        data-testid="departments-table"
      />
      <DepartmentDrawer unitId={openId} onClose={() => setOpenId(null)} onConfirmed={() => void loaded.reload()} />
    </Card>
  );
}
