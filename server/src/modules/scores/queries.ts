import {
  type AppealStatus,
  type CampaignStatus,
  diffResults,
  type FindingBrief,
  type FindingStatus,
  type PublicationSummary,
  type PublicationView,
  provisionalItems,
  type Scoreboard,
  type ScoreResult,
  type ScoreSummary,
  type UnitScore,
  type UnitScoreView,
  unitProvisionalItems,
  type WhatIfResult,
} from "@kaoping/core";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { appeals, campaignUnits, evidenceFiles, findings, publications, users } from "../../platform/db/schema.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { type CampaignAccess, campaignFramework, visibleUnitsWhere } from "../campaigns/policy.ts";
import { findingFacts, type PublishedResult } from "./publication.ts";
import { computeCampaignScores } from "./scoring.ts";

export interface ViewerResult {
  source: "live" | "published";
  version: number | null;
  publishedAt: string | null;
  scores: PublishedResult;
  /** Unit codes the caller may see. */
  visible: Set<string>;
}

async function visibleCodes(db: Db | Tx, access: CampaignAccess): Promise<Set<string>> {
  const rows = await db
    .select({ code: campaignUnits.code })
    .from(campaignUnits)
    .where(and(eq(campaignUnits.campaignId, access.campaign.id), visibleUnitsWhere(access)));
  return new Set(rows.map((r) => r.code));
}

export async function latestPublication(db: Db | Tx, campaignId: string) {
  const [row] = await db
    .select()
    .from(publications)
    .where(eq(publications.campaignId, campaignId))
    .orderBy(desc(publications.version))
    .limit(1);
  return row ?? null;
}

/**
 * The result a caller sees: units (liaison, leader) only published results;
 * the office, assigned reviewers and all-scope viewers the live one until
 * publication, then the latest published version.
 */
export async function resultForViewer(db: Db | Tx, access: CampaignAccess): Promise<ViewerResult> {
  const visible = await visibleCodes(db, access);
  const published = await latestPublication(db, access.campaign.id);
  const status = access.campaign.status as CampaignStatus;
  if (published && (status === "published" || status === "archived" || !access.can.allUnits)) {
    return {
      source: "published",
      version: published.version,
      publishedAt: published.publishedAt.toISOString(),
      scores: published.result as PublishedResult,
      visible,
    };
  }
  if (!access.can.allUnits) throw conflict("成绩尚未发布");
  const live = await computeCampaignScores(db, access.campaign);
  return { source: "live", version: null, publishedAt: null, scores: { ...live, findings: [] }, visible };
}

/**
 * One unit's row of the ranking and matrix. A publication frozen before 不适用 and 折算 were
 * stored has no applicable maxima or rescaled totals: its figures read as they were published.
 */
const summary = (u: UnitScore, unitIds: Record<string, string>): ScoreSummary => ({
  unitId: unitIds[u.unitCode] ?? null,
  unitCode: u.unitCode,
  unitName: u.unitName,
  category: u.category,
  isReference: u.isReference,
  base: u.base,
  bonus: u.bonus,
  total: u.total,
  applicablePoints: u.applicablePoints ?? u.base,
  fullPoints: u.fullPoints ?? u.base,
  rescaled: u.rescaled ?? null,
  rescaleText: u.rescaleText ?? null,
  rankScore: u.rankScore ?? u.total,
  annual: u.annual,
  rank: u.rank,
  stars: u.stars,
  pending: u.pending,
  provisional: u.provisional ?? u.pending.length > 0,
  indicators: Object.fromEntries(u.indicators.map((i) => [i.code, i.points])),
  reducedMax: Object.fromEntries(
    u.indicators
      .filter((i) => i.points !== null && i.applicableMax != null && i.applicableMax !== i.max)
      .map((i) => [i.code, i.applicableMax!]),
  ),
});

/** The ranking and the score matrix (no traces: those are per unit). */
export async function getScoreboard(db: Db | Tx, access: CampaignAccess): Promise<Scoreboard> {
  const view = await resultForViewer(db, access);
  const { result, unitIds } = view.scores;
  const first = result.units[0];
  const { rescale } = campaignFramework(access.campaign);
  return {
    source: view.source,
    version: view.version,
    publishedAt: view.publishedAt,
    rankedCount: result.units.filter((u) => !u.isReference).length,
    indicators: (first?.indicators ?? []).map((i) => ({
      code: i.code,
      name: i.name,
      level: i.level,
      parentCode: i.parentCode,
      max: i.max,
      part: i.part,
    })),
    units: result.units.filter((u) => view.visible.has(u.unitCode)).map((u) => summary(u, unitIds)),
    provisional: result.provisional ?? result.units.some((u) => u.pending.length > 0),
    missing: provisionalItems(result, view.visible),
    overflows: result.overflows ?? [],
    rescale: { method: rescale?.method ?? "none", rankBy: rescale?.rankBy ?? "rescaled" },
  };
}

