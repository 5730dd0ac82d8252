import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { competitionRanks, compileFramework, holds, scoreFramework } from "./engine.ts";
import type { ScoreInput } from "./engine-types.ts";
import { pts } from "./points.ts";
import { type Condition, conditionSchema, type Framework, frameworkSchema } from "./schema.ts";

/** A small framework with one indicator per rule kind, amounts taken from the seeds' texts. */
const framework: Framework = frameworkSchema.parse({
  code: "engine-test",
  name: "引擎测试",
  year: 2021,
  basePoints: "10",
  facts: [
    { key: "appointment_missing", label: "未提供精准预约的事项数", type: "count" },
    { key: "guide_notice", label: "办事指南通报次数", type: "count", byLevel: true },
    { key: "days_late", label: "延迟天数", type: "number" },
    { key: "hotline_rate", label: "接通率", type: "number" },
    { key: "intake_rate", label: "收件率", type: "number" },
    { key: "city_rank", label: "全市排名", type: "rank" },
    { key: "esup_started", label: "已启动电子监察", type: "boolean" },
    { key: "esup_warnings", label: "未处理预警数", type: "count" },
    { key: "late_reports", label: "迟报次数", type: "count" },
    { key: "new_projects_months", label: "新增项目月数", type: "count" },
    { key: "media_story", label: "宣传被录用（区级）", type: "count" },
    { key: "media_story_city", label: "宣传被录用（市级）", type: "count" },
    { key: "hall_score", label: "大厅年度考核成绩", type: "score" },
  ],
  indicators: [
    {
      code: "1",
      name: "基础",
      points: "10",
      children: [
        {
          code: "1.1",
          name: "预约",
          points: "0.5",
          rules: [
            {
              id: "r-per",
              kind: "per_count",
              effect: "deduct",
              fact: "appointment_missing",
              amount: "0.5",
              text: "每发现一个事项未提供精准预约服务的扣0.5分",
            },
          ],
        },
        {
          code: "1.2",
          name: "指南",
          points: "3",
          rules: [
            {
              id: "r-level",
              kind: "per_count",
              effect: "deduct",
              fact: "guide_notice",
              amountByLevel: { city: "0.2", province: "0.5" },
              text: "被市级通报整改的，每次扣0.2分，被省级通报整改的，每次扣0.5分",
            },
          ],
        },
        {
          code: "1.3",
          name: "延迟",
          points: "1",
          rules: [
            {
              id: "r-day",
              kind: "per_step",
              effect: "deduct",
              fact: "days_late",
              direction: "above",
              threshold: 0,
              step: 1,
              amount: "0.1",
              text: "每延迟一天扣0.1分",
            },
          ],
        },
        {
          code: "1.4",
          name: "接通率",
          points: "2",
          rules: [
            {
              id: "r-rate",
              kind: "per_step",
              effect: "deduct",
              fact: "hotline_rate",
              direction: "below",
              threshold: 90,
              step: 1,
              amount: "0.2",
              text: "被市级抽查到每低1个百分点扣0.2分",
            },
          ],
        },
        {
          code: "1.5",
          name: "收件率",
          points: "1",
          rules: [
            {
              id: "r-zero",
              kind: "when",
              condition: { fact: "intake_rate", op: "lt", value: 85 },
              outcome: "zero",
              text: "收件率低于85%的此项不得分",
            },
            {
              id: "r-rank",
              kind: "rank_table",
              effect: "bonus",
              source: { rankBy: "intake_rate", order: "desc" },
              amounts: ["1.5", "1", "0.5"],
              text: "事项收件率排名前三位，依次加0.5分、1分、1.5分",
            },
          ],
          range: { min: "0", max: "2.5" },
        },
        {
          code: "1.6",
          name: "全市排名",
          points: "2",
          rules: [
            {
              id: "r-rstep",
              kind: "rank_step",
              effect: "deduct",
              source: { rankFact: "city_rank" },
              after: 3,
              amount: "0.5",
              text: "位列全市第3名之后，排名每下降1位扣0.5分",
            },
          ],
        },
        {
          code: "1.7",
          name: "迟报",
          points: "0.5",
          rules: [
            {
              id: "r-count",
              kind: "when",
              condition: { fact: "late_reports", op: "ge", value: 2 },
              outcome: "zero",
              text: "漏报、迟报2次以上的，不得分",
            },
            {
              id: "r-half",
              kind: "when",
              condition: { fact: "late_reports", op: "eq", value: 1 },
              outcome: "half",
              text: "1件次的，该项得分减半",
            },
          ],
        },
      ],
    },
    {
      code: "2",
      name: "加分",
      part: "bonus",
      range: { min: "-5", max: "5" },
      children: [
        {
          code: "2.1",
          name: "优选平台",
          points: "1.2",
          rules: [
            {
              id: "r-cap",
              kind: "per_count",
              effect: "bonus",
              fact: "new_projects_months",
              amount: "0.1",
              cap: "1.2",
              text: "每月新增1个以上（含）项目的，加0.1分，满分1.2分",
            },
          ],
        },
        {
          code: "2.2",
          name: "宣传",
          points: "2",
          rules: [
            {
              id: "r-max",
              kind: "max_of",
              text: "同一宣传内容取最高分",
              rules: [
                { id: "r-max-d", kind: "per_count", effect: "bonus", fact: "media_story", amount: "0.2", text: "被区级媒体录用加0.2分" },
                {
                  id: "r-max-c",
                  kind: "per_count",
                  effect: "bonus",
                  fact: "media_story_city",
                  amount: "0.5",
                  text: "被市级媒体录用加0.5分",
                },
              ],
            },
          ],
        },
        {
          code: "2.3",
          name: "视情",
          points: "3",
          basis: "zero",
          range: { min: "-3", max: "0" },
          rules: [{ id: "r-manual", kind: "manual", effect: "deduct", min: "0.5", max: "3", text: "视情扣0.5-3分" }],
        },
        {
          code: "2.4",
          name: "大厅",
          points: "3",
          rules: [
            {
              id: "r-conv",
              kind: "convert",
              fact: "hall_score",
              outOf: 100,
              missing: "lowest_peer",
              text: "进驻单位按年度考核成绩相应折算，没有进驻大厅的部门按进驻单位最低得分计分",
            },
          ],
        },
        {
          code: "2.5",
          name: "电子监察",
          points: "1",
          rules: [
            {
              id: "r-cross",
              kind: "when",
              condition: {
                any: [
                  { fact: "esup_started", is: false },
                  { fact: "esup_warnings", op: "gt", value: 3 },
                ],
              },
              outcome: "zero",
              alsoZero: ["1.3"],
              text: "未启动电子监察系统的，不得分，1.3项同时不得分；预警超过3次视为未启动",
            },
          ],
        },
      ],
    },
  ],
});

