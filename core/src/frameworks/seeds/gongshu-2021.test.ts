import { describe, expect, it } from "vitest";
import { compileFramework, flatRules, scoreFramework } from "../engine.ts";
import type { AssessedUnit, IndicatorScore, ManualScore, TraceStep, UnitFacts, UnitScore } from "../engine-types.ts";
import { type Condition, frameworkSchema, type Indicator, type Rule } from "../schema.ts";
import framework from "./gongshu-2021.json" with { type: "json" };

/**
 * Seed 001: 拱墅区审管办2021年度打造国际一流营商环境考核评分细则.
 * Every expected value below is computed by hand from the quoted seed text.
 */
const parsed = frameworkSchema.parse(framework);
const compiled = compileFramework(parsed);

type Values = Record<string, number | boolean>;

function scoreUnits(units: AssessedUnit[], facts: Record<string, UnitFacts>, groupNames?: Record<string, string>): UnitScore[] {
  return scoreFramework(compiled, { units, facts, groupNames }).units;
}
/** One ordinary (ranked) unit "U" with these facts. */
function one(values: Values = {}, manual: Record<string, ManualScore> = {}, more: Omit<UnitFacts, "values" | "manual"> = {}): UnitScore {
  return scoreUnits([{ code: "U" }], { U: { values, manual, ...more } })[0]!;
}
function at(unit: UnitScore, code: string): IndicatorScore {
  const found = unit.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}
function points(unit: UnitScore, code: string): string | null {
  return at(unit, code).points;
}
function stepOf(unit: UnitScore, code: string, ruleId: string): TraceStep {
  const found = at(unit, code).trace.find((s) => s.ruleId === ruleId);
  if (!found) throw new Error(`no step ${ruleId} in ${code}`);
  return found;
}
const reason = (points: string): ManualScore => ({ points, reason: "评审意见（测试）" });

function walk(indicators: Indicator[], visit: (i: Indicator) => void) {
  for (const i of indicators) {
    visit(i);
    walk(i.children ?? [], visit);
  }
}
function conditionFacts(c: Condition): string[] {
  if ("all" in c) return c.all.flatMap(conditionFacts);
  if ("any" in c) return c.any.flatMap(conditionFacts);
  if ("sum" in c) return c.sum;
  return [c.fact];
}
function ruleFacts(r: Rule): string[] {
  switch (r.kind) {
    case "per_count":
    case "per_step":
    case "convert":
      return [r.fact];
    case "when":
      return conditionFacts(r.condition);
    case "peer_average":
      return [...conditionFacts(r.condition), ...(r.peers ? conditionFacts(r.peers) : [])];
    case "rank_table":
    case "rank_step":
      return ["rankBy" in r.source ? r.source.rankBy : r.source.rankFact];
    case "max_of":
    case "group_max":
      return r.rules.flatMap(ruleFacts);
    default:
      return [];
  }
}

describe("gongshu-2021: the transcription", () => {
  it("parses with frameworkSchema", () => {
    expect(parsed.code).toBe("gongshu-business-environment");
    expect(parsed.year).toBe(2021);
    expect(parsed.basePoints).toBe("95");
    expect(parsed.bonusPoints).toBe("5");
    expect(parsed.indicators.map((i) => `${i.code}${i.name}(${i.points})`)).toEqual([
      "一打造国际一流营商环境建设(45)",
      "二行政服务中心建设和政务服务2.0示范大厅建设(40)",
      "三营商环境和“两率”指标评价(10)",
      "四亮点工作和问题整改加扣分项(5)",
    ]);
    const four = parsed.indicators[3]!;
    expect(four.part).toBe("bonus");
    expect(four.range).toEqual({ min: "-5", max: "5" });
  });

  it("has unique codes and rule ids, and declares exactly the facts its rules use", () => {
    const codes: string[] = [];
    const ids: string[] = [];
    const used = new Set<string>();
    walk(parsed.indicators, (i) => {
      codes.push(i.code);
      for (const r of flatRules(i.rules ?? [])) {
        ids.push(r.id);
        for (const f of ruleFacts(r)) used.add(f);
      }
    });
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...used].sort()).toEqual(parsed.facts.map((f) => f.key).sort());
  });

  it("keeps the seed's inconsistent points as written: 大厅改造 (6分) over a row of (3分); 2.0工作台 (4分) over rows of 3 + 2", () => {
    const find = (code: string) => {
      let found: Indicator | undefined;
      walk(parsed.indicators, (i) => {
        if (i.code === code) found = i;
      });
      return found!;
    };
    expect(find("6.1").points).toBe("6");
    expect(find("6.1").children!.map((c) => c.points)).toEqual(["3"]);
    expect(find("6.1.1").scoringText).toMatch(/\(3分\)$/);
    expect(find("6.2").points).toBe("4");
    expect(find("6.2").children!.map((c) => c.points)).toEqual(["3", "2"]);
  });
});

