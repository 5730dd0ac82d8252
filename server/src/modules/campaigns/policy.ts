import { type CampaignAbilities, type Framework, PERMISSIONS } from "@kaoping/core";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { buildScopeWhere, isUnitInScope } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaignReviewers, campaigns, campaignUnits, units } from "../../platform/db/schema.ts";
import { forbidden, notFound } from "../../platform/errors.ts";
import { type CampaignSummaryRow, campaignColumns, withDefinition } from "./definitions.ts";

/**
 * Who sees a campaign, and which of its units:
 * - the office (assess:campaign:manage): every campaign, every unit;
 * - a reviewer or evaluator (assess:campaign:review without manage): the
 *   campaigns they are assigned to, with every unit of them;
 * - everyone else: campaigns holding a unit in their data scope, and only
 *   those units (a liaison sees their own unit; an all-scope viewer, all).
 */
export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignUnitRow = typeof campaignUnits.$inferSelect;

export interface CampaignAccess {
  campaign: CampaignRow;
  can: CampaignAbilities;
  principal: Principal;
}

const has = (principal: Principal, permission: string) => principal.permissions.has(permission as never);
const isOffice = (p: Principal) => has(p, PERMISSIONS.campaignManage);
const isAssignedOnly = (p: Principal) => !isOffice(p) && has(p, PERMISSIONS.campaignReview);

/** The campaigns a principal may see, as a condition on `campaigns`. */
export function visibleCampaignsWhere(principal: Principal): SQL | undefined {
  if (isOffice(principal)) return undefined;
  if (isAssignedOnly(principal)) {
    return inArray(
      campaigns.id,
      sql`(select ${campaignReviewers.campaignId} from ${campaignReviewers} where ${campaignReviewers.userId} = ${principal.id})`,
    );
  }
  if (principal.scope.all) return undefined;
  const inScope = buildScopeWhere(principal.scope, { unitId: campaignUnits.unitId }, principal.id ?? "");
  return inArray(campaigns.id, sql`(select ${campaignUnits.campaignId} from ${campaignUnits} where ${inScope})`);
}

/** The units of a visible campaign the principal may see, as a condition on `campaign_units` (undefined = all). */
export function visibleUnitsWhere(access: CampaignAccess): SQL | undefined {
  if (access.can.allUnits) return undefined;
  return buildScopeWhere(access.principal.scope, { unitId: campaignUnits.unitId }, access.principal.id ?? "");
}

/** The same condition for any table with a unit_id column of this campaign's units. */
export function visibleUnitIdsWhere(
  access: CampaignAccess,
  unitIdColumn: Parameters<typeof buildScopeWhere>[1]["unitId"],
): SQL | undefined {
  if (access.can.allUnits) return undefined;
  return buildScopeWhere(access.principal.scope, { unitId: unitIdColumn }, access.principal.id ?? "");
}

async function isAssigned(db: Db | Tx, campaignId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db
    .select({ userId: campaignReviewers.userId })
    .from(campaignReviewers)
    .where(and(eq(campaignReviewers.campaignId, campaignId), eq(campaignReviewers.userId, userId)));
  return !!row;
}

async function abilities(db: Db | Tx, principal: Principal, campaign: CampaignSummaryRow): Promise<CampaignAbilities | null> {
  const office = isOffice(principal);
  const assigned = !office && has(principal, PERMISSIONS.campaignReview) && (await isAssigned(db, campaign.id, principal.id));
  if (isAssignedOnly(principal) && !assigned) return null;
  const allUnits = office || assigned || principal.scope.all;
  if (!allUnits) {
    const where = buildScopeWhere(principal.scope, { unitId: campaignUnits.unitId }, principal.id ?? "");
    const [any] = await db
      .select({ unitId: campaignUnits.unitId })
      .from(campaignUnits)
      .where(and(eq(campaignUnits.campaignId, campaign.id), where))
      .limit(1);
    if (!any) return null;
  }
  return {
    manage: office,
    review: office || assigned,
    submit: has(principal, PERMISSIONS.reportSubmit),
    confirm: has(principal, PERMISSIONS.reportConfirm),
    appeal: has(principal, PERMISSIONS.appealSubmit),
    allUnits,
  };
}

/** A campaign the principal may see (404 otherwise, so its existence is not disclosed); `forUpdate` locks the row. */
export async function loadCampaign(
  db: Db | Tx,
  principal: Principal,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CampaignAccess> {
  const query = db.select(campaignColumns).from(campaigns).where(eq(campaigns.id, id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("考核");
  const can = await abilities(db, principal, row);
  if (!can) throw notFound("考核");
  return { campaign: await withDefinition(db, row), can, principal };
}

/** One assessed unit of a visible campaign, if the principal may see it (404 otherwise). */
export async function loadCampaignUnit(db: Db | Tx, access: CampaignAccess, unitId: string): Promise<CampaignUnitRow> {
  const [row] = await db
    .select({ unit: campaignUnits, livePath: units.path, createdBy: units.createdBy })
    .from(campaignUnits)
    .innerJoin(units, eq(units.id, campaignUnits.unitId))
    .where(and(eq(campaignUnits.campaignId, access.campaign.id), eq(campaignUnits.unitId, unitId)));
  if (!row) throw notFound("参评单位");
  if (
    !access.can.allUnits &&
    !isUnitInScope(access.principal.scope, { id: unitId, path: row.livePath, createdBy: row.createdBy }, access.principal.id ?? "")
  ) {
    throw notFound("参评单位");
  }
  return row.unit;
}

export function assertCan(access: CampaignAccess, ability: keyof CampaignAbilities, message: string): void {
  if (!access.can[ability]) throw forbidden(message);
}

/** The frozen framework of a campaign. */
export function campaignFramework(campaign: CampaignRow): Framework {
  return campaign.definition as Framework;
}
