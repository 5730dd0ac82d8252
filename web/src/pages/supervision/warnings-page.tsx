import { PERMISSIONS as P, type WarningSeverity, type WarningView } from "@kaoping/core";
import { Button, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePermission } from "../../app/permission.tsx";
import { ExportButton } from "../../components/export-button.tsx";
import { FormModal } from "../../components/form-modal.tsx";
import { formatDateTime } from "../../components/format.ts";
import { type QueryField, QueryForm } from "../../components/query-form.tsx";
import { type QueryColumn, QueryTable } from "../../components/query-table.tsx";
import { UnitTreeLayout } from "../../components/unit-tree-layout.tsx";
import type { PageQuery } from "../../components/use-paged-query.ts";
import { YesNoSelect } from "../../components/yes-no-select.tsx";
import { CaseDetailDrawer } from "../cases/case-detail-drawer.tsx";
import { rangeQuery } from "../cases/case-labels.ts";
import type { CaseKey } from "../cases/cases-api.ts";
import { CutCell } from "./cut-cell.tsx";
import { LinkedListNote, useLinkedList } from "./link-filters.tsx";
import { WARNING_LINK_SPEC } from "./link-spec.ts";
import { OrderDrawer } from "./order-drawer.tsx";
import { supervisionApi, type WarningQuery } from "./supervision-api.ts";
import {
  ORDER_STATUS_COLORS,
  orderStatusLabel,
  ruleKindOptions,
  SEVERITY_COLORS,
  severityLabel,
  severityOptions,
} from "./supervision-labels.ts";
import { cellWidth, WARNING_WIDTHS } from "./table-widths.ts";

type WarningFilters = Omit<WarningQuery, "from" | "to" | "page" | "pageSize"> & { range?: [Dayjs, Dayjs] };
type Counts = Record<WarningSeverity, number>;

/**
 * 预警台账: the unit tree, a query form, the warnings newest first with their counts per severity;
 * a case number opens the case's clock, 督办 issues an order (the office), an order number opens it.
 */
