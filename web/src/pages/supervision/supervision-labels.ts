import { ORDER_STATUS, ORDER_STEP, type OrderStatus, WARNING_RULE_KIND, WARNING_SEVERITY, type WarningSeverity } from "@kaoping/core";

/** Tag colours: 红灯 red, 黄灯 gold, 提醒 blue; orders by who must act next. */
export const SEVERITY_COLORS: Record<WarningSeverity, string> = { red: "error", yellow: "warning", notice: "processing" };
export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  issued: "warning",
  replied: "processing",
  investigating: "error",
  corrected: "processing",
  closed: "success",
};

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
export const severityOptions = options(WARNING_SEVERITY.labels);
export const ruleKindOptions = options(WARNING_RULE_KIND.labels);
export const orderStatusOptions = options(ORDER_STATUS.labels);
export const severityLabel = (s: WarningSeverity) => WARNING_SEVERITY.labels[s];
export const orderStatusLabel = (s: OrderStatus) => ORDER_STATUS.labels[s];
export const orderStepLabel = (s: keyof typeof ORDER_STEP.labels) => ORDER_STEP.labels[s];
