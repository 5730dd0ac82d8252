import { ORDER_REPLY_MAX, ORDER_TRANSITIONS, type OrderDetailView, PERMISSIONS as P } from "@kaoping/core";

import { App, Button, Descriptions, Drawer, Flex, Input, InputNumber, Space, Spin, Tag, Timeline, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiRequestError } from "../../api/client.ts";
import { usePermission } from "../../app/permission.tsx";
import { useShowError } from "../../components/feedback.ts";
import { formatDateTime } from "../../components/format.ts";
import { noAttachments, type PickedAttachments } from "../../components/picked-attachments.ts";
import { AttachmentLinks, AttachmentUpload } from "../../components/step-attachments.tsx";
import { supervisionApi } from "./supervision-api.ts";
import { ORDER_STATUS_COLORS, orderStatusLabel, orderStepLabel, SEVERITY_COLORS, severityLabel } from "./supervision-labels.ts";

const may = (order: OrderDetailView, action: keyof typeof ORDER_TRANSITIONS) =>
  (ORDER_TRANSITIONS[action].from as readonly string[]).includes(order.status);

/** A 督办单: its warning, its deadlines, its timeline, and the step the reader may take now. */
export function OrderDrawer({ orderId, onClose, onChanged }: { orderId: string | null; onClose: () => void; onChanged?: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [order, setOrder] = useState<OrderDetailView | null>(null);

  const load = useCallback(() => {
    if (!orderId) return;
    supervisionApi.order(orderId).then(setOrder).catch(showError);
  }, [orderId, showError]);
  useEffect(() => {
    setOrder(null);
    load();
  }, [load]);

  return (
    <Drawer
      open={orderId !== null}
      onClose={onClose}
      size={760}
      title={order ? t("supervision.orderTitle", { orderNo: order.orderNo }) : ""}
      data-testid="order-drawer"
      destroyOnHidden
      extra={
        order && (
          <Link to={`/supervision/orders/${order.id}/notice`} target="_blank" data-testid="order-print">
            {t("supervision.print")}
          </Link>
        )
      }
    >
      {order ? (
        <OrderBody
          order={order}
          onChanged={(next) => {
            setOrder(next);
            onChanged?.();
          }}
          onStale={() => {
            load();
            onChanged?.();
          }}
        />
      ) : (
        <Spin style={{ display: "block", margin: "20vh auto" }} />
      )}
    </Drawer>
  );
}

interface OrderProps {
  order: OrderDetailView;
  onChanged: (order: OrderDetailView) => void;
  /** The order moved on elsewhere (another tab, another person): read it again. */
  onStale: () => void;
}

function OrderBody({ order, onChanged, onStale }: OrderProps) {
  const { t } = useTranslation();
  const w = order.warning;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions bordered size="small" column={2} data-testid="order-fields">
        <Descriptions.Item label={t("supervision.field.status")}>
          <Tag color={ORDER_STATUS_COLORS[order.status]} data-testid="order-status" data-status={order.status}>
            {orderStatusLabel(order.status)}
          </Tag>
          {order.isReplyLate !== null && (
            <Tag color={order.isReplyLate ? "error" : "success"} data-testid="order-reply-late">
              {t(order.isReplyLate ? "supervision.replyLate" : "supervision.replyOnTime")}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.unit")}>{w.unitName}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.caseNo")}>{w.caseNo}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.rule")}>
          {w.ruleName} <Tag color={SEVERITY_COLORS[w.severity]}>{severityLabel(w.severity)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.explanation")} span={2}>
          {w.explanation}
        </Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.instruction")} span={2}>
          {order.instruction}
        </Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.issuedAt")}>{formatDateTime(order.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.dueAt")}>
          <Typography.Text type={order.isOverdue ? "danger" : undefined}>{formatDateTime(order.dueAt)}</Typography.Text>
          {order.isOverdue && <Tag color="error">{t("supervision.overdue")}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.urgeCount")}>{order.urgeCount}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.field.repliedAt")}>{formatDateTime(order.repliedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t("supervision.timeline")}</Typography.Title>
      <Timeline
        data-testid="order-steps"
        items={order.steps.map((step) => ({
          color: step.kind === "urge" || step.kind === "escalate" ? "red" : step.kind === "close" ? "green" : "blue",
          content: (
            <div data-step={step.kind}>
              <Typography.Text strong>{orderStepLabel(step.kind)}</Typography.Text>{" "}
              <Typography.Text type="secondary">
                {formatDateTime(step.at)} · {step.actorName ?? t("supervision.system")}
                {step.dueAt && ` · ${t(stepDueKey(step.kind), { due: formatDateTime(step.dueAt) })}`}
              </Typography.Text>
              {step.text && <Typography.Paragraph style={{ margin: 0 }}>{step.text}</Typography.Paragraph>}
              <AttachmentLinks attachments={step.attachments} hrefOf={(a) => supervisionApi.attachmentUrl(order.id, a.id)} />
            </div>
          ),
        }))}
      />
      <OrderActions order={order} onChanged={onChanged} onStale={onStale} />
    </Space>
  );
}