const compiled = compileFramework(framework);
const score = (input: ScoreInput) => scoreFramework(compiled, input);
const indicator = (input: ScoreInput, unit: string, code: string) =>
  score(input)
    .units.find((u) => u.unitCode === unit)!
    .indicators.find((i) => i.code === code)!;
const one = (values: Record<string, number | boolean>, manual?: Record<string, { points: string; reason: string }>): ScoreInput => ({
  units: [{ code: "U" }],
  facts: { U: { values: { esup_started: true, ...values }, ...(manual && { manual }) } },
});

describe("rule kinds", () => {
  it("per occurrence, floored at zero: 3 missing × 0.5 from 0.5 points → 0 (扣完为止)", () => {
    const result = indicator(one({ appointment_missing: 3 }), "U", "1.1");
    expect(result.points).toBe("0");
    expect(result.trace.map((t) => t.delta)).toEqual(["-1.5", "+1"]);
    expect(result.trace[1]!.outcome).toBe("floor");
  });
  it("amount by source level: 2 city × 0.2 + 1 province × 0.5 = 0.9 from 3 → 2.1", () => {
    const result = indicator(one({ "guide_notice@city": 2, "guide_notice@province": 1 }), "U", "1.2");
    expect(result.points).toBe("2.1");
    expect(result.trace[0]!.arithmetic).toBe("市级 2 × 0.2 + 省级 1 × 0.5 = 0.9");
  });
  it("per day late: 7 days × 0.1 = 0.7 exactly, from 1 → 0.3", () => {
    expect(indicator(one({ days_late: 7 }), "U", "1.3").points).toBe("0.3");
  });
  it("per percentage point below 90: 86.5% → 3 whole points × 0.2 = 0.6, from 2 → 1.4", () => {
    expect(indicator(one({ hotline_rate: 86.5 }), "U", "1.4").points).toBe("1.4");
  });
  it("zero under a threshold: intake 80% scores 0 whatever the rank", () => {
    expect(indicator(one({ intake_rate: 80 }), "U", "1.5").points).toBe("0");
  });
  it("rank table across units, ties share the better rank, reference units unranked", () => {
    const input: ScoreInput = {
      units: [{ code: "A" }, { code: "B" }, { code: "C" }, { code: "D" }, { code: "R", isReference: true }],
      facts: Object.fromEntries(
        [
          ["A", 99],
          ["B", 95],
          ["C", 95],
          ["D", 90],
          ["R", 100],
        ].map(([c, v]) => [c, { values: { intake_rate: v as number, esup_started: true } }]),
      ),
    };
    const points = (u: string) => indicator(input, u, "1.5").points;
    // rank 1 → +1.5 (capped by range max 2.5: 1 + 1.5), B and C tie at rank 2 → +1 each, D is 4th → nothing
    expect([points("A"), points("B"), points("C"), points("D"), points("R")]).toEqual(["2.5", "2", "2", "1", "1"]);
  });
  it("rank step: 6th in the city → (6 − 3) × 0.5 = 1.5 off 2 → 0.5", () => {
    expect(indicator(one({ city_rank: 6 }), "U", "1.6").points).toBe("0.5");
  });
  it("count threshold and halving: 2 late reports → 0; 1 → half of 0.5", () => {
    expect(indicator(one({ late_reports: 2 }), "U", "1.7").points).toBe("0");
    expect(indicator(one({ late_reports: 1 }), "U", "1.7").points).toBe("0.25");
  });
  it("capped bonus: 14 months × 0.1 = 1.4, capped at 1.2", () => {
    const result = indicator(one({ new_projects_months: 14 }), "U", "2.1");
    expect(result.points).toBe("1.2");
    expect(result.trace[0]!.arithmetic).toContain("封顶 1.2");
  });
  it("highest of several for the same content: district 0.2 vs city 0.5 → 0.5", () => {
    expect(indicator(one({ media_story: 1, media_story_city: 1 }), "U", "2.2").points).toBe("0.5");
  });
  it("manual range with reason; unscored manual rules are listed as pending", () => {
    const scored = indicator(one({}, { "r-manual": { points: "1.5", reason: "窗口服务被投诉" } }), "U", "2.3");
    expect(scored.points).toBe("-1.5");
    expect(scored.trace[0]!.arithmetic).toContain("窗口服务被投诉");
    expect(score(one({})).units[0]!.pending).toEqual(["r-manual"]);
  });
  it("conversion of an external score, and the lowest peer for a unit without one", () => {
    const input: ScoreInput = {
      units: [{ code: "A" }, { code: "B" }, { code: "N" }],
      facts: {
        A: { values: { hall_score: 90, esup_started: true } },
        B: { values: { hall_score: 80, esup_started: true } },
        N: { values: { esup_started: true } },
      },
    };
    expect(indicator(input, "A", "2.4").points).toBe("2.7");
    expect(indicator(input, "N", "2.4").points).toBe("2.4");
  });
  it("cross-indicator zero: more than 3 warnings counts as not started, zeroing 2.5 and 1.3", () => {
    const input = one({ esup_warnings: 4 });
    expect(indicator(input, "U", "2.5").points).toBe("0");
    const crossed = indicator(input, "U", "1.3");
    expect(crossed.points).toBe("0");
    expect(crossed.trace.at(-1)!.arithmetic).toContain("2.5");
  });
});

