/** What the warning rules read of a case's item from the guide registry (收费, open errors, step limits). */
import type { SupervisedItem, WorkedStep } from "./evaluate.ts";

/**
 * The highest amount in yuan a guide's 收费标准 names (“每件50元”, “按面积 2.5 元/平方米，最高 300 元”
 * → 300); null when none is readable — a standard in words only is not compared.
 */
export function maxFeeOf(fees: readonly { standard?: string | null }[]): number | null {
  let max: number | null = null;
  for (const fee of fees)
    for (const match of (fee.standard ?? "").matchAll(/(\d+(?:\.\d+)?)\s*元/g)) {
      const amount = Number(match[1]);
      if (max === null || amount > max) max = amount;
    }
  return max;
}

/** How a guide's 办理流程 names the steps a case's events record (受理, 审查/审核, 决定, 办结). */
const STEP_NAMES: [WorkedStep, RegExp][] = [
  ["accept", /受理/],
  ["review", /审查|审核/],
  ["decide", /决定/],
  ["complete", /办结/],
];

interface GuideStepLimit {
  name?: string | null;
  limit?: { days?: number | null; unit?: string | null } | null;
}

/**
 * The working-day limit the guide's 办理流程 gives each step, by the step's name. A limit in
 * natural days or without a unit is left out (the rule's own limit applies), as is a name matching
 * no step, or several — the first step of a kind that states a limit wins.
 */
export function stepLimitsOf(steps: readonly GuideStepLimit[]): Partial<Record<WorkedStep, number>> {
  const limits: Partial<Record<WorkedStep, number>> = {};
  for (const step of steps) {
    const { days, unit } = step.limit ?? {};
    if (unit !== "working_day" || typeof days !== "number" || !(days > 0)) continue;
    for (const [kind, name] of STEP_NAMES) if (name.test(step.name ?? "") && limits[kind] === undefined) limits[kind] = days;
  }
  return limits;
}

export function supervisedItemOf(
  guide: { charged?: boolean | null; fees?: { standard?: string | null }[]; steps?: GuideStepLimit[] } | null,
  errors: readonly { from: Date; to: Date | null }[],
): SupervisedItem {
  return {
    charged: guide?.charged ?? null,
    maxFee: maxFeeOf(guide?.fees ?? []),
    openErrors: [...errors],
    stepLimits: stepLimitsOf(guide?.steps ?? []),
  };
}