describe("gongshu-2021: totals", () => {
  it("a unit with no facts: 95 − 3 (6.1 scores its row's 3, not 6) + 1 (6.2 scores 3 + 2, not 4) − 3 (2.3.1: no 年度考核成绩, no peer) − 4 (2.5.3: 折算成绩 not yet scored) = 86", () => {
    const u = one();
    expect(points(u, "2.1.2")).toBe("5");
    expect(points(u, "一")).toBe("38");
    expect(points(u, "二")).toBe("38");
    expect(points(u, "三")).toBe("10");
    expect(points(u, "四")).toBe("0");
    expect(u.base).toBe("86");
    expect(u.bonus).toBe("0");
    expect(u.total).toBe("86");
    expect(u.pending).toEqual(expect.arrayContaining(["gs-2.2-a", "gs-2.5.3-a", "gs-7.1-b", "gs-8.3-a", "gs-8.4-c", "gs-8.5-a"]));
    // 每发现一起扣1-3分 waits for nothing when nothing was found; 适当下浮 only for a unit without a sample frame.
    expect(u.pending).not.toContain("gs-2.3.2-a");
    expect(u.pending).not.toContain("gs-7.2-b");
  });

  it("a unit meeting every target (收件率 90, 年度成绩 100, 亲清D小二 4 of 4), not ranked: parts 45 / 38 / 10, base 93 = 95 − 2 (the seed's 6.1 and 6.2 points)", () => {
    const [u] = scoreUnits([{ code: "R", isReference: true }], {
      R: { values: { v2_receipt_rate: 90, window_annual_score: 100 }, manual: { "gs-2.5.3-a": reason("4") } },
    });
    expect(points(u!, "一")).toBe("45");
    expect(points(u!, "1")).toBe("10");
    expect(points(u!, "2")).toBe("35");
    expect(points(u!, "二")).toBe("38");
    expect(points(u!, "6.1")).toBe("3");
    expect(points(u!, "6.2")).toBe("5");
    expect(points(u!, "三")).toBe("10");
    expect(u!.base).toBe("93");
    expect(u!.total).toBe("93");
    expect(u!.rank).toBeNull();
  });

  it("every base leaf stays within [0, its max] (points, or range.max where a bonus sits on top) however many findings", () => {
    const values: Values = {};
    for (const f of parsed.facts) {
      values[f.key] = f.type === "boolean" ? true : f.type === "rank" ? 99 : f.type === "count" ? 100 : 0;
      if (f.byLevel) for (const level of ["district", "city", "province", "national", "media", "public"]) values[`${f.key}@${level}`] = 100;
    }
    const caps = new Map<string, number>();
    walk(parsed.indicators, (i) => {
      if (!i.children?.length) caps.set(i.code, Number(i.range?.max ?? i.points));
    });
    const u = one(values);
    for (const i of u.indicators.filter((x) => x.part === "base" && caps.has(x.code))) {
      expect(Number(i.points), i.code).toBeGreaterThanOrEqual(0);
      expect(Number(i.points), i.code).toBeLessThanOrEqual(caps.get(i.code)!);
    }
    // 四: 8.1 +3 and 8.2 +3 (counts without a content are one content: its highest), 8.4 floored −5, 8.5 pending → 1, within [−5, 5].
    expect(points(u, "8.1")).toBe("3");
    expect(points(u, "8.2")).toBe("3");
    expect(points(u, "8.4")).toBe("-5");
    expect(points(u, "四")).toBe("1");
  });
});

describe("一 1.1.1 “一件事”联办标准体系 (3分)", () => {
  it("目录事项有一项未形成体系的扣0.5分: 3 × 0.5 = 1.5 → 3 − 1.5 = 1.5", () => {
    const u = one({ one_thing_system_missing: 3 });
    expect(points(u, "1.1.1")).toBe("1.5");
    expect(stepOf(u, "1.1.1", "gs-1.1.1-a").arithmetic).toBe("3 × 0.5 = 1.5");
  });
  it("目录事项有一项未实现线下一窗办的扣1分: 2 × 1 → 3 − 2 = 1", () => {
    const u = one({ one_thing_window_missing: 2 });
    expect(points(u, "1.1.1")).toBe("1");
    expect(stepOf(u, "1.1.1", "gs-1.1.1-b").delta).toBe("-2");
  });
  it("未及时接入全市“一窗受理”平台实现网上联办的扣0.5分/项: 1 × 0.5 → 2.5", () => {
    expect(points(one({ one_thing_platform_missing: 1 }), "1.1.1")).toBe("2.5");
  });
  it("企业开办“分钟制”,未实现被省市通报的扣1分 → 2", () => {
    const u = one({ business_startup_minutes_notified: true });
    expect(points(u, "1.1.1")).toBe("2");
    expect(stepOf(u, "1.1.1", "gs-1.1.1-d").delta).toBe("-1");
  });
  it("建设项目审批“小时制”,未实现被省市通报的扣1分 → 2", () => {
    expect(points(one({ project_approval_hours_notified: true }), "1.1.1")).toBe("2");
  });
  it("deductions floor at zero: 2 × 0.5 + 2 × 1 + 1 = 4 > 3 → 0", () => {
    const u = one({ one_thing_system_missing: 2, one_thing_window_missing: 2, business_startup_minutes_notified: true });
    expect(points(u, "1.1.1")).toBe("0");
    expect(at(u, "1.1.1").trace.at(-1)!.outcome).toBe("floor");
  });
});

describe("一 1.1.2 标准化办事指南体系 (3分)", () => {
  it("被省市级抽查通报问题的每次扣1分: 市级 1 + 省级 1 = 2 → 1; 区级 not counted", () => {
    const u = one({ "guide_spot_check_notice@city": 1, "guide_spot_check_notice@province": 1, "guide_spot_check_notice@district": 5 });
    expect(points(u, "1.1.2")).toBe("1");
    expect(stepOf(u, "1.1.2", "gs-1.1.2-a").arithmetic).toBe("市级 1 × 1 + 省级 1 × 1 = 2");
  });
  it("被群众或媒体发现同一事项办事指南或流程不一致的每次扣1分: 群众 1 + 媒体 1 → 1", () => {
    expect(points(one({ "guide_inconsistency_found@public": 1, "guide_inconsistency_found@media": 1 }), "1.1.2")).toBe("1");
  });
  it("事项基础 (6分) sums its rows: 1.5 + 1 = 2.5", () => {
    expect(points(one({ one_thing_system_missing: 3, "guide_spot_check_notice@city": 2 }), "1.1")).toBe("2.5");
  });
});

