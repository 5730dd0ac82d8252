import {
  COMPLAINT_FINDING,
  COMPLAINT_KIND,
  type ComplaintFinding,
  type ComplaintKind,
  ORDER_STATUS,
  ORDER_STEP,
  type OrderStatus,
  WARNING_RULE_KIND,
  WARNING_SEVERITY,
  type WarningSeverity,
} from "@kaoping/core";

/** Tag colours: 红灯 red, 黄灯 gold, 提醒 blue; orders by who must act next. */
export const SEVERITY_COLORS: Record<WarningSeverity, string> = { red: "error", yellow: "warning", notice: "processing" };
export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  issued: "warning",
  replied: "processing",
  investigating: "error",
  corrected: "processing",
  closed: "success",
};
/** 属实 counts against the unit (red); 核查中 is still open; 不属实 costs nothing. */
export const COMPLAINT_FINDING_COLORS: Record<ComplaintFinding, string> = {
  pending: "processing",
  substantiated: "error",
  unfounded: "default",
};
export const COMPLAINT_KIND_COLORS: Record<ComplaintKind, string> = { efficiency_complaint: "orange", media_exposure: "purple" };

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
export const severityOptions = options(WARNING_SEVERITY.labels);
export const ruleKindOptions = options(WARNING_RULE_KIND.labels);
export const orderStatusOptions = options(ORDER_STATUS.labels);
export const complaintKindOptions = options(COMPLAINT_KIND.labels);
export const complaintFindingOptions = options(COMPLAINT_FINDING.labels);
export const severityLabel = (s: WarningSeverity) => WARNING_SEVERITY.labels[s];
export const orderStatusLabel = (s: OrderStatus) => ORDER_STATUS.labels[s];
export const orderStepLabel = (s: keyof typeof ORDER_STEP.labels) => ORDER_STEP.labels[s];
export const complaintKindLabel = (k: ComplaintKind) => COMPLAINT_KIND.labels[k];
export const complaintFindingLabel = (f: ComplaintFinding) => COMPLAINT_FINDING.labels[f];
