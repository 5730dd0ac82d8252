import type { OrderDetailView } from "@kaoping/core";
import { Button, Card, Descriptions, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { noticeAsk } from "./order-notice.ts";
import { supervisionApi } from "./supervision-api.ts";
import { orderStatusLabel } from "./supervision-labels.ts";

/**
 * 督办通知单: the order as a printable notice (the page prints alone: app.css hides the shell). Under
 * the instruction, the reply deadline the order was issued with — or, past 待反馈, the order's state
 * and no request to reply (order-notice.ts).
 */
export function OrderNoticePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const showError = useShowError();
  const [order, setOrder] = useState<OrderDetailView | null>(null);
  useEffect(() => {
    if (id) supervisionApi.order(id).then(setOrder).catch(showError);
  }, [id, showError]);
  if (!order) return <Spin style={{ display: "block", margin: "20vh auto" }} />;
  const w = order.warning;
  const ask = noticeAsk(order);
  return (
    <Card
      className="print-area"
      title={t("supervision.noticeTitle")}
      extra={
        <Button className="no-print" onClick={() => window.print()} data-testid="notice-print">
          {t("supervision.print")}
        </Button>
      }
      data-testid="order-notice"
    >
      <Typography.Paragraph strong style={{ textAlign: "right" }}>
        {order.orderNo}
      </Typography.Paragraph>
      <Typography.Paragraph>{t("supervision.noticeTo", { unit: w.unitName })}</Typography.Paragraph>
      <Typography.Paragraph>
        {t("supervision.noticeBody", {
          caseNo: w.caseNo,
          item: order.itemName ?? w.itemCode,
          rule: w.ruleName,
          explanation: w.explanation,
        })}
      </Typography.Paragraph>
      <Typography.Paragraph>{order.instruction}</Typography.Paragraph>
      {ask.kind === "reply" ? (
        <>
          <Typography.Paragraph strong data-testid="notice-ask">
            {t("supervision.noticeDue", { due: formatDateTime(ask.due) })}
          </Typography.Paragraph>
          {ask.urged && (
            <Typography.Paragraph>
              {t("supervision.noticeUrged", { count: ask.urged.count, due: formatDateTime(ask.urged.due) })}
            </Typography.Paragraph>
          )}
        </>
      ) : (
        <Typography.Paragraph strong data-testid="notice-state" data-status={ask.status}>
          {t(`supervision.noticeState.${ask.status}`, {
            at: ask.at ? formatDateTime(ask.at) : "—",
            due: ask.due ? formatDateTime(ask.due) : "—",
            late: t(ask.isReplyLate ? "supervision.replyLate" : "supervision.replyOnTime"),
          })}
        </Typography.Paragraph>
      )}
      <Descriptions size="small" column={1} bordered style={{ margin: "16px 0" }}>
        <Descriptions.Item label={t("supervision.field.rule")}>{w.ruleName}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.at")}>{formatDateTime(w.at)}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.noticeFirstDue")}>{formatDateTime(order.firstDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.status")}>{orderStatusLabel(order.status)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ textAlign: "right" }}>
        {t("supervision.noticeIssuer", { at: formatDateTime(order.issuedAt) })}
      </Typography.Paragraph>
    </Card>
  );
}