export function WarningsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [openedCase, setOpenedCase] = useState<CaseKey | null>(null);
  const [openedOrder, setOpenedOrder] = useState<string | null>(null);
  const [issuing, setIssuing] = useState<WarningView | null>(null);
  const fetchPage = useCallback(async ({ range, ...rest }: Partial<WarningFilters> & PageQuery) => {
    const view = await supervisionApi.warnings({ ...(range ? rangeQuery(range) : {}), ...rest });
    setCounts(view.bySeverity);
    return view;
  }, []);
  const { query, tree, form, formKey, note } = useLinkedList<WarningView, WarningFilters>(fetchPage, WARNING_LINK_SPEC);

  const fields: QueryField[] = [
    { name: "caseNo", label: t("supervision.field.caseNo"), control: <Input allowClear data-testid="warning-search-no" /> },
    { name: "range", label: t("supervision.range"), control: <DatePicker.RangePicker style={{ width: "100%" }} /> },
    {
      name: "kind",
      label: t("supervision.field.kind"),
      control: <Select allowClear options={ruleKindOptions} placeholder={t("common.all")} />,
    },
    {
      name: "severity",
      label: t("supervision.field.severity"),
      control: <Select allowClear options={severityOptions} placeholder={t("common.all")} />,
    },
    {
      name: "unsupervised",
      label: t("supervision.unsupervised"),
      control: (
        <YesNoSelect yes={t("supervision.unsupervisedYes")} no={t("supervision.unsupervisedNo")} data-testid="warning-unsupervised" />
      ),
    },
  ];

  // Widths that fit the ledger beside the unit tree at 1366×768 (about 840 px): the time goes date
  // over time, long text is cut to its column in two lines (CutCell) with its whole in a tooltip — the explanation
  // also in the order's drawer — and the fixed 督办 column stays narrow (order number over status).
  const columns: QueryColumn<WarningView>[] = [
    {
      key: "at",
      title: t("supervision.field.at"),
      width: WARNING_WIDTHS.at,
      render: (_, w) => <span style={{ whiteSpace: "pre-line" }}>{formatDateTime(w.at).replace(" ", "\n")}</span>,
    },
    {
      key: "unitName",
      title: t("supervision.field.unit"),
      width: WARNING_WIDTHS.unitName,
      ellipsis: { showTitle: false },
      render: (_, w) => <CutCell text={w.unitName} width={WARNING_WIDTHS.unitName} />,
    },
    {
      key: "caseNo",
      title: t("supervision.field.caseNo"),
      width: WARNING_WIDTHS.caseNo,
      // Whole on two lines: the numbers share a long prefix, so a cut one would not tell cases apart.
      render: (_, w) => (
        <Typography.Link
          style={{ display: "block", maxWidth: cellWidth(WARNING_WIDTHS.caseNo), whiteSpace: "normal", wordBreak: "break-all" }}
          onClick={() => setOpenedCase(w)}
          data-testid="warning-case"
        >
          {w.caseNo}
        </Typography.Link>
      ),
    },
    {
      key: "rule",
      title: t("supervision.field.rule"),
      width: WARNING_WIDTHS.rule,
      ellipsis: { showTitle: false },
      render: (_, w) => <CutCell text={w.ruleName} width={WARNING_WIDTHS.rule} />,
    },
    {
      key: "severity",
      title: t("supervision.field.severity"),
      width: WARNING_WIDTHS.severity,
      render: (_, w) => <Tag color={SEVERITY_COLORS[w.severity]}>{severityLabel(w.severity)}</Tag>,
    },
    {
      key: "explanation",
      title: t("supervision.field.explanation"),
      width: WARNING_WIDTHS.explanation,
      ellipsis: { showTitle: false },
      render: (_, w) => <CutCell text={w.explanation} width={WARNING_WIDTHS.explanation} />,
    },
    {
      key: "order",
      title: t("supervision.field.order"),
      fixed: "right",
      width: WARNING_WIDTHS.order,
      render: (_, w) =>
        w.order ? (
          <Flex vertical align="start" gap={2}>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenedOrder(w.order!.id)} data-testid="warning-order">
              {w.order.orderNo}
            </Button>
            <Tag color={ORDER_STATUS_COLORS[w.order.status]}>{orderStatusLabel(w.order.status)}</Tag>
          </Flex>
        ) : can(P.orderManage) ? (
          <Button size="small" type="primary" ghost onClick={() => setIssuing(w)} data-testid="warning-issue">
            {t("supervision.issue")}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t("supervision.unsupervisedYes")}</Typography.Text>
        ),
    },
  ];

  return (
    <UnitTreeLayout {...tree}>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <QueryForm<WarningFilters> key={formKey} {...form} fields={fields} />
        <LinkedListNote {...note} />
        <QueryTable
          query={query}
          columns={columns}
          rowKey="id"
          title={t("supervision.menu.warnings")}
          toolbar={
            <>
              {counts && (
                <Typography.Text type="secondary" data-testid="warning-counts">
                  {t("supervision.counts", { total: query.total, ...counts })}
                </Typography.Text>
              )}
              <ExportButton onExport={() => supervisionApi.exportWarnings(query.filters)} testId="warnings-export" />
            </>
          }
          data-testid="warnings-table"
        />
      </Space>
      <CaseDetailDrawer caseKey={openedCase} onClose={() => setOpenedCase(null)} />
      <OrderDrawer orderId={openedOrder} onClose={() => setOpenedOrder(null)} onChanged={query.reload} />
      <IssueOrderModal warning={issuing} onClose={() => setIssuing(null)} onSaved={query.reload} />
    </UnitTreeLayout>
  );
}

interface IssueForm {
  instruction: string;
  replyDays: number;
}

/** 督办: the instruction and the reply deadline in working days (the server counts it on the calendar). */
function IssueOrderModal({ warning, onClose, onSaved }: { warning: WarningView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal<IssueForm>
      title={warning ? t("supervision.issueTitle", { caseNo: warning.caseNo, rule: warning.ruleName }) : ""}
      open={warning !== null}
      onClose={onClose}
      onSaved={onSaved}
      onSubmit={(values) => supervisionApi.issueOrder(warning!.id, values)}
      initialValues={{ instruction: t("supervision.defaultInstruction"), replyDays: 3 }}
      submitTestId="issue-submit"
    >
      <Form.Item name="instruction" label={t("supervision.field.instruction")} rules={[{ required: true, max: 500 }]}>
        <Input.TextArea rows={4} data-testid="issue-instruction" />
      </Form.Item>
      <Form.Item name="replyDays" label={t("supervision.field.replyDays")} rules={[{ required: true }]}>
        <InputNumber min={1} max={30} precision={0} style={{ width: "100%" }} data-testid="issue-days" />
      </Form.Item>
    </FormModal>
  );
}
