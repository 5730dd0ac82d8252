/**
 * Runs the warning rules over one case, its events and its clock. Pure: the server feeds it the
 * case store and the calendar, and keeps what it raises in the warning ledger (one warning per
 * case and rule, so a rule never raises twice for the same case). A warning explains itself like a
 * score: the rule, its text, the case's facts and the clock's arithmetic.
 *
 * A case whose calendar year is missing (时限无法计算) raises no 即将超期 / 超期 and no 超时受理:
 * without the calendar the office cannot say it was late, so neither does the system.
 */
import { CalendarGapError, cstDate, naturalDaysBetween, type WorkCalendar, workingDaysBetween } from "../calendar/working-days.ts";
import type { CaseClock, ClockCase, ClockEvent } from "../cases/clock.ts";
import { CASE_EVENT_KIND } from "../cases/model.ts";
import { CASE_TYPE_LABELS, LIMIT_UNIT_LABELS, type LimitUnit } from "../guides/model.ts";
import type { WarningRule, WarningRuleKind, WarningSeverity } from "./rules.ts";

export interface SupervisedCase extends ClockCase {
  appliedAt?: Date | null;
  /** The fee charged, in yuan (a decimal string). */
  fee?: string | null;
}

/** A unit's registered signing key (审批人员电子密钥) and when it could sign. */
export interface SigningKey {
  keyId: string;
  approver: string;
  validFrom: Date;
  validTo: Date | null;
  revokedAt: Date | null;
}

/** A case's event as the rules read it: the clock's, with the approver's key where the platform gives one. */
export interface SupervisedEvent extends ClockEvent {
  signKeyId?: string | null;
}

/** What the guide registry says of the case's item (none: the item is not in the registry). */
export interface SupervisedItem {
  /** 是否收费 on its published online guide (null: not stated). */
  charged: boolean | null;
  /** The highest amount its 收费标准 names, in yuan (null: none readable). */
  maxFee: number | null;
  /** Its guide's 错误 while open: from when, until when (null: still open). */
  openErrors: { from: Date; to: Date | null }[];
  /** 办理流程's limits per step the unit works on, in working days (a step without one: the rule's). */
  stepLimits?: Partial<Record<WorkedStep, number>>;
}

export type WarningFacts = Record<string, string | number | boolean | null>;

export interface RaisedWarning {
  ruleId: string;
  kind: WarningRuleKind;
  severity: WarningSeverity;
  /** When the condition arose: the due instant for 超期, the extra 补正, the acceptance … */
  at: Date;
  explanation: string;
  facts: WarningFacts;
}

export interface EvaluateCaseOptions {
  case: SupervisedCase;
  events: readonly SupervisedEvent[];
  /** The case's clock at `asOf` (caseClock). */
  clock: CaseClock;
  calendar: WorkCalendar;
  asOf: Date;
  rules: readonly WarningRule[];
  item?: SupervisedItem | null;
  /** The keys the case's unit registered (none given: the rule has nothing to compare with). */
  signingKeys?: readonly SigningKey[];
}

type Finding = Omit<RaisedWarning, "ruleId" | "kind" | "severity">;
type Check<K extends WarningRuleKind> = (options: EvaluateCaseOptions, rule: Extract<WarningRule, { kind: K }>) => Finding | null;

/** The enabled rules' warnings on this case, in rule order. */
export function evaluateCase(options: EvaluateCaseOptions): RaisedWarning[] {
  const raised: RaisedWarning[] = [];
  for (const rule of options.rules) {
    if (!rule.enabled) continue;
    const finding = runCheck(options, rule);
    if (finding) raised.push({ ruleId: rule.id, kind: rule.kind, severity: rule.severity, ...finding });
  }
  return raised;
}

function runCheck(options: EvaluateCaseOptions, rule: WarningRule): Finding | null {
  try {
    return (CHECKS[rule.kind] as Check<typeof rule.kind>)(options, rule as never);
  } catch (error) {
    if (error instanceof CalendarGapError) return null;
    throw error;
  }
}

/** Days in (from, to] in the limit's unit. */
function daysBetween(calendar: WorkCalendar, unit: LimitUnit, from: Date, to: Date): number {
  return unit === "working_day" ? workingDaysBetween(calendar, cstDate(from), cstDate(to)) : naturalDaysBetween(cstDate(from), cstDate(to));
}

const days = (n: number, unit: LimitUnit) => `${n} 个${LIMIT_UNIT_LABELS[unit]}`;

