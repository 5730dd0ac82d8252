import { describe, expect, it } from "vitest";
import { LIST_WIDTH_AT_1366, ORDER_WIDTHS, totalWidth, WARNING_WIDTHS } from "./table-widths.ts";

describe("supervision list widths", () => {
  it("fit the list's width at 1366×768, so no column hides behind a horizontal scroll", () => {
    expect(totalWidth(WARNING_WIDTHS)).toBeLessThanOrEqual(LIST_WIDTH_AT_1366);
    expect(totalWidth(ORDER_WIDTHS)).toBeLessThanOrEqual(LIST_WIDTH_AT_1366);
  });

  it("keep the fixed 督办 column narrow and the explanation the widest column", () => {
    expect(WARNING_WIDTHS.order).toBeLessThanOrEqual(120);
    expect(Math.max(...Object.values(WARNING_WIDTHS))).toBe(WARNING_WIDTHS.explanation);
  });
});
