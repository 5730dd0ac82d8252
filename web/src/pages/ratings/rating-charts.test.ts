import { describe, expect, it } from "vitest";
import { chartTable } from "../../components/chart-table.ts";
import { ACTIVE_RATINGS, channelsChart, DEFAULT_RATINGS, itemDrill, levelsChart, monthsBetween, trendChart } from "./rating-charts.ts";

const t = (key: string) => key.split(".").pop()!;

describe("levelsChart", () => {
  const spec = levelsChart(
    {
      levels: [1, 2, 3, 4, 5].map((level) => ({ level, count: level * 10 })),
      defaults: 7,
    },
    t,
  );

  it("draws the five levels in order and 默认评价 apart, as its data table reads", () => {
    expect(chartTable(spec.option)).toEqual({
      columns: ["level", "active", "defaults"],
      rows: [
        ["非常不满意", "10", "—"],
        ["不满意", "20", "—"],
        ["基本满意", "30", "—"],
        ["满意", "40", "—"],
        ["非常满意", "50", "—"],
        ["defaults", "—", "7"],
      ],
    });
  });

  // The bars count the rollups' level1–5 (kind = first, not default) and `defaults` (kind = first, default):
  // a drill narrows the list to the same ratings, so its total is the bar (追评 and 默认评价 left out of a level).
  it("opens a level's 主动评价 only, and the 默认评价 bar its default first ratings", () => {
    expect(spec.drill(0)).toEqual({ level: "1", kind: "first", isDefault: "false" });
    expect(spec.drill(4)).toEqual({ level: "5", kind: "first", isDefault: "false" });
    expect(spec.drill(5)).toEqual({ kind: "first", isDefault: "true" });
    expect(spec.drill(6)).toBeNull();
  });

  it("says it is empty without ratings", () => {
    const empty = levelsChart({ levels: [1, 2, 3, 4, 5].map((level) => ({ level, count: 0 })), defaults: 0 }, t);
    expect(empty.option.title).toMatchObject({ text: "noData" });
    expect(spec.option.title).toBeUndefined();
  });
});

describe("channelsChart", () => {
  it("stacks good, neutral (rated − good − bad) and bad per channel, 窗口 first; a bar opens its channel", () => {
    const spec = channelsChart(
      [
        { channel: "online", rated: 4, good: 4, bad: 0 },
        { channel: "window", rated: 10, good: 7, bad: 1 },
      ],
      t,
    );
    expect(chartTable(spec.option).rows).toEqual([
      ["窗口", "7", "2", "1"],
      ["网上", "4", "0", "0"],
    ]);
    expect((spec.option.series as { stack: string }[]).every((s) => s.stack === "ratings")).toBe(true);
    expect(spec.drill(1)).toEqual({ channel: "online", kind: "first", isDefault: "false" });
    expect(spec.drill(2)).toBeNull();
  });
});

describe("monthsBetween", () => {
  it("lists every month a period touches, across a year's end", () => {
    expect(monthsBetween("2024-11-15", "2025-02-03")).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(monthsBetween("2025-03-01", "2025-03-31")).toEqual(["2025-03"]);
    expect(monthsBetween("2025-04-01", "2025-03-31")).toEqual([]);
  });
});

describe("trendChart", () => {
  const scope = { from: "2025-01-10", to: "2025-03-20" };
  const spec = trendChart([{ month: "2025-02", rated: 8, good: 5, bad: 2 }], scope, t);

  it("shows each month of the period, empty months as zero, and 差评率 in percent", () => {
    expect(chartTable(spec.option)).toEqual({
      columns: ["", "good", "middle", "bad", "badRate"],
      rows: [
        ["2025-01", "0", "0", "0", "—"],
        ["2025-02", "5", "1", "2", "25"],
        ["2025-03", "0", "0", "0", "—"],
      ],
    });
  });

  it("opens a month's 主动评价, clipped to the period", () => {
    expect(spec.drill(0)).toEqual({ from: "2025-01-10", to: "2025-01-31", ...ACTIVE_RATINGS });
    expect(spec.drill(1)).toEqual({ from: "2025-02-01", to: "2025-02-28", kind: "first", isDefault: "false" });
    expect(spec.drill(2)).toEqual({ from: "2025-03-01", to: "2025-03-20", ...ACTIVE_RATINGS });
    expect(spec.drill(3)).toBeNull();
  });
});

describe("itemDrill", () => {
  it("opens the item's 主动评价, what its 主动评价数 counts", () => {
    expect(itemDrill("11330105MB0000039")).toEqual({ itemCode: "11330105MB0000039", kind: "first", isDefault: "false" });
  });

  it("names the two sets the dashboard counts apart", () => {
    expect(ACTIVE_RATINGS).toEqual({ kind: "first", isDefault: "false" });
    expect(DEFAULT_RATINGS).toEqual({ kind: "first", isDefault: "true" });
  });
});