describe("一 1.2 预约服务 / 绿色通道, 1.3 错时延时", () => {
  it("每发现一个事项未提供精准预约服务的扣0.5分 (0.5分): 1 → 0; 4 → 0 (扣完为止)", () => {
    expect(points(one({ appointment_missing: 1 }), "1.2.1")).toBe("0");
    expect(points(one({ appointment_missing: 4 }), "1.2.1")).toBe("0");
  });
  it("未落实服务要求的扣1分 (1.5分): 1.5 − 1 = 0.5", () => {
    expect(points(one({ green_channel_not_implemented: true }), "1.2.2")).toBe("0.5");
  });
  it("未提供错时或延时服务的此项不得分: either missing → 0; both provided → 2", () => {
    expect(points(one({ staggered_service_missing: true }), "1.3")).toBe("0");
    const u = one({ extended_service_missing: true });
    expect(points(u, "1.3")).toBe("0");
    expect(stepOf(u, "1.3", "gs-1.3-a")).toMatchObject({ outcome: "zero", delta: "-2" });
    expect(points(one({ staggered_service_missing: false, extended_service_missing: false }), "1.3")).toBe("2");
  });
});

describe("一 2.1 政务服务2.0事项认领率和收件率 (10分)", () => {
  it("未按规定认领的每个事项扣0.2分: 7 × 0.2 = 1.4 exactly → 3.6", () => {
    const u = one({ v2_item_unclaimed: 7 });
    expect(points(u, "2.1.1")).toBe("3.6");
    expect(stepOf(u, "2.1.1", "gs-2.1.1-a").arithmetic).toBe("7 × 0.2 = 1.4");
  });

  it("事项收件率排名前三位,依次加0.5分、1分、1.5分 (read: 1st +1.5, 2nd +1, 3rd +0.5): 99 / 97 / 95 / 92 → 6.5 / 6 / 5.5 / 5", () => {
    const units = scoreUnits([{ code: "A" }, { code: "B" }, { code: "C" }, { code: "D" }], {
      A: { values: { v2_receipt_rate: 99 } },
      B: { values: { v2_receipt_rate: 97 } },
      C: { values: { v2_receipt_rate: 95 } },
      D: { values: { v2_receipt_rate: 92 } },
    });
    expect(units.map((u) => points(u, "2.1.2"))).toEqual(["6.5", "6", "5.5", "5"]);
    expect(stepOf(units[0]!, "2.1.2", "gs-2.1.2-a").arithmetic).toBe("第 1 名 → 1.5");
    expect(stepOf(units[2]!, "2.1.2", "gs-2.1.2-a").delta).toBe("+0.5");
  });

  it("ties share the better rank (1, 2, 2, 4) and a reference unit is not ranked: R 100 gets 5, A 97 is 1st", () => {
    const units = scoreUnits([{ code: "R", isReference: true }, { code: "A" }, { code: "B" }, { code: "C" }, { code: "D" }], {
      R: { values: { v2_receipt_rate: 100 } },
      A: { values: { v2_receipt_rate: 97 } },
      B: { values: { v2_receipt_rate: 95 } },
      C: { values: { v2_receipt_rate: 95 } },
      D: { values: { v2_receipt_rate: 90 } },
    });
    expect(units.map((u) => points(u, "2.1.2"))).toEqual(["5", "6.5", "6", "6", "5"]);
  });

  it("政务服务2.0收件率低于85%的此项不得分: the only (so 1st) unit at 84.9% → 5 + 1.5 = 6.5 → 0, bonus included", () => {
    const u = one({ v2_receipt_rate: 84.9 });
    expect(points(u, "2.1.2")).toBe("0");
    expect(stepOf(u, "2.1.2", "gs-2.1.2-b")).toMatchObject({ outcome: "zero", delta: "-6.5" });
    expect(points(one({ v2_receipt_rate: 85 }), "2.1.2")).toBe("6.5");
  });

  it("an unrecorded 收件率 is unknown, not below 85%, and unranked → 5", () => {
    expect(points(one(), "2.1.2")).toBe("5");
  });
});

describe("一 2.2 招标投标 (2分): no scoring standard → manual deduction 0–2", () => {
  it("pending without a score (full 2); a reviewer's 0.5 → 1.5", () => {
    expect(points(one(), "2.2")).toBe("2");
    const u = one({}, { "gs-2.2-a": reason("0.5") });
    expect(points(u, "2.2")).toBe("1.5");
    expect(stepOf(u, "2.2", "gs-2.2-a").delta).toBe("-0.5");
  });
});

