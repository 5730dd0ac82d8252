import { formatPts, type Pts, SCALE } from "./points.ts";
import type { Rescale } from "./schema.ts";

/** What rescaling made of one unit's totals. */
export interface Rescaled {
  /** The rescaled total, or null when the framework does not rescale. */
  total: Pts | null;
  /** "适用满分 95，得 88，折算 92.63", or null when nothing was rescaled. */
  text: string | null;
}

/**
 * 折算 (docs/campaigns.md, “不适用与折算”): brings a base score earned out of the
 * applicable maximum back to the full points, by the framework's method. The bonus
 * part is added unchanged; a unit to which everything applies keeps its total.
 */
export function rescaleTotal(options: { rescale: Rescale | undefined; base: Pts; bonus: Pts; applicable: Pts; full: Pts }): Rescaled {
  const { rescale, base, bonus, applicable, full } = options;
  if (!rescale || rescale.method === "none") return { total: null, text: null };
  if (applicable >= full || applicable <= 0) return { total: base + bonus, text: null };
  const head = `适用满分 ${formatPts(applicable)}，得 ${formatPts(base)}`;
  const tail = (rescaledBase: Pts) => (bonus === 0 ? "" : `，加分 ${formatPts(bonus)}，折算总分 ${formatPts(rescaledBase + bonus)}`);
  if (rescale.method === "full_credit") {
    const rescaledBase = base + full - applicable;
    return {
      total: rescaledBase + bonus,
      text: `${head}，不适用的 ${formatPts(full - applicable)} 分按满分计，折算 ${formatPts(rescaledBase)}${tail(rescaledBase)}`,
    };
  }
  const rescaledBase = proportional(base, full, applicable, rescale.decimals);
  return {
    total: rescaledBase + bonus,
    text: `${head}，折算 ${formatPts(rescaledBase)}（${formatPts(base)} × ${formatPts(full)} ÷ ${formatPts(applicable)}）${tail(rescaledBase)}`,
  };
}

/** base × full ÷ applicable in integers, rounded half away from zero to `decimals` places: exact, no float drift. */
export function proportional(base: Pts, full: Pts, applicable: Pts, decimals: number): Pts {
  const step = SCALE / 10 ** decimals;
  const numerator = Math.abs(base) * full;
  const denominator = applicable * step;
  const whole = Math.floor(numerator / denominator);
  const rest = numerator - whole * denominator;
  const rounded = (rest * 2 >= denominator ? whole + 1 : whole) * step;
  return base < 0 ? -rounded : rounded;
}
