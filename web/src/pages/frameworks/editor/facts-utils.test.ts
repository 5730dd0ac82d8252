import { type Framework, frameworkSchema } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { undeclaredFacts } from "./facts-utils.ts";

const framework = (condition: unknown): Framework =>
  frameworkSchema.parse({
    code: "f",
    name: "测试",
    year: 2024,
    basePoints: "5",
    facts: [{ key: "report_late", label: "迟报次数", type: "count" }],
    indicators: [
      {
        code: "1",
        name: "材料上报",
        points: "5",
        rules: [{ id: "r1", kind: "when", condition, outcome: "zero", text: "漏报、迟报2次以上的,不得分" }],
      },
    ],
  });

describe("undeclaredFacts", () => {
  it("offers each undeclared part of a sum as a count, per level where the part names one", () => {
    const found = undeclaredFacts(framework({ sum: ["report_missing", "report_late", "notice@city"], op: "ge", value: 2 }));
    expect(found).toEqual([
      { key: "report_missing", label: "report_missing", type: "count" },
      { key: "notice", label: "notice", type: "count", byLevel: true },
    ]);
  });

  it("offers a compared fact as a number and a tested one as a boolean", () => {
    const found = undeclaredFacts(
      framework({
        all: [
          { fact: "rate", op: "lt", value: 85 },
          { fact: "started", is: false },
        ],
      }),
    );
    expect(found.map((f) => [f.key, f.type])).toEqual([
      ["rate", "number"],
      ["started", "boolean"],
    ]);
  });
});
