import type { CampaignView, FindingView } from "@kaoping/core";

export type FindingAction = "confirm" | "edit" | "withdraw" | "evidence" | "appeal";

/**
 * Which commands a finding offers the caller: reviewers work on drafts and
 * confirmed ones; units appeal when the server says they may (`canAppeal`:
 * the appeal window, the finding's status and its earlier appeals, judged there).
 */
export function findingActions(campaign: Pick<CampaignView, "can">, finding: FindingView): FindingAction[] {
  const actions: FindingAction[] = [];
  const isOpen = finding.status === "draft" || finding.status === "confirmed";
  if (campaign.can.review) {
    if (finding.status === "draft") actions.push("confirm", "edit");
    if (isOpen) actions.push("withdraw", "evidence");
  }
  if (finding.canAppeal) actions.push("appeal");
  return actions;
}
