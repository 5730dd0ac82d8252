import { describe, expect, it } from "vitest";
import gongshu from "./seeds/gongshu-2021.json" with { type: "json" };
import { BUILTIN_FRAMEWORKS } from "./seeds/index.ts";
import shanghai from "./seeds/shanghai-2021.json" with { type: "json" };
import { validateFramework } from "./validate.ts";

const base = {
  code: "v-test",
  name: "校验测试",
  year: 2021,
  facts: [{ key: "misses", label: "遗漏", type: "count" }],
};

describe("validateFramework on the seeds", () => {
  it("reports Gongshu's own inconsistencies: 大厅改造 (6分) over a (3分) rule, 2.0工作台 (4分) over 3 + 2", () => {
    const report = validateFramework(gongshu);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ at: "6.1", code: "children_points", message: expect.stringContaining("合计 3 分，与本项 6 分不符") }),
    );
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ at: "6.2", code: "children_points", message: expect.stringContaining("合计 5 分，与本项 4 分不符") }),
    );
  });

  it("names the indicator in each message, by code and name", () => {
    const messages = validateFramework(gongshu).warnings.map((w) => w.message);
    expect(messages).toContain("6.2 2.0工作台：下级分值合计 5 分，与本项 4 分不符");
  });

  it("reports Shanghai's “5个维度” with four dimensions named", () => {
    const report = validateFramework(shanghai);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        at: "2",
        code: "declared_children",
        message: expect.stringMatching(/^2 .+：来源声明 5 个下级，实际列出 4 个$/),
      }),
    );
  });

  it("finds no errors in any built-in template", () => {
    for (const f of BUILTIN_FRAMEWORKS) expect(validateFramework(f).errors, (f as { code: string }).code).toEqual([]);
  });
});

describe("validateFramework checks", () => {
  it("warns of a condition that does not fit its fact's type: 是/否 on a count, a compared 是/否, a 是/否 or a rank in a total", () => {
    const when = (id: string, condition: unknown) => ({ id, kind: "when", condition, outcome: "zero", text: id });
    const report = validateFramework({
      ...base,
      basePoints: "1",
      facts: [
        { key: "misses", label: "遗漏", type: "count" },
        { key: "late", label: "迟报", type: "count", byLevel: true },
        { key: "started", label: "已启动", type: "boolean" },
        { key: "place", label: "名次", type: "rank" },
      ],
      indicators: [
        {
          code: "1",
          name: "一",
          points: "1",
          rules: [
            when("a", { fact: "misses", is: true }),
            when("b", { any: [{ fact: "started", op: "gt", value: 0 }] }),
            when("c", { sum: ["misses", "started", "place", "late@city"], op: "ge", value: 2 }),
            when("d", {
              all: [
                { fact: "started", is: false },
                { sum: ["misses", "late@city"], op: "ge", value: 2 },
              ],
            }),
          ],
        },
      ],
    });
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => w.code === "condition_type")).toEqual([
      { at: "1/a", code: "condition_type", message: "1 一（规则 a）：事实“遗漏”（misses）是计数，条件却按是/否判断" },
      { at: "1/b", code: "condition_type", message: "1 一（规则 b）：事实“已启动”（started）是是/否，条件却按数值比较" },
      { at: "1/c", code: "condition_type", message: "1 一（规则 c）：合计中的事实“已启动”（started）是是/否，不能相加" },
      { at: "1/c", code: "condition_type", message: "1 一（规则 c）：合计中的事实“名次”（place）是名次，不能相加" },
    ]);
  });

  it("reports schema errors with their path", () => {
    const report = validateFramework({ ...base, indicators: [{ code: "1", name: "一", points: "abc" }] });
    expect(report.errors[0]).toMatchObject({ at: "indicators.0.points", code: "schema" });
  });

  it("reports duplicate codes and rule ids, undeclared facts, rules on parents, unknown cross targets", () => {
    const report = validateFramework({
      ...base,
      indicators: [
        {
          code: "1",
          name: "一",
          points: "2",
          rules: [{ id: "r", kind: "per_count", effect: "deduct", fact: "misses", amount: "1", text: "x" }],
          children: [
            {
              code: "1.1",
              name: "甲",
              points: "1",
              rules: [{ id: "r", kind: "per_count", effect: "deduct", fact: "ghost", amount: "1", text: "y" }],
            },
            {
              code: "1.1",
              name: "乙",
              points: "1",
              rules: [
                { id: "z", kind: "when", condition: { fact: "misses", op: "gt", value: 1 }, outcome: "zero", alsoZero: ["9.9"], text: "z" },
              ],
            },
          ],
        },
      ],
    });
    const codes = report.errors.map((e) => e.code).sort();
    expect(codes).toEqual(["duplicate_code", "duplicate_rule", "rules_on_parent", "undeclared_fact", "unknown_target"]);
  });

  it("warns about unknown responsible units, uncapped bonus parts and base totals that do not add up", () => {
    const report = validateFramework(
      {
        ...base,
        basePoints: "100",
        indicators: [
          {
            code: "1",
            name: "一",
            points: "90",
            responsible: { lead: ["NOPE"], co: [] },
            rules: [{ id: "r", kind: "per_count", effect: "deduct", fact: "misses", amount: "1", text: "x" }],
          },
          { code: "2", name: "加分", part: "bonus", children: [{ code: "2.1", name: "甲", points: "1" }] },
        ],
      },
      { knownUnitCodes: new Set(["A"]) },
    );
    expect(report.warnings.map((w) => w.code).sort()).toEqual(["base_total", "uncapped_bonus", "unknown_unit"]);
  });
});