const dueSoon: Check<"due_soon"> = ({ case: c, clock, calendar, asOf }, rule) => {
  if (c.completedAt || !clock.dueAt || clock.limit == null || clock.limit <= 0 || asOf > clock.dueAt) return null;
  const left = daysBetween(calendar, clock.unit, asOf, clock.dueAt);
  const percent = Math.floor((left * 100) / clock.limit);
  const { workingDaysLeft, percentLeft } = rule.params;
  if (left > workingDaysLeft && percent > percentLeft) return null;
  return {
    at: asOf,
    explanation: `时限 ${days(clock.limit, clock.unit)}，应于 ${cstDate(clock.dueAt)} 办结；截至 ${cstDate(asOf)} 剩余 ${days(left, clock.unit)}（时限的 ${percent}%），达到预警线（剩余 ≤ ${workingDaysLeft} 天或 ≤ ${percentLeft}%）`,
    facts: { limit: clock.limit, unit: clock.unit, dueAt: clock.dueAt.toISOString(), daysLeft: left, percentLeft: percent },
  };
};

const overdue: Check<"overdue"> = ({ case: c, clock, calendar, asOf }, rule) => {
  if (!clock.dueAt || clock.limit == null) return null;
  const completedLate = clock.onTime === false && rule.params.includeCompletedLate;
  if (!clock.overdueOpen && !completedLate) return null;
  const end = c.completedAt ?? asOf;
  const late = daysBetween(calendar, clock.unit, clock.dueAt, end);
  const state = c.completedAt ? `于 ${cstDate(c.completedAt)} 办结` : `截至 ${cstDate(asOf)} 仍未办结`;
  return {
    at: clock.dueAt,
    explanation: `时限 ${days(clock.limit, clock.unit)}，应于 ${cstDate(clock.dueAt)} 办结，${state}，超期 ${days(late, clock.unit)}`,
    facts: { limit: clock.limit, unit: clock.unit, dueAt: clock.dueAt.toISOString(), completed: c.completedAt != null, daysLate: late },
  };
};

const lateAcceptance: Check<"late_acceptance"> = ({ case: c, calendar }, rule) => {
  if (!c.appliedAt) return null;
  const waited = workingDaysBetween(calendar, cstDate(c.appliedAt), cstDate(c.acceptedAt));
  if (waited <= rule.params.workingDays) return null;
  return {
    at: c.acceptedAt,
    explanation: `${cstDate(c.appliedAt)} 申请，${cstDate(c.acceptedAt)} 受理，间隔 ${waited} 个工作日，超过 ${rule.params.workingDays} 个工作日`,
    facts: { appliedAt: c.appliedAt.toISOString(), acceptedAt: c.acceptedAt.toISOString(), workingDays: waited },
  };
};

const repeatedCorrection: Check<"repeated_correction"> = ({ events }, rule) => {
  const corrections = events.filter((e) => e.kind === "correction").sort((a, b) => a.at.getTime() - b.at.getTime());
  const { maxCorrections } = rule.params;
  const extra = corrections[maxCorrections];
  if (!extra) return null;
  return {
    at: extra.at,
    explanation: `补正 ${corrections.length} 次（${corrections.map((e) => cstDate(e.at)).join("、")}），超过允许的 ${maxCorrections} 次：需要补正的材料应一次性告知`,
    facts: { corrections: corrections.length, allowed: maxCorrections },
  };
};

const processAnomaly: Check<"process_anomaly"> = ({ case: c, events }, rule) => {
  const ends = events.filter((e) => e.kind === "decide" || e.kind === "complete").map((e) => e.at);
  if (c.completedAt) ends.push(c.completedAt);
  if (!ends.length) return null;
  const first = new Date(Math.min(...ends.map((d) => d.getTime())));
  const minutes = Math.floor((first.getTime() - c.acceptedAt.getTime()) / 60_000);
  if (minutes < 0)
    return {
      at: first,
      explanation: `决定或办结（${first.toISOString()}）早于受理（${c.acceptedAt.toISOString()}）：流程倒置`,
      facts: { acceptedAt: c.acceptedAt.toISOString(), decidedAt: first.toISOString(), minutes },
    };
  if (c.caseType === "instant" || minutes >= rule.params.minMinutes) return null;
  return {
    at: first,
    explanation: `${CASE_TYPE_LABELS[c.caseType]}受理后 ${minutes} 分钟即决定或办结，短于 ${rule.params.minMinutes} 分钟：疑为线下办理后补录（体外循环）`,
    facts: { acceptedAt: c.acceptedAt.toISOString(), decidedAt: first.toISOString(), minutes },
  };
};

const feeAnomaly: Check<"fee_anomaly"> = ({ case: c, item }, rule): Finding | null => {
  const fee = Number(c.fee ?? 0);
  if (!item || !(fee > 0)) return null;
  const at = c.completedAt ?? c.acceptedAt;
  const facts: WarningFacts = { fee, charged: item.charged, maxFee: item.maxFee };
  if (rule.params.checkFree && item.charged === false) return { at, explanation: `办事指南公布该事项不收费，办件收费 ${c.fee} 元`, facts };
  if (rule.params.checkStandard && item.maxFee !== null && fee > item.maxFee)
    return { at, explanation: `办件收费 ${c.fee} 元，高于办事指南收费标准的最高额 ${item.maxFee} 元`, facts };
  return null;
};

