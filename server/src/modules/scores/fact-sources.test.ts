import type { Framework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import type { Db } from "../../platform/db/client.ts";
import { type CampaignFactSource, FACT_SOURCES, type FactSourceScope, loadSourcedFacts } from "./fact-sources.ts";

const framework = (keys: string[]) => ({ facts: keys.map((key) => ({ key, label: key, type: "number" })) }) as unknown as Framework;

/** A source answering `demo.*` that records what it was asked. */
function demoSource() {
  const asked: FactSourceScope[] = [];
  const source: CampaignFactSource = {
    origin: "cases",
    answers: (key) => key.startsWith("demo."),
    async load(_db, scope) {
      asked.push(scope);
      return new Map([
        ["id-a", { facts: { "demo.rate": 90 }, links: { "demo.rate": "/demo?unit=a" } }],
        ["id-elsewhere", { facts: { "demo.rate": 1 } }],
      ]);
    },
  };
  return { source, asked };
}

const scope = { units: [{ unitId: "id-a", code: "A" }], from: "2019-01-01", to: "2019-12-31" };

describe("the fact-source registry", () => {
  it("asks a source only for the declared keys it answers, and names each value's unit by its code", async () => {
    const { source, asked } = demoSource();
    const records = await loadSourcedFacts({} as Db, framework(["demo.rate", "other"]), scope, [source]);
    expect(asked).toEqual([{ ...scope, keys: ["demo.rate"] }]);
    // A unit the campaign does not assess is dropped.
    expect(records).toEqual([{ unitCode: "A", origin: "cases", facts: { "demo.rate": 90 }, links: { "demo.rate": "/demo?unit=a" } }]);
  });

  it("does not read a source whose keys the framework does not declare", async () => {
    const { source, asked } = demoSource();
    expect(await loadSourcedFacts({} as Db, framework(["other"]), scope, [source])).toEqual([]);
    expect(asked).toEqual([]);
  });

  it("registers the guide checker, each source with its own origin", () => {
    expect(FACT_SOURCES.map((s) => s.origin)).toContain("guide_check");
    expect(new Set(FACT_SOURCES.map((s) => s.origin)).size).toBe(FACT_SOURCES.length);
    expect(FACT_SOURCES.find((s) => s.origin === "guide_check")!.answers("guide_defect.location")).toBe(true);
  });
});
