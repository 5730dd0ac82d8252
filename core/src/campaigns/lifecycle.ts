import type { AppealStatus, CampaignStatus, FindingStatus, Phases } from "../contracts/campaigns.ts";

/**
 * The campaign status machine. Publication (appeal → published, and
 * published → published for a corrected version) has its own command
 * because it writes a version; every other move goes through `transition`.
 */
export const TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ["reporting"],
  // Back to reporting reopens it for late corrections; it needs a reason.
  reporting: ["reviewing"],
  reviewing: ["reporting", "appeal"],
  appeal: ["published"],
  published: ["published", "archived"],
  archived: [],
};

export const TRANSITION_LABELS: Partial<Record<CampaignStatus, string>> = {
  reporting: "开始填报",
  reviewing: "结束填报，进入评审",
  appeal: "公示成绩，开放申诉",
  published: "发布成绩",
  archived: "归档",
};

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Milliseconds of the end (24:00) of a China Standard Time day. */
export function endOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`) + 24 * 3600 * 1000;
}

/** Milliseconds of the start (00:00) of a China Standard Time day. */
export function startOfDay(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** The reporting deadline (自查报告报送截止): end of the closing day. */
export function reportingDeadline(phases: Phases): number {
  return endOfDay(phases.reportingCloses);
}

/** Where a moment stands against the appeal window's dates (China Standard Time days); "within" when no date bounds it. */
export function appealDatesState(phases: Phases, now: number): "before" | "within" | "after" {
  if (phases.appealOpens && now < startOfDay(phases.appealOpens)) return "before";
  if (phases.appealCloses && now >= endOfDay(phases.appealCloses)) return "after";
  return "within";
}

/**
 * Whether an appeal may be lodged now: the campaign is in its appeal phase
 * and, where the phases give dates, today is within them.
 */
export function appealWindow(status: CampaignStatus, phases: Phases, now: number): { open: boolean; message: string } {
  const dates = `${phases.appealOpens ?? "—"} 至 ${phases.appealCloses ?? "—"}`;
  if (status !== "appeal") return { open: false, message: `当前不在申诉期（申诉期 ${dates}），不能提出申诉` };
  const state = appealDatesState(phases, now);
  if (state === "before") return { open: false, message: `申诉期自 ${phases.appealOpens} 开始` };
  if (state === "after") return { open: false, message: `申诉期已于 ${phases.appealCloses} 截止，不再受理申诉` };
  return { open: true, message: `申诉期 ${dates}` };
}

/**
 * What the office must be told before it opens the appeal phase now: null
 * inside the window (or without dates), else why units could not appeal yet
 * or any more. Opening anyway is allowed once acknowledged: the dates stay
 * the units' rule (appealWindow), the office may move them instead.
 */
export function appealOpeningWarning(phases: Phases, now: number): string | null {
  const state = appealDatesState(phases, now);
  if (state === "before") {
    return `申诉期定于 ${phases.appealOpens} 开始，尚未到期。现在进入申诉阶段将公示成绩，但各单位要到 ${phases.appealOpens} 才能提出申诉；如需提前受理申诉，请先修改“申诉开始”日期。`;
  }
  if (state === "after") {
    return `申诉期已于 ${phases.appealCloses} 截止。现在进入申诉阶段，各单位将不能提出申诉；如需受理申诉，请先修改申诉日期。`;
  }
  return null;
}

/**
 * Why a unit may not appeal a finding now, or null when it may: the window,
 * the finding's status and its earlier appeals (one open appeal at a time,
 * none again once one was upheld). The appeal command and every view's
 * `canAppeal` use this one rule.
 */
export function appealRefusal(options: {
  status: CampaignStatus;
  phases: Phases;
  now: number;
  findingStatus: FindingStatus;
  appealStatuses: readonly AppealStatus[];
}): string | null {
  const window = appealWindow(options.status, options.phases, options.now);
  if (!window.open) return window.message;
  if (options.findingStatus !== "confirmed") return "只能对已确认的问题提出申诉";
  if (options.appealStatuses.includes("pending")) return "该问题已有待处理的申诉，请等待裁定";
  if (options.appealStatuses.includes("upheld")) return "该问题的申诉已裁定维持，不能再次申诉";
  return null;
}

/** 迟报 / 漏报 of one unit's submission, judged against the deadline. */
export function deadlineState(firstConfirmedAt: number | null, deadline: number, now: number): { late: boolean; missing: boolean } {
  if (firstConfirmedAt !== null) return { late: firstConfirmedAt >= deadline, missing: false };
  return { late: false, missing: now >= deadline };
}
