import type { Framework } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { initialPreviewState, previewFields, previewRequest } from "./preview-inputs.ts";

const framework: Framework = {
  code: "demo",
  name: "示例",
  year: 2021,
  facts: [
    { key: "finding", label: "抽查通报", type: "count", byLevel: true },
    { key: "rate", label: "收件率", type: "number" },
    { key: "supervision", label: "启动电子监察", type: "boolean" },
  ],
  indicators: [
    {
      code: "1",
      name: "一",
      points: "10",
      children: [
        {
          code: "1.1",
          name: "通报",
          points: "5",
          rules: [
            {
              id: "r1",
              kind: "per_count",
              text: "区级0.2，市级0.5",
              effect: "deduct",
              fact: "finding",
              amountByLevel: { district: "0.2", city: "0.5" },
            },
            { id: "r2", kind: "manual", text: "视情扣0.5-3分", effect: "deduct", min: "0.5", max: "3" },
          ],
        },
        {
          code: "1.2",
          name: "收件率",
          points: "5",
          rules: [
            {
              id: "r3",
              kind: "when",
              text: "收件率低于85%的此项不得分",
              condition: { fact: "rate", op: "lt", value: 85 },
              outcome: "zero",
            },
          ],
        },
      ],
    },
    {
      code: "2",
      name: "监察",
      points: "5",
      rules: [
        {
          id: "r4",
          kind: "when",
          text: "未启动的，不得分，1.1项同时不得分",
          condition: { fact: "supervision", is: false },
          outcome: "zero",
          alsoZero: ["1.1"],
        },
      ],
    },
  ],
};

describe("preview fields", () => {
  it("asks for the facts the indicator's rules read, per level, and for facts of rules that zero it", () => {
    const fields = previewFields(framework, [0, 0]);
    expect(fields.facts.map((f) => [f.key, f.type])).toEqual([
      ["finding@district", "count"],
      ["finding@city", "count"],
      ["supervision", "boolean"],
    ]);
    expect(fields.manual.map((rule) => rule.id)).toEqual(["r2"]);
  });

  it("covers the whole subtree of a parent", () => {
    const fields = previewFields(framework, [0]);
    expect(fields.facts.map((f) => f.key)).toEqual(["finding@district", "finding@city", "rate", "supervision"]);
    expect([...fields.codes]).toEqual(["1", "1.1", "1.2"]);
  });

  it("sends only filled values and complete manual scores", () => {
    const state = initialPreviewState("单位");
    state.values.U1 = { "finding@city": 3, rate: null };
    state.manual.U1 = { r2: { points: "1", reason: "材料不全" }, r9: { points: "2" } };
    expect(previewRequest(framework, state).facts).toEqual({
      U1: { values: { "finding@city": 3 }, manual: { r2: { points: "1", reason: "材料不全" } } },
    });
  });
});
