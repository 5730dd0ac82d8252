import { describe, expect, it } from "vitest";
import { makeWorkCalendar } from "../calendar/working-days.ts";
import { type ClockEvent, caseClock } from "../cases/clock.ts";
import { evaluateCase, type SigningKey, type SupervisedCase, type SupervisedEvent, type SupervisedItem } from "./evaluate.ts";
import { maxFeeOf, stepLimitsOf, supervisedItemOf } from "./items.ts";
import { DEFAULT_WARNING_RULES, type WarningRule, warningRuleSetSchema } from "./rules.ts";
import { cst, QINGMING_2024 } from "./test-calendar.ts";

const calendar = QINGMING_2024;
/** 承诺件, 3 working days, accepted Monday 1 April: counted 2, 3 and (make-up) 7 April → due 7 April. */
const base: SupervisedCase = {
  caseType: "promised",
  acceptedAt: cst("2024-04-01T10:00:00"),
  promisedLimit: 3,
  promisedLimitUnit: "working_day",
};

function warnings(
  c: SupervisedCase,
  asOf: string,
  events: ClockEvent[] = [],
  rules: WarningRule[] = DEFAULT_WARNING_RULES,
  cal = calendar,
) {
  const at = cst(asOf);
  const clock = caseClock(c, events, cal, { asOf: at, explain: false });
  return evaluateCase({ case: c, events, clock, calendar: cal, asOf: at, rules });
}
const kinds = (list: { kind: string }[]) => list.map((w) => w.kind);
const rule = (id: string) => DEFAULT_WARNING_RULES.find((r) => r.id === id)!;

describe("即将超期 and 超期 on the working-day clock", () => {
  it("raises 即将超期 with one working day left across the holiday, not with two", () => {
    const soon = warnings(base, "2024-04-03T12:00:00");
    expect(kinds(soon)).toEqual(["due_soon"]);
    expect(soon[0]!.facts).toMatchObject({ daysLeft: 1, percentLeft: 33, limit: 3 });
    expect(soon[0]!.explanation).toContain("应于 2024-04-07 办结");
    expect(warnings(base, "2024-04-02T12:00:00")).toEqual([]);
  });

  it("raises 超期 on an open case past its due day, counting the working days late", () => {
    const late = warnings(base, "2024-04-09T09:00:00");
    expect(kinds(late)).toEqual(["overdue"]);
    expect(late[0]!.severity).toBe("red");
    expect(late[0]!.facts).toMatchObject({ daysLate: 2, completed: false });
    expect(late[0]!.at.toISOString()).toBe(cst("2024-04-07T23:59:59.999").toISOString());
  });

  it("raises 超期 on a case completed late only when the rule includes 超期办结", () => {
    const done = { ...base, completedAt: cst("2024-04-08T15:00:00") };
    expect(warnings(done, "2024-04-10T09:00:00")[0]!.facts).toMatchObject({ daysLate: 1, completed: true });
    const openOnly = DEFAULT_WARNING_RULES.map((r) => (r.kind === "overdue" ? { ...r, params: { includeCompletedLate: false } } : r));
    expect(warnings(done, "2024-04-10T09:00:00", [], openOnly)).toEqual([]);
  });

  it("a 补正 pause moves the due day: no 超期 while it lasts", () => {
    const paused: ClockEvent[] = [{ kind: "correction", at: cst("2024-04-02T10:00:00"), endAt: cst("2024-04-09T10:00:00") }];
    expect(warnings(base, "2024-04-09T12:00:00", paused)).toEqual([]);
  });

  it("raises nothing time-based when the calendar lacks the year (时限无法计算)", () => {
    const without2024 = makeWorkCalendar([], [2023]);
    const c = { ...base, appliedAt: cst("2024-03-01T09:00:00") };
    expect(warnings(c, "2024-05-01T09:00:00", [], DEFAULT_WARNING_RULES, without2024)).toEqual([]);
  });
});

