/**
 * Exact decimal points as scaled integers: 1 point = 10 000 units, so every
 * amount the seeds use (0.05, 0.1, 0.2, 1.5 …) is an integer and sums and
 * products by counts are exact (0.1 × 7 is 0.7, never 0.7000000000000001).
 * Non-integer factors (a rate's shortfall) round half away from zero to
 * 4 decimal places. Plain numbers keep this fast enough for the engine's hot
 * loop (see docs/performance.md); values stay far below 2^53.
 */
export type Pts = number;

export const SCALE = 10_000;
const DECIMAL = /^-?\d+(\.\d{1,4})?$/;

/** Parses "1.5" / 1.5 into points; more than 4 decimals is an error, not a silent rounding. */
export function pts(value: string | number): Pts {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!DECIMAL.test(text)) throw new Error(`不是有效的分值：${value}（最多 4 位小数）`);
  const negative = text.startsWith("-");
  const [whole = "0", frac = ""] = (negative ? text.slice(1) : text).split(".");
  const units = Number(whole) * SCALE + Number(frac.padEnd(4, "0"));
  return negative ? -units : units;
}

export function isPointsText(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** Scores repeat (0, each indicator's points …): formatting each value once saves the hot loop most of its string work. */
const formatted = new Map<Pts, string>();

/** "1.5", "0.7", "-3", "0" — shortest exact form. */
export function formatPts(value: Pts): string {
  let text = formatted.get(value);
  if (text === undefined) {
    text = format(value);
    if (formatted.size < 100_000) formatted.set(value, text);
  }
  return text;
}

function format(value: Pts): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const whole = Math.floor(abs / SCALE);
  const frac = String(abs % SCALE)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** amount × a non-negative integer count: exact. */
export function times(amount: Pts, count: number): Pts {
  return amount * count;
}

/** amount × any factor (e.g. 0.5 for halving, 2.65 percentage points), rounded to 4 places. */
export function scale(amount: Pts, factor: number): Pts {
  const raw = amount * factor;
  return Math.sign(raw) * Math.round(Math.abs(raw) + 1e-9);
}

export function clamp(value: Pts, min: Pts | null, max: Pts | null): Pts {
  let v = value;
  if (max !== null && v > max) v = max;
  if (min !== null && v < min) v = min;
  return v;
}
