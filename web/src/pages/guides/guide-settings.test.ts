import { GUIDE_ELEMENTS, PROVINCIAL_CODE_TABLES } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import {
  CODE_LISTS,
  detailLines,
  elementRows,
  emptyRow,
  isDuplicateCode,
  rowsToTables,
  settingsBody,
  settingsValues,
  tablesToRows,
  withGapRow,
} from "./guide-settings.ts";

describe("guide settings form", () => {
  it("lists every element once, grouped, the group cell spanning its rows", () => {
    const rows = elementRows();
    expect(rows.map((row) => row.id).sort()).toEqual(Object.keys(GUIDE_ELEMENTS).sort());
    const flow = rows.filter((row) => row.group === "办理流程");
    expect(flow.map((row) => row.id)).toContain("onlineDepth");
    expect(flow[0]?.groupSpan).toBe(flow.length);
    expect(flow.slice(1).every((row) => row.groupSpan === 0)).toBe(true);
    const groups = rows.map((row) => row.group).filter((group, i, all) => all.indexOf(group) === i);
    expect(rows.map((row) => row.group)).toEqual(groups.flatMap((group) => rows.filter((row) => row.group === group).map(() => group)));
    expect(rows.reduce((n, row) => n + row.groupSpan, 0)).toBe(rows.length);
  });

  it("fills every element, the server's values over core's defaults", () => {
    const values = settingsValues({ weights: { legalBasis: 5 }, ownership: { location: "substantive" } });
    expect(Object.keys(values.weights)).toHaveLength(Object.keys(GUIDE_ELEMENTS).length);
    expect(values.weights.legalBasis).toBe(5);
    expect(values.weights.itemType).toBe(1);
    expect(values.ownership.location).toBe("substantive");
    expect(values.ownership.hours).toBe(GUIDE_ELEMENTS.hours.ownership);
  });

  it("sends only what differs from the defaults", () => {
    const values = settingsValues();
    values.weights.legalBasis = 3;
    values.weights.text = 0;
    values.weights.hours = null;
    values.ownership.legalBasis = "procedural";
    values.ownership.hours = "procedural"; // already the default
    expect(settingsBody(values)).toEqual({ weights: { legalBasis: 3, text: 0 }, ownership: { legalBasis: "procedural" } });
  });

  it("restoring the defaults sends empty settings", () => {
    expect(settingsBody(settingsValues())).toEqual({ weights: {}, ownership: {} });
  });
});

describe("code tables", () => {
  it("round-trips a source's tables through rows", () => {
    const gx = PROVINCIAL_CODE_TABLES.gx;
    if (!gx) throw new Error("gx missing");
    const rows = tablesToRows(gx);
    expect(rows.medium).toContainEqual({ code: "3", value: ["original", "electronic"] });
    expect(rows.specialKind).toEqual([]);
    expect(rowsToTables(rows)).toEqual(gx);
  });

  it("trims codes and text, leaves out rows without a code", () => {
    const tables = rowsToTables({
      source: [
        { code: " 10 ", value: " 申请人自备 " },
        { code: "  ", value: "其他" },
      ],
      onlineDepth: [{ code: "4", value: 4 }],
    });
    expect(tables.source).toEqual({ "10": "申请人自备" });
    expect(tables.onlineDepth).toEqual({ "4": 4 });
    expect(tables.itemType).toEqual({});
    expect(Object.keys(tables)).toEqual(CODE_LISTS.map((list) => list.key));
  });

  it("adds rows of the list's kind", () => {
    expect(emptyRow("multiple")).toEqual({ code: "", value: [] });
    expect(emptyRow("select")).toEqual({ code: "", value: null });
  });

  it("finds duplicate codes within a list", () => {
    const rows = [
      { code: "1", value: "instant" },
      { code: " 1", value: "promised" },
      { code: "2", value: "promised" },
      { code: "", value: null },
      { code: "", value: null },
    ];
    expect(isDuplicateCode(rows, 0)).toBe(true);
    expect(isDuplicateCode(rows, 1)).toBe(true);
    expect(isDuplicateCode(rows, 2)).toBe(false);
    expect(isDuplicateCode(rows, 3)).toBe(false);
  });

  it("reads a 400's details with the list named", () => {
    const label = (key: string) => ({ caseType: "办件类型" })[key] ?? key;
    expect(
      detailLines(
        [
          { path: ["body", "caseType", "1"], message: "无效的值" },
          { path: ["body", "other"], message: "多余" },
          { message: "请求参数无效" },
        ],
        label,
      ),
    ).toEqual(["办件类型 · 1：无效的值", "other：多余", "请求参数无效"]);
  });

  it("adds a code gap's code to its list for the office to give it a value, once", () => {
    const rows = tablesToRows(PROVINCIAL_CODE_TABLES.gx!);
    const added = withGapRow(rows, { table: "onlineDepth", code: "6" });
    expect(added.onlineDepth!.at(-1)).toEqual({ code: "6", value: null });
    expect(withGapRow(added, { table: "onlineDepth", code: "6" })).toBe(added);
    expect(withGapRow(rows, { table: "medium", code: "7" }).medium!.at(-1)).toEqual({ code: "7", value: [] });
  });
});