describe("一 2.3 窗口服务 (6分)", () => {
  it("没有进驻大厅的部门按进驻单位最低得分计分: 进驻 A 90 → 2.7, 进驻 C 80 → 2.4, 街道 S 60 → 1.8; B none → lowest 进驻 80 → 2.4, not the street's 60", () => {
    const stationed = ["GS-G-STATIONED"];
    const units = scoreUnits(
      [{ code: "A", groups: stationed }, { code: "B" }, { code: "C", groups: stationed }, { code: "S", name: "某街道" }],
      {
        A: { values: { window_annual_score: 90 } },
        B: {},
        C: { values: { window_annual_score: 80 } },
        S: { values: { window_annual_score: 60 } },
      },
      { "GS-G-STATIONED": "进驻单位" },
    );
    expect(units.map((u) => points(u, "2.3.1"))).toEqual(["2.7", "2.4", "2.4", "1.8"]);
    expect(stepOf(units[0]!, "2.3.1", "gs-2.3.1-a").arithmetic).toBe("90 ÷ 100 × 3 = 2.7");
    expect(stepOf(units[1]!, "2.3.1", "gs-2.3.1-a").arithmetic).toBe("无成绩，按「进驻单位」最低 80 ÷ 100 × 3 = 2.4");
  });
  it("without any 进驻单位 in the campaign, the lowest of all units with a score, and the trace says so: none → 60 → 1.8", () => {
    const units = scoreUnits([{ code: "B" }, { code: "S" }], { B: {}, S: { values: { window_annual_score: 60 } } });
    expect(points(units[0]!, "2.3.1")).toBe("1.8");
    expect(stepOf(units[0]!, "2.3.1", "gs-2.3.1-a").arithmetic).toBe(
      "无成绩，按全部单位（单位组「GS-G-STATIONED」在本次考核中无成员）最低 60 ÷ 100 × 3 = 1.8",
    );
  });
  it("因落实不到位发生投诉或被媒体曝光的,每发现一起扣1-3分: one finding at 2 → 1; findings at 1 and 1.5 → 3 − 2.5 = 0.5; 2 + 3 → 扣完为止 0", () => {
    const each = (...amounts: string[]) =>
      one({}, {}, { perFinding: { "gs-2.3.2-a": amounts.map((p, i) => ({ points: p, reason: `第${i + 1}起投诉` })) } });
    expect(points(each("2"), "2.3.2")).toBe("1");
    const two = each("1", "1.5");
    expect(points(two, "2.3.2")).toBe("0.5");
    expect(stepOf(two, "2.3.2", "gs-2.3.2-a").arithmetic).toBe("第 1 起 1：第1起投诉；第 2 起 1.5：第2起投诉；合计 2.5");
    expect(stepOf(two, "2.3.2", "gs-2.3.2-a").delta).toBe("-2.5");
    expect(points(each("2", "3"), "2.3.2")).toBe("0");
    expect(points(one(), "2.3.2")).toBe("3");
  });
  it("每发现一起扣1-3分 outside the range is brought back in and named: 0.5 → 1", () => {
    const u = one({}, {}, { perFinding: { "gs-2.3.2-a": [{ points: "0.5", reason: "轻微" }] } });
    expect(points(u, "2.3.2")).toBe("2");
    expect(stepOf(u, "2.3.2", "gs-2.3.2-a").arithmetic).toBe("第 1 起 1（0.5 超出 1–3，按 1 计）：轻微");
  });
});

describe("一 2.4 投资项目审批代办服务及深化涉审中介管理 (5分)", () => {
  it("未按时完成的,每延迟一天扣0.1分: 4 days → 1 − 0.4 = 0.6", () => {
    const u = one({ intermediary_list_delay_days: 4 });
    expect(points(u, "2.4.1")).toBe("0.6");
    expect(stepOf(u, "2.4.1", "gs-2.4.1-a").arithmetic).toBe("4 × 0.1 = 0.4");
  });
  it("超出目录范围的中介服务事项,每发现一起扣0.2分,扣完为止: 2 → 0.6; with 8 days late 0.8 + 0.4 > 1 → 0", () => {
    expect(points(one({ intermediary_out_of_catalog: 2 }), "2.4.1")).toBe("0.6");
    expect(points(one({ intermediary_out_of_catalog: 2, intermediary_list_delay_days: 8 }), "2.4.1")).toBe("0");
  });
  it("未及时推送涉审中介评价信息数据,每延迟一天扣0.2分: 3 days → 2 − 0.6 = 1.4", () => {
    expect(points(one({ intermediary_review_push_delay_days: 3 }), "2.4.2")).toBe("1.4");
  });
  it("被市级通报整改的,每次扣0.2分,被省级通报整改的,每次扣0.5分: 市 2 + 省 1 = 0.4 + 0.5 → 1.1", () => {
    const u = one({ "intermediary_info_notice@city": 2, "intermediary_info_notice@province": 1 });
    expect(points(u, "2.4.2")).toBe("1.1");
    expect(stepOf(u, "2.4.2", "gs-2.4.2-b").arithmetic).toBe("市级 2 × 0.2 + 省级 1 × 0.5 = 0.9");
  });
  it("每月新增1个以上(含)项目的,加0.1分,满分1.2分: 5 months → 2.5; 14 months → capped 1.2 → 3.2", () => {
    expect(points(one({ intermediary_platform_months: 5 }), "2.4.2")).toBe("2.5");
    const u = one({ intermediary_platform_months: 14 });
    expect(points(u, "2.4.2")).toBe("3.2");
    expect(stepOf(u, "2.4.2", "gs-2.4.2-c").arithmetic).toBe("14 × 0.1 = 1.4，封顶 1.2");
  });
  it("deductions and the bonus together: 2 − 3 × 0.2 + 12 × 0.1 = 2.6", () => {
    expect(points(one({ intermediary_review_push_delay_days: 3, intermediary_platform_months: 12 }), "2.4.2")).toBe("2.6");
  });
  it("每代办案例被区级(含)以上媒体录用…加0.2分,累计不超过1分: 3 → 2.6; 7 → 1.4 capped 1 → 3", () => {
    expect(points(one({ agency_case_published: 3 }), "2.4.3")).toBe("2.6");
    expect(points(one({ agency_case_published: 7 }), "2.4.3")).toBe("3");
  });
});

