/**
 * 接通率 facts for campaigns, one per checker level (seed 001, 拱墅 2.5.2: “被区级组织抽查到接通率不足90%的，
 * 每低1个百分点扣0.1分，被市级抽查到每低1个百分点扣0.2分”; 省级 0.3). For each assessed unit (its subtree)
 * the rate of each closed or running round of that level held in the campaign's period; where a level
 * checked more than once, the lowest round counts (the framework's note: “同级多次抽查时录入该级最低的一次”).
 * A level that did not check the unit gives no value (no deduction).
 */
import type { CheckLevel } from "./model.ts";

export const HOTLINE_FACTS = {
  "hotline.rate_district": "区级抽查咨询电话接通率 %",
  "hotline.rate_city": "市级抽查咨询电话接通率 %",
  "hotline.rate_province": "省级抽查咨询电话接通率 %",
} as const;
export type HotlineFactKey = keyof typeof HOTLINE_FACTS;

export const isHotlineFactKey = (key: string): key is HotlineFactKey => key in HOTLINE_FACTS;

export const hotlineFactLevel = (key: HotlineFactKey) => key.slice("hotline.rate_".length) as CheckLevel;

export const HOTLINE_RESULTS_PATH = "/hotline/results";

export function hotlineFactLink(key: HotlineFactKey, scope: { unitId: string; from: string; to: string }): string {
  const query = { unitId: scope.unitId, level: hotlineFactLevel(key), from: scope.from, to: scope.to };
  return `${HOTLINE_RESULTS_PATH}?${Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&")}`;
}

/** The lowest rate among a level's rounds (null rates — nothing rung — ignored); undefined: none. */
export function lowestRate(rates: readonly (number | null)[]): number | undefined {
  const known = rates.filter((r): r is number => r !== null);
  return known.length ? Math.min(...known) : undefined;
}
