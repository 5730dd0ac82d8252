import type { CampaignStatus, Phases } from "../contracts/campaigns.ts";

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

/**
 * Whether an appeal may be lodged now: the campaign is in its appeal phase
 * and, where the phases give dates, today is within them.
 */
export function appealWindow(status: CampaignStatus, phases: Phases, now: number): { open: boolean; message: string } {
  const dates = `${phases.appealOpens ?? "—"} 至 ${phases.appealCloses ?? "—"}`;
  if (status !== "appeal") return { open: false, message: `当前不在申诉期（申诉期 ${dates}），不能提出申诉` };
  if (phases.appealOpens && now < startOfDay(phases.appealOpens)) return { open: false, message: `申诉期自 ${phases.appealOpens} 开始` };
  if (phases.appealCloses && now >= endOfDay(phases.appealCloses))
    return { open: false, message: `申诉期已于 ${phases.appealCloses} 截止，不再受理申诉` };
  return { open: true, message: `申诉期 ${dates}` };
}

/** 迟报 / 漏报 of one unit's submission, judged against the deadline. */
export function deadlineState(firstConfirmedAt: number | null, deadline: number, now: number): { late: boolean; missing: boolean } {
  if (firstConfirmedAt !== null) return { late: firstConfirmedAt >= deadline, missing: false };
  return { late: false, missing: now >= deadline };
}
