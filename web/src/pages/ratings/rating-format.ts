import { RATING_CHANNEL, RATING_METRIC, type RatingChannel, type RatingMetricValue } from "@kaoping/core";
import dayjs, { type Dayjs } from "dayjs";
import { formatNumber, type Translate } from "../cases/case-format.ts";
import { rangeQuery } from "../cases/case-labels.ts";
import { caseLinkOf } from "../cases/case-link.ts";
import type { RatingScope } from "./ratings-api.ts";

/** A ratio as a percentage with two decimals (`7.50%`), or `—` when it has no denominator. */
export function formatRate(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(2)}%`;
}

/** A KPI card's value: 主动评价数 as a count, every other metric as a percentage. */
export function metricText(metric: Pick<RatingMetricValue, "key" | "value">): string {
  if (metric.key !== "rated") return formatRate(metric.value);
  return metric.value === null ? "—" : formatNumber(metric.value);
}

/** The card's tooltip, line by line: the formula, then the counts it divided (or why there is no value). */
export function metricTooltip(metric: RatingMetricValue, t: Translate): string[] {
  const formula = t("ratings.dashboard.formula", { formula: RATING_METRIC[metric.key].formula });
  const counts = { numerator: formatNumber(metric.numerator), denominator: formatNumber(metric.denominator) };
  if (metric.key === "rated") return [formula, t("ratings.dashboard.ratedOf", counts)];
  if (metric.denominator === 0) return [formula, t("ratings.dashboard.noDenominator")];
  return [formula, t("ratings.dashboard.kpiOf", counts)];
}

/** The dashboard's default period: this year up to today. */
export function thisYear(today: Dayjs = dayjs()): [Dayjs, Dayjs] {
  return [today.startOf("year"), today];
}

/**
 * The dashboard's scope from its address (a campaign fact's link: ?unitId=&from=&to=, or a drill):
 * a valid period or this year, the unit, a channel only when it is one.
 */
export function ratingScopeOf(params: URLSearchParams, today: Dayjs = dayjs()): RatingScope {
  const link = caseLinkOf(params);
  const scope: RatingScope = link ? { from: link.from, to: link.to } : rangeQuery(thisYear(today));
  const unitId = params.get("unitId");
  if (unitId) scope.unitId = unitId;
  const channel = params.get("channel");
  if (channel && (RATING_CHANNEL.values as readonly string[]).includes(channel)) scope.channel = channel as RatingChannel;
  const itemCode = params.get("itemCode")?.trim();
  if (itemCode) scope.itemCode = itemCode;
  return scope;
}

/** A scope as address parameters (what ratingScopeOf reads back). */
export function scopeParams(scope: RatingScope): Record<string, string> {
  return Object.fromEntries(
    Object.entries(scope).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}

/** The rating list's query fields a link may fill (the period goes to the range). */
const LINKED_FIELDS = ["caseNo", "itemCode", "level", "channel", "kind", "isDefault"] as const;
export type LinkedFormValues = Partial<Record<(typeof LINKED_FIELDS)[number], string>> & { range?: [Dayjs, Dayjs] };

/**
 * The rating list's query-form values for the filters a link brought (a dashboard drill): each in its
 * field and the period as the range, so the reader sees what narrows the list. The unit is the tree's.
 */
export function linkedFormValues(filters: Record<string, string>): LinkedFormValues {
  const values: LinkedFormValues = {};
  for (const key of LINKED_FIELDS) if (filters[key]) values[key] = filters[key];
  if (filters.from && filters.to) values.range = [dayjs(filters.from), dayjs(filters.to)];
  return values;
}

/** A number that ends in a UUID (`KP-<uuid>`, `CP-KP-<uuid>`): its prefix, then the UUID's first block. */
const UUID_NUMBER = /^(.*?)([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A number no longer than this is shown whole. */
const SHORT_NUMBER_MAX = 18;

/**
 * A long rating or review number as a table shows it: `KP-1a2b3c4d…` for `KP-<uuid>` (the UUID's
 * first block tells rows apart), any other long number cut to its start with `…`; a short one whole.
 * The full number stays in the cell's tooltip and copy button.
 */
export function shortNumber(no: string): string {
  if (no.length <= SHORT_NUMBER_MAX) return no;
  const match = UUID_NUMBER.exec(no);
  if (match) return `${match[1]}${match[2]}…`;
  return `${no.slice(0, SHORT_NUMBER_MAX - 1)}…`;
}