describe("超时受理, 多次补正 and 体外循环", () => {
  it("raises 超时受理 after more than 5 working days between application and acceptance", () => {
    const c = {
      ...base,
      appliedAt: cst("2024-03-25T09:00:00"),
      acceptedAt: cst("2024-04-03T09:00:00"),
      completedAt: cst("2024-04-03T15:00:00"),
    };
    const raised = warnings(c, "2024-04-03T16:00:00");
    expect(kinds(raised)).toEqual(["late_acceptance"]);
    expect(raised[0]!.facts).toMatchObject({ workingDays: 7 });
    expect(warnings({ ...c, appliedAt: cst("2024-03-26T09:00:00") }, "2024-04-03T16:00:00").map((w) => w.facts)).toEqual([
      expect.objectContaining({ workingDays: 6 }),
    ]);
    expect(warnings({ ...c, appliedAt: cst("2024-03-27T09:00:00") }, "2024-04-03T16:00:00")).toEqual([]);
  });

  it("raises 多次补正 at the second 补正, not at the first", () => {
    const done = { ...base, promisedLimit: 20, completedAt: cst("2024-04-20T10:00:00") };
    const first: ClockEvent = { kind: "correction", at: cst("2024-04-02T10:00:00"), endAt: cst("2024-04-03T10:00:00") };
    const second: ClockEvent = { kind: "correction", at: cst("2024-04-08T10:00:00"), endAt: cst("2024-04-09T10:00:00") };
    expect(warnings(done, "2024-04-21T10:00:00", [first])).toEqual([]);
    const raised = warnings(done, "2024-04-21T10:00:00", [second, first]);
    expect(kinds(raised)).toEqual(["repeated_correction"]);
    expect(raised[0]!.at).toEqual(second.at);
    expect(raised[0]!.explanation).toContain("补正 2 次");
  });

  it("raises 体外循环 on a 承诺件 completed 3 minutes after acceptance, never on a 即办件", () => {
    const quick = { ...base, completedAt: cst("2024-04-01T10:03:00") };
    const raised = warnings(quick, "2024-04-02T10:00:00");
    expect(kinds(raised)).toEqual(["process_anomaly"]);
    expect(raised[0]!.facts).toMatchObject({ minutes: 3 });
    expect(warnings({ ...quick, caseType: "instant" }, "2024-04-02T10:00:00")).toEqual([]);
    expect(warnings({ ...quick, completedAt: cst("2024-04-01T10:10:00") }, "2024-04-02T10:00:00")).toEqual([]);
  });

  it("raises 体外循环 when a decision precedes the acceptance", () => {
    const events: ClockEvent[] = [{ kind: "decide", at: cst("2024-04-01T09:00:00") }];
    const raised = warnings({ ...base, caseType: "instant" }, "2024-04-01T12:00:00", events);
    expect(raised.map((w) => w.explanation)).toEqual([expect.stringContaining("流程倒置")]);
  });

  it("a disabled rule raises nothing", () => {
    const off = DEFAULT_WARNING_RULES.map((r) => ({ ...r, enabled: false }));
    expect(warnings(base, "2024-04-09T09:00:00", [], off)).toEqual([]);
  });
});