/** The unit's answer or the office's decision, as the status and the reader's permissions allow. */
function OrderActions({ order, onChanged, onStale }: OrderProps) {
  const { t } = useTranslation();
  const can = usePermission();
  const { message } = App.useApp();
  const showError = useShowError();
  const [text, setText] = useState("");
  const [correctionDays, setCorrectionDays] = useState(10);
  // The reply's files: a new upload list (remounted by its key) after each step taken.
  const [attachments, setAttachments] = useState<PickedAttachments>(noAttachments);
  const [taken, setTaken] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  const canAnswer = can(P.orderReply) && (may(order, "reply") || may(order, "correct"));
  const canDecide = can(P.orderManage) && may(order, "close");
  if (!canAnswer && !canDecide) return null;

  async function run(step: () => Promise<OrderDetailView>) {
    setIsBusy(true);
    try {
      onChanged(await step());
      setText("");
      setAttachments(noAttachments);
      setTaken((n) => n + 1);
      void message.success(t("common.saved"));
    } catch (error) {
      showError(error);
      // A 409: the order is no longer in the state this drawer shows; show the one it is in.
      if (error instanceof ApiRequestError && error.status === 409) onStale();
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Input.TextArea
        showCount
        maxLength={ORDER_REPLY_MAX}
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t("supervision.replyPlaceholder")}
        aria-label={t("supervision.field.text")}
        data-testid="order-text"
      />
      {canAnswer && <AttachmentUpload key={taken} onChange={setAttachments} testId="order-attachments" />}
      <Flex gap={8} wrap align="center">
        {canAnswer && (
          <Button
            type="primary"
            loading={isBusy}
            disabled={!text.trim() || attachments.isUploading}
            onClick={() => run(() => supervisionApi.reply(order.id, text, attachments.ids))}
            data-testid="order-reply"
          >
            {t(order.status === "investigating" ? "supervision.correct" : "supervision.reply")}
          </Button>
        )}
        {canDecide && (
          <Button type="primary" loading={isBusy} onClick={() => run(() => supervisionApi.close(order.id, text))} data-testid="order-close">
            {t("supervision.close")}
          </Button>
        )}
        {canDecide && may(order, "investigate") && (
          <>
            <Button
              danger
              loading={isBusy}
              disabled={!text.trim()}
              onClick={() => run(() => supervisionApi.investigate(order.id, { text, correctionDays }))}
              data-testid="order-investigate"
            >
              {t("supervision.investigate")}
            </Button>
            <Typography.Text type="secondary">{t("supervision.field.correctionDays")}</Typography.Text>
            <InputNumber
              min={1}
              max={60}
              precision={0}
              value={correctionDays}
              onChange={(v) => setCorrectionDays(v ?? 10)}
              aria-label={t("supervision.field.correctionDays")}
            />
          </>
        )}
      </Flex>
    </Space>
  );
}

/** The deadline a step set says which it is: the first one at issue, the correction's, else a 催办's new one. */
const stepDueKey = (kind: string) =>
  kind === "issue" || kind === "investigate" ? (`supervision.stepDue.${kind}` as const) : ("supervision.newDue" as const);
