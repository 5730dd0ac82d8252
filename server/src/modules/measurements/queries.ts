import type { MeasurementView, Paged } from "@kaoping/core";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaignUnits, measurements } from "../../platform/db/schema.ts";
import { type CampaignAccess, type CampaignRow, campaignFramework, visibleUnitIdsWhere } from "../campaigns/policy.ts";
import { userNames } from "../findings/queries.ts";
import { loadFindingScope } from "../findings/validation.ts";
import type { MeasurementRow } from "./commands.ts";
import { presentMeasurement } from "./presenter.ts";

export async function presentMeasurements(db: Db | Tx, campaign: CampaignRow, rows: MeasurementRow[]): Promise<MeasurementView[]> {
  const { units } = await loadFindingScope(db, campaign);
  const factLabels = new Map(campaignFramework(campaign).facts.map((f) => [f.key, f.label]));
  const names = await userNames(
    db,
    rows.map((r) => r.updatedBy),
  );
  return rows.map((row) => presentMeasurement(row, { units, factLabels, userNames: names }));
}

/** 测评数据 of the units the caller may see, in the campaign's unit order, optionally of one unit. */
export async function listMeasurements(db: Db | Tx, access: CampaignAccess, query: { unitId?: string }): Promise<Paged<MeasurementView>> {
  const parts: (SQL | undefined)[] = [eq(measurements.campaignId, access.campaign.id), visibleUnitIdsWhere(access, measurements.unitId)];
  if (query.unitId) parts.push(eq(measurements.unitId, query.unitId));
  const rows = await db
    .select({ measurement: measurements })
    .from(measurements)
    .innerJoin(campaignUnits, and(eq(campaignUnits.campaignId, measurements.campaignId), eq(campaignUnits.unitId, measurements.unitId)))
    .where(and(...parts))
    .orderBy(asc(campaignUnits.sortOrder), asc(measurements.fact));
  const views = await presentMeasurements(
    db,
    access.campaign,
    rows.map((r) => r.measurement),
  );
  return { total: views.length, rows: views };
}
