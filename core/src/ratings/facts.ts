/**
 * 好差评 facts for campaigns: a framework declares `ratings.<fact>` and a campaign fills it for each
 * assessed unit (its subtree) from the ratings of the campaign's period and their bad-review loop,
 * judged as they stand at the period's end (or now, if sooner). Seed 001 (拱墅 2.5.1) reads the
 * counts: “未在规定时间内完成‘好差评’申诉的，每一次扣0.5分；被省‘好差评’系统回访确认为差评的，每件次扣1分；
 * 整改后又被追评为差评的每件次扣1.5分”. Rates are percentages with 2 decimals. docs/ratings.md.
 */
export const RATING_FACTS = {
  "ratings.appeal_overdue": "未在规定时间内完成核实申诉的差评件次（好差评）",
  "ratings.bad_confirmed": "核实确认的差评件次（好差评）",
  "ratings.bad_again": "整改后追评仍为差评的件次（好差评）",
  "ratings.rectify_rate": "差评整改率 %（好差评）",
  "ratings.active_rate": "主动评价率 %（好差评）",
  "ratings.bad_rate": "差评率 %（好差评）",
} as const;
export type RatingFactKey = keyof typeof RATING_FACTS;

export function isRatingFactKey(key: string): key is RatingFactKey {
  return key in RATING_FACTS;
}

/** The web page listing bad reviews (and, for the rates, the dashboard), where a fact's link lands. */
export const REVIEWS_PATH = "/ratings/reviews";
export const RATINGS_DASHBOARD_PATH = "/ratings";

/** The drill-down to the records behind a rating fact, for a unit (with its subtree) and a period. */
export function ratingFactLink(key: RatingFactKey, scope: { unitId: string; from: string; to: string }): string {
  const query: [string, string][] = [
    ["unitId", scope.unitId],
    ["from", scope.from],
    ["to", scope.to],
  ];
  if (key === "ratings.appeal_overdue") query.push(["judged", "response_late"]);
  if (key === "ratings.bad_confirmed") query.push(["judged", "confirmed"]);
  if (key === "ratings.bad_again") query.push(["judged", "bad_again"]);
  if (key === "ratings.rectify_rate") query.push(["judged", "rectify_due"]);
  const path = key === "ratings.active_rate" || key === "ratings.bad_rate" ? RATINGS_DASHBOARD_PATH : REVIEWS_PATH;
  return `${path}?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
}
