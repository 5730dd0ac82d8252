import { compileFramework, diffResults, scoreFramework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { diffByUnit, fieldChanges } from "./publication-diff.ts";
import { testFramework } from "./test-framework.ts";

const score = (findingsOfA: number) =>
  scoreFramework(compileFramework(testFramework), {
    units: [{ code: "A" }, { code: "B" }],
    facts: { A: { values: { "finding@city": findingsOfA } }, B: { values: { "finding@city": 1 } } },
  });

describe("publication diff", () => {
  it("names what changed for each unit between two versions", () => {
    const diffs = diffResults(score(0), score(2));
    const a = diffByUnit(diffs).get("A")!;
    expect(fieldChanges(a)).toEqual([
      { field: "total", before: a.before!.total, after: a.after!.total },
      { field: "rank", before: 1, after: 2 },
    ]);
    expect(a.indicators.map((i) => [i.code, i.before, i.after])).toContainEqual(["1.1", "5", "4"]);
  });

  it("shows a unit that disappeared as before → nothing", () => {
    const changes = fieldChanges({
      unitCode: "X",
      unitName: "X",
      before: { total: "90", rank: 3, stars: null },
      after: null,
      indicators: [],
    });
    expect(changes).toEqual([
      { field: "total", before: "90", after: null },
      { field: "rank", before: 3, after: null },
    ]);
  });
});
