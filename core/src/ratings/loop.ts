/**
 * The bad-review loop (差评核实整改): a 差评 opens a review of its own — 核实 (the unit verifies with the
 * applicant, within 1 working day) → either 申诉 (the unit disputes it as mistaken or malicious, to
 * the office, within the same window; the office upholds it — the bad review is void — or rejects it)
 * or 整改 (within 15 working days of being confirmed) → 回访 → the applicant's 追评 → 办结. A 追评 that
 * is bad again is its own counted event (seed 001: “整改后又被追评为差评的每件次扣1.5分”). Pure: the
 * status machine, the deadlines on the working-day calendar and what a review counts for the metrics
 * and facts. docs/ratings.md (“The loop”).
 */
import { CalendarGapError, type WorkCalendar } from "../calendar/working-days.ts";
import { labelled } from "../labelled.ts";
import { workingDeadline } from "../supervision/orders.ts";

export const REVIEW_STATUS = labelled({
  verifying: "待核实",
  appealing: "申诉待审",
  rectifying: "整改中",
  revisiting: "待回访",
  awaiting_follow_up: "待追评",
  closed: "已办结",
  voided: "申诉成立（差评作废）",
});
export type ReviewStatus = keyof typeof REVIEW_STATUS.labels;

/** The steps of a review's timeline: `open` and `follow_up` are the system's (a rating arrived), the rest a person's. */
export const REVIEW_STEP = labelled({
  open: "差评生成",
  confirm: "核实属实，转整改",
  appeal: "提出申诉",
  uphold: "申诉成立",
  reject: "申诉不成立，转整改",
  rectify: "整改完成",
  revisit: "回访",
  follow_up: "追评",
  close: "办结（未追评）",
});
export type ReviewStep = keyof typeof REVIEW_STEP.labels;

/** What a person may do to a review, from which status, into which, and whose it is. */
export const REVIEW_TRANSITIONS = {
  confirm: { from: "verifying", to: "rectifying", by: "unit" },
  appeal: { from: "verifying", to: "appealing", by: "unit" },
  uphold: { from: "appealing", to: "voided", by: "office" },
  reject: { from: "appealing", to: "rectifying", by: "office" },
  rectify: { from: "rectifying", to: "revisiting", by: "unit" },
  revisit: { from: "revisiting", to: "awaiting_follow_up", by: "office" },
  close: { from: "awaiting_follow_up", to: "closed", by: "office" },
} as const satisfies Record<string, { from: ReviewStatus; to: ReviewStatus; by: "unit" | "office" }>;
export type ReviewAction = keyof typeof REVIEW_TRANSITIONS;

/** Statuses in which the applicant's 追评 closes the review (rectification done). */
export const FOLLOW_UP_OPEN: readonly ReviewStatus[] = ["revisiting", "awaiting_follow_up"];

/** 申诉类型 (51号文: “对恶意差评、误评，建立申诉复核机制”). */
export const APPEAL_KIND = labelled({ mistaken: "误评", malicious: "恶意差评" });
export type AppealKind = keyof typeof APPEAL_KIND.labels;

/**
 * The loop's deadlines in working days. The localities differ (浙江: 核实 1 个工作日、整改 15 个工作日;
 * 四川: 15 个工作日; elsewhere 5 or 7): these are the defaults, and the office sets its region's own
 * (好差评 → 处置时限, rating_loop_settings). `decideDays`: the office's own window to rule on an appeal.
 */
export const REVIEW_DEFAULTS = { verifyDays: 1, rectifyDays: 15, decideDays: 5 } as const;
export type ReviewDeadlines = { verifyDays: number; rectifyDays: number; decideDays: number };

/** Why an action is refused, in the words the unit or the office reads; null when it may proceed. */
export function refuseReviewAction(
  review: { status: ReviewStatus; verifyDueAt: Date | null },
  action: ReviewAction,
  at: Date,
): string | null {
  const rule = REVIEW_TRANSITIONS[action];
  if (review.status !== rule.from) {
    if (review.status === "closed" || review.status === "voided") return `该差评已${REVIEW_STATUS.labels[review.status]}，不能再办理`;
    return `该差评当前为「${REVIEW_STATUS.labels[review.status]}」，不能${REVIEW_STEP.labels[action]}`;
  }
  if (action === "appeal" && review.verifyDueAt && at > review.verifyDueAt)
    return `申诉期已过（应在 ${formatCst(review.verifyDueAt)} 前提出），不能再申诉，请核实后整改`;
  return null;
}

/**
 * The deadline of a step that starts at `from`, N working days on (the end of the Nth working day,
 * China time); null when the calendar lacks a year it needs — the deadline is shown as 时限无法计算,
 * never guessed as Mon–Fri.
 */
