import type { Framework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { responsibilitiesEmptyReason, responsibleCodes } from "./responsibilities-empty.ts";

const framework = (responsible?: { lead: string[]; co: string[] }[]) =>
  ({
    code: "f",
    name: "f",
    year: 2026,
    basePoints: "10",
    facts: [],
    indicators: [
      {
        code: "1",
        name: "一",
        points: "10",
        children: (responsible ?? [undefined, undefined]).map((r, i) => ({
          code: `1.${i + 1}`,
          name: `1.${i + 1}`,
          points: "5",
          responsible: r,
        })),
      },
    ],
  }) as unknown as Framework;

describe("the empty 责任分解 tab", () => {
  it("collects the lead and co codes of every indicator once", () => {
    expect(
      responsibleCodes(
        framework([
          { lead: ["SPJ"], co: ["JIEDAO", "SPJ"] },
          { lead: ["FGW"], co: [] },
        ]),
      ),
    ).toEqual(["SPJ", "JIEDAO", "FGW"]);
    expect(responsibleCodes(null)).toEqual([]);
  });

  it("says the filters are why, before anything else", () => {
    expect(responsibilitiesEmptyReason(framework(), { isFiltered: true, seesAllUnits: true })).toEqual({ kind: "filtered" });
  });

  it("tells a framework without responsible units from codes that matched no unit, and a unit without any", () => {
    expect(responsibilitiesEmptyReason(framework(), { isFiltered: false, seesAllUnits: true })).toEqual({ kind: "noneInFramework" });
    const named = framework([{ lead: ["JIEDAO"], co: [] }]);
    expect(responsibilitiesEmptyReason(named, { isFiltered: false, seesAllUnits: true })).toEqual({
      kind: "noneMatched",
      codes: ["JIEDAO"],
    });
    expect(responsibilitiesEmptyReason(named, { isFiltered: false, seesAllUnits: false })).toEqual({ kind: "ownUnit" });
  });
});
