/** 电子监察's API: the warning ledger and the rule set (docs/supervision.md). */
import { z } from "zod";
import { cstDate } from "../calendar/working-days.ts";
import type { Card, CardThresholds, UnitSupervisionCounts } from "../supervision/cards.ts";
import { COMPLAINT_FINDING, COMPLAINT_KIND, type ComplaintFinding, type ComplaintKind } from "../supervision/complaints.ts";
import { ORDER_DEFAULTS, ORDER_STATUS, type OrderStatus, type OrderStep } from "../supervision/orders.ts";
import {
  WARNING_RULE_KIND,
  WARNING_SEVERITY,
  type WarningRule,
  type WarningRuleKind,
  type WarningSeverity,
  warningRuleSchema,
} from "../supervision/rules.ts";
import { type AttachmentView, attachmentIdsSchema } from "./attachments.ts";
import type { CaseRef } from "./cases.ts";
import { idSchema, isoDateSchema, pageQuerySchema } from "./common.ts";

const isoDate = isoDateSchema;

/** The ledger's filters: a unit and its subtree, the day the condition arose, rule kind, severity, a case. */
export const warningListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(WARNING_RULE_KIND.values).optional(),
  severity: z.enum(WARNING_SEVERITY.values).optional(),
  caseNo: z.string().trim().max(64).optional(),
  /** Only warnings without a 督办单 (true) or with one (false). */
  unsupervised: z.enum(["true", "false"]).optional(),
  /** "false": the unit's own warnings, not its subtree's (a 监察看板 row's count). */
  subtree: z.enum(["true", "false"]).optional(),
});
export type WarningListQuery = z.infer<typeof warningListQuerySchema>;

export interface WarningView extends CaseRef {
  id: string;
  ruleId: string;
  ruleKind: WarningRuleKind;
  ruleName: string;
  severity: WarningSeverity;
  ruleVersion: number;
  at: string;
  raisedAt: string;
  explanation: string;
  facts: Record<string, string | number | boolean | null>;
  /** Its 督办单, once the office issued one (the list shows who still needs one). */
  order: { id: string; orderNo: string; status: OrderStatus } | null;
}

/** Per severity, over the same filters (the list's header). */
export interface WarningListView {
  total: number;
  rows: WarningView[];
  bySeverity: Record<WarningSeverity, number>;
}

export interface WarningRuleSetView {
  /** 0: the built-in defaults. */
  version: number;
  note: string;
  createdAt: string | null;
  rules: WarningRule[];
  cards: CardThresholds;
  /** Saved versions, newest first. */
  versions: { version: number; note: string; createdAt: string }[];
}

// ── 督办单 ──────────────────────────────────────────────────────────────

const text = (field: string, min: number, max: number) =>
  z
    .string({ error: `${field}必填` })
    .trim()
    .min(min, `${field}必填`)
    .max(max, `${field}不能超过 ${max} 字`);
const days = (field: string, max: number) =>
  z
    .number({ error: `${field}应为数字` })
    .int(`${field}应为整数`)
    .min(1, `${field}至少 1 个工作日`)
    .max(max, `${field}不能超过 ${max} 个工作日`);

export const issueOrderSchema = z.strictObject({
  instruction: text("督办要求", 1, 500),
  replyDays: days("反馈时限", 30).default(ORDER_DEFAULTS.replyDays),
});
/** 反馈内容's longest text (the reply box counts to it). */
export const ORDER_REPLY_MAX = 2000;
export const orderReplySchema = z.strictObject({ text: text("反馈内容", 1, ORDER_REPLY_MAX), attachmentIds: attachmentIdsSchema });
export const orderInvestigateSchema = z.strictObject({
  text: text("调查事项", 1, 1000),
  correctionDays: days("纠正时限", 60).default(10),
});
export const orderCloseSchema = z.strictObject({ text: text("核销意见", 0, 500).default("") });

export const orderListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  status: z.enum(ORDER_STATUS.values).optional(),
  /** Only orders waiting on the unit past their deadline. */
  overdue: z.enum(["true", "false"]).optional(),
  /** Orders of the warnings that arose in [from, to] (a campaign's period). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only orders answered after their first deadline, or unanswered past it (未按期反馈: the seed's “没在规定时间内回复”). */
  replyLate: z.enum(["true"]).optional(),
  /** Only orders answered after their first deadline (逾期反馈). */
  repliedLate: z.enum(["true"]).optional(),
  /** Only orders unanswered past their first deadline, 催办 or not (逾期未反馈). */
  replyMissing: z.enum(["true"]).optional(),
  /** Only orders waiting on the unit now (待反馈, 立项调查待纠正), whatever their deadline. */
  waiting: z.enum(["true"]).optional(),
  /** "false": the unit's own orders, not its subtree's (a 监察看板 row's count). */
  subtree: z.enum(["true", "false"]).optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