describe("一 2.5 服务效能 (12分)", () => {
  it("未在规定时间内完成“好差评”申诉的,每一次扣0.5分: 2 → 4 − 1 = 3", () => {
    expect(points(one({ "ratings.appeal_overdue": 2 }), "2.5.1")).toBe("3");
  });
  it("被省“好差评”系统回访确认为差评的,每件次扣1分: 1 → 3", () => {
    expect(points(one({ "ratings.bad_confirmed": 1 }), "2.5.1")).toBe("3");
  });
  it("整改后又被追评为差评的每件次扣1.5分: 2 → 4 − 3 = 1; all three 0.5 + 1 + 1.5 = 3 → 1", () => {
    expect(points(one({ "ratings.bad_again": 2 }), "2.5.1")).toBe("1");
    expect(points(one({ "ratings.appeal_overdue": 1, "ratings.bad_confirmed": 1, "ratings.bad_again": 1 }), "2.5.1")).toBe("1");
  });
  it("被区级组织抽查到接通率不足90%的,每低1个百分点扣 0.1 分: 85% → 5 × 0.1 → 3.5; 86.5% → 3 whole points → 3.7", () => {
    const u = one({ "hotline.rate_district": 85 });
    expect(points(u, "2.5.2")).toBe("3.5");
    expect(stepOf(u, "2.5.2", "gs-2.5.2-a").arithmetic).toBe("(90 − 85) ÷ 1 = 5 档 × 0.1 = 0.5");
    expect(points(one({ "hotline.rate_district": 86.5 }), "2.5.2")).toBe("3.7");
    expect(points(one({ "hotline.rate_district": 90 }), "2.5.2")).toBe("4");
  });
  it("被市级抽查到每低1个百分点扣 0.2 分: 80% → 10 × 0.2 = 2 → 2", () => {
    expect(points(one({ "hotline.rate_city": 80 }), "2.5.2")).toBe("2");
  });
  it("被省级抽查到每低1个百分点扣 0.3 分: 88% → 0.6 → 3.4; with 区级 80% (1) and 省级 80% (3) → 0", () => {
    expect(points(one({ "hotline.rate_province": 88 }), "2.5.2")).toBe("3.4");
    expect(points(one({ "hotline.rate_district": 80, "hotline.rate_province": 80 }), "2.5.2")).toBe("0");
  });
  it("根据考核情况折算成绩 (4分): reviewer 3.5 → 3.5; not yet scored → 0", () => {
    expect(points(one({}, { "gs-2.5.3-a": reason("3.5") }), "2.5.3")).toBe("3.5");
    expect(points(one(), "2.5.3")).toBe("0");
  });
});

describe("二 3 服务大厅建设 (10分)", () => {
  it("设施未按规定设置的每项扣0.5分: 3 → 4 − 1.5 = 2.5", () => {
    expect(points(one({ hall_facility_missing: 3 }), "3.1")).toBe("2.5");
  });
  it("政务公开内容不齐全、更新不及时的每缺一项扣0.2分: 4 → 4 − 0.8 = 3.2", () => {
    expect(points(one({ disclosure_item_missing: 4 }), "3.1")).toBe("3.2");
  });
  it("未按要求设置“网上办”“掌上办”服务专区的该项不得分 → 0", () => {
    expect(points(one({ online_service_zone_missing: true }), "3.2")).toBe("0");
  });
  it("未配置相应工作人员的扣1分 → 2; with no zone too → 0", () => {
    expect(points(one({ online_zone_staff_missing: true }), "3.2")).toBe("2");
    expect(points(one({ online_zone_staff_missing: true, online_service_zone_missing: true }), "3.2")).toBe("0");
  });
  it("名称和标识未按要求落实的扣3分 → 0", () => {
    expect(points(one({ venue_name_sign_not_unified: true }), "3.3")).toBe("0");
  });
});

describe("二 4 一窗受理集成服务改革, 5 优化政务服务资源配置", () => {
  it("每发现一个应进事项未进驻的扣0.5分: 3 → 5 − 1.5 = 3.5", () => {
    expect(points(one({ item_not_stationed: 3 }), "4.1")).toBe("3.5");
  });
  it("“综合窗口”未按要求落实的扣0.5分 → 4.5", () => {
    expect(points(one({ comprehensive_window_not_implemented: true }), "4.2")).toBe("4.5");
  });
  it("应下放事项未落实的,每发现1个事项扣2分: 2 → 1; 3 → 6 > 5 → 0", () => {
    expect(points(one({ delegated_item_not_implemented: 2 }), "5.1")).toBe("1");
    expect(points(one({ delegated_item_not_implemented: 3 }), "5.1")).toBe("0");
  });
  it("“跨省通办”未落实的,每发现1项扣1分: 2 → 3", () => {
    expect(points(one({ cross_province_item_not_implemented: 2 }), "5.2")).toBe("3");
  });
  it("“全市域通办”未按要求落实的,每发现1个事项扣1分: 1 → 4", () => {
    expect(points(one({ citywide_item_not_implemented: 1 }), "5.2")).toBe("4");
  });
});

describe("二 6 政务服务2.0示范大厅建设 (10分)", () => {
  it("窗口改造 0.5 + 驾驶舱 0.5 + 减场地减窗口减人员 0.2 = 1.2 → row 3 − 1.2 = 1.8, 大厅改造 = 1.8", () => {
    const u = one({ window_renovation_late: true, cockpit_data_not_connected: true, hall_reduction_not_met: true });
    expect(points(u, "6.1.1")).toBe("1.8");
    expect(points(u, "6.1")).toBe("1.8");
    expect(stepOf(u, "6.1.1", "gs-6.1.1-c").delta).toBe("-0.2");
  });
  it("each alone: 窗口改造 → 2.5, 驾驶舱 → 2.5, 减场地 → 2.8", () => {
    expect(points(one({ window_renovation_late: true }), "6.1.1")).toBe("2.5");
    expect(points(one({ cockpit_data_not_connected: true }), "6.1.1")).toBe("2.5");
    expect(points(one({ hall_reduction_not_met: true }), "6.1.1")).toBe("2.8");
  });
  it("未开设工作台的扣1分, 未落实认领要求的扣1分: each → 2, both → 1", () => {
    expect(points(one({ v2_workbench_not_opened: true }), "6.2.1")).toBe("2");
    expect(points(one({ v2_claim_requirement_not_met: true }), "6.2.1")).toBe("2");
    expect(points(one({ v2_workbench_not_opened: true, v2_claim_requirement_not_met: true }), "6.2.1")).toBe("1");
  });
  it("超时未处理被市级抽查通报的扣0.5分,被省级抽查通报的扣1分: 市 1 + 省 1 → 2 − 1.5 = 0.5; 市 2 + 省 1 → 0", () => {
    expect(points(one({ "v2_ticket_overdue_notice@city": 1, "v2_ticket_overdue_notice@province": 1 }), "6.2.2")).toBe("0.5");
    expect(points(one({ "v2_ticket_overdue_notice@city": 2, "v2_ticket_overdue_notice@province": 1 }), "6.2.2")).toBe("0");
  });
});

