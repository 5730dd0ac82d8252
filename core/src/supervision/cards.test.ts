import { describe, expect, it } from "vitest";
import { cardThresholdsInputSchema, cardThresholdsSchema, DEFAULT_CARD_THRESHOLDS, unitCard } from "./cards.ts";

const counts = { warnings: 20, redWarnings: 4, unsupervised: 2, repliesLate: 0 };

describe("黄牌 / 红牌", () => {
  it("gives no card under every threshold, and names each count that crossed one", () => {
    expect(unitCard(counts, DEFAULT_CARD_THRESHOLDS)).toEqual({ card: "none", reasons: [] });
    expect(unitCard({ ...counts, redWarnings: 5, repliesLate: 1 }, DEFAULT_CARD_THRESHOLDS)).toEqual({
      card: "yellow",
      reasons: ["红灯预警 5 件，达到黄牌线 5 件", "未按期反馈 1 件，达到黄牌线 1 件"],
    });
  });

  it("gives red when any red threshold is reached, whatever the yellow ones", () => {
    expect(unitCard({ ...counts, unsupervised: 6 }, DEFAULT_CARD_THRESHOLDS)).toEqual({
      card: "red",
      reasons: ["未督办预警 6 件，达到红牌线 6 件"],
    });
  });

  it("ignores a threshold of 0 (the total of warnings, by default)", () => {
    expect(unitCard({ ...counts, warnings: 10_000 }, DEFAULT_CARD_THRESHOLDS).card).toBe("none");
  });

  it("refuses a negative or fractional threshold, naming it", () => {
    const bad = cardThresholdsSchema.safeParse({ ...DEFAULT_CARD_THRESHOLDS, red: { ...DEFAULT_CARD_THRESHOLDS.red, repliesLate: 1.5 } });
    expect(bad.error!.issues[0]).toMatchObject({ path: ["red", "repliesLate"], message: "未按期反馈件数应为整数" });
  });

  it("refuses, as saved, a yellow line above the red one of the same count, naming the yellow field", () => {
    const slipped = {
      yellow: { ...DEFAULT_CARD_THRESHOLDS.yellow, redWarnings: 50 },
      red: { ...DEFAULT_CARD_THRESHOLDS.red, redWarnings: 15 },
    };
    expect(cardThresholdsInputSchema.safeParse(slipped).error!.issues).toEqual([
      expect.objectContaining({ path: ["yellow", "redWarnings"], message: "红灯预警的黄牌线 50 件不能高于红牌线 15 件" }),
    ]);
    // Equal lines, or a line not used (0), are fine; a stored set with the slip still loads.
    const equal = { ...slipped, yellow: { ...slipped.yellow, redWarnings: 15 } };
    expect(cardThresholdsInputSchema.safeParse(equal).success).toBe(true);
    expect(cardThresholdsInputSchema.safeParse({ ...slipped, red: { ...slipped.red, redWarnings: 0 } }).success).toBe(true);
    expect(cardThresholdsSchema.safeParse(slipped).success).toBe(true);
  });
});
