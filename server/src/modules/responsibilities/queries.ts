import { indicatorIndex, type Paged, type ResponsibilityView, type responsibilityListQuerySchema } from "@kaoping/core";
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaignUnits, evidenceFiles, responsibilities, units } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { type CampaignAccess, campaignFramework, loadCampaign, visibleUnitIdsWhere } from "../campaigns/policy.ts";
import { presentResponsibility, type ResponsibilityRow } from "./presenter.ts";

/**
 * Views of responsibility rows: indicator names from the campaign's frozen
 * framework, unit names as frozen in the campaign (a responsible unit that is
 * not assessed, such as the office itself, by its live name), current
 * evidence counts. Sorted in framework order, lead before co.
 */
export async function presentResponsibilities(
  db: Db | Tx,
  access: CampaignAccess,
  rows: ResponsibilityRow[],
  now = Date.now(),
): Promise<ResponsibilityView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const [frozen, live, evidence] = await Promise.all([
    db
      .select({ unitId: campaignUnits.unitId, code: campaignUnits.code, name: campaignUnits.name, order: campaignUnits.sortOrder })
      .from(campaignUnits)
      .where(and(eq(campaignUnits.campaignId, access.campaign.id), inArray(campaignUnits.unitId, unitIds))),
    db.select({ unitId: units.id, code: units.code, name: units.name }).from(units).where(inArray(units.id, unitIds)),
    db
      .select({ ownerId: evidenceFiles.ownerId, n: count() })
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.ownerType, "responsibility"), inArray(evidenceFiles.ownerId, ids), isNull(evidenceFiles.supersededAt)))
      .groupBy(evidenceFiles.ownerId),
  ]);
  const unitOf = new Map([
    ...live.map((u) => [u.unitId, { ...u, order: Number.MAX_SAFE_INTEGER }] as const),
    ...frozen.map((u) => [u.unitId, u] as const),
  ]);
  const counts = new Map(evidence.map((e) => [e.ownerId, e.n]));
  const index = indicatorIndex(campaignFramework(access.campaign));
  const position = new Map([...index.keys()].map((code, i) => [code, i]));
  const sorted = [...rows].sort(
    (a, b) =>
      (position.get(a.indicatorCode) ?? Number.MAX_SAFE_INTEGER) - (position.get(b.indicatorCode) ?? Number.MAX_SAFE_INTEGER) ||
      Number(a.role !== "lead") - Number(b.role !== "lead") ||
      (unitOf.get(a.unitId)?.order ?? 0) - (unitOf.get(b.unitId)?.order ?? 0),
  );
  return sorted.map((row) => {
    const unit = unitOf.get(row.unitId);
    return presentResponsibility(
      row,
      {
        indicatorName: index.get(row.indicatorCode)?.indicator.name ?? row.indicatorCode,
        unitCode: unit?.code ?? "",
        unitName: unit?.name ?? "",
        evidenceCount: counts.get(row.id) ?? 0,
      },
      now,
    );
  });
}

/** 责任分解 of a campaign, the rows of units the caller may see; filters by unit and overdue. */
export async function listResponsibilities(
  ctx: QueryContext,
  campaignId: string,
  query: z.infer<typeof responsibilityListQuerySchema>,
): Promise<Paged<ResponsibilityView>> {
  const access = await loadCampaign(ctx.db, ctx.principal, campaignId);
  const rows = await ctx.db
    .select()
    .from(responsibilities)
    .where(
      and(
        eq(responsibilities.campaignId, campaignId),
        visibleUnitIdsWhere(access, responsibilities.unitId),
        query.unitId ? eq(responsibilities.unitId, query.unitId) : undefined,
      ),
    );
  // A campaign holds indicators × responsible units (hundreds to a few thousand): framework order is kept in memory.
  const views = (await presentResponsibilities(ctx.db, access, rows)).filter((v) => query.overdueOnly !== "true" || v.overdue);
  const start = (query.page - 1) * query.pageSize;
  return { total: views.length, rows: views.slice(start, start + query.pageSize) };
}
