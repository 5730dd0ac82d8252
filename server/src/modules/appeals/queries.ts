import { APPEAL_STATUSES, type AppealView, type EvidenceView, idSchema, type Paged } from "@kaoping/core";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { appeals, campaignUnits, findings } from "../../platform/db/schema.ts";
import { type CampaignAccess, visibleUnitIdsWhere } from "../campaigns/policy.ts";
import { listEvidenceFor } from "../evidence/queries.ts";
import { userNames } from "../findings/queries.ts";
import type { AppealRow } from "./commands.ts";
import { presentAppeal } from "./presenter.ts";

export const appealListQuerySchema = z.object({
  status: z.enum(APPEAL_STATUSES).optional(),
  findingId: idSchema.optional(),
  unitId: idSchema.optional(),
});

/** Appeals with what their views need: the unit's frozen name, the finding appealed against, the unit's evidence for it. */
async function presentAppeals(db: Db | Tx, where: SQL | undefined): Promise<AppealView[]> {
  const rows = await db
    .select({ appeal: appeals, unitName: campaignUnits.name, indicatorCode: findings.indicatorCode, description: findings.description })
    .from(appeals)
    .innerJoin(findings, eq(findings.id, appeals.findingId))
    .innerJoin(campaignUnits, and(eq(campaignUnits.campaignId, appeals.campaignId), eq(campaignUnits.unitId, appeals.unitId)))
    .where(where)
    .orderBy(desc(appeals.createdAt));
  const [names, evidence] = await queriesOn(db, [
    () =>
      userNames(
        db,
        rows.flatMap((r) => [r.appeal.createdBy, r.appeal.decidedBy]),
      ),
    () =>
      appealEvidence(
        db,
        rows.map((r) => r.appeal),
      ),
  ]);
  return rows.map((r) =>
    presentAppeal(r.appeal, {
      unitName: r.unitName,
      indicatorCode: r.indicatorCode,
      findingDescription: r.description,
      userNames: names,
      evidence: evidence.get(r.appeal.id) ?? [],
    }),
  );
}

/** The files units attached to their appeals (evidence is stored per unit), by appeal id. */
async function appealEvidence(db: Db | Tx, rows: AppealRow[]): Promise<Map<string, EvidenceView[]>> {
  const units = new Map(rows.map((r) => [`${r.campaignId}:${r.unitId}`, r]));
  const maps = await queriesOn(
    db,
    [...units.values()].map((r) => () => listEvidenceFor({ db, campaignId: r.campaignId, unitId: r.unitId, ownerType: "appeal" })),
  );
  return new Map(maps.flatMap((m) => [...m.entries()]));
}

/** 申诉 of a campaign, on the units the caller may see. */
export async function listAppeals(
  db: Db | Tx,
  access: CampaignAccess,
  query: z.infer<typeof appealListQuerySchema>,
): Promise<Paged<AppealView>> {
  const parts: (SQL | undefined)[] = [eq(appeals.campaignId, access.campaign.id), visibleUnitIdsWhere(access, appeals.unitId)];
  if (query.status) parts.push(eq(appeals.status, query.status));
  if (query.findingId) parts.push(eq(appeals.findingId, query.findingId));
  if (query.unitId) parts.push(eq(appeals.unitId, query.unitId));
  const views = await presentAppeals(db, and(...parts));
  return { total: views.length, rows: views };
}

/** One appeal's view, after a command changed it. */
export async function presentAppealById(db: Db | Tx, row: AppealRow): Promise<AppealView> {
  const [view] = await presentAppeals(db, eq(appeals.id, row.id));
  return view!;
}