describe("the rule set as data", () => {
  it("accepts the default set", () => {
    expect(warningRuleSetSchema.parse({ rules: DEFAULT_WARNING_RULES }).rules).toHaveLength(DEFAULT_WARNING_RULES.length);
  });

  it("refuses invalid parameters, naming the rule and the field", () => {
    const bad = { rules: [{ ...rule("W01"), params: { workingDaysLeft: -1, percentLeft: 20 } }] };
    const issues = warningRuleSetSchema.safeParse(bad).error!.issues;
    expect(issues).toEqual([
      expect.objectContaining({ path: ["rules", 0, "params", "workingDaysLeft"], message: "剩余工作日数不能小于 0" }),
    ]);
    const unknown = warningRuleSetSchema.safeParse({ rules: [{ ...rule("W02"), params: { includeCompletedLate: true, extra: 1 } }] });
    expect(unknown.error!.issues[0]!.path).toEqual(["rules", 0, "params"]);
  });

  it("refuses a duplicate rule id and an unknown kind", () => {
    const twice = warningRuleSetSchema.safeParse({ rules: [rule("W01"), { ...rule("W02"), id: "W01" }] });
    expect(twice.error!.issues).toEqual([expect.objectContaining({ path: ["rules", 1, "id"], message: "规则编号「W01」重复" })]);
    const strange = warningRuleSetSchema.safeParse({ rules: [{ ...rule("W01"), kind: "weather" }] });
    expect(strange.error!.issues[0]!.message).toContain("规则类型应为");
  });
});

describe("收费异常 and 公示异常, from the guide registry", () => {
  const done = { ...base, completedAt: cst("2024-04-03T15:00:00") };
  const only = (id: string) => DEFAULT_WARNING_RULES.filter((r) => r.id === id);
  const judge = (c: SupervisedCase, item: SupervisedItem | null, rules = DEFAULT_WARNING_RULES) => {
    const at = cst("2024-04-10T12:00:00");
    const clock = caseClock(c, [], calendar, { asOf: at, explain: false });
    return evaluateCase({ case: c, events: [], clock, calendar, asOf: at, rules, item });
  };

  it("raises 收费异常 on a fee for a free item, or above the guide's highest standard, and not on a case of no registry item", () => {
    const free = supervisedItemOf({ charged: false, fees: [] }, []);
    expect(judge({ ...done, fee: "50.00" }, free, only("W06"))[0]!.explanation).toBe("办事指南公布该事项不收费，办件收费 50.00 元");
    const priced = supervisedItemOf({ charged: true, fees: [{ standard: "按面积 2.5 元/平方米，最高 300 元" }] }, []);
    expect(judge({ ...done, fee: "300.00" }, priced, only("W06"))).toEqual([]);
    expect(judge({ ...done, fee: "320.00" }, priced, only("W06"))[0]!.facts).toMatchObject({ fee: 320, maxFee: 300 });
    expect(judge({ ...done, fee: "320.00" }, null, only("W06"))).toEqual([]);
    expect(judge({ ...done, fee: "0" }, free, only("W06"))).toEqual([]);
  });

  it("reads the highest amount a 收费标准 names, and nothing from words", () => {
    expect(maxFeeOf([{ standard: "每件50元" }, { standard: "工本费 10 元" }])).toBe(50);
    expect(maxFeeOf([{ standard: "按国家规定收取" }])).toBeNull();
  });

  it("raises 公示异常 when the item's guide had an open error while the case was handled, not before or after", () => {
    const during = supervisedItemOf(null, [{ from: cst("2024-04-02T09:00:00"), to: null }]);
    expect(judge(done, during, only("W07"))[0]!.facts).toEqual({ openErrors: 1 });
    const fixedBefore = supervisedItemOf(null, [{ from: cst("2024-03-01T09:00:00"), to: cst("2024-03-20T09:00:00") }]);
    expect(judge(done, fixedBefore, only("W07"))).toEqual([]);
    const foundAfter = supervisedItemOf(null, [{ from: cst("2024-04-05T09:00:00"), to: null }]);
    expect(judge(done, foundAfter, only("W07"))).toEqual([]);
  });
});

