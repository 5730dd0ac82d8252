/** What the warning rules read of a case's item from the guide registry (收费, open errors). */
import type { SupervisedItem } from "./evaluate.ts";

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

export function supervisedItemOf(
  guide: { charged?: boolean | null; fees?: { standard?: string | null }[] } | null,
  errors: readonly { from: Date; to: Date | null }[],
): SupervisedItem {
  return { charged: guide?.charged ?? null, maxFee: maxFeeOf(guide?.fees ?? []), openErrors: [...errors] };
}
