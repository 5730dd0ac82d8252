import { Table } from "antd";
import { useTranslation } from "react-i18next";
import type { QueryColumn } from "../../components/query-table.tsx";
import { useDefectColumns } from "./defect-columns.tsx";
import type { ItemDefect } from "./guides-api.ts";

/** 待整改问题: the item's open defects, each with its owner kind and the fix to make. */
export function ItemDefectsTab({ defects }: { defects: ItemDefect[] }) {
  const { t } = useTranslation();
  const common = useDefectColumns<ItemDefect>();
  const columns: QueryColumn<ItemDefect>[] = [
    common.element,
    common.group,
    common.problem,
    common.path,
    common.fix,
    common.channel,
    {
      key: "ownership",
      dataIndex: "ownership",
      title: t("guide.ownership"),
      render: (o: string) => t(`guide.ownershipKind.${o}`, { defaultValue: o }),
    },
    common.createdAt,
  ];
  return (
    <Table<ItemDefect>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={defects}
      pagination={false}
      scroll={{ x: "max-content" }}
      data-testid="guide-open-defects"
    />
  );
}