describe("签章异常, from the unit's key registry", () => {
  const keys: SigningKey[] = [
    { keyId: "K-OLD", approver: "张*", validFrom: cst("2023-01-01T00:00:00"), validTo: cst("2024-03-31T23:59:59.999"), revokedAt: null },
    { keyId: "K-NEW", approver: "李*", validFrom: cst("2024-04-01T00:00:00"), validTo: null, revokedAt: cst("2024-04-20T09:00:00") },
  ];
  const decide = (keyId: string, at: string): SupervisedEvent[] => [{ kind: "decide", at: cst(at), signKeyId: keyId }];
  const judge = (
    events: SupervisedEvent[],
    rules: WarningRule[] = DEFAULT_WARNING_RULES.filter((r) => r.id === "W08"),
    registry: SigningKey[] | null = keys,
  ) => {
    const at = cst("2024-05-01T12:00:00");
    const c = { ...base, completedAt: cst("2024-04-03T15:00:00") };
    const clock = caseClock(c, events, calendar, { asOf: at, explain: false });
    return evaluateCase({ case: c, events, clock, calendar, asOf: at, rules, signingKeys: registry ?? undefined });
  };

  it("raises on a decision signed with a key past its validity (the approver changed), not within it", () => {
    const raised = judge(decide("K-OLD", "2024-04-02T10:00:00"));
    expect(raised[0]!.explanation).toBe(
      "2024-04-02 决定环节使用 张* 的签章密钥 K-OLD，该密钥有效期为 2023-01-01 至 2024-03-31：审批人员调换后未更换密钥仍进行审批",
    );
    expect(judge(decide("K-OLD", "2024-03-29T10:00:00"))).toEqual([]);
    expect(judge(decide("K-NEW", "2024-04-02T10:00:00"))).toEqual([]);
  });

  it("raises on a key used after it was revoked", () => {
    expect(judge(decide("K-NEW", "2024-04-22T10:00:00"))[0]!.explanation).toContain("已于 2024-04-20 注销");
  });

  it("ignores a key the unit never registered unless the rule asks, and a unit without a registry", () => {
    expect(judge(decide("K-X", "2024-04-02T10:00:00"))).toEqual([]);
    const strict = DEFAULT_WARNING_RULES.filter((r) => r.id === "W08").map(
      (r) => ({ ...r, params: { flagUnregistered: true } }) as WarningRule,
    );
    expect(judge(decide("K-X", "2024-04-02T10:00:00"), strict)[0]!.facts).toEqual({ keyId: "K-X", registered: false });
    expect(judge(decide("K-OLD", "2024-04-02T10:00:00"), undefined, null)).toEqual([]);
  });

  it("explains a key registered twice by the registration the decision fell after, not the first listed", () => {
    const twice: SigningKey[] = [
      { keyId: "K-T", approver: "赵*", validFrom: cst("2024-04-25T00:00:00"), validTo: null, revokedAt: null },
      { keyId: "K-T", approver: "钱*", validFrom: cst("2024-01-01T00:00:00"), validTo: cst("2024-03-31T23:59:59.999"), revokedAt: null },
    ];
    const [raised] = judge(decide("K-T", "2024-04-10T10:00:00"), undefined, twice);
    expect(raised!.explanation).toContain("钱* 的签章密钥 K-T，该密钥有效期为 2024-01-01 至 2024-03-31");
    expect(judge(decide("K-T", "2024-04-26T10:00:00"), undefined, twice)).toEqual([]);
  });
});