export interface OrderView {
  id: string;
  orderNo: string;
  status: OrderStatus;
  instruction: string;
  replyDays: number;
  firstDueAt: string;
  dueAt: string;
  urgeCount: number;
  issuedAt: string;
  repliedAt: string | null;
  isReplyLate: boolean | null;
  closedAt: string | null;
  /** Waiting on the unit past its current deadline. */
  isOverdue: boolean;
  warning: WarningView;
}

export interface OrderStepView {
  kind: OrderStep;
  at: string;
  /** null: the system (催办, 升级). */
  actorName: string | null;
  text: string;
  dueAt: string | null;
  /** 附件 the step cited (the unit's 反馈 and 纠正 evidence). */
  attachments: AttachmentView[];
}

export interface OrderDetailView extends OrderView {
  steps: OrderStepView[];
  /** The case's service item by its name in the guide registry (null: not registered): the 督办通知单 names it. */
  itemName: string | null;
}

// ── 监察看板 ────────────────────────────────────────────────────────────

export const supervisionBoardQuerySchema = z.object({
  unitId: idSchema.optional(),
  from: isoDate,
  to: isoDate,
});

/** One unit's light on the board over the period: its counts, its card and why. */
export interface SupervisionBoardRow extends UnitSupervisionCounts {
  unitId: string;
  unitName: string;
  yellowWarnings: number;
  /** Orders waiting on the unit now. */
  waiting: number;
  /** Orders unanswered past their first deadline, 催办 or not (逾期未反馈), as the bulletin counts them. */
  overdueReplies: number;
  /** Orders answered after their first deadline (逾期反馈). The card's `repliesLate` is the two together. */
  repliedLate: number;
  card: Card;
  reasons: string[];
}

export interface SupervisionBoardView {
  from: string;
  to: string;
  rows: SupervisionBoardRow[];
  /** Warnings per month of the period (China time), by severity: the trend. */
  trend: { month: string; red: number; yellow: number; notice: number }[];
}

// ── 月份运行情况通报 ────────────────────────────────────────────────────

