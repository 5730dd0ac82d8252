import {
  CALL_OUTCOME,
  type CallOutcome,
  CHECK_LEVEL,
  isConnected,
  OUTCOME_KEYS,
  PHONE_KIND,
  ROUND_STATUS,
  type RoundStatus,
} from "@kaoping/core";
import { labelOf, optionsOf } from "../guides/guide-labels.ts";

/**
 * 接通率抽查 labels come from @kaoping/core, in Chinese as the sampling sheets name them: a screen
 * shows 区级 and 无人接听, never district and no_answer.
 */
export const levelOptions = optionsOf(CHECK_LEVEL.labels);
export const kindOptions = optionsOf(PHONE_KIND.labels);
export const outcomeOptions = optionsOf(CALL_OUTCOME.labels);

export const levelLabel = (code: string | null | undefined) => labelOf(CHECK_LEVEL.labels, code);
export const kindLabel = (code: string | null | undefined) => labelOf(PHONE_KIND.labels, code);
export const outcomeLabel = (code: string | null | undefined) => labelOf(CALL_OUTCOME.labels, code);
export const roundStatusLabel = (code: string | null | undefined) => labelOf(ROUND_STATUS.labels, code);

export const ROUND_STATUS_COLORS: Record<RoundStatus, string> = { running: "processing", closed: "default" };
export const LEVEL_COLORS: Record<string, string> = { district: "blue", city: "geekblue", province: "purple" };

/** Connected outcomes green (answered correctly) or orange, the others red. */
export function outcomeColor(outcome: CallOutcome): string {
  if (outcome === "answered_correct") return "success";
  return isConnected(outcome) ? "warning" : "error";
}

/** The sheet's outcomes with their keys, in key order (1 接通且答复准确 … 7 空号). */
export const OUTCOME_BUTTONS: { key: string; outcome: CallOutcome; label: string }[] = Object.entries(OUTCOME_KEYS)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([key, outcome]) => ({ key, outcome, label: CALL_OUTCOME.labels[outcome] }));