const publicityAnomaly: Check<"publicity_anomaly"> = ({ case: c, item, asOf }, rule) => {
  if (!item) return null;
  const until = c.completedAt ?? asOf;
  // The guide's errors open at some point while the case was handled (acceptance to completion).
  const open = item.openErrors.filter((e) => e.from <= until && (e.to === null || e.to >= c.acceptedAt));
  if (open.length < rule.params.minErrors) return null;
  return {
    at: c.acceptedAt,
    explanation: `办理期间（${cstDate(c.acceptedAt)} 起）该事项的办事指南有 ${open.length} 处错误未整改，公示内容与实际办理不一致的风险`,
    facts: { openErrors: open.length },
  };
};

/**
 * A decision signed with a key outside every registration of it (keys.ts): the registry holds at most
 * one registration of a key id valid on any day — an overlapping one is refused — and a unit cannot
 * register a key from before the day it reports it (only the office records history), so a key
 * reported late leaves the decisions signed before it 签章异常: “未及时上报更换电子秘钥仍进行审批”.
 */
const signatureAnomaly: Check<"signature_anomaly"> = ({ events, signingKeys }, rule): Finding | null => {
  if (!signingKeys) return null;
  for (const event of events) {
    if (event.kind !== "decide" || !event.signKeyId) continue;
    const registered = signingKeys.filter((k) => k.keyId === event.signKeyId);
    if (!registered.length) {
      if (!rule.params.flagUnregistered) continue;
      return {
        at: event.at,
        explanation: `决定环节使用的签章密钥 ${event.signKeyId} 未在本单位登记`,
        facts: { keyId: event.signKeyId, registered: false },
      };
    }
    const valid = registered.some(
      (k) => k.validFrom <= event.at && (!k.validTo || event.at <= k.validTo) && (!k.revokedAt || event.at < k.revokedAt),
    );
    if (valid) continue;
    // The registration the decision fell after (expired or revoked), else the first, still to begin.
    const byStart = [...registered].sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime());
    const key = byStart.filter((k) => k.validFrom <= event.at).at(-1) ?? byStart[0]!;
    const why =
      key.revokedAt && event.at >= key.revokedAt
        ? `已于 ${cstDate(key.revokedAt)} 注销`
        : `有效期为 ${cstDate(key.validFrom)} 至 ${key.validTo ? cstDate(key.validTo) : "—"}`;
    return {
      at: event.at,
      explanation: `${cstDate(event.at)} 决定环节使用 ${key.approver} 的签章密钥 ${event.signKeyId}，该密钥${why}：审批人员调换后未更换密钥仍进行审批`,
      facts: { keyId: event.signKeyId, approver: key.approver, registered: true },
    };
  }
  return null;
};

/** The steps a unit works on: the applicant's pauses (补正, 特别程序) are not its time. */
export const WORKED_STEPS = ["accept", "review", "decide", "complete"] as const;
export type WorkedStep = (typeof WORKED_STEPS)[number];
const isWorkedStep = (kind: string): kind is WorkedStep => (WORKED_STEPS as readonly string[]).includes(kind);

/**
 * A step over its limit: the item's own, where its guide's 办理流程 states one in working days, else
 * the rule's `maxStepDays` for every step.
 */
const stepOverdue: Check<"step_overdue"> = ({ case: c, events, clock, calendar, asOf, item }, rule): Finding | null => {
  // Only while the case is not late: a late case has its own 超期 warning.
  if (clock.overdueOpen || clock.onTime === false) return null;
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let i = 0; i < ordered.length; i++) {
    const step = ordered[i]!;
    if (!isWorkedStep(step.kind)) continue;
    const next = ordered[i + 1]?.at ?? (c.completedAt ? null : asOf);
    if (!next) continue;
    const own = item?.stepLimits?.[step.kind];
    const limit = own ?? rule.params.maxStepDays;
    const days = workingDaysBetween(calendar, cstDate(step.at), cstDate(next));
    if (days <= limit) continue;
    const whose = own === undefined ? "环节时限" : "办事指南规定的环节时限";
    return {
      at: step.at,
      // The limit and the excess said apart: “超过环节时限 3 个工作日” read as “over by 3”.
      explanation: `环节「${CASE_EVENT_KIND.labels[step.kind]}」自 ${cstDate(step.at)} 起用时 ${days} 个工作日，${whose} ${limit} 个工作日，超出 ${days - limit} 个工作日（办件尚未超期）`,
      facts: { step: step.kind, days, maxStepDays: limit, limitFrom: own === undefined ? "rule" : "guide" },
    };
  }
  return null;
};

const CHECKS: { [K in WarningRuleKind]: Check<K> } = {
  due_soon: dueSoon,
  overdue,
  late_acceptance: lateAcceptance,
  repeated_correction: repeatedCorrection,
  process_anomaly: processAnomaly,
  fee_anomaly: feeAnomaly,
  publicity_anomaly: publicityAnomaly,
  signature_anomaly: signatureAnomaly,
  step_overdue: stepOverdue,
};
