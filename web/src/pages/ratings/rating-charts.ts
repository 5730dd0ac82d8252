import { RATING_CHANNEL, type RatingChannel, type RatingDashboardView, type RatingKind } from "@kaoping/core";
import { type DrillChartSpec, emptyTitle, periodRange } from "../cases/case-charts.ts";
import type { Translate } from "../cases/case-format.ts";
import { channelLabel, levelLabel } from "./rating-labels.ts";

/**
 * What a click on the dashboard's charts opens: the rating list narrowed to a level, a channel, a
 * month or an item, and to the ratings the figure counts (ACTIVE or DEFAULTS), so the list's total is
 * the figure.
 */
export interface RatingDrill {
  level?: string;
  itemCode?: string;
  channel?: RatingChannel;
  from?: string;
  to?: string;
  kind?: RatingKind;
  isDefault?: "true" | "false";
}

/** 主动评价: the first ratings the applicant gave (the rollups' level1–5), what every level, channel, month and item counts. */
export const ACTIVE_RATINGS = { kind: "first", isDefault: "false" } as const satisfies RatingDrill;
/** 默认评价: the first ratings the system gave for the applicant (the rollups' `defaults`). */
export const DEFAULT_RATINGS = { kind: "first", isDefault: "true" } as const satisfies RatingDrill;

/** The item ranking's 明细: the item's 主动评价 (its 主动评价数). */
export const itemDrill = (itemCode: string): RatingDrill => ({ itemCode, ...ACTIVE_RATINGS });

export type RatingChartSpec = DrillChartSpec<RatingDrill>;

const HEIGHT = 300;
/** 非常不满意 … 非常满意: red to green; 默认评价 grey. */
const LEVEL_HEX: Record<number, string> = { 1: "#cf1322", 2: "#fa541c", 3: "#d48806", 4: "#52c41a", 5: "#237804" };
const DEFAULT_HEX = "#8c8c8c";
const GOOD_HEX = "#389e0d";
const MIDDLE_HEX = "#d48806";
const BAD_HEX = "#cf1322";

/** A few named categories: every label shown (wrapped when long), the axis named under them. */
const categoryAxis = (name: string) => ({
  type: "category",
  name,
  nameLocation: "middle",
  nameGap: 40,
  axisLabel: { interval: 0, width: 80, overflow: "break" },
});

/** 基本满意: what is neither 好评 nor 差评. */
const middleOf = (row: { rated: number; good: number; bad: number }) => Math.max(0, row.rated - row.good - row.bad);

/** The counts of good, neutral and bad ratings as three stacked bar series. */
function stackedSeries(rows: { rated: number; good: number; bad: number }[], t: Translate) {
  const series = (name: string, color: string, data: number[]) => ({
    type: "bar",
    name,
    stack: "ratings",
    itemStyle: { color },
    barMaxWidth: 40,
    data,
  });
  return [
    series(
      t("ratings.dashboard.good"),
      GOOD_HEX,
      rows.map((r) => r.good),
    ),
    series(t("ratings.dashboard.middle"), MIDDLE_HEX, rows.map(middleOf)),
    series(
      t("ratings.dashboard.bad"),
      BAD_HEX,
      rows.map((r) => r.bad),
    ),
  ];
}

/**
 * 评价等级: one bar per level, 非常不满意 to 非常满意, and 默认评价 as a bar of its own (a series apart,
 * so it is never read as a level); a level's bar opens its 主动评价, 默认评价's its default ratings.
 */
