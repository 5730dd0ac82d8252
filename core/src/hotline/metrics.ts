import { type CallOutcome, isConnected } from "./model.ts";

/** One unit's calls in a round: 接通率 and 答复准确率, with their counts. */
export interface HotlineRate {
  calls: number;
  connected: number;
  correct: number;
  /** Percent, 2 decimals; null when no call was recorded. */
  rate: number | null;
  accuracy: number | null;
}

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000 + Number.EPSILON) / 100);

/**
 * 接通率 = connected calls ÷ recorded calls; 答复准确率 = answered correctly ÷ connected. Calls not
 * yet made do not count (a round half done gives the rate of what was rung).
 */
export function hotlineRate(outcomes: readonly (CallOutcome | null)[]): HotlineRate {
  const recorded = outcomes.filter((o): o is CallOutcome => o !== null);
  const connected = recorded.filter(isConnected).length;
  const correct = recorded.filter((o) => o === "answered_correct").length;
  return { calls: recorded.length, connected, correct, rate: percent(connected, recorded.length), accuracy: percent(correct, connected) };
}
