import {
  PERMISSIONS as P,
  type Permission,
  REVIEW_TRANSITIONS,
  type ReviewAction,
  type ReviewStatus,
  type ReviewView,
  refuseReviewAction,
} from "@kaoping/core";

/** Every step a person may take, in the loop's order (核实属实, 申诉, 申诉成立 / 不成立, 整改完成, 回访, 办结). */
export const REVIEW_ACTIONS = Object.keys(REVIEW_TRANSITIONS) as ReviewAction[];

/** A step's permission: the unit's (核实, 申诉, 整改) need reviewHandle, the office's reviewManage. */
export const actionPermission = (action: ReviewAction): Permission =>
  REVIEW_TRANSITIONS[action].by === "unit" ? P.reviewHandle : P.reviewManage;

/** The step buttons a reader gets: the steps out of the review's status that the reader's permissions allow. */
export function reviewActions(status: ReviewStatus, can: (perm: Permission) => boolean): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => REVIEW_TRANSITIONS[action].from === status && can(actionPermission(action)));
}

/** A step button: the step, and why it is refused now (the button disabled, the reason its tooltip), or null. */
export interface ReviewActionState {
  action: ReviewAction;
  refusal: string | null;
}

/**
 * The step buttons with core's own refusal rule (refuseReviewAction, the one the server applies):
 * 提出申诉 past the 核实 deadline is shown disabled with the server's reason — the deadline — so the
 * reader is not offered a form the server would refuse with 409.
 */
export function reviewActionStates(
  review: Pick<ReviewView, "status" | "verifyDueAt">,
  can: (perm: Permission) => boolean,
  now: Date = new Date(),
): ReviewActionState[] {
  const verifyDueAt = review.verifyDueAt ? new Date(review.verifyDueAt) : null;
  return reviewActions(review.status, can).map((action) => ({
    action,
    refusal: refuseReviewAction({ status: review.status, verifyDueAt }, action, now),
  }));
}

/** The loop's timed steps: 核实 (or 申诉) by the unit, 申诉审查 by the office, 整改 by the unit. */
export type TimedStep = "verify" | "decide" | "rectify";

export interface ReviewDeadline {
  step: TimedStep;
  /** Null: 时限无法计算 (the working-day calendar lacks the year). */
  dueAt: string | null;
  /** When the step was done, null while it is open. */
  doneAt: string | null;
  /** The step is past its deadline now (the server's overdueStep). */
  isOverdue: boolean;
  /** Done, after its deadline. */
  isLate: boolean;
}

type DeadlineFields = Pick<
  ReviewView,
  | "status"
  | "verifyDueAt"
  | "respondedAt"
  | "appeal"
  | "decideDueAt"
  | "confirmedAt"
  | "rectifyDueAt"
  | "rectifiedAt"
  | "closedAt"
  | "overdueStep"
>;

const OPEN_STEP: Partial<Record<ReviewStatus, TimedStep>> = { verifying: "verify", appealing: "decide", rectifying: "rectify" };

function deadlineOf(review: DeadlineFields, step: TimedStep): ReviewDeadline {
  const dueAt = { verify: review.verifyDueAt, decide: review.decideDueAt, rectify: review.rectifyDueAt }[step];
  const decidedAt =
    review.appeal?.decision === "upheld" ? review.closedAt : review.appeal?.decision === "rejected" ? review.confirmedAt : null;
  const doneAt = { verify: review.respondedAt, decide: decidedAt, rectify: review.rectifiedAt }[step];
  return {
    step,
    dueAt,
    doneAt,
    isOverdue: review.overdueStep === step,
    isLate: doneAt !== null && dueAt !== null && doneAt > dueAt,
  };
}

/**
 * The deadline of the step the review waits on: 核实 while 待核实, 申诉审查 while 申诉待审, 整改 while
 * 整改中; null in the other statuses (回访, 追评 and the closed ones have none).
 */
export function currentDeadline(review: DeadlineFields): ReviewDeadline | null {
  const step = OPEN_STEP[review.status];
  return step ? deadlineOf(review, step) : null;
}

/** Every deadline the review has been given so far: 核实 always, 申诉审查 once appealed, 整改 once confirmed. */
export function reviewDeadlines(review: DeadlineFields): ReviewDeadline[] {
  const reached: Record<TimedStep, boolean> = {
    verify: true,
    decide: review.appeal !== null || review.status === "appealing",
    rectify: review.confirmedAt !== null || review.status === "rectifying",
  };
  return (["verify", "decide", "rectify"] as const).filter((step) => reached[step]).map((step) => deadlineOf(review, step));
}