export function reviewDeadline(calendar: WorkCalendar, from: Date, days: number): Date | null {
  try {
    return workingDeadline(calendar, from, days);
  } catch (error) {
    if (error instanceof CalendarGapError) return null;
    throw error;
  }
}

/** What the metrics and facts read of a review. */
export interface ReviewState {
  status: ReviewStatus;
  /** Null: the calendar lacked the year (时限无法计算); the answer is then never late. */
  verifyDueAt: Date | null;
  /** When the unit answered the 核实 (confirmed it or appealed). */
  respondedAt: Date | null;
  /** When the bad review was confirmed (the unit's 核实属实, or the office's rejection of the appeal). */
  confirmedAt: Date | null;
  rectifyDueAt: Date | null;
  rectifiedAt: Date | null;
  revisitedAt: Date | null;
  followUpLevel: number | null;
  /** When the 追评 closed it (or the office did). */
  closedAt: Date | null;
}

/** A review judged as it stands at `asOf`: each counted as docs/ratings.md (“Metrics”) defines. */
export interface ReviewJudgement {
  /** Its 核实/申诉 answer was due by asOf. */
  responseDue: boolean;
  /** …and came after the deadline, or has not come (申诉超时: “未在规定时间内完成‘好差评’申诉”). */
  responseLate: boolean;
  /** A valid bad review: confirmed by 核实 or by the appeal's rejection (“回访确认为差评”). */
  confirmed: boolean;
  /** Confirmed and its rectification due or done by asOf (差评整改率's denominator). */
  rectifyDue: boolean;
  rectifiedOnTime: boolean;
  rectified: boolean;
  revisited: boolean;
  /** The 追评 after rectification was bad again. */
  badAgain: boolean;
}

export function judgeReview(review: ReviewState, asOf: Date): ReviewJudgement {
  const respondedBy = (at: Date | null) => at !== null && at <= asOf;
  const responded = respondedBy(review.respondedAt);
  const responseDue = responded || (review.verifyDueAt !== null && review.verifyDueAt < asOf);
  const confirmed = respondedBy(review.confirmedAt);
  const rectified = respondedBy(review.rectifiedAt);
  const rectifyDue = confirmed && (rectified || (review.rectifyDueAt !== null && review.rectifyDueAt < asOf));
  return {
    responseDue,
    responseLate: responseDue && review.verifyDueAt !== null && (!responded || review.respondedAt! > review.verifyDueAt),
    confirmed,
    rectifyDue,
    rectified,
    rectifiedOnTime: rectified && review.rectifyDueAt !== null && review.rectifiedAt! <= review.rectifyDueAt,
    revisited: respondedBy(review.revisitedAt),
    badAgain: review.followUpLevel !== null && review.followUpLevel <= 2 && respondedBy(review.closedAt),
  };
}

/**
 * The span a period's judgements are counted in: what became true after `since` (null: from the
 * beginning) and by `asOf` (the period's end, or now if sooner).
 */
export interface JudgementWindow {
  since: Date | null;
  asOf: Date;
}

/**
 * A period's share of a review's judgements: each one that became true within the window — true as
 * of its end, not yet as of its start. A judgement only ever turns true (a step done stays done, a
 * deadline passed stays passed), so over consecutive periods each is counted once, in the period it
 * happened in, whenever the review was opened: a bad 追评 in January on a review opened in December
 * counts in January's year (seed 001 deducts “每件次”, per occurrence).
 */
export function judgeReviewWithin(review: ReviewState, window: JudgementWindow): ReviewJudgement {
  const atEnd = judgeReview(review, window.asOf);
  if (!window.since) return atEnd;
  const atStart = judgeReview(review, window.since);
  const within = { ...atEnd };
  for (const key of Object.keys(within) as (keyof ReviewJudgement)[]) within[key] = atEnd[key] && !atStart[key];
  return within;
}

/** The step overdue at `asOf`, for the office's list and the unit's to-do: 核实, 申诉审查 or 整改. */
export function overdueStep(
  review: { status: ReviewStatus; verifyDueAt: Date | null; decideDueAt: Date | null; rectifyDueAt: Date | null },
  asOf: Date,
): "verify" | "decide" | "rectify" | null {
  if (review.status === "verifying" && review.verifyDueAt && review.verifyDueAt < asOf) return "verify";
  if (review.status === "appealing" && review.decideDueAt && review.decideDueAt < asOf) return "decide";
  if (review.status === "rectifying" && review.rectifyDueAt && review.rectifyDueAt < asOf) return "rectify";
  return null;
}

function formatCst(at: Date): string {
  const cst = new Date(at.getTime() + 8 * 3600_000);
  return cst.toISOString().slice(0, 16).replace("T", " ");
}