describe("环节超时", () => {
  const only = DEFAULT_WARNING_RULES.filter((r) => r.id === "W09");
  const judgeSteps = (c: SupervisedCase, events: SupervisedEvent[], asOf: string) => {
    const at = cst(asOf);
    const clock = caseClock(c, events, calendar, { asOf: at, explain: false });
    return evaluateCase({ case: c, events, clock, calendar, asOf: at, rules: only });
  };
  const long = { ...base, promisedLimit: 20 };
  const done = { ...long, completedAt: cst("2024-04-09T12:00:00") };

  it("raises on a step that took more working days than its limit before the next, while the case is not late", () => {
    // 审查 from Monday 1 April to Tuesday 9 April: 2, 3, 7 (补班), 8, 9 → 5 working days > 3.
    const events: SupervisedEvent[] = [
      { kind: "accept", at: cst("2024-04-01T10:00:00") },
      { kind: "review", at: cst("2024-04-01T11:00:00") },
      { kind: "decide", at: cst("2024-04-09T10:00:00") },
    ];
    const raised = judgeSteps(done, events, "2024-04-10T10:00:00");
    expect(raised[0]!.explanation).toBe(
      "环节「审查」自 2024-04-01 起用时 5 个工作日，环节时限 3 个工作日，超出 2 个工作日（办件尚未超期）",
    );
    // Within 3 working days: nothing.
    expect(judgeSteps(done, [events[0]!, events[1]!, { kind: "decide", at: cst("2024-04-03T10:00:00") }], "2024-04-10T10:00:00")).toEqual(
      [],
    );
  });

  it("takes a step's limit from the item's guide (办理流程) where it states one in working days", () => {
    const events: SupervisedEvent[] = [
      { kind: "accept", at: cst("2024-04-01T10:00:00") },
      { kind: "review", at: cst("2024-04-01T11:00:00") },
      { kind: "decide", at: cst("2024-04-09T10:00:00") },
    ];
    const judgeWith = (item: SupervisedItem) => {
      const at = cst("2024-04-10T10:00:00");
      const clock = caseClock(done, events, calendar, { asOf: at, explain: false });
      return evaluateCase({ case: done, events, clock, calendar, asOf: at, rules: only, item });
    };
    // The guide gives 审查 5 working days: the 5 it took are within it (the rule alone would say 3).
    const generous = supervisedItemOf({ steps: [{ name: "审查", limit: { days: 5, unit: "working_day" } }] }, []);
    expect(judgeWith(generous)).toEqual([]);
    // 2 working days for 审核 (the same step by another name): over it, and the explanation says whose limit.
    const strict = supervisedItemOf({ steps: [{ name: "审核", limit: { days: 2, unit: "working_day" } }] }, []);
    const [raised] = judgeWith(strict);
    expect(raised!.explanation).toBe(
      "环节「审查」自 2024-04-01 起用时 5 个工作日，办事指南规定的环节时限 2 个工作日，超出 3 个工作日（办件尚未超期）",
    );
    expect(raised!.facts).toMatchObject({ maxStepDays: 2, limitFrom: "guide" });
  });

  it("reads a guide's step limits by name, in working days only", () => {
    expect(
      stepLimitsOf([
        { name: "窗口受理", limit: { days: 1, unit: "working_day" } },
        { name: "材料审查", limit: { days: 3, unit: "calendar_day" } },
        { name: "审核", limit: { days: 4, unit: "working_day" } },
        { name: "作出决定", limit: { days: null, unit: null } },
        { name: "办结送达", limit: { days: 0.5, unit: "working_day" } },
        { name: "现场勘查", limit: { days: 5, unit: "working_day" } },
      ]),
    ).toEqual({ accept: 1, review: 4, complete: 0.5 });
    expect(stepLimitsOf([])).toEqual({});
  });

  it("counts an open case's last step up to now, and leaves late cases and the applicant's 补正 to their own rules", () => {
    const open: SupervisedEvent[] = [{ kind: "review", at: cst("2024-04-01T11:00:00") }];
    // 2, 3, 7 (补班), 8, 9, 10 April: 6 working days so far.
    expect(judgeSteps(long, open, "2024-04-10T10:00:00")[0]!.facts).toMatchObject({ step: "review", days: 6 });
    expect(judgeSteps(base, open, "2024-04-10T10:00:00")).toEqual([]); // 3-day limit: already 超期
    const correcting: SupervisedEvent[] = [{ kind: "correction", at: cst("2024-04-01T11:00:00"), endAt: cst("2024-04-12T11:00:00") }];
    expect(judgeSteps(long, correcting, "2024-04-10T10:00:00")).toEqual([]);
  });
});