/** The first month a bulletin (or a trial of a rule) may be of: nothing before it is data of this system. */
export const BULLETIN_FIRST_MONTH = "2000-01";
export const bulletinMonthSchema = z
  .string({ error: "月份必填" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM")
  .refine((month) => month >= BULLETIN_FIRST_MONTH, `月份不能早于 ${BULLETIN_FIRST_MONTH}`);

/**
 * Why a month's bulletin cannot be published on `today` (a China date), or null. Only a month that
 * has ended: the current month and later would freeze figures of days still to come (a future month
 * all zero) as the month's version the campaigns count. Previewing a running month stays allowed.
 */
export function bulletinPublishProblem(month: string, today: string): string | null {
  if (month < BULLETIN_FIRST_MONTH) return `月份不能早于 ${BULLETIN_FIRST_MONTH}`;
  if (month < today.slice(0, 7)) return null;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return `${month} 尚未结束，不能发布通报（可先预览）：${month} 的通报自 ${next}-01 起可发布`;
}
export const bulletinQuerySchema = z.object({ month: bulletinMonthSchema });
export const publishBulletinSchema = z.strictObject({ month: bulletinMonthSchema });

/** One unit's line of a month's bulletin. */
export interface BulletinUnitLine {
  unitId: string;
  unitName: string;
  /** Cases accepted and completed in the month, and the on-time share of those completed (%, 1 decimal). */
  accepted: number;
  completed: number;
  onTimeRate: number | null;
  warnings: number;
  redWarnings: number;
  /** Warnings by rule name. */
  byRule: Record<string, number>;
  ordersIssued: number;
  repliedOnTime: number;
  repliedLate: number;
  /** Unanswered past their first deadline. */
  replyMissing: number;
  card: Card;
  cardReasons: string[];
  /** 1 = the fewest warnings per 100 cases accepted (ties by red warnings, then name); null without cases. */
  rank: number | null;
  /** Warnings per 100 cases accepted (1 decimal). */
  warningRate: number | null;
}

/** What a month's bulletin says: figures frozen at generation, so a published version never changes. */
export interface BulletinContent {
  month: string;
  /** yyyy-mm-dd, the month's first and last days. */
  from: string;
  to: string;
  generatedAt: string;
  totals: {
    accepted: number;
    completed: number;
    onTimeRate: number | null;
    warnings: number;
    redWarnings: number;
    ordersIssued: number;
    repliedOnTime: number;
    repliedLate: number;
    replyMissing: number;
    redCards: number;
    yellowCards: number;
  };
  /** The previous month's warnings, for the month-on-month change (null: none recorded). */
  previousWarnings: number | null;
  /** Rule names in the rule set's order (the columns of 预警分布). */
  rules: string[];
  units: BulletinUnitLine[];
  /** The worst cases of the month: the 超期 warnings with the most days late. */
  worstCases: { caseNo: string; unitName: string; ruleName: string; daysLate: number; explanation: string }[];
}

export interface BulletinView {
  id: string;
  month: string;
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

// ── 规则试算 ────────────────────────────────────────────────────────────

/** “What would this rule have raised last month”: a rule as edited (not yet saved) and a month. */
export const rulePreviewSchema = z.strictObject({ rule: warningRuleSchema, month: bulletinMonthSchema });

export interface RulePreviewView {
  month: string;
  /** Cases accepted in the month that were judged (at most the cap: `capped` says it was reached). */
  judged: number;
  capped: boolean;
  raised: number;
  /** What the ledger holds for the rule's id in the month (raised by the version in force then). */
  inLedger: number;
  samples: { caseNo: string; unitName: string; explanation: string }[];
}

// ── 审批人员电子密钥 ────────────────────────────────────────────────────

export const signingKeyInputSchema = z
  .strictObject({
    unitId: idSchema,
    keyId: z.string({ error: "密钥编号必填" }).trim().min(1, "密钥编号必填").max(64, "密钥编号不能超过 64 字"),
    approver: z.string({ error: "审批人员必填" }).trim().min(1, "审批人员必填").max(40, "审批人员不能超过 40 字"),
    validFrom: isoDate,
    validTo: isoDate.nullable().default(null),
  })
  .refine((k) => k.validTo === null || k.validTo >= k.validFrom, { path: ["validTo"], message: "有效期止不能早于有效期起" });
export const signingKeyRevokeSchema = z.strictObject({ reason: z.string().trim().max(200, "原因不能超过 200 字").default("") });
export const signingKeyListQuerySchema = z.object({ unitId: idSchema.optional() });

export interface SigningKeyView {
  id: string;
  unitId: string;
  unitName: string;
  keyId: string;
  approver: string;
  validFrom: string;
  validTo: string | null;
  revokedAt: string | null;
}

// ── 效能投诉 / 媒体曝光 ──────────────────────────────────────────────────

const complaintText = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}必填` })
    .trim()
    .min(min, `${label}必填`)
    .max(max, `${label}不能超过 ${max} 字`);

export const complaintInputSchema = z.strictObject({
  unitId: idSchema,
  kind: z.enum(COMPLAINT_KIND.values, { error: "类别应为效能投诉或媒体曝光" }),
  /** Not after today (China date): a record is of something that happened. */
  occurredOn: isoDate.refine((date) => date <= cstDate(new Date()), { error: () => `日期不能晚于今天（${cstDate(new Date())}）` }),
  title: complaintText("事由", 1, 200),
  /** Where it came from: 12345 热线工单号, the newspaper and its date … */
  source: z.string().trim().max(200, "来源不能超过 200 字").default(""),
  finding: z.enum(COMPLAINT_FINDING.values, { error: "核查结论应为核查中、属实或不属实" }).default("pending"),
  note: z.string().trim().max(1000, "核查情况不能超过 1000 字").default(""),
});
export type ComplaintInput = z.infer<typeof complaintInputSchema>;
/** A correction or the finding of the check; the unit stays (a record moved to another unit is a new record). */
export const complaintUpdateSchema = complaintInputSchema.omit({ unitId: true }).partial().strict();

export const complaintListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  kind: z.enum(COMPLAINT_KIND.values).optional(),
  finding: z.enum(COMPLAINT_FINDING.values).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export interface ComplaintView {
  id: string;
  unitId: string;
  unitName: string;
  kind: ComplaintKind;
  occurredOn: string;
  title: string;
  source: string;
  finding: ComplaintFinding;
  note: string;
  createdAt: string;
  updatedAt: string;
}
