import { describe, expect, it } from "vitest";
import { COLUMNS_OF, DEFAULT_SOURCE_MAPPING, headerOf, mapRow, missingColumns } from "./mapping.ts";

describe("the default source mapping", () => {
  it("keeps every kind's template header: a canonical name shared by two kinds has one header", () => {
    for (const [kind, columns] of Object.entries(COLUMNS_OF)) {
      for (const [canonical, header] of Object.entries(columns)) {
        expect(`${kind}.${canonical} → ${headerOf(DEFAULT_SOURCE_MAPPING, canonical)}`).toBe(`${kind}.${canonical} → ${header}`);
      }
    }
  });

  it("reads a case row and a rating row through the same source row", () => {
    const caseRow = mapRow({ 受理部门编码: "U1", 办理渠道: "窗口办理" }, DEFAULT_SOURCE_MAPPING, "cases");
    expect(caseRow).toMatchObject({ unitCode: "U1", channel: "window" });
    const ratingRow = mapRow({ 评价部门编码: "U2", 评价等级: "非常不满意" }, DEFAULT_SOURCE_MAPPING, "ratings");
    expect(ratingRow).toMatchObject({ ratedUnitCode: "U2", level: "1" });
  });

  it("names the missing required headers in the source's words", () => {
    expect(missingColumns(["评价编号", "区划编码"], DEFAULT_SOURCE_MAPPING, "ratings")).toEqual([
      "评价部门编码",
      "评价渠道",
      "评价等级",
      "评价时间",
    ]);
  });
});
