import type { Framework } from "@kaoping/core";

/** A small framework for the review helpers' tests: counts by level, a flag, a rate, a manual range and 取最高分. */
export const testFramework: Framework = {
  code: "review-test",
  name: "评审测试",
  year: 2024,
  facts: [
    { key: "finding", label: "抽查通报", type: "count", byLevel: true },
    { key: "late", label: "迟报", type: "count" },
    { key: "rate", label: "办结率", type: "number" },
    { key: "supervision", label: "启动电子监察", type: "boolean" },
    { key: "hall_rank", label: "大厅名次", type: "rank" },
  ],
  indicators: [
    {
      code: "1",
      name: "服务",
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
          name: "办结率",
          points: "5",
          rules: [
            {
              id: "r3",
              kind: "per_step",
              text: "每低1个百分点扣0.1分",
              effect: "deduct",
              fact: "rate",
              direction: "below",
              threshold: 90,
              step: 1,
              amount: "0.1",
              rounding: "floor",
            },
            {
              id: "r4",
              kind: "when",
              text: "迟报或未启动监察的扣1分",
              condition: {
                any: [
                  { fact: "late", op: "gt", value: 0 },
                  { fact: "supervision", is: true },
                ],
              },
              outcome: "deduct",
              amount: "1",
            },
          ],
        },
      ],
    },
    {
      code: "2",
      name: "宣传",
      points: "5",
      rules: [
        {
          id: "m1",
          kind: "max_of",
          text: "同一宣传内容取最高分",
          rules: [
            { id: "m1a", kind: "per_count", text: "市级媒体每篇加0.5", effect: "bonus", fact: "finding", amount: "0.5" },
            { id: "m1b", kind: "manual", text: "视情加0-1分", effect: "bonus", min: "0", max: "1" },
          ],
        },
      ],
    },
  ],
};
