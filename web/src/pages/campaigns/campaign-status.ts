import {
  CAMPAIGN_STATUSES,
  type CampaignStatus,
  type CampaignUnitView,
  type CampaignView,
  type SubmissionStatus,
  type SubmissionView,
} from "@kaoping/core";
import type { TransitionTarget } from "../../api/campaigns.ts";

/** The detail page's address of a campaign, and of one unit's workspace in it. */
export const campaignPath = (id: string) => `/assess/campaigns/${id}`;
export const unitWorkspacePath = (campaignId: string, unitId: string) => `/assess/campaigns/${campaignId}/units/${unitId}`;

/** Where a campaign stands in the Steps bar (draft → … → archived). */
export function statusStep(status: CampaignStatus): number {
  return CAMPAIGN_STATUSES.indexOf(status);
}

/** One button of the office's status commands. */
export interface CampaignAction {
  key: "open" | "close" | "reopen" | "appeal" | "publish" | "republish" | "archive";
  /** A `transition` target; absent for publication, which has its own route. */
  to?: TransitionTarget;
  /** Reopening reporting and correcting a published result need a reason (the server refuses without). */
  needsReason: boolean;
  isPrimary: boolean;
}

const ACTIONS: Record<CampaignStatus, CampaignAction[]> = {
  draft: [{ key: "open", to: "reporting", needsReason: false, isPrimary: true }],
  reporting: [{ key: "close", to: "reviewing", needsReason: false, isPrimary: true }],
  reviewing: [
    { key: "appeal", to: "appeal", needsReason: false, isPrimary: true },
    { key: "reopen", to: "reporting", needsReason: true, isPrimary: false },
  ],
  appeal: [{ key: "publish", needsReason: false, isPrimary: true }],
  published: [
    { key: "republish", needsReason: true, isPrimary: false },
    { key: "archive", to: "archived", needsReason: false, isPrimary: false },
  ],
  archived: [],
};

/** The status commands the office may run on a campaign in this status (the lifecycle in core/campaigns). */
export function campaignActions(status: CampaignStatus): CampaignAction[] {
  return ACTIONS[status];
}

/** One of the unit user's buttons on a campaign: where it leads, and whether it is the main one. */
export interface OwnUnitAction {
  key: "fill" | "view" | "appeal" | "results";
  path: string;
  isPrimary: boolean;
}

/**
 * The unit user's buttons, the main one following the phase: 填报 while
 * reports are written (or a returned one is corrected), 申诉 while the server
 * says the unit may appeal (`canAppeal`), 查看结果 once published; the
 * unit's reports stay one click away otherwise.
 */
export function ownUnitActions(campaign: Pick<CampaignView, "id" | "status">, unit: CampaignUnitView): OwnUnitAction[] {
  const workspace = unitWorkspacePath(campaign.id, unit.unitId);
  const correcting = campaign.status === "reviewing" && unit.submissionStatus === "returned";
  if (campaign.status === "draft") return [];
  if (campaign.status === "reporting" || correcting) return [{ key: "fill", path: workspace, isPrimary: true }];
  const view: OwnUnitAction = { key: "view", path: workspace, isPrimary: false };
  if (unit.canAppeal) return [{ key: "appeal", path: `${campaignPath(campaign.id)}?tab=findings`, isPrimary: true }, view];
  if (hasResults(campaign.status)) return [{ key: "results", path: `${campaignPath(campaign.id)}?tab=scores`, isPrimary: true }, view];
  return [{ ...view, isPrimary: true }];
}

/** Results (scores, reports) exist from the first publication on. */
export function hasResults(status: CampaignStatus): boolean {
  return status === "published" || status === "archived";
}

/**
 * Whether reports are being written now, mirroring the server's rule: while the
 * campaign is reporting, or during review for a submission returned for
 * correction (退回补正).
 */
export function isReportingPhase(campaignStatus: CampaignStatus, submission: Pick<SubmissionView, "returnReason">): boolean {
  return campaignStatus === "reporting" || (campaignStatus === "reviewing" && submission.returnReason !== null);
}

/** Whether a unit's reports may be edited now: in the reporting phase and not handed in. */
export function isReportEditable(campaignStatus: CampaignStatus, submission: Pick<SubmissionView, "status" | "returnReason">): boolean {
  return isReportingPhase(campaignStatus, submission) && isOpenSubmission(submission.status);
}

export function isOpenSubmission(status: SubmissionStatus): boolean {
  return status === "open" || status === "returned";
}

/** The office may return a handed-in submission while reports are still being collected or reviewed. */
export function isReturnable(campaignStatus: CampaignStatus, status: SubmissionStatus): boolean {
  return (campaignStatus === "reporting" || campaignStatus === "reviewing") && (status === "submitted" || status === "confirmed");
}

/** A seal (SHA-256 hex) shortened for display: `3f2a9c1e…b71d04aa`. */
export function shortSeal(seal: string): string {
  return seal.length > 20 ? `${seal.slice(0, 8)}…${seal.slice(-8)}` : seal;
}
