import type { CockpitRankingRow, CockpitTrendPoint, CockpitView } from "@kaoping/core";
import {
  formatPts,
  type IndicatorScore,
  indicatorIndex,
  type Pts,
  provisionalItems,
  pts,
  SUBMISSION_STATUS_LABELS,
  SUBMISSION_STATUSES,
  type UnitScore,
} from "@kaoping/core";
import type { QueryContext } from "../../platform/http/command.ts";
import { type CampaignAccess, campaignFramework, visibleCampaignsWhere } from "../campaigns/policy.ts";
import { listCampaignUnits } from "../campaigns/queries.ts";
import {
  applicableMaxOf,
  averagePoints,
  familyPublications,
  type ReportResult,
  rankingOrder,
  resultForReport,
  unitScoreOf,
} from "./result.ts";

export async function getCockpit(access: CampaignAccess, q: QueryContext): Promise<CockpitView> {
  const campaign = access.campaign;
  const result = await resultForReport({ db: q.db, access });
  const progressUnits = (await listCampaignUnits(access, q)).rows;
  const visible = new Set(progressUnits.map((u) => u.code));
  const idOf = (code: string) => result.unitIds[code]!;
  const units = rankingOrder(result.result.units).filter((u) => visible.has(u.unitCode));
  const visibleIds = units.map((u) => idOf(u.unitCode));
  return {
    campaign: { id: campaign.id, name: campaign.name, year: campaign.year, status: campaign.status, frameworkCode: campaign.frameworkCode },
    source: { version: result.version, publishedAt: result.publishedAt?.toISOString() ?? null, preview: result.preview },
    unitCount: units.length,
    provisional: result.result.provisional ?? units.some((u) => u.pending.length > 0),
    missingCount: provisionalItems(result.result, visible).length,
    distribution: histogram(units.map((u) => ({ unitId: idOf(u.unitCode), total: pts(u.total) }))),
    ranking: units.map((u) => rankingRow(u, idOf(u.unitCode))),
    heatmap: heatmap(units, idOf),
    progress: {
      submissions: SUBMISSION_STATUSES.map((status) => {
        const ids = progressUnits.filter((u) => u.submissionStatus === status).map((u) => u.unitId);
        return { status, label: SUBMISSION_STATUS_LABELS[status], count: ids.length, unitIds: ids };
      }),
      selfAssessments: {
        reported: progressUnits.reduce((n, u) => n + u.reported, 0),
        applicable: progressUnits.reduce((n, u) => n + u.applicable, 0),
        completeUnitIds: progressUnits.filter((u) => u.reported >= u.applicable).map((u) => u.unitId),
        units: progressUnits.map((u) => ({ unitId: u.unitId, reported: u.reported, applicable: u.applicable })),
      },
    },
    trend: await trend(access, q, result, visibleIds),
    findingsByIndicator: findingsByIndicator(access, result, visible),
  };
}

const rankingRow = (u: UnitScore, unitId: string): CockpitRankingRow => ({
  unitId,
  unitCode: u.unitCode,
  unitName: u.unitName,
  category: u.category,
  base: u.base,
  bonus: u.bonus,
  total: u.total,
  rescaled: u.rescaled ?? null,
  applicablePoints: u.applicablePoints ?? u.base,
  rank: u.rank,
  stars: u.stars,
  isReference: u.isReference,
  provisional: u.provisional ?? u.pending.length > 0,
});

const BUCKET_WIDTHS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((w) => pts(w));
const MAX_BUCKETS = 10;

