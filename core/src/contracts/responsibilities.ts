import { z } from "zod";
import { idSchema, LIMITS, pageQuerySchema } from "./common.ts";

/**
 * 责任分解 (an indicator's responsible units, their milestones and progress),
 * reminders (催办), in-app notifications and the to-do list: what keeps a
 * campaign moving between its phases.
 */

export const RESPONSIBILITY_ROLES = ["lead", "co"] as const;
export type ResponsibilityRole = (typeof RESPONSIBILITY_ROLES)[number];
export const RESPONSIBILITY_ROLE_LABELS: Record<ResponsibilityRole, string> = { lead: "牵头", co: "配合" };

export const RESPONSIBILITY_STATUSES = ["not_started", "in_progress", "done"] as const;
export type ResponsibilityStatus = (typeof RESPONSIBILITY_STATUSES)[number];
export const RESPONSIBILITY_STATUS_LABELS: Record<ResponsibilityStatus, string> = {
  not_started: "未开始",
  in_progress: "推进中",
  done: "已完成",
};

/** Today's date (yyyy-mm-dd) in China Standard Time. */
export function chinaToday(now: number): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A milestone is overdue once its due day (China Standard Time) has ended and it is not done. */
export function isMilestoneOverdue(dueDate: string | null, status: ResponsibilityStatus, now: number): boolean {
  return !!dueDate && status !== "done" && dueDate < chinaToday(now);
}

/** A query-string flag ("true" / "false"). */
const booleanText = z.enum(["true", "false"]);

export const responsibilityListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  /** Only milestones past their due date (China Standard Time) and not done. */
  overdueOnly: booleanText.optional(),
});

export const responsibilityProgressSchema = z.strictObject({
  status: z.enum(RESPONSIBILITY_STATUSES),
  note: z.string().trim().max(2000),
  /** The version the editor loaded; an older one is refused as stale. */
  version: z.number().int().min(1),
});

export interface ResponsibilityView {
  id: string;
  campaignId: string;
  indicatorCode: string;
  indicatorName: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  role: ResponsibilityRole;
  milestone: string | null;
  /** yyyy-mm-dd, a China Standard Time day. */
  dueDate: string | null;
  status: ResponsibilityStatus;
  note: string;
  /** The due date has passed and the milestone is not done. */
  overdue: boolean;
  /** Current (not superseded) evidence files. */
  evidenceCount: number;
  version: number;
  updatedAt: string;
}

export const reminderSchema = z.strictObject({
  /** The units to remind; absent = chosen by `overdueOnly`, or every unit whose report is not confirmed. */
  unitIds: z.array(idSchema).min(1).max(5000).optional(),
  /** Only units with overdue milestones (within `unitIds` when given). */
  overdueOnly: z.boolean().optional(),
  message: z.string().trim().min(1).max(LIMITS.reasonMax),
});

export interface ReminderResult {
  /** Units reminded. */
  units: number;
  /** Notifications written (active users of those units). */
  recipients: number;
}

// ── Notifications (站内消息) ────────────────────────────────────────────

export const NOTIFICATION_KINDS = [
  "reminder",
  "returned",
  "appeal_decided",
  "published",
  "finding",
  "supervision",
  "rating_review",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  reminder: "催办",
  returned: "退回补正",
  appeal_decided: "申诉裁定",
  published: "成绩发布",
  finding: "问题通报",
  supervision: "电子监察督办",
  rating_review: "好差评处置",
};

export const notificationListQuerySchema = pageQuerySchema.extend({
  unreadOnly: booleanText.optional(),
});

export interface NotificationView {
  id: string;
  campaignId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  total: number;
  /** Unread notifications of the caller, whatever the filter. */
  unread: number;
  rows: NotificationView[];
}

// ── To-do (待办) ─────────────────────────────────────────────────────────

export const TODO_KINDS = [
  "report",
  "confirm",
  "milestone",
  "appeal",
  "supervision_reply",
  "supervision_review",
  "review_handle",
  "review_manage",
  "hotline_call",
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];
export const TODO_KIND_LABELS: Record<TodoKind, string> = {
  report: "填报自查报告",
  confirm: "确认填报",
  milestone: "责任分解节点",
  appeal: "可提出申诉",
  supervision_reply: "反馈督办单",
  supervision_review: "核销督办单",
  review_handle: "核实整改差评",
  review_manage: "审查差评申诉、回访",
  hotline_call: "拨打抽查电话",
};

/** The to-do group of the 电子监察 items (they belong to no campaign). */
export const SUPERVISION_TODO_GROUP = "电子监察督办";
/** The to-do group of the 好差评 bad reviews. */
export const RATINGS_TODO_GROUP = "好差评差评处置";
/** The to-do group of a checker's spot-check calls. */
export const HOTLINE_TODO_GROUP = "接通率抽查";

export interface TodoItem {
  kind: TodoKind;
  /** null: not a campaign's (a 督办单), grouped under SUPERVISION_TODO_GROUP. */
  campaignId: string | null;
  campaignName: string;
  unitId: string;
  unitName: string;
  title: string;
  /** Why it is here, e.g. the reason a report was returned (退回补正). */
  detail: string | null;
  /** yyyy-mm-dd (China Standard Time) by which it is due. */
  due: string | null;
  overdue: boolean;
  /** Where the web app handles it. */
  link: string;
}

export interface TodoList {
  items: TodoItem[];
  unreadNotifications: number;
}
