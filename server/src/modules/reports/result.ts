import { formatPts, type IndicatorScore, pts, type UnitScore } from "@kaoping/core";
import { and, asc, desc, eq, lt, max, ne, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaigns, campaignUnits, publications } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { type CampaignAccess, type CampaignRow, type CampaignUnitRow, visibleUnitsWhere } from "../campaigns/policy.ts";
import { type PublishedFinding, type PublishedResult, publishedFindings } from "../scores/publication.ts";
import { resultForViewer } from "../scores/queries.ts";
import type { CampaignScores } from "../scores/scoring.ts";

/** The result a report, export or cockpit shows, and where it comes from. */
export interface ReportResult extends CampaignScores {
  /** Confirmed findings: frozen with the publication, or the current ones for a preview. */
  findings: PublishedFinding[];
  /** The publication version shown; null for the live preview. */
  version: number | null;
  publishedAt: Date | null;
  /** The live result of an unpublished campaign (预览（未发布）), shown only to the office, reviewers and all-scope viewers. */
  preview: boolean;
}

export const PREVIEW_LABEL = "预览（未发布）";

/**
 * The scores module's rule picks the result (unit users: the latest
 * publication or 409; the office, reviewers and all-scope viewers: the live
 * result until publication); a preview also needs the current confirmed
 * findings, which the live scoreboard leaves out.
 */
export async function resultForReport(options: { db: Db | Tx; access: CampaignAccess }): Promise<ReportResult> {
  const { db, access } = options;
  const view = await resultForViewer(db, access);
  const preview = view.source === "live";
  return {
    ...view.scores,
    findings: preview ? await publishedFindings(db, access.campaign.id) : view.scores.findings,
    version: view.version,
    publishedAt: view.publishedAt ? new Date(view.publishedAt) : null,
    preview,
  };
}

/** A published campaign of the same framework family with its latest publication. */
export interface FamilyPublication {
  campaignId: string;
  name: string;
  year: number;
  version: number;
  result: PublishedResult;
}

/**
 * The latest publication of each other campaign of the same framework family
 * (same frameworkCode), oldest first; `where` narrows the campaigns further.
 */
export async function familyPublications(db: Db | Tx, campaign: CampaignRow, where?: SQL, limit?: number): Promise<FamilyPublication[]> {
  const latest = db
    .select({ campaignId: publications.campaignId, version: max(publications.version).as("latest_version") })
    .from(publications)
    .groupBy(publications.campaignId)
    .as("latest");
  const query = db
    .select({
      campaignId: campaigns.id,
      name: campaigns.name,
      year: campaigns.year,
      version: publications.version,
      result: publications.result,
    })
    .from(campaigns)
    .innerJoin(latest, eq(latest.campaignId, campaigns.id))
    .innerJoin(publications, and(eq(publications.campaignId, campaigns.id), eq(publications.version, latest.version)))
    .where(and(eq(campaigns.frameworkCode, campaign.frameworkCode), ne(campaigns.id, campaign.id), where));
  const rows = limit
    ? await query.orderBy(desc(campaigns.year), desc(campaigns.createdAt)).limit(limit)
    : await query.orderBy(asc(campaigns.year), asc(campaigns.createdAt));
  return rows.map((r) => ({ ...r, result: r.result as PublishedResult }));
}

/** The nearest earlier-year published campaign of the family (上期), if any. */
export async function previousPublication(db: Db | Tx, campaign: CampaignRow, where?: SQL): Promise<FamilyPublication | null> {
  const [row] = await familyPublications(db, campaign, and(lt(campaigns.year, campaign.year), where), 1);
  return row ?? null;
}

/** One unit's score in a result, by unit id (results key units by code). */
export function unitScoreOf(result: CampaignScores, unitId: string): UnitScore | undefined {
  const code = Object.entries(result.unitIds).find(([, id]) => id === unitId)?.[0];
  return code === undefined ? undefined : result.result.units.find((u) => u.unitCode === code);
}

export function requireUnitScore(result: CampaignScores, unitId: string): UnitScore {
  const score = unitScoreOf(result, unitId);
  if (!score) throw notFound("参评单位");
  return score;
}

/** The campaign's units the caller may see, in the campaign's order. */
export function visibleCampaignUnits(db: Db | Tx, access: CampaignAccess): Promise<CampaignUnitRow[]> {
  return db
    .select()
    .from(campaignUnits)
    .where(and(eq(campaignUnits.campaignId, access.campaign.id), visibleUnitsWhere(access)))
    .orderBy(asc(campaignUnits.sortOrder), asc(campaignUnits.code));
}

/** Units ranked first (by rank, then as listed), reference units after. */
export function rankingOrder(units: readonly UnitScore[]): UnitScore[] {
  const ranked = units.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return [...ranked, ...units.filter((u) => u.rank === null)];
}

/** How many units take part in the ranking (参照评估单位 do not). */
export const rankedCount = (units: readonly UnitScore[]) => units.filter((u) => !u.isReference).length;

/** Points in 1/10 000 per hundredth of a point: averages are printed to two decimals. */
const HUNDREDTH = 100;

/**
 * The mean of point strings as reports print it: to two decimals, half away
 * from zero (seven units' 104 points average 14.86, not 14.8571); null for none.
 * A mean is a description of the field, never a score, so rounding it changes no result.
 */
export function averagePoints(values: readonly string[]): string | null {
  if (!values.length) return null;
  const mean = values.reduce((sum, v) => sum + pts(v), 0) / values.length;
  return formatPts(Math.sign(mean) * Math.round(Math.abs(mean) / HUNDREDTH + 1e-9) * HUNDREDTH);
}

export const starsText = (stars: number | null) => (stars ? "★".repeat(stars) : "");

/**
 * 适用满分 of an indicator: its points less what does not apply to the unit. A publication
 * frozen before applicable maxima were stored has none: its points stand.
 */
export const applicableMaxOf = (i: IndicatorScore) => (i.points === null ? null : (i.applicableMax ?? i.max));

/** 失分: what the unit lost against what applied to it; an inapplicable indicator is never a loss. */
export function lostOf(i: IndicatorScore): string | null {
  const max = applicableMaxOf(i);
  if (max === null || i.points === null || i.part !== "base") return null;
  const lost = pts(max) - pts(i.points);
  return lost > 0 ? formatPts(lost) : null;
}