describe("三 7.1 营商环境评价 (5分)", () => {
  it("位列全市第3名之前不扣分。位列全市第3名之后,排名每下降1位扣0.5分: 3rd → 5, 4th → 4.5, 7th → 3, 13th → 0", () => {
    expect(points(one({ business_env_district_rank: 3 }), "7.1")).toBe("5");
    expect(points(one({ business_env_district_rank: 4 }), "7.1")).toBe("4.5");
    const u = one({ business_env_district_rank: 7 });
    expect(points(u, "7.1")).toBe("3");
    expect(stepOf(u, "7.1", "gs-7.1-a").arithmetic).toBe("(第 7 名 − 3) × 0.5 = 2");
    expect(points(one({ business_env_district_rank: 13 }), "7.1")).toBe("0");
  });
  it("4名以后的视情扣分: reviewer 1 → 4", () => {
    expect(points(one({}, { "gs-7.1-b": reason("1") }), "7.1")).toBe("4");
  });
  it("与样本框无关联的部门在平均分基础上下浮1分: 甲 5 − 1 (第5名) = 4, 乙 5 − 1 − 3 × 0.5 = 2.5; unrelated 丙 → (4 + 2.5) ÷ 2 − 1 = 2.25", () => {
    // 位列全市第3名之后,排名每下降1位扣0.5分: 第5名 −1 for every unit; 样本中反馈不满意…每条扣0.5分: 乙 3 条.
    const rank = { business_env_district_rank: 5 };
    const manual = { "gs-7.1-b": reason("0"), "gs-7.1-e": reason("0") };
    const units = scoreUnits(
      [
        { code: "A", name: "甲" },
        { code: "B", name: "乙" },
        { code: "C", name: "丙" },
        { code: "R", name: "参照", isReference: true },
      ],
      {
        A: { values: rank, manual },
        B: { values: { ...rank, business_env_sample_complaint: 3 }, manual },
        C: { values: { ...rank, business_env_sample_unrelated: true } },
        R: { values: { ...rank }, manual },
      },
    );
    // The reference unit scores like 甲 but is no peer: the average is over 甲 and 乙 only.
    expect(units.map((u) => points(u, "7.1"))).toEqual(["4", "2.5", "2.25", "4"]);
    const c = units[2]!;
    // Only the average rule applies to 丙: the rank deduction is already in its peers' scores.
    expect(at(c, "7.1").trace.map((s) => s.ruleId)).toEqual(["gs-7.1-c"]);
    expect(stepOf(c, "7.1", "gs-7.1-c").arithmetic).toBe("同类单位 2 家平均 (甲 4 + 乙 2.5) ÷ 2 = 3.25；3.25 − 1 = 2.25");
    expect(stepOf(c, "7.1", "gs-7.1-c").delta).toBe("-2.75");
    expect(c.pending).not.toContain("gs-7.1-c");
    expect(c.pending).not.toContain("gs-7.1-b");
  });
  it("the average is provisional while a peer's 视情扣分 waits: 丙 pending on gs-7.1-c, and its trace says why", () => {
    const units = scoreUnits(
      [
        { code: "A", name: "甲" },
        { code: "C", name: "丙" },
      ],
      {
        A: { values: { business_env_district_rank: 3 } },
        C: { values: { business_env_sample_unrelated: true } },
      },
    );
    expect(points(units[1]!, "7.1")).toBe("4");
    expect(units[1]!.pending).toContain("gs-7.1-c");
    expect(stepOf(units[1]!, "7.1", "gs-7.1-c").arithmetic).toContain("其中 1 家尚有待评分项，平均分可能变化");
  });
  it("样本中反馈不满意或有问题的,每条扣0.5分: 3 → 3.5", () => {
    expect(points(one({ business_env_sample_complaint: 3 }), "7.1")).toBe("3.5");
  });
  it("对提出的意见和建议将视情扣0.2分: reviewer 0.2 → 4.8", () => {
    expect(points(one({}, { "gs-7.1-e": reason("0.2") }), "7.1")).toBe("4.8");
  });
});

