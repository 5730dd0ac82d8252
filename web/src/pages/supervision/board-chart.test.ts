import { describe, expect, it } from "vitest";
import { trendOption } from "./board-chart.ts";

describe("the board's trend", () => {
  it("stacks each month's warnings by severity, in the months' order", () => {
    const option = trendOption(
      [
        { month: "2026-01", red: 2, yellow: 5, notice: 0 },
        { month: "2026-02", red: 0, yellow: 1, notice: 3 },
      ],
      { red: "红灯", yellow: "黄灯", notice: "提醒" },
    );
    expect(option.xAxis.data).toEqual(["2026-01", "2026-02"]);
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ["红灯", "warnings", [2, 0]],
      ["黄灯", "warnings", [5, 1]],
      ["提醒", "warnings", [0, 3]],
    ]);
  });
});
