import {
  APPEAL_KIND,
  RATING_CHANNEL,
  RATING_KIND,
  RATING_LEVEL,
  REVIEW_JUDGED,
  REVIEW_STATUS,
  REVIEW_STEP,
  type ReviewStatus,
} from "@kaoping/core";
import { labelOf, optionsOf } from "../guides/guide-labels.ts";

/**
 * 好差评 labels come from @kaoping/core, in Chinese as the provincial system and the exports name
 * them: a screen shows 非常不满意 and 待核实, never 1 and verifying.
 */
export const levelOptions = optionsOf(RATING_LEVEL.labels);
export const channelOptions = optionsOf(RATING_CHANNEL.labels);
export const kindOptions = optionsOf(RATING_KIND.labels);
export const reviewStatusOptions = optionsOf(REVIEW_STATUS.labels);
export const judgedOptions = optionsOf(REVIEW_JUDGED);
export const appealKindOptions = optionsOf(APPEAL_KIND.labels);

export const levelLabel = (level: number | null | undefined) => labelOf(RATING_LEVEL.labels, level == null ? null : String(level));
export const channelLabel = (code: string | null | undefined) => labelOf(RATING_CHANNEL.labels, code);
export const kindLabel = (code: string | null | undefined) => labelOf(RATING_KIND.labels, code);
export const reviewStatusLabel = (code: string | null | undefined) => labelOf(REVIEW_STATUS.labels, code);
export const reviewStepLabel = (code: string | null | undefined) => labelOf(REVIEW_STEP.labels, code);
export const appealKindLabel = (code: string | null | undefined) => labelOf(APPEAL_KIND.labels, code);

/** 差评 red and orange, 基本满意 gold, 好评 green. */
export const LEVEL_COLORS: Record<string, string> = { "1": "error", "2": "volcano", "3": "gold", "4": "green", "5": "success" };

/** By who acts next: the unit (orange, blue), the office (purple, cyan), nobody (green, grey). */
export const REVIEW_STATUS_COLORS: Record<ReviewStatus, string> = {
  verifying: "warning",
  appealing: "purple",
  rectifying: "processing",
  revisiting: "cyan",
  awaiting_follow_up: "default",
  closed: "success",
  voided: "default",
};
