import { describe, expect, it } from "vitest";
import { supervisionZhCN } from "../../i18n/supervision.zh-CN.ts";
import { CELL_PADDING, LIST_WIDTH_AT_1366, ORDER_WIDTHS, totalWidth, WARNING_WIDTHS } from "./table-widths.ts";

/** A Chinese header's width at the table's 14 px, with the cell's padding: a header never wraps or cuts. */
const headerWidth = (title: string) => title.length * 14 + CELL_PADDING;
const field = supervisionZhCN.field;
const WARNING_HEADERS: Record<keyof typeof WARNING_WIDTHS, string> = {
  at: field.at,
  unitName: field.unit,
  caseNo: field.caseNo,
  rule: field.rule,
  severity: field.severity,
  explanation: field.explanation,
  order: field.order,
};
const ORDER_HEADERS: Record<keyof typeof ORDER_WIDTHS, string> = {
  orderNo: field.orderNo,
  unit: field.unit,
  rule: field.rule,
  status: field.status,
  issuedAt: field.issuedAt,
  dueAt: field.dueAt,
  urgeCount: field.urgeCount,
};

describe("supervision list widths", () => {
  it("fit the list's width at 1366×768, so no column hides behind a horizontal scroll", () => {
    expect(totalWidth(WARNING_WIDTHS)).toBeLessThanOrEqual(LIST_WIDTH_AT_1366);
    expect(totalWidth(ORDER_WIDTHS)).toBeLessThanOrEqual(LIST_WIDTH_AT_1366);
  });

  it("hold every header whole (QA saw 预警等级 cut to 预警等)", () => {
    for (const [key, title] of Object.entries(WARNING_HEADERS)) {
      expect(headerWidth(title), key).toBeLessThanOrEqual(WARNING_WIDTHS[key as keyof typeof WARNING_WIDTHS]);
    }
    for (const [key, title] of Object.entries(ORDER_HEADERS)) {
      expect(headerWidth(title), key).toBeLessThanOrEqual(ORDER_WIDTHS[key as keyof typeof ORDER_WIDTHS]);
    }
  });

  it("keep the fixed 督办 column narrow and the explanation the widest column", () => {
    expect(WARNING_WIDTHS.order).toBeLessThanOrEqual(120);
    expect(Math.max(...Object.values(WARNING_WIDTHS))).toBe(WARNING_WIDTHS.explanation);
  });
});
