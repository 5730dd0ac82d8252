import { describe, expect, it } from "vitest";
import { compileFramework, scoreFramework } from "./engine.ts";
import type { AssessedUnit, FactValue, IndicatorScore, UnitScore } from "./engine-types.ts";
import { proportional, rescaleTotal } from "./rescale.ts";
import { type Framework, frameworkSchema } from "./schema.ts";
import gongshu from "./seeds/gongshu-2021.json" with { type: "json" };
import shuangyashan from "./seeds/shuangyashan-2017.json" with { type: "json" };

/**
 * 不适用 (not applicable) is its own state, never a loss; 折算 (rescaling) brings a unit whose
 * applicable maximum is below full points back to them; 暂定 (provisional) marks what missing
 * data may still change. Numbers are worked by hand from seeds 004 (双鸭山) and 001 (拱墅).
 */
const sys = frameworkSchema.parse(shuangyashan);
const gs = frameworkSchema.parse(gongshu);

function score(framework: Framework, units: AssessedUnit[], facts: Record<string, Record<string, FactValue>> = {}): UnitScore[] {
  const input = Object.fromEntries(Object.entries(facts).map(([code, values]) => [code, { values }]));
  return scoreFramework(compileFramework(framework), { units, facts: input }).units;
}
const at = (unit: UnitScore, code: string): IndicatorScore => unit.indicators.find((i) => i.code === code)!;

describe("seed 004 Shuangyashan: 1.2 “纳入县(区)委考核” does not apply to departments", () => {
  // 1.3 “未按省、市要求制发相关文件、安排部署的,每项扣1分”: one missing document loses 1.
  const [department, county] = score(
    sys,
    [
      { code: "dept", category: "city_body" },
      { code: "county", category: "county" },
    ],
    { dept: { required_documents_missing: 1 }, county: { required_documents_missing: 1 } },
  );

  it("a department's 1 完善组织和制度保障 is out of 15, not 20: it lost 1, and 1.2 is 不适用 (no points, no loss)", () => {
    expect(at(department!, "1.2")).toMatchObject({ points: null, applicableMax: null, max: "5" });
    expect(at(department!, "1")).toMatchObject({ points: "14", max: "20", applicableMax: "15" });
    expect(at(county!, "1")).toMatchObject({ points: "19", max: "20", applicableMax: "20" });
  });

  it("the department's base is 94 of an applicable 95; rescaled proportionally to 百分制: 94 × 100 ÷ 95 = 98.947… → 98.95", () => {
    expect(department).toMatchObject({ base: "94", applicablePoints: "95", fullPoints: "100", rescaled: "98.95", rankScore: "98.95" });
    expect(department!.rescaleText).toBe("适用满分 95，得 94，折算 98.95（94 × 100 ÷ 95）");
  });

  it("a county, to which everything applies, keeps its score: 99 of 100, rescaled 99", () => {
    expect(county).toMatchObject({ base: "99", applicablePoints: "100", rescaled: "99", rescaleText: null, rankScore: "99" });
  });

  it("ranks use the rescaled score: the county (99) is ahead of the department (98.95)", () => {
    expect([county!.rank, department!.rank]).toEqual([1, 2]);
  });

  it("a department with nothing lost ranks first with 100 (95 × 100 ÷ 95), ahead of a county that lost 1", () => {
    const [clean, other] = score(
      sys,
      [
        { code: "clean", category: "city_body" },
        { code: "county", category: "county" },
      ],
      { county: { required_documents_missing: 1 } },
    );
    expect(clean).toMatchObject({ total: "95", rescaled: "100", rank: 1 });
    expect(other).toMatchObject({ total: "99", rescaled: "99", rank: 2 });
  });
});

describe("per-unit indicator selection (中省直单位 只考核“相关任务”)", () => {
  it("only the chosen indicators apply, within the category: 2 and 1.3 chosen → 1 is out of 5, the base out of 25", () => {
    const [unit] = score(sys, [{ code: "tax", category: "provincial_body", indicators: ["2", "1.3", "1.2"] }], {
      tax: { required_documents_missing: 2 },
    });
    expect(at(unit!, "1.1").points).toBeNull();
    // 1.2 was chosen but the category excludes it: the framework's applicability still holds.
    expect(at(unit!, "1.2").points).toBeNull();
    expect(at(unit!, "1")).toMatchObject({ points: "3", applicableMax: "5" });
    expect(at(unit!, "2")).toMatchObject({ points: "20", applicableMax: "20" });
    expect(at(unit!, "3").points).toBeNull();
    // 1.3: 2 × 1 = 2 lost → base 3 + 20 = 23 of 25; 23 × 100 ÷ 25 = 92.
    expect(unit).toMatchObject({ base: "23", applicablePoints: "25", rescaled: "92" });
  });
});