/** One unit's indicators with traces, where each fact came from, and the findings behind them with their evidence. */
export async function getUnitScore(db: Db | Tx, access: CampaignAccess, unitCode: string): Promise<UnitScoreView> {
  const view = await resultForViewer(db, access);
  const unit = view.scores.result.units.find((u) => u.unitCode === unitCode);
  if (!unit || !view.visible.has(unitCode)) throw notFound("参评单位");
  const sources = view.scores.sources[unitCode] ?? {};
  const ids = [...new Set(Object.values(sources).flatMap((s) => s.findingIds))];
  return {
    source: view.source,
    version: view.version,
    rankedCount: view.scores.result.units.filter((u) => !u.isReference).length,
    unit: { ...summary(unit, view.scores.unitIds), indicators: unit.indicators },
    sources,
    findings: await findingBriefs(db, ids),
    provisional: view.scores.result.provisional ?? unit.pending.length > 0,
    missing: unitProvisionalItems(unit),
  };
}

async function findingBriefs(db: Db | Tx, ids: string[]): Promise<FindingBrief[]> {
  if (!ids.length) return [];
  const rows = await db.select().from(findings).where(inArray(findings.id, ids));
  const files = await db
    .select({
      id: evidenceFiles.id,
      ownerId: evidenceFiles.ownerId,
      fileName: evidenceFiles.fileName,
      supersededAt: evidenceFiles.supersededAt,
    })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.ownerType, "finding"), inArray(evidenceFiles.ownerId, ids)));
  const appealRows = await db
    .select({ findingId: appeals.findingId, status: appeals.status })
    .from(appeals)
    .where(inArray(appeals.findingId, ids));
  return rows.map((f) => ({
    ...findingFacts(f),
    status: f.status as FindingStatus,
    appealStatus: (appealRows.find((a) => a.findingId === f.id)?.status ?? null) as AppealStatus | null,
    evidence: files.filter((e) => e.ownerId === f.id && !e.supersededAt).map((e) => ({ id: e.id, fileName: e.fileName })),
  }));
}

/** What-if: the unit's total and rank now, and with the given findings removed. */
export async function whatIf(db: Db | Tx, access: CampaignAccess, unitCode: string, excludeFindingIds: string[]): Promise<WhatIfResult> {
  const now = await computeCampaignScores(db, access.campaign);
  const without = await computeCampaignScores(db, access.campaign, { excludeFindingIds: new Set(excludeFindingIds) });
  const pick = (r: ScoreResult) => {
    const u = r.units.find((x) => x.unitCode === unitCode)!;
    return { total: u.total, rank: u.rank, stars: u.stars, indicators: Object.fromEntries(u.indicators.map((i) => [i.code, i.points])) };
  };
  return { unitCode, excluded: excludeFindingIds, current: pick(now.result), whatIf: pick(without.result) };
}

export async function listPublications(db: Db | Tx, access: CampaignAccess): Promise<PublicationSummary[]> {
  const rows = await db
    .select({
      version: publications.version,
      reason: publications.reason,
      publishedAt: publications.publishedAt,
      publisher: users.displayName,
    })
    .from(publications)
    .leftJoin(users, eq(users.id, publications.publishedBy))
    .where(eq(publications.campaignId, access.campaign.id))
    .orderBy(desc(publications.version));
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt.toISOString() }));
}

/** A published version as frozen, and what changed from the version before it. */
export async function getPublication(db: Db | Tx, access: CampaignAccess, version: number): Promise<PublicationView> {
  const rows = await db
    .select()
    .from(publications)
    .where(and(eq(publications.campaignId, access.campaign.id), inArray(publications.version, [version, version - 1])));
  const current = rows.find((r) => r.version === version);
  if (!current) throw notFound("发布版本");
  const previous = rows.find((r) => r.version === version - 1);
  const visible = await visibleCodes(db, access);
  const result = (current.result as PublishedResult).result;
  const diff = previous ? diffResults((previous.result as PublishedResult).result, result) : [];
  return {
    version: current.version,
    reason: current.reason,
    publishedAt: current.publishedAt.toISOString(),
    units: result.units.filter((u) => visible.has(u.unitCode)).map((u) => summary(u, (current.result as PublishedResult).unitIds)),
    diff: diff.filter((d) => visible.has(d.unitCode)),
  };
}