describe("conditions over a sum of facts", () => {
  const counts = new Set(["late_reports", "esup_warnings"]);
  const total: Condition = { sum: ["late_reports", "esup_warnings"], op: "ge", value: 2 };
  it("compares the total: 1 + 1 ≥ 2 holds, 1 + 0 does not; an absent count is 0", () => {
    expect(holds(total, { late_reports: 1, esup_warnings: 1 }, counts)).toBe(true);
    expect(holds(total, { late_reports: 1 }, counts)).toBe(false);
    expect(holds(total, { esup_warnings: 2 }, counts)).toBe(true);
  });
  it("is unknown, so does not hold, while a part that is not a count is unmeasured", () => {
    const withRate: Condition = { sum: ["late_reports", "days_late"], op: "ge", value: 2 };
    expect(holds(withRate, { late_reports: 5 }, counts)).toBe(false);
    expect(holds(withRate, { late_reports: 1, days_late: 1 }, counts)).toBe(true);
  });
  it("refuses a sum of fewer than two facts", () => {
    expect(conditionSchema.safeParse({ sum: ["late_reports"], op: "ge", value: 2 }).success).toBe(false);
    expect(conditionSchema.safeParse(total).success).toBe(true);
  });
});

describe("totals, ranks and stars", () => {
  it("keeps base and bonus apart and clamps the bonus section to its range", () => {
    const unit = score(one({ hall_score: 100, new_projects_months: 12, media_story_city: 2 })).units[0]!;
    expect(unit.base).toBe("10");
    // bonus: 1.2 + 1 + 0 + 3 + 1 = 6.2 → section range max 5
    expect(unit.bonus).toBe("5");
    expect(unit.total).toBe("15");
  });
  it("ranks by total with competition ranking and default star bands; reference units get no rank", () => {
    const units = Array.from({ length: 12 }, (_, i) => ({ code: `U${i}` }));
    const input: ScoreInput = {
      units: [...units, { code: "REF", isReference: true }],
      facts: Object.fromEntries([
        ...units.map((u, i) => [u.code, { values: { esup_started: true, appointment_missing: i % 2 ? 1 : 0, days_late: i } }]),
        ["REF", { values: { esup_started: true } }],
      ]),
    };
    const result = score(input).units;
    expect(result.find((u) => u.unitCode === "REF")!.rank).toBeNull();
    expect(result.find((u) => u.unitCode === "U0")!.rank).toBe(1);
    expect(result.find((u) => u.unitCode === "U0")!.stars).toBe(3);
    expect(result.find((u) => u.unitCode === "U5")!.stars).toBe(2);
    expect(result.find((u) => u.unitCode === "U11")!.stars).toBe(1);
  });
  it("competition ranking: 1, 1, 3", () => {
    expect([
      ...competitionRanks(
        [
          { code: "a", value: 5 },
          { code: "b", value: 5 },
          { code: "c", value: 3 },
        ],
        "desc",
      ),
    ]).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 3],
    ]);
  });
  it("is deterministic: the same input gives byte-identical output", () => {
    const input = one({ appointment_missing: 1, hotline_rate: 80, city_rank: 9 });
    expect(JSON.stringify(score(input))).toBe(JSON.stringify(score(JSON.parse(JSON.stringify(input)))));
  });
});

