import { type AppealStatus, appealRefusal, appealWindow, type CampaignStatus, type FindingStatus, type Phases } from "@kaoping/core";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { appeals, findings } from "../../platform/db/schema.ts";
import { type CampaignAccess, type CampaignRow, visibleUnitIdsWhere } from "../campaigns/policy.ts";

type CampaignDates = Pick<CampaignRow, "status" | "phases">;

/** Whether the campaign receives appeals now, with the window's dates or why not. */
export function appealWindowOf(campaign: CampaignDates, now = Date.now()) {
  return appealWindow(campaign.status as CampaignStatus, campaign.phases as Phases, now);
}

/** Why a finding may not be appealed now (core's appealRefusal on the campaign's phase and dates), or null. */
export function refusalFor(
  campaign: CampaignDates,
  finding: { status: string },
  appealStatuses: readonly AppealStatus[],
  now = Date.now(),
) {
  return appealRefusal({
    status: campaign.status as CampaignStatus,
    phases: campaign.phases as Phases,
    now,
    findingStatus: finding.status as FindingStatus,
    appealStatuses,
  });
}

/** Each finding's appeals' statuses, oldest first. */
export async function appealStatusesOf(db: Db | Tx, findingIds: string[]): Promise<Map<string, AppealStatus[]>> {
  const byFinding = new Map<string, AppealStatus[]>();
  if (!findingIds.length) return byFinding;
  const rows = await db
    .select({ findingId: appeals.findingId, status: appeals.status })
    .from(appeals)
    .where(inArray(appeals.findingId, findingIds))
    .orderBy(appeals.createdAt);
  for (const row of rows) byFinding.set(row.findingId, [...(byFinding.get(row.findingId) ?? []), row.status as AppealStatus]);
  return byFinding;
}

/**
 * The units (among those the caller sees) with a finding the caller may
 * appeal now: what the liaison's 申诉 button follows. Nothing is read when
 * the caller may not appeal or the window is shut.
 */
export async function appealableUnitIds(db: Db | Tx, access: CampaignAccess): Promise<Set<string>> {
  if (!access.can.appeal || !appealWindowOf(access.campaign).open) return new Set();
  const rows = await db
    .select({ id: findings.id, unitId: findings.unitId, status: findings.status })
    .from(findings)
    .where(
      and(eq(findings.campaignId, access.campaign.id), eq(findings.status, "confirmed"), visibleUnitIdsWhere(access, findings.unitId)),
    );
  const statuses = await appealStatusesOf(
    db,
    rows.map((r) => r.id),
  );
  return new Set(rows.filter((r) => refusalFor(access.campaign, r, statuses.get(r.id) ?? []) === null).map((r) => r.unitId));
}