describe("三 7.2 “两率”指标 (5分)", () => {
  it("进入全省30名至60名的…每个上报样本框的单位扣2分: 全省 45 → 3; 全省 30 (前30名含) → 5; not reported → 5", () => {
    const u = one({ two_rates_sample_reported: true, two_rates_province_rank: 45 });
    expect(points(u, "7.2")).toBe("3");
    expect(stepOf(u, "7.2", "gs-7.2-a").arithmetic).toBe("取最高：条件成立，扣 2");
    expect(points(one({ two_rates_sample_reported: true, two_rates_province_rank: 30 }), "7.2")).toBe("5");
    expect(points(one({ two_rates_province_rank: 45 }), "7.2")).toBe("5");
  });
  it("全市第6名至10名…扣2分: 全市 8 → 3; 全市 4 or 5 (not stated) → 5", () => {
    expect(points(one({ two_rates_sample_reported: true, two_rates_city_rank: 8 }), "7.2")).toBe("3");
    expect(points(one({ two_rates_sample_reported: true, two_rates_city_rank: 5 }), "7.2")).toBe("5");
  });
  it("全省60名以后、全市11名以后的每个上报样本框的单位扣3分: 全省 61 → 2; 全市 11 → 2; 全省 45 and 全市 12 → the heavier 3 only → 2", () => {
    expect(points(one({ two_rates_sample_reported: true, two_rates_province_rank: 61 }), "7.2")).toBe("2");
    expect(points(one({ two_rates_sample_reported: true, two_rates_city_rank: 11 }), "7.2")).toBe("2");
    const u = one({ two_rates_sample_reported: true, two_rates_province_rank: 45, two_rates_city_rank: 12 });
    expect(points(u, "7.2")).toBe("2");
    expect(stepOf(u, "7.2", "gs-7.2-a").delta).toBe("-3");
  });
  it("最后折算为平均得分,无需提供样本框的部门在平均分基础上适当下浮: 上报 甲 全省 45 → 3, 乙 全市 11 → 2; 丙 无需样本框 → (3 + 2) ÷ 2 = 2.5 − reviewer 0.5 = 2", () => {
    const units = scoreUnits(
      [
        { code: "A", name: "甲" },
        { code: "B", name: "乙" },
        { code: "C", name: "丙" },
        { code: "D", name: "丁" },
      ],
      {
        A: { values: { two_rates_sample_reported: true, two_rates_province_rank: 45 }, manual: { "gs-7.2-d": reason("0") } },
        B: { values: { two_rates_sample_reported: true, two_rates_city_rank: 11 }, manual: { "gs-7.2-d": reason("0") } },
        C: { values: { two_rates_sample_reported: false }, manual: { "gs-7.2-b": reason("0.5"), "gs-7.2-d": reason("0") } },
        // 丁: 适当下浮 not yet given → the average, pending; 第2款 still applies: 一条扣0.5分.
        D: { values: { two_rates_sample_reported: false, satisfaction_survey_dissatisfied: 1 }, manual: { "gs-7.2-d": reason("0") } },
      },
    );
    expect(units.map((u) => points(u, "7.2"))).toEqual(["3", "2", "2", "2"]);
    expect(stepOf(units[2]!, "7.2", "gs-7.2-b").arithmetic).toBe(
      "同类单位 2 家平均 (甲 3 + 乙 2) ÷ 2 = 2.5；2.5 − 0.5 = 2（下浮 0.5（0–1）：评审意见（测试））",
    );
    expect(units[2]!.pending).not.toContain("gs-7.2-b");
    expect(units[3]!.pending).toContain("gs-7.2-b");
    expect(stepOf(units[3]!, "7.2", "gs-7.2-b").arithmetic).toBe(
      "同类单位 2 家平均 (甲 3 + 乙 2) ÷ 2 = 2.5；2.5 − 0 = 2.5（下浮待评分（0–1））",
    );
    expect(stepOf(units[3]!, "7.2", "gs-7.2-c").delta).toBe("-0.5");
  });
  it("明确有不满意的,一条扣0.5分: 3 → 3.5", () => {
    expect(points(one({ satisfaction_survey_dissatisfied: 3 }), "7.2")).toBe("3.5");
  });
  it("群众的相关建议视情进行扣0.2分: reviewer 0.2 → 4.8", () => {
    expect(points(one({}, { "gs-7.2-d": reason("0.2") }), "7.2")).toBe("4.8");
  });
});

