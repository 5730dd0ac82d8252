/**
 * 黄牌 / 红牌: a unit's card over a period, from its counts in the warning ledger crossing the
 * thresholds the office keeps with the rule set. A threshold of 0 is not used. Red when any red
 * threshold is reached, else yellow when any yellow one is; the reasons name each count that crossed.
 */
import { z } from "zod";
import { labelled } from "../labelled.ts";

export const CARD = labelled({ none: "无", yellow: "黄牌", red: "红牌" });
export type Card = keyof typeof CARD.labels;

/** What a unit's card is judged on, over a period. */
export interface UnitSupervisionCounts {
  warnings: number;
  /** 红灯 warnings. */
  redWarnings: number;
  /** Warnings without a 督办单 (未督办). */
  unsupervised: number;
  /** Orders answered after their first deadline, or unanswered past it (未按期反馈: 逾期反馈 + 逾期未反馈). */
  repliesLate: number;
}

export const CARD_COUNT_LABELS: Record<keyof UnitSupervisionCounts, string> = {
  warnings: "预警",
  redWarnings: "红灯预警",
  unsupervised: "未督办预警",
  repliesLate: "未按期反馈",
};

const threshold = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能小于 0`)
    .max(100_000, `${label}不能大于 100000`);
const thresholds = z.strictObject({
  warnings: threshold("预警件数"),
  redWarnings: threshold("红灯预警件数"),
  unsupervised: threshold("未督办预警件数"),
  repliesLate: threshold("未按期反馈件数"),
});
/** The thresholds as stored: each a whole count, 0 = not used. */
export const cardThresholdsSchema = z.strictObject({ yellow: thresholds, red: thresholds });
export type CardThresholds = z.infer<typeof cardThresholdsSchema>;

/**
 * The thresholds as the office saves them: a yellow line above the red one of the same count is a
 * slip (the yellow card could never be given on it) and is refused, naming the yellow field. Equal
 * lines, and either line at 0 (not used), are allowed. A set stored before this check still loads
 * (`cardThresholdsSchema`): red is judged first, so it only loses that yellow line.
 */
export const cardThresholdsInputSchema = cardThresholdsSchema.superRefine((limits, ctx) => {
  for (const key of Object.keys(CARD_COUNT_LABELS) as (keyof UnitSupervisionCounts)[]) {
    const [yellow, red] = [limits.yellow[key], limits.red[key]];
    if (yellow > 0 && red > 0 && yellow > red)
      ctx.addIssue({
        code: "custom",
        path: ["yellow", key],
        message: `${CARD_COUNT_LABELS[key]}的黄牌线 ${yellow} 件不能高于红牌线 ${red} 件`,
      });
  }
});

/** A month's defaults: a late reply or a few red warnings earn a yellow card, more a red one. */
export const DEFAULT_CARD_THRESHOLDS: CardThresholds = {
  yellow: { warnings: 0, redWarnings: 5, unsupervised: 3, repliesLate: 1 },
  red: { warnings: 0, redWarnings: 15, unsupervised: 6, repliesLate: 3 },
};

export function unitCard(counts: UnitSupervisionCounts, limits: CardThresholds): { card: Card; reasons: string[] } {
  const crossed = (level: keyof CardThresholds) =>
    (Object.keys(CARD_COUNT_LABELS) as (keyof UnitSupervisionCounts)[])
      .filter((key) => limits[level][key] > 0 && counts[key] >= limits[level][key])
      .map((key) => `${CARD_COUNT_LABELS[key]} ${counts[key]} 件，达到${CARD.labels[level]}线 ${limits[level][key]} 件`);
  const red = crossed("red");
  if (red.length) return { card: "red", reasons: red };
  const yellow = crossed("yellow");
  return yellow.length ? { card: "yellow", reasons: yellow } : { card: "none", reasons: [] };
}
