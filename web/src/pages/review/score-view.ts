import { formatPts, type IndicatorScore, pts } from "@kaoping/core";
import type { ScoreboardIndicator, ScoreSummary } from "../../api/review.ts";

/** Ranked units by rank (ties by code), then the unranked ones — reference units — by total. */
export function rankingOrder<U extends Pick<ScoreSummary, "rank" | "total" | "unitCode">>(units: readonly U[]): U[] {
  return [...units].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.unitCode.localeCompare(b.unitCode);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return pts(b.total) - pts(a.total) || a.unitCode.localeCompare(b.unitCode);
  });
}

/** The score matrix's columns: the first-level indicators, base part first as the framework lists them. */
export function matrixIndicators(indicators: readonly ScoreboardIndicator[]): ScoreboardIndicator[] {
  return indicators.filter((indicator) => indicator.level === 1);
}

/** What a unit lost on an indicator (max − points), or null when it lost nothing or it does not apply. */
export function lostPoints(points: string | null | undefined, max: string | null, part: "base" | "bonus" = "base"): string | null {
  // A bonus not earned (加分项 0 of 20) is no loss: only the base part loses points.
  if (points === null || points === undefined || max === null || part === "bonus") return null;
  const lost = pts(max) - pts(points);
  return lost > 0 ? formatPts(lost) : null;
}

export type IndicatorNode = IndicatorScore & { children?: IndicatorNode[] };

/** A unit's flat indicator list (parentCode links) as a tree for a tree table; leaves have no `children`. */
export function indicatorTree(indicators: readonly IndicatorScore[]): IndicatorNode[] {
  const nodes = new Map<string, IndicatorNode>(indicators.map((indicator) => [indicator.code, { ...indicator }]));
  const roots: IndicatorNode[] = [];
  for (const indicator of indicators) {
    const node = nodes.get(indicator.code)!;
    const parent = indicator.parentCode ? nodes.get(indicator.parentCode) : undefined;
    if (parent) parent.children = [...(parent.children ?? []), node];
    else roots.push(node);
  }
  return roots;
}
