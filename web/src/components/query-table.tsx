import { ReloadOutlined, SettingOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Flex, Popover, Space, Table, type TableColumnsType, Tooltip } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PagedQuery } from "./use-paged-query.ts";

/** A column with a stable key, so it can be hidden in the column settings. */
export type QueryColumn<T> = TableColumnsType<T>[number] & { key: string };

interface QueryTableProps<T, F> {
  query: PagedQuery<T, F>;
  columns: QueryColumn<T>[];
  /** A field, or a function when no single field is unique. */
  rowKey: (keyof T & string) | ((row: T) => string);
  /** A class per row (e.g. overdue rows tinted). */
  rowClassName?: (row: T) => string;
  title?: ReactNode;
  /** Buttons at the top: 新增 / 导入 / 导出 …, each wrapped in <Authorized>. */
  toolbar?: ReactNode;
  "data-testid"?: string;
}

/** The table half of the list pattern: toolbar, refresh, column settings, server-side pagination. */
export function QueryTable<T extends object, F>({ query, columns, rowKey, rowClassName, title, toolbar, ...rest }: QueryTableProps<T, F>) {
  const { t } = useTranslation();
  const [hiddenKeys, setHiddenKeys] = useState<string[]>([]);
  const visibleColumns = columns.filter((column) => !hiddenKeys.includes(column.key));

  const columnSettings = (
    <Checkbox.Group
      value={columns.map((column) => column.key).filter((key) => !hiddenKeys.includes(key))}
      onChange={(checked) => setHiddenKeys(columns.map((column) => column.key).filter((key) => !checked.includes(key)))}
    >
      <Space orientation="vertical">
        {columns.map((column) => (
          <Checkbox key={column.key} value={column.key}>
            {typeof column.title === "function" ? column.key : column.title}
          </Checkbox>
        ))}
      </Space>
    </Checkbox.Group>
  );

  return (
    <Card>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} gap={8} wrap>
        <Space wrap>
          {title && <strong>{title}</strong>}
          {toolbar}
        </Space>
        <Space>
          <Tooltip title={t("common.refresh")}>
            <Button type="text" icon={<ReloadOutlined />} onClick={query.reload} />
          </Tooltip>
          <Popover content={columnSettings} trigger="click" placement="bottomRight" title={t("common.columns")}>
            <Button type="text" icon={<SettingOutlined />} aria-label={t("common.columns")} />
          </Popover>
        </Space>
      </Flex>
      <Table<T>
        data-testid={rest["data-testid"]}
        rowKey={rowKey}
        rowClassName={rowClassName}
        columns={visibleColumns}
        dataSource={query.rows}
        loading={query.isLoading}
        scroll={{ x: "max-content" }}
        size="middle"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: query.total,
          showSizeChanger: true,
          showTotal: (total) => t("common.total", { total }),
          onChange: query.setPage,
        }}
      />
    </Card>
  );
}
