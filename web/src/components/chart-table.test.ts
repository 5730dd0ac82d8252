import { describe, expect, it } from "vitest";
import { chartTable } from "./chart-table.ts";

describe("chartTable", () => {
  it("reads bars over a category axis: a row per category, a column per series", () => {
    const option = {
      xAxis: { type: "category", name: "总分", data: ["90-100", "80-90"] },
      yAxis: { type: "value" },
      series: [{ type: "bar", name: "单位数", data: [3, { value: 5, itemStyle: {} }] }],
    };
    expect(chartTable(option)).toEqual({
      columns: ["总分", "单位数"],
      rows: [
        ["90-100", "3"],
        ["80-90", "5"],
      ],
    });
  });

  it("reads horizontal bars and lines with gaps", () => {
    const option = {
      xAxis: { type: "value" },
      yAxis: { type: "category", data: ["2024", "2025"] },
      series: [
        { type: "line", name: "平均分", data: [88.5, null] },
        { type: "line", name: "拱墅区", data: [90] },
      ],
    };
    expect(chartTable(option).rows).toEqual([
      ["2024", "88.5", "90"],
      ["2025", "—", "—"],
    ]);
  });

  it("reads pies: a row per slice", () => {
    const option = {
      series: [
        {
          type: "pie",
          name: "填报进度",
          data: [
            { name: "已提交", value: 4 },
            { name: "未提交", value: 2 },
          ],
        },
      ],
    };
    expect(chartTable(option)).toEqual({
      columns: ["", "填报进度"],
      rows: [
        ["已提交", "4"],
        ["未提交", "2"],
      ],
    });
  });

  it("reads a heatmap as a matrix of units by indicators, a not-applicable cell as —", () => {
    const option = {
      xAxis: { type: "category", data: ["1", "2", "9"] },
      yAxis: { type: "category", data: ["甲局", "乙局"] },
      series: [
        {
          type: "custom",
          data: [
            [0, 0, 80],
            [1, 0, "-"],
            [0, 1, 100],
            [1, 1, 50],
          ],
        },
        { type: "custom", data: [[2, 1, -1.5]] },
      ],
    };
    expect(chartTable(option)).toEqual({
      columns: ["", "1", "2", "9"],
      rows: [
        ["甲局", "80", "—", "—"],
        ["乙局", "100", "50", "-1.5"],
      ],
    });
  });

  it("gives an empty table for a chart without data", () => {
    expect(chartTable({ xAxis: { type: "category", data: [] }, series: [{ type: "bar", name: "数量", data: [] }] }).rows).toEqual([]);
  });
});
