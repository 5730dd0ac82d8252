import { compileFramework, type FactSource, scoreFramework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { testFramework } from "./test-framework.ts";
import {
  allSourceFindingIds,
  findingsOf,
  ruleFamilies,
  stepSourceKeys,
  stepSources,
  traceRows,
  unlinkedFindingIds,
} from "./trace-sources.ts";

const sources: Record<string, FactSource> = {
  "finding@city": { fact: "finding@city", findingIds: ["f1", "f2"] },
  "finding@district": { fact: "finding@district", findingIds: ["f3"] },
  finding: { fact: "finding", findingIds: ["f4"] },
  late: { fact: "late", findingIds: ["f5"], auto: "report_late" },
  rate: { fact: "rate", findingIds: [], measurement: true },
  "manual:r2": { fact: "manual:r2", findingIds: ["f6", "f7"] },
  "manual:m1b": { fact: "manual:m1b", findingIds: ["f8"] },
};

/** The engine's own trace for one unit, so the helper is tested against real steps. */
function traceOf(values: Record<string, number | boolean>, manual: Record<string, { points: string; reason: string }> = {}) {
  const result = scoreFramework(compileFramework(testFramework), { units: [{ code: "U1" }], facts: { U1: { values, manual } } });
  return result.units[0]!.indicators.flatMap((indicator) => indicator.trace);
}

const families = ruleFamilies(testFramework);

describe("trace → findings", () => {
  it("links a count per source level to the findings counted at each level", () => {
    const [step] = traceOf({ "finding@city": 2, "finding@district": 1 }).filter((s) => s.ruleId === "r1");
    expect(stepSourceKeys(step!, families).sort()).toEqual(["finding@city", "finding@district"]);
    expect(stepSources(step!, sources, families)).toEqual({ findingIds: ["f3", "f1", "f2"], auto: [], measurements: [] });
  });

  it("links a manual score through manual:<ruleId>", () => {
    const [step] = traceOf({}, { r2: { points: "1", reason: "材料不全" } }).filter((s) => s.ruleId === "r2");
    expect(stepSources(step!, sources, families).findingIds).toEqual(["f6", "f7"]);
  });

  it("follows a 取最高分 step into its inner manual rule", () => {
    const [step] = traceOf({}, { m1b: { points: "1", reason: "专题报道" } }).filter((s) => s.ruleId === "m1");
    expect(step?.kind).toBe("manual");
    expect(stepSources(step!, sources, families).findingIds).toEqual(["f8"]);
  });

  it("names deadline facts and measurements besides findings", () => {
    const steps = traceOf({ late: 1, rate: 85 });
    const condition = steps.find((s) => s.ruleId === "r4")!;
    expect(stepSources(condition, sources, families)).toEqual({
      findingIds: ["f5"],
      auto: [{ origin: "report_late", fact: "late" }],
      measurements: [],
    });
    const rate = steps.find((s) => s.ruleId === "r3")!;
    expect(stepSources(rate, sources, families)).toEqual({ findingIds: [], auto: [], measurements: ["rate"] });
  });

  it("names 办件数据 with the link to the cases behind each case fact, once per link", () => {
    const link = (metric: string) => `/cases?unitId=u1&from=2019-01-01&to=2019-12-31&metric=${metric}`;
    const caseSources: Record<string, FactSource> = {
      "case.online_rate": { fact: "case.online_rate", findingIds: [], auto: "cases", link: link("online_rate") },
      "case.avg_visits": { fact: "case.avg_visits", findingIds: [], auto: "cases", link: link("avg_visits") },
      "case.on_time_rate": { fact: "case.on_time_rate", findingIds: [], measurement: true },
    };
    const step = {
      ruleId: "x",
      kind: "when",
      text: "",
      facts: { "case.online_rate": 80, "case.avg_visits": 1.2, "case.on_time_rate": 99 },
      arithmetic: "",
      delta: "-1",
    };
    expect(stepSources(step, caseSources, families)).toEqual({
      findingIds: [],
      auto: [
        { origin: "cases", fact: "case.online_rate", link: link("online_rate") },
        { origin: "cases", fact: "case.avg_visits", link: link("avg_visits") },
      ],
      measurements: ["case.on_time_rate"],
    });
  });

  it("reads a ranked fact back to its measurement and ignores bound steps", () => {
    const ranked = { ruleId: "x", kind: "rank_step", text: "", facts: { "rate（排名）": 5 }, arithmetic: "", delta: "-1" };
    expect(stepSourceKeys(ranked, families)).toEqual(["rate"]);
    const bound = { ruleId: "1.1", kind: "bound", text: "扣完为止", facts: {}, arithmetic: "", delta: "+1", outcome: "floor" as const };
    expect(stepSources(bound, sources, families)).toEqual({ findingIds: [], auto: [], measurements: [] });
  });

  it("keeps the order of the ids and skips findings not loaded", () => {
    const byId = new Map([
      ["f2", { id: "f2" }],
      ["f1", { id: "f1" }],
    ]);
    expect(findingsOf(["f1", "f9", "f2"], byId)).toEqual([{ id: "f1" }, { id: "f2" }]);
    expect(allSourceFindingIds(sources)).toEqual(["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"]);
  });

  it("lists every step of every indicator with its sources, and the findings no step reads", () => {
    const result = scoreFramework(compileFramework(testFramework), {
      units: [{ code: "U1" }],
      facts: { U1: { values: { "finding@city": 2, rate: 85 }, manual: { r2: { points: "1", reason: "材料不全" } } } },
    });
    const rows = traceRows(result.units[0]!.indicators, sources, families);
    expect(rows.map((r) => [r.indicatorCode, r.step.ruleId, r.sources.findingIds])).toEqual([
      ["1.1", "r1", ["f1", "f2"]],
      ["1.1", "r2", ["f6", "f7"]],
      ["1.2", "r3", []],
    ]);
    expect(unlinkedFindingIds(rows, ["f1", "f5", "f7", "f9"])).toEqual(["f5", "f9"]);
  });
});

describe("sources of the per-finding and peer-average steps", () => {
  const step = (kind: string, facts: Record<string, number | boolean | string>) => ({
    ruleId: "e",
    kind,
    text: "",
    facts,
    arithmetic: "",
    delta: "-1",
  });
  it("leads a 每发现一起 step to its findings and a 下浮 step to the reviewer's score and the measured condition", () => {
    expect(stepSourceKeys(step("manual_each", { 起数: 2 }), new Map())).toEqual(["manual:e", "起数"]);
    expect(stepSourceKeys(step("peer_average", { unrelated: true, 同类单位数: 3 }), new Map())).toEqual([
      "manual:e",
      "unrelated",
      "同类单位数",
    ]);
  });
});