describe("rescaling (折算) methods", () => {
  it("proportional: “适用满分 95，得 88，折算 92.63” (88 × 100 ÷ 95 = 92.6315…, half up to 2 places)", () => {
    const result = rescaleTotal({
      rescale: { method: "proportional", rankBy: "rescaled", decimals: 2 },
      base: 880_000,
      bonus: 0,
      applicable: 950_000,
      full: 1_000_000,
    });
    expect(result).toEqual({ total: 926_300, text: "适用满分 95，得 88，折算 92.63（88 × 100 ÷ 95）" });
  });

  it("rounds half away from zero exactly (no float drift): 0.5 × 1 ÷ 4 at 1 place is 0.125 → 0.1, at 2 → 0.13", () => {
    expect(proportional(5_000, 10_000, 40_000, 1)).toBe(1_000);
    expect(proportional(5_000, 10_000, 40_000, 2)).toBe(1_300);
  });

  it("full credit adds the inapplicable points; the bonus is added unchanged", () => {
    const result = rescaleTotal({
      rescale: { method: "full_credit", rankBy: "rescaled", decimals: 2 },
      base: 880_000,
      bonus: 20_000,
      applicable: 950_000,
      full: 1_000_000,
    });
    expect(result.total).toBe(950_000);
    expect(result.text).toBe("适用满分 95，得 88，不适用的 5 分按满分计，折算 93，加分 2，折算总分 95");
  });

  it("none (or no choice) rescales nothing; rankBy raw ranks by the raw total", () => {
    expect(rescaleTotal({ rescale: undefined, base: 1, bonus: 0, applicable: 1, full: 2 })).toEqual({ total: null, text: null });
    const raw = { ...sys, rescale: { method: "proportional" as const, rankBy: "raw" as const, decimals: 2 } };
    const [dept, county] = score(raw, [
      { code: "dept", category: "city_body" },
      { code: "county", category: "county" },
    ]);
    expect(dept).toMatchObject({ rescaled: "100", rankScore: "95", rank: 2 });
    expect(county).toMatchObject({ rankScore: "100", rank: 1 });
  });
});

describe("missing data (暂定) in seed 001 Gongshu", () => {
  it("2.3.1 with no unit's 年度考核成绩: 0 of 3, and the trace says why; the result is provisional", () => {
    const [unit] = score(gs, [{ code: "U" }]);
    const indicator = at(unit!, "2.3.1");
    expect(indicator.points).toBe("0");
    expect(indicator.trace).toHaveLength(1);
    expect(indicator.trace[0]).toMatchObject({ ruleId: "gs-2.3.1-a", outcome: "missing", delta: "0" });
    expect(indicator.trace[0]!.arithmetic).toContain("本项暂按 0 分计");
    expect(unit!.missing).toContainEqual(expect.objectContaining({ indicatorCode: "2.3.1", fact: "window_annual_score" }));
    expect(unit!.provisional).toBe(true);
  });

  it("a unit without the score takes the lowest peer's (没有进驻大厅的部门按进驻单位最低得分计分): explained by the rule, not missing", () => {
    const units = score(gs, [{ code: "A" }, { code: "B" }], { A: { window_annual_score: 80 } });
    expect(at(units[1]!, "2.3.1").points).toBe("2.4");
    expect(units[1]!.missing.some((m) => m.fact === "window_annual_score")).toBe(false);
  });

  it("6.2 2.0工作台 (4分) over rows of 3 + 2 is flagged in the output: children 5 of 4", () => {
    const result = scoreFramework(compileFramework(gs), { units: [{ code: "U" }], facts: {} });
    expect(at(result.units[0]!, "6.2").overflow).toEqual({ code: "6.2", name: "2.0工作台", max: "4", childrenSum: "5" });
    expect(result.overflows.map((o) => o.code)).toContain("6.2");
  });
});
