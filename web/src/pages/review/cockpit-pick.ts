import type { CampaignSummary, CampaignView } from "@kaoping/core";

/**
 * Whether the caller can see a campaign's cockpit: the office, reviewers and all-scope viewers see the
 * live result before publication; a unit's liaison or leader only a published one (the server answers
 * 409 “成绩尚未发布” otherwise).
 */
export const cockpitVisible = (campaign: Pick<CampaignView, "can" | "publishedVersion">): boolean =>
  campaign.can.allUnits || campaign.publishedVersion !== null;

/** The campaign the cockpit opens on when none is asked for: the newest that is not a draft. */
export const defaultCockpitCampaign = (campaigns: readonly CampaignSummary[]): string | null =>
  campaigns.find((c) => c.status !== "draft")?.id ?? null;

/**
 * When the campaign opened by default is one whose result the caller cannot see yet (a unit's user on
 * this year's campaign in review), the newest published one instead; null: stay (and say why).
 */
export function publishedFallback(
  opened: Pick<CampaignView, "id" | "can" | "publishedVersion">,
  campaigns: readonly CampaignSummary[],
): string | null {
  if (cockpitVisible(opened)) return null;
  return campaigns.find((c) => c.id !== opened.id && c.publishedVersion !== null)?.id ?? null;
}
