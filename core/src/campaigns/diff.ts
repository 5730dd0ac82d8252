import type { ScoreResult } from "../frameworks/engine-types.ts";

/** One unit's change between two published versions. */
export interface UnitDiff {
  unitCode: string;
  unitName: string;
  before: { total: string; rank: number | null; stars: number | null } | null;
  after: { total: string; rank: number | null; stars: number | null } | null;
  indicators: { code: string; name: string; before: string | null; after: string | null }[];
}

/**
 * What changed from one published result to the next: units whose total,
 * rank, stars or any indicator's points differ (or that appear or vanish).
 */
export function diffResults(before: ScoreResult, after: ScoreResult): UnitDiff[] {
  const old = new Map(before.units.map((u) => [u.unitCode, u]));
  const diffs: UnitDiff[] = [];
  const seen = new Set<string>();
  for (const unit of after.units) {
    seen.add(unit.unitCode);
    const prev = old.get(unit.unitCode);
    const prevPoints = new Map(prev?.indicators.map((i) => [i.code, i.points]) ?? []);
    const indicators = unit.indicators
      .filter((i) => !prev || prevPoints.get(i.code) !== i.points)
      .map((i) => ({ code: i.code, name: i.name, before: prevPoints.get(i.code) ?? null, after: i.points }));
    const summary = { total: unit.total, rank: unit.rank, stars: unit.stars };
    const prevSummary = prev ? { total: prev.total, rank: prev.rank, stars: prev.stars } : null;
    if (prevSummary && indicators.length === 0 && JSON.stringify(prevSummary) === JSON.stringify(summary)) continue;
    diffs.push({ unitCode: unit.unitCode, unitName: unit.unitName, before: prevSummary, after: summary, indicators });
  }
  for (const prev of before.units) {
    if (seen.has(prev.unitCode)) continue;
    diffs.push({
      unitCode: prev.unitCode,
      unitName: prev.unitName,
      before: { total: prev.total, rank: prev.rank, stars: prev.stars },
      after: null,
      indicators: [],
    });
  }
  return diffs;
}
