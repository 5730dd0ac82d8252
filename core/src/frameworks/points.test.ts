import { describe, expect, it } from "vitest";
import { clamp, formatPts, pts, scale, times } from "./points.ts";

describe("exact points", () => {
  it("0.1 × 7 is exactly 0.7", () => {
    expect(formatPts(times(pts("0.1"), 7))).toBe("0.7");
    expect(formatPts(pts("0.1") + pts("0.2"))).toBe("0.3");
  });
  it("parses and formats negatives and whole numbers", () => {
    expect(pts("-3")).toBe(-30_000);
    expect(formatPts(pts("-1.25"))).toBe("-1.25");
    expect(formatPts(pts(2))).toBe("2");
    expect(formatPts(0)).toBe("0");
  });
  it("refuses more than four decimals instead of rounding silently", () => {
    expect(() => pts("0.00001")).toThrow();
    expect(() => pts("abc")).toThrow();
  });
  it("scales by non-integer factors with half-away-from-zero rounding", () => {
    expect(formatPts(scale(pts("3"), 0.5))).toBe("1.5");
    expect(formatPts(scale(pts("0.1"), 2.65))).toBe("0.265");
    expect(formatPts(scale(pts("1"), 1 / 3))).toBe("0.3333");
  });
  it("clamps to a range", () => {
    expect(clamp(pts("-1"), 0, pts("3"))).toBe(0);
    expect(clamp(pts("4"), 0, pts("3"))).toBe(pts("3"));
    expect(clamp(pts("4"), null, null)).toBe(pts("4"));
  });
});