export function levelsChart(view: Pick<RatingDashboardView, "levels" | "defaults">, t: Translate): RatingChartSpec {
  const { levels, defaults } = view;
  const isEmpty = levels.every((l) => l.count === 0) && defaults === 0;
  const bar = (name: string, data: unknown[]) => ({
    type: "bar",
    name,
    stack: "levels",
    barMaxWidth: 48,
    data,
    label: { show: true, position: "top" },
  });
  return {
    height: HEIGHT,
    option: {
      ...emptyTitle(t("ratings.dashboard.noData"), isEmpty),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      // Each level has its colour and 默认评价 its own bar: the axis names them, a legend would not.
      grid: { left: 16, right: 16, top: 32, bottom: 32, containLabel: true },
      xAxis: {
        ...categoryAxis(t("ratings.field.level")),
        data: [...levels.map((l) => levelLabel(l.level)), t("ratings.dashboard.defaults")],
      },
      yAxis: { type: "value", name: t("ratings.dashboard.count"), minInterval: 1 },
      series: [
        bar(t("ratings.dashboard.active"), [...levels.map((l) => ({ value: l.count, itemStyle: { color: LEVEL_HEX[l.level] } })), null]),
        { ...bar(t("ratings.dashboard.defaults"), [...levels.map(() => null), defaults]), itemStyle: { color: DEFAULT_HEX } },
      ],
    },
    drill: (index) => {
      if (index === levels.length) return { ...DEFAULT_RATINGS };
      const level = levels[index];
      return level ? { level: String(level.level), ...ACTIVE_RATINGS } : null;
    },
  };
}

/** 各渠道: good, neutral and bad ratings stacked per channel, in the vocabulary's order; a channel's bar opens its 主动评价. */
export function channelsChart(rows: RatingDashboardView["byChannel"], t: Translate): RatingChartSpec {
  const order = (channel: string) => (RATING_CHANNEL.values as readonly string[]).indexOf(channel);
  const byChannel = [...rows].sort((a, b) => order(a.channel) - order(b.channel));
  return {
    height: HEIGHT,
    option: {
      ...emptyTitle(t("ratings.dashboard.noData"), byChannel.length === 0),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 40, bottom: 32, containLabel: true },
      xAxis: { ...categoryAxis(t("ratings.field.channel")), data: byChannel.map((c) => channelLabel(c.channel)) },
      yAxis: { type: "value", name: t("ratings.dashboard.count"), minInterval: 1 },
      series: stackedSeries(byChannel, t),
    },
    drill: (index) => {
      const row = byChannel[index];
      return row ? { channel: row.channel, ...ACTIVE_RATINGS } : null;
    },
  };
}

/** Every month a period touches, `YYYY-MM`, in order (at most ten years' worth). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split("-").map(Number) as [number, number];
  const last = to.slice(0, 7);
  while (months.length < 120) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/**
 * 趋势: each month of the period (months without ratings as zero) with its good, neutral and bad
 * ratings stacked, and 差评率 as a line on the right axis; a month opens its 主动评价.
 */
export function trendChart(byMonth: RatingDashboardView["byMonth"], scope: { from: string; to: string }, t: Translate): RatingChartSpec {
  const known = new Map(byMonth.map((m) => [m.month, m]));
  const months = monthsBetween(scope.from, scope.to);
  const rows = months.map((month) => known.get(month) ?? { month, rated: 0, good: 0, bad: 0 });
  return {
    height: HEIGHT,
    option: {
      ...emptyTitle(
        t("ratings.dashboard.noData"),
        rows.every((r) => r.rated === 0),
      ),
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: "category", data: months },
      yAxis: [
        { type: "value", name: t("ratings.dashboard.count"), minInterval: 1 },
        { type: "value", name: "%", min: 0, splitLine: { show: false } },
      ],
      series: [
        ...stackedSeries(rows, t),
        {
          type: "line",
          name: t("ratings.dashboard.badRate"),
          yAxisIndex: 1,
          itemStyle: { color: "#531dab" },
          connectNulls: false,
          data: rows.map((r) => (r.rated ? Math.round((r.bad / r.rated) * 10_000) / 100 : null)),
        },
      ],
    },
    drill: (index) => {
      const month = months[index];
      return month ? { ...periodRange(month, "month", scope), ...ACTIVE_RATINGS } : null;
    },
  };
}