/** Totals in equal buckets of a round width (at most ten), every unit in exactly one. */
export function histogram(entries: { unitId: string; total: Pts }[]): CockpitView["distribution"] {
  if (!entries.length) return [];
  const totals = entries.map((e) => e.total);
  const low = Math.min(...totals);
  const high = Math.max(...totals);
  const fits = (w: Pts) => Math.floor(high / w) - Math.floor(low / w) + 1 <= MAX_BUCKETS;
  const width = BUCKET_WIDTHS.find(fits) ?? Math.ceil((high - low + 1) / MAX_BUCKETS);
  const start = Math.floor(low / width) * width;
  const count = Math.floor((high - start) / width) + 1;
  return Array.from({ length: count }, (_, i) => {
    const from = start + i * width;
    const to = from + width;
    const unitIds = entries.filter((e) => e.total >= from && e.total < to).map((e) => e.unitId);
    return { from: formatPts(from), to: formatPts(to), label: `${formatPts(from)}–${formatPts(to)}`, count: unitIds.length, unitIds };
  });
}

/**
 * A share of what applied to the unit says how well a base indicator went (15 of an applicable
 * 15 is 100%, though the indicator is worth 20); a bonus part's 0 is neutral, so it has none.
 */
const scoreRate = (i: IndicatorScore) => {
  const max = applicableMaxOf(i);
  return i.part === "base" && i.points !== null && max !== null && pts(max) !== 0
    ? Math.round((pts(i.points) / pts(max)) * 10_000) / 10_000
    : null;
};

export function heatmap(units: UnitScore[], idOf: (code: string) => string): CockpitView["heatmap"] {
  const top = (u: UnitScore) => u.indicators.filter((i) => i.parentCode === null);
  const first = units[0];
  return {
    indicators: first ? top(first).map((i) => ({ code: i.code, name: i.name, max: i.max, part: i.part })) : [],
    rows: units.map((u) => ({
      unitId: idOf(u.unitCode),
      unitCode: u.unitCode,
      unitName: u.unitName,
      cells: top(u).map((i) => ({
        code: i.code,
        points: i.points,
        max: applicableMaxOf(i) ?? i.max,
        ratio: scoreRate(i),
      })),
    })),
  };
}

const rankedAverage = (units: readonly UnitScore[]) => averagePoints(units.filter((u) => !u.isReference).map((u) => u.total));

/** This campaign and every published one of its framework family the caller may see, by year. */
async function trend(access: CampaignAccess, q: QueryContext, result: ReportResult, unitIds: string[]): Promise<CockpitTrendPoint[]> {
  const others = await familyPublications(q.db, access.campaign, visibleCampaignsWhere(q.principal));
  const point = (
    campaignId: string,
    name: string,
    year: number,
    r: ReportResult | (typeof others)[number]["result"],
    extra: Partial<CockpitTrendPoint>,
  ) => ({
    campaignId,
    name,
    year,
    version: null,
    preview: false,
    current: false,
    average: rankedAverage(r.result.units),
    units: unitIds.flatMap((unitId) => {
      const score = unitScoreOf(r, unitId);
      return score ? [{ unitId, unitName: score.unitName, total: score.total }] : [];
    }),
    ...extra,
  });
  const campaign = access.campaign;
  return [
    ...others.map((o) => point(o.campaignId, o.name, o.year, o.result, { version: o.version })),
    point(campaign.id, campaign.name, campaign.year, result, { version: result.version, preview: result.preview, current: true }),
  ].sort((a, b) => a.year - b.year);
}

function findingsByIndicator(
  access: CampaignAccess,
  result: ReportResult,
  visibleCodes: ReadonlySet<string>,
): CockpitView["findingsByIndicator"] {
  const indicators = indicatorIndex(campaignFramework(access.campaign));
  const groups = new Map<string, { count: number; occurrences: number; findingIds: string[] }>();
  for (const f of result.findings) {
    if (!visibleCodes.has(f.unitCode)) continue;
    const group = groups.get(f.indicatorCode) ?? { count: 0, occurrences: 0, findingIds: [] };
    group.count++;
    group.occurrences += f.count;
    group.findingIds.push(f.id);
    groups.set(f.indicatorCode, group);
  }
  return [...groups.entries()]
    .map(([code, g]) => ({ indicatorCode: code, indicatorName: indicators.get(code)?.indicator.name ?? code, ...g }))
    .sort((a, b) => b.count - a.count || a.indicatorCode.localeCompare(b.indicatorCode, "zh-CN", { numeric: true }));
}
