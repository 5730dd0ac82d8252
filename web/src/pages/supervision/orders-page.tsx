import type { OrderView } from "@kaoping/core";
import { Button, Flex, Select, Space, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ExportButton } from "../../components/export-button.tsx";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import type { PageQuery } from "../../components/use-paged-query.ts";
import { YesNoSelect } from "../../components/yes-no-select.tsx";
import { CutCell } from "./cut-cell.tsx";
import { LinkedListNote, useLinkedList } from "./link-filters.tsx";
import { ORDER_LINK_SPEC } from "./link-spec.ts";
import { OrderDrawer } from "./order-drawer.tsx";
import { type OrderQuery, supervisionApi } from "./supervision-api.ts";
import { ORDER_STATUS_COLORS, orderStatusLabel, orderStatusOptions, SEVERITY_COLORS, severityLabel } from "./supervision-labels.ts";
import { cellWidth, ORDER_WIDTHS } from "./table-widths.ts";

type OrderFilters = Omit<OrderQuery, "page" | "pageSize">;

/**
 * 督办单: those waiting on the unit first, overdue replies marked at a glance; an order opens with
 * its timeline and the step the reader may take. A notification's link (?id=) opens its order.
 */
export function OrdersPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [opened, setOpened] = useState<string | null>(searchParams.get("id"));
  const fetchPage = useCallback((query: Partial<OrderFilters> & PageQuery) => supervisionApi.orders(query), []);
  const { query, tree, form, formKey, note } = useLinkedList<OrderView, OrderFilters>(fetchPage, ORDER_LINK_SPEC);

  const fields: QueryField[] = [
    {
      name: "status",
      label: t("supervision.field.status"),
      control: <Select allowClear options={orderStatusOptions} placeholder={t("common.all")} />,
    },
    {
      name: "overdue",
      label: t("supervision.overdueOnly"),
      control: <YesNoSelect />,
    },
  ];
  // Widths that fit beside the unit tree at 1366×768 (table-widths.ts): the case number goes under
  // the order's number, tags stack, so 督办时间, 反馈期限 and 催办次数 stay in sight.
  const columns: QueryColumn<OrderView>[] = [
    {
      key: "orderNo",
      title: t("supervision.field.orderNo"),
      fixed: "left",
      width: ORDER_WIDTHS.orderNo,
      render: (_, o) => (
        <Flex vertical align="start" gap={0}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpened(o.id)} data-testid="order-open">
            {o.orderNo}
          </Button>
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12, maxWidth: cellWidth(ORDER_WIDTHS.orderNo) }}
            ellipsis={{ tooltip: o.warning.caseNo }}
          >
            {o.warning.caseNo}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: "unit",
      title: t("supervision.field.unit"),
      width: ORDER_WIDTHS.unit,
      ellipsis: { showTitle: false },
      render: (_, o) => <CutCell text={o.warning.unitName} width={ORDER_WIDTHS.unit} />,
    },
    {
      key: "rule",
      title: t("supervision.field.rule"),
      width: ORDER_WIDTHS.rule,
      render: (_, o) => (
        <Flex wrap align="center" gap={4}>
          {o.warning.ruleName}
          <Tag color={SEVERITY_COLORS[o.warning.severity]}>{severityLabel(o.warning.severity)}</Tag>
        </Flex>
      ),
    },
    {
      key: "status",
      title: t("supervision.field.status"),
      width: ORDER_WIDTHS.status,
      render: (_, o) => (
        <Flex vertical align="start" gap={4}>
          <Tag color={ORDER_STATUS_COLORS[o.status]}>{orderStatusLabel(o.status)}</Tag>
          {o.isReplyLate && <Tag color="error">{t("supervision.replyLate")}</Tag>}
        </Flex>
      ),
    },
    { key: "issuedAt", title: t("supervision.field.issuedAt"), width: ORDER_WIDTHS.issuedAt, render: (_, o) => formatDateTime(o.issuedAt) },
    {
      key: "dueAt",
      title: t("supervision.field.dueAt"),
      width: ORDER_WIDTHS.dueAt,
      render: (_, o) => (
        <Flex vertical align="start" gap={2}>
          <Typography.Text type={o.isOverdue ? "danger" : undefined} data-overdue={o.isOverdue}>
            {formatDateTime(o.dueAt)}
          </Typography.Text>
          {o.isOverdue && <Tag color="error">{t("supervision.overdue")}</Tag>}
        </Flex>
      ),
    },
    { key: "urgeCount", dataIndex: "urgeCount", title: t("supervision.field.urgeCount"), width: ORDER_WIDTHS.urgeCount, align: "right" },
  ];

  return (
    <UnitTreeLayout {...tree}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<OrderFilters> key={formKey} {...form} fields={fields} />
        <LinkedListNote {...note} />
        <QueryTable
          query={query}
          columns={columns}
          rowKey="id"
          title={t("supervision.menu.orders")}
          toolbar={<ExportButton onExport={() => supervisionApi.exportOrders(query.filters)} testId="orders-export" />}
          data-testid="orders-table"
        />
      </Space>
      <OrderDrawer orderId={opened} onClose={() => setOpened(null)} onChanged={query.reload} />
    </UnitTreeLayout>
  );
}
