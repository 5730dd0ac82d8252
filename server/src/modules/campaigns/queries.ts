import {
  appealOpeningWarning,
  type CampaignUnitView,
  type CampaignView,
  type campaignListQuerySchema,
  indicatorIndex,
  leafApplies,
  type Paged,
  type Phases,
  type SubmissionStatus,
} from "@kaoping/core";
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, max, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import {
  campaignReviewers,
  campaigns,
  campaignUnits,
  frameworks,
  publications,
  selfAssessments,
  submissions,
  units,
  users,
} from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { appealableUnitIds, appealWindowOf } from "../appeals/policy.ts";
import { type CampaignSummaryRow, campaignColumns } from "./definitions.ts";
import {
  type CampaignAccess,
  type CampaignRow,
  campaignFramework,
  loadCampaign,
  visibleCampaignsWhere,
  visibleUnitsWhere,
} from "./policy.ts";
import { presentCampaign } from "./presenter.ts";

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function countsFor(q: QueryContext, rows: CampaignSummaryRow[]) {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return () => ({ unitCount: 0, publishedVersion: null, frameworkName: "" });
  const [unitCounts, published, names] = await Promise.all([
    q.db
      .select({ id: campaignUnits.campaignId, n: count() })
      .from(campaignUnits)
      .where(inArray(campaignUnits.campaignId, ids))
      .groupBy(campaignUnits.campaignId),
    q.db
      .select({ id: publications.campaignId, v: max(publications.version) })
      .from(publications)
      .where(inArray(publications.campaignId, ids))
      .groupBy(publications.campaignId),
    q.db
      .select({ id: frameworks.id, name: frameworks.name })
      .from(frameworks)
      .where(
        inArray(
          frameworks.id,
          rows.map((r) => r.frameworkId),
        ),
      ),
  ]);
  return (row: CampaignSummaryRow) => ({
    unitCount: unitCounts.find((u) => u.id === row.id)?.n ?? 0,
    publishedVersion: published.find((p) => p.id === row.id)?.v ?? null,
    frameworkName: names.find((n) => n.id === row.frameworkId)?.name ?? row.frameworkCode,
  });
}

export async function listCampaigns(q: QueryContext, query: z.infer<typeof campaignListQuerySchema>) {
  const parts: (SQL | undefined)[] = [visibleCampaignsWhere(q.principal)];
  if (query.q) parts.push(or(ilike(campaigns.name, escapeLike(query.q)), ilike(campaigns.issuer, escapeLike(query.q))));
  if (query.status) parts.push(eq(campaigns.status, query.status));
  if (query.year) parts.push(eq(campaigns.year, query.year));
  const where = and(...parts);
  const [total] = await q.db.select({ n: count() }).from(campaigns).where(where);
  const rows = await q.db
    .select(campaignColumns)
    .from(campaigns)
    .where(where)
    .orderBy(desc(campaigns.year), desc(campaigns.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const counts = await countsFor(q, rows);
  return { total: total?.n ?? 0, rows: rows.map((r) => presentCampaign(r, counts(r))) };
}

export async function getCampaign(q: QueryContext, id: string): Promise<CampaignView> {
  const access = await loadCampaign(q.db, q.principal, id);
  const reviewers = await q.db
    .select({ id: users.id, displayName: users.displayName, unitName: units.name })
    .from(campaignReviewers)
    .innerJoin(users, eq(users.id, campaignReviewers.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(campaignReviewers.campaignId, id))
    .orderBy(asc(users.displayName));
  const counts = await countsFor(q, [access.campaign]);
  return {
    ...presentCampaign(access.campaign, counts(access.campaign)),
    reviewers,
    can: access.can,
    definition: access.campaign.definition,
    appealWindow: appealWindowOf(access.campaign),
    appealOpening: access.campaign.status === "reviewing" ? appealOpeningWarning(access.campaign.phases as Phases, Date.now()) : null,
  };
}

/** The leaf indicators a unit reports on: its category's (per the framework), narrowed to those the office chose for it. */
export function applicableLeaves(campaign: CampaignRow, unit: { category: string | null; indicatorCodes: string[] | null }) {
  const framework = campaignFramework(campaign);
  return [...indicatorIndex(framework).values()].filter((e) => e.isLeaf && leafApplies(e, unit));
}

/** The campaign's units the caller may see, with their submission status and reporting progress. */
export async function listCampaignUnits(access: CampaignAccess, q: QueryContext): Promise<Paged<CampaignUnitView>> {
  const rows = await q.db
    .select({ unit: campaignUnits, status: submissions.status })
    .from(campaignUnits)
    .leftJoin(submissions, and(eq(submissions.campaignId, campaignUnits.campaignId), eq(submissions.unitId, campaignUnits.unitId)))
    .where(and(eq(campaignUnits.campaignId, access.campaign.id), visibleUnitsWhere(access)))
    .orderBy(asc(campaignUnits.sortOrder));
  const reported = await q.db
    .select({ unitId: selfAssessments.unitId, code: selfAssessments.indicatorCode })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.campaignId, access.campaign.id), isNotNull(selfAssessments.completion)));
  const appealable = await appealableUnitIds(q.db, access);
  const leavesByChoice = new Map<string, Set<string>>();
  const leavesFor = (unit: { category: string | null; indicatorCodes: string[] | null }) => {
    const key = `${unit.category ?? ""}|${unit.indicatorCodes?.join(",") ?? "*"}`;
    if (!leavesByChoice.has(key)) leavesByChoice.set(key, new Set(applicableLeaves(access.campaign, unit).map((e) => e.indicator.code)));
    return leavesByChoice.get(key)!;
  };
  return {
    total: rows.length,
    rows: rows.map(({ unit, status }) => {
      const leaves = leavesFor(unit);
      return {
        unitId: unit.unitId,
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName,
        parentName: unit.parentName,
        category: unit.category,
        isReference: unit.isReference,
        sortOrder: unit.sortOrder,
        indicatorCodes: unit.indicatorCodes ?? null,
        submissionStatus: (status ?? "open") as SubmissionStatus,
        reported: reported.filter((r) => r.unitId === unit.unitId && leaves.has(r.code)).length,
        applicable: leaves.size,
        canAppeal: appealable.has(unit.unitId),
      };
    }),
  };
}