describe("properties", () => {
  const counts = fc.record({
    appointment_missing: fc.nat(20),
    days_late: fc.nat(30),
    hotline_rate: fc.integer({ min: 0, max: 100 }),
    city_rank: fc.integer({ min: 1, max: 20 }),
  });

  it("a deduction-only indicator stays within [0, points]", () => {
    fc.assert(
      fc.property(counts, (values) => {
        for (const code of ["1.1", "1.3", "1.4", "1.6"]) {
          const r = indicator(one(values), "U", code);
          expect(pts(r.points!)).toBeGreaterThanOrEqual(0);
          expect(pts(r.points!)).toBeLessThanOrEqual(pts(r.max!));
        }
      }),
    );
  });

  it("more findings never raise a score", () => {
    fc.assert(
      fc.property(counts, fc.nat(10), (values, extra) => {
        const before = pts(score(one(values)).units[0]!.total);
        const after = pts(
          score(one({ ...values, appointment_missing: values.appointment_missing + extra, days_late: values.days_late + extra })).units[0]!
            .total,
        );
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it("reference units never get a rank", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (flags) => {
        const units = flags.map((isReference, i) => ({ code: `U${i}`, isReference }));
        const result = score({ units, facts: {} }).units;
        for (const u of result) expect(u.rank === null).toBe(u.isReference);
      }),
    );
  });

  it("points stay exact decimals: n × 0.1 formats as the decimal n/10", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (days) => {
        const r = indicator(one({ days_late: days }), "U", "1.3");
        expect(r.points).toBe(String(Math.max(0, 10 - days) / 10));
      }),
    );
  });
});

describe("convert on a leaf with the default basis", () => {
  it("replaces the full-marks start: 50 out of 100 on 3 points is 1.5, not 3", () => {
    const f = compileFramework(
      frameworkSchema.parse({
        code: "convert-basis",
        name: "折算",
        year: 2021,
        facts: [{ key: "hall_score", label: "年度考核成绩", type: "score" }],
        indicators: [
          {
            code: "1",
            name: "窗口",
            points: "3",
            rules: [{ id: "c", kind: "convert", fact: "hall_score", outOf: 100, text: "按年度考核成绩相应折算" }],
          },
        ],
      }),
    );
    const result = scoreFramework(f, { units: [{ code: "U" }], facts: { U: { values: { hall_score: 50 } } } }).units[0]!.indicators[0]!;
    expect(result.points).toBe("1.5");
    expect(result.trace).toHaveLength(1);
    expect(result.trace[0]).toMatchObject({ outcome: "set", delta: "-1.5", arithmetic: "50 ÷ 100 × 3 = 1.5" });
  });
});
