import { describe, expect, it } from "vitest";
import { measuredFacts, measurementValue } from "./measurement-facts.ts";
import { testFramework } from "./test-framework.ts";

describe("measurement facts", () => {
  it("offers numbers, ranks, scores and flags but not counts", () => {
    expect(measuredFacts(testFramework).map((f) => f.key)).toEqual(["rate", "supervision", "hall_rank"]);
  });

  it("reads the typed value by the fact's type", () => {
    const [rate, supervision] = measuredFacts(testFramework);
    expect(measurementValue(rate, 92.5)).toBe(92.5);
    expect(measurementValue(rate, "")).toBeNull();
    expect(measurementValue(supervision, "false")).toBe(false);
    expect(measurementValue(supervision, "true")).toBe(true);
    expect(measurementValue(rate, null)).toBeNull();
  });
});
