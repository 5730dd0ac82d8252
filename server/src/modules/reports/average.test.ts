import { describe, expect, it } from "vitest";
import { averagePoints } from "./result.ts";

describe("averagePoints", () => {
  it("prints a mean to two decimals, as points", () => {
    // 14 + 6 × 15 = 104 over seven units = 14.857142…
    expect(averagePoints(["14", "15", "15", "15", "15", "15", "15"])).toBe("14.86");
    expect(averagePoints(["19", "20"])).toBe("19.5");
    expect(averagePoints(["0.005", "0"])).toBe("0"); // 0.0025 rounds to 0.00
    expect(averagePoints(["-1", "-2", "-2"])).toBe("-1.67");
  });

  it("has no mean of nothing", () => {
    expect(averagePoints([])).toBeNull();
  });
});
