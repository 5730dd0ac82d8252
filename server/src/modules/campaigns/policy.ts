import { type CampaignAbilities, type Framework, PERMISSIONS } from "@kaoping/core";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { buildScopeWhere, isUnitInScope, scopeParams, scopeWhereParams } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { compiled } from "../../platform/db/compiled.ts";
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

const assignment = compiled((db) =>
  db
    .select({ userId: campaignReviewers.userId })
    .from(campaignReviewers)
    .where(and(eq(campaignReviewers.campaignId, sql.placeholder("campaignId")), eq(campaignReviewers.userId, sql.placeholder("userId")))),
);

async function isAssigned(db: Db | Tx, campaignId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const [row] = await assignment(db, { campaignId, userId });
  return !!row;
}

/**
 * What the principal may do in a campaign; null when they may not see it.
 * `reach`: whether any of the campaign's units is in the principal's scope,
 * read with the campaign when their scope limits them (see loadCampaign).
 */
async function abilities(
  db: Db | Tx,
  principal: Principal,
  campaign: CampaignSummaryRow,
  reach: boolean,
): Promise<CampaignAbilities | null> {
  const office = isOffice(principal);
  const assigned = !office && has(principal, PERMISSIONS.campaignReview) && (await isAssigned(db, campaign.id, principal.id));
  if (isAssignedOnly(principal) && !assigned) return null;
  const allUnits = office || assigned || principal.scope.all;
  if (!allUnits && !reach) return null;
  return {
    manage: office,
    review: office || assigned,
    submit: has(principal, PERMISSIONS.reportSubmit),
    confirm: has(principal, PERMISSIONS.reportConfirm),
    appeal: mayAppeal(principal),
    allUnits,
  };
}

/** The appeal ability comes with the permission; the data scope limits which findings it reaches. */
export function mayAppeal(principal: Principal): boolean {
  return has(principal, PERMISSIONS.appealSubmit);
}

const byId = eq(campaigns.id, sql.placeholder("id"));
const campaignById = compiled((db) => db.select(campaignColumns).from(campaigns).where(byId));
const campaignForUpdate = compiled((db) => db.select(campaignColumns).from(campaigns).where(byId).for("update"));
// For a principal whose scope limits them: the campaign with whether any of its units is in their scope, in one query.
export const reachColumn = {
  reach: sql<boolean>`exists (select 1 from ${campaignUnits} where ${campaignUnits.campaignId} = ${campaigns.id} and ${scopeWhereParams({ unitId: campaignUnits.unitId })})`,
};
const campaignWithReach = compiled((db) =>
  db
    .select({ ...campaignColumns, ...reachColumn })
    .from(campaigns)
    .where(byId),
);
const campaignWithReachForUpdate = compiled((db) =>
  db
    .select({ ...campaignColumns, ...reachColumn })
    .from(campaigns)
    .where(byId)
    .for("update", { of: campaigns }),
);

/** Whether the principal's scope limits which campaigns they see: neither the office nor a reviewer (who see all, or their assigned ones). */
function isScoped(principal: Principal): principal is Principal & { scope: { all: false } } {
  return !principal.scope.all && !isOffice(principal) && !has(principal, PERMISSIONS.campaignReview);
}

/** The values of reachColumn's placeholders: the principal's scope, or nothing for one it does not limit. */
export function reachParams(principal: Principal) {
  return isScoped(principal) ? scopeParams(principal.scope, principal.id) : { scopeUnitIds: [], scopePaths: [], scopeSelf: null };
}

/** The access to a campaign row read with its reach (404 when the principal may not see it). */
export async function accessTo(db: Db | Tx, principal: Principal, row: CampaignSummaryRow, reach: boolean): Promise<CampaignAccess> {
  const can = await abilities(db, principal, row, reach);
  if (!can) throw notFound("考核");
  return { campaign: await withDefinition(db, row), can, principal };
}

/** A campaign the principal may see (404 otherwise, so its existence is not disclosed); `forUpdate` locks the row. */
export async function loadCampaign(
  db: Db | Tx,
  principal: Principal,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CampaignAccess> {
  const [row] = isScoped(principal)
    ? await (options.forUpdate ? campaignWithReachForUpdate : campaignWithReach)(db, { id, ...reachParams(principal) })
    : await (options.forUpdate ? campaignForUpdate : campaignById)(db, { id });
  if (!row) throw notFound("考核");
  const { reach, ...campaign } = row as typeof row & { reach?: boolean };
  return accessTo(db, principal, campaign, reach === true);
}

const campaignUnitWithLivePath = compiled((db) =>
  db
    .select({ unit: campaignUnits, livePath: units.path, createdBy: units.createdBy })
    .from(campaignUnits)
    .innerJoin(units, eq(units.id, campaignUnits.unitId))
    .where(and(eq(campaignUnits.campaignId, sql.placeholder("campaignId")), eq(campaignUnits.unitId, sql.placeholder("unitId")))),
);

/** A campaign unit row read with its unit's live path and creator, if the principal may see it (404 otherwise). */
export function visibleUnit(
  access: CampaignAccess,
  row: { unit: CampaignUnitRow; livePath: string; createdBy: string | null },
): CampaignUnitRow {
  const { principal } = access;
  const unit = { id: row.unit.unitId, path: row.livePath, createdBy: row.createdBy };
  if (!access.can.allUnits && !isUnitInScope(principal.scope, unit, principal.id ?? "")) throw notFound("参评单位");
  return row.unit;
}

/** One assessed unit of a visible campaign, if the principal may see it (404 otherwise). */
export async function loadCampaignUnit(db: Db | Tx, access: CampaignAccess, unitId: string): Promise<CampaignUnitRow> {
  const [row] = await campaignUnitWithLivePath(db, { campaignId: access.campaign.id, unitId });
  if (!row) throw notFound("参评单位");
  return visibleUnit(access, row);
}

export function assertCan(access: CampaignAccess, ability: keyof CampaignAbilities, message: string): void {
  if (!access.can[ability]) throw forbidden(message);
}

/** The frozen framework of a campaign. */
export function campaignFramework(campaign: CampaignRow): Framework {
  return campaign.definition as Framework;
}