describe("四 8 亮点工作和问题整改加扣分项 (±5)", () => {
  it("被中央级、省部级、市级媒体宣传报道的分别加2分、1分、1.5分: 中央 1 → 2; 省部 1 → 1; 市 1 → 1.5", () => {
    expect(points(one({ "reform_media_report@national": 1 }), "8.1")).toBe("2");
    expect(points(one({ "reform_media_report@province": 1 }), "8.1")).toBe("1");
    expect(points(one({ "reform_media_report@city": 1 }), "8.1")).toBe("1.5");
  });
  it("《改革情况交流》《领跑者》加3分 → 3; 《竞跑者》《杭州改革》等刊发加1分 → 1", () => {
    expect(points(one({ reform_case_top: 1 }), "8.1")).toBe("3");
    expect(points(one({ reform_case_published: 1 }), "8.1")).toBe("1");
  });
  it("同一宣传内容取最高分: one content reported by 中央 2, 市 1.5 and in 领跑者 3 → 3 (not 6.5)", () => {
    const values = { "reform_media_report@national": 1, "reform_media_report@city": 1, reform_case_top: 1 };
    const u = one(values, {}, { bySubject: { 一件事改革: values } });
    expect(points(u, "8.1")).toBe("3");
    expect(stepOf(u, "8.1", "gs-8.1-a").arithmetic).toBe(
      "「一件事改革」入选省市改革创新最佳和优秀实践案例或改革创新举措在中央改革办《改革情况交流》、省委改革办《领跑者》加3分 3 分，3 项取最高",
    );
  });
  it("two different publicity contents add up: 「甲改革」中央 2 and 「乙改革」领跑者 3 → 2 + 3 = 5 (a single highest would drop 甲's 2)", () => {
    const u = one(
      { "reform_media_report@national": 1, reform_case_top: 1 },
      {},
      { bySubject: { 甲改革: { "reform_media_report@national": 1 }, 乙改革: { reform_case_top: 1 } } },
    );
    expect(points(u, "8.1")).toBe("5");
    expect(stepOf(u, "8.1", "gs-8.1-a").delta).toBe("+5");
  });
  it("最高不超过5分: 「甲」领跑者 3 + 「乙」领跑者 3 = 6 → 5; the same content twice counts once → 3", () => {
    expect(points(one({ reform_case_top: 2 }, {}, { bySubject: { 甲: { reform_case_top: 1 }, 乙: { reform_case_top: 1 } } }), "8.1")).toBe(
      "5",
    );
    expect(points(one({ reform_case_top: 2 }, {}, { bySubject: { 甲: { reform_case_top: 2 } } }), "8.1")).toBe("3");
  });
  it("counts without a content are one content: 领跑者 2 (no content) → 3; with 「甲」市 1.5 named beside them → 1.5 + 3 = 4.5", () => {
    const u = one({ reform_case_top: 2 });
    expect(points(u, "8.1")).toBe("3");
    expect(stepOf(u, "8.1", "gs-8.1-a").arithmetic).toContain("「未注明内容」");
    const mixed = one({ reform_case_top: 2, "reform_media_report@city": 1 }, {}, { bySubject: { 甲: { "reform_media_report@city": 1 } } });
    expect(points(mixed, "8.1")).toBe("4.5");
  });
  it("省部级、市级、区级主要领导批示表彰分别得分3分、2分、1分 (同一事项批示取最高分): 省 1 → 3; 区 1 → 1; one matter 省 + 市 → 3", () => {
    expect(points(one({ "leader_commendation@province": 1 }), "8.2")).toBe("3");
    expect(points(one({ "leader_commendation@district": 1 }), "8.2")).toBe("1");
    const both = { "leader_commendation@province": 1, "leader_commendation@city": 1 };
    const u = one(both, {}, { bySubject: { 帮代办: both } });
    expect(points(u, "8.2")).toBe("3");
    expect(stepOf(u, "8.2", "gs-8.2-a").arithmetic).toBe(
      "「帮代办」省部级、市级、区级主要领导批示表彰分别得分3分、2分、1分（省级） 3 分，2 项取最高",
    );
  });
  it("different matters add up, 最高不超过5分: 「甲」省 3 + 「乙」区 1 = 4; 「甲」省 3 + 「乙」市 2 + 「丙」区 1 = 6 → 5", () => {
    const two = { 甲: { "leader_commendation@province": 1 }, 乙: { "leader_commendation@district": 1 } };
    expect(points(one({ "leader_commendation@province": 1, "leader_commendation@district": 1 }, {}, { bySubject: two }), "8.2")).toBe("4");
    const three = { ...two, 乙: { "leader_commendation@city": 1 }, 丙: { "leader_commendation@district": 1 } };
    const values = { "leader_commendation@province": 1, "leader_commendation@city": 1, "leader_commendation@district": 1 };
    const u = one(values, {}, { bySubject: three });
    expect(points(u, "8.2")).toBe("5");
    expect(stepOf(u, "8.2", "gs-8.2-a").arithmetic).toMatch(/；合计 6$/);
  });
  it("得到省市认可的,视情加1分: reviewer 1 → 1", () => {
    expect(points(one({}, { "gs-8.3-a": reason("1") }), "8.3")).toBe("1");
  });
  it("被国务院大督查和省市改革督察发现问题的,直接扣5分,区级督查发现问题的扣2分: 国务院 1 → −5; 省 1 → −5; 区 1 → −2", () => {
    expect(points(one({ "inspection_problem@national": 1 }), "8.4")).toBe("-5");
    expect(points(one({ "inspection_problem@province": 1 }), "8.4")).toBe("-5");
    expect(points(one({ "inspection_problem@city": 1 }), "8.4")).toBe("-5");
    expect(points(one({ "inspection_problem@district": 1 }), "8.4")).toBe("-2");
  });
  it("被各新闻媒体曝光批评的,直接扣3分 → −3", () => {
    expect(points(one({ news_media_exposure: 1 }), "8.4")).toBe("-3");
  });
  it("被各自媒体等曝光…扣2-5分: reviewer 4 → −4; 1 entered → clamped to 2 → −2", () => {
    expect(points(one({}, { "gs-8.4-c": reason("4") }), "8.4")).toBe("-4");
    expect(points(one({}, { "gs-8.4-c": reason("1") }), "8.4")).toBe("-2");
  });
  it("每出现1例被省、市通报批评的案例或事件扣2分: 省 1 + 市 1 → −4", () => {
    expect(points(one({ "criticism_notice@province": 1, "criticism_notice@city": 1 }), "8.4")).toBe("-4");
  });
  it("8.4 deducts at most 5: 区级督查 2 + 新闻媒体 3 + 通报 2 = 7 → −5", () => {
    expect(points(one({ "inspection_problem@district": 1, news_media_exposure: 1, "criticism_notice@city": 1 }), "8.4")).toBe("-5");
  });
  it("未按区审管办的工作要求落实的,视情扣0.5-3分: reviewer 2 → −2; 0.2 entered → clamped to 0.5 → −0.5", () => {
    expect(points(one({}, { "gs-8.5-a": reason("2") }), "8.5")).toBe("-2");
    expect(points(one({}, { "gs-8.5-a": reason("0.2") }), "8.5")).toBe("-0.5");
  });
  it("累计加减分最高为5分: 5 + 4 + 1 = 10 → +5; −5 − 3 = −8 → −5; 3 − 2 = +1", () => {
    const high = one(
      { reform_case_top: 2, "leader_commendation@city": 2 },
      { "gs-8.3-a": reason("1") },
      {
        bySubject: { 甲: { reform_case_top: 1, "leader_commendation@city": 1 }, 乙: { reform_case_top: 1, "leader_commendation@city": 1 } },
      },
    );
    expect(points(high, "8")).toBe("10");
    expect(points(high, "四")).toBe("5");
    expect(high.bonus).toBe("5");
    const low = one({ "inspection_problem@national": 1 }, { "gs-8.5-a": reason("3") });
    expect(points(low, "四")).toBe("-5");
    expect(low.bonus).toBe("-5");
    const mixed = one({ reform_case_top: 1, "inspection_problem@district": 1 });
    expect(points(mixed, "四")).toBe("1");
  });
  it("the bonus part adds to the base: no-facts base 86 + 5 = 91", () => {
    const u = one({ reform_case_top: 2 }, {}, { bySubject: { 甲: { reform_case_top: 1 }, 乙: { reform_case_top: 1 } } });
    expect(u.base).toBe("86");
    expect(u.bonus).toBe("5");
    expect(u.total).toBe("91");
  });
});
