import { describe, expect, it } from "vitest";
import { findingBody, indicatorOptions, manualPointsProblem, ruleChoices, subtreeCodes } from "./finding-terms.ts";
import { testFramework } from "./test-framework.ts";

describe("finding terms", () => {
  it("lets only indicators with rules take a finding", () => {
    const [service, publicity] = indicatorOptions(testFramework.indicators);
    expect(service?.selectable).toBe(false);
    expect(service?.children?.map((c) => [c.value, c.selectable])).toEqual([
      ["1.1", true],
      ["1.2", true],
    ]);
    expect(publicity?.selectable).toBe(true);
  });

  it("lists an indicator's subtree", () => {
    expect(subtreeCodes(testFramework.indicators, "1")).toEqual(["1", "1.1", "1.2"]);
    expect(subtreeCodes(testFramework.indicators, "9")).toEqual(["9"]);
  });

  it("prices by source level, requiring the level when there is no flat amount", () => {
    const [byLevel, manual] = ruleChoices(testFramework, "1.1");
    expect(byLevel).toMatchObject({ id: "r1", levels: ["district", "city"], isLevelRequired: true, isMeasurement: false });
    expect(byLevel?.facts).toEqual([{ key: "finding", label: "抽查通报", kind: "count" }]);
    expect(manual).toMatchObject({ id: "r2", manual: { min: "0.5", max: "3" }, facts: [] });
  });

  it("marks rate rules as measurements and lists every fact of a rule that reads several", () => {
    const [rate, either] = ruleChoices(testFramework, "1.2");
    expect(rate?.isMeasurement).toBe(true);
    expect(either?.facts.map((f) => [f.key, f.kind])).toEqual([
      ["late", "count"],
      ["supervision", "flag"],
    ]);
  });

  it("offers the inner rules of 取最高分, never the group itself", () => {
    const choices = ruleChoices(testFramework, "2");
    expect(choices.map((c) => [c.id, c.groupText])).toEqual([
      ["m1a", "同一宣传内容取最高分"],
      ["m1b", "同一宣传内容取最高分"],
    ]);
    expect(ruleChoices(testFramework, "9")).toEqual([]);
  });

  it("sends only what the chosen rule reads", () => {
    const [, either] = ruleChoices(testFramework, "1.2");
    const values = {
      unitId: "u",
      indicatorCode: "1.2",
      ruleId: "r4",
      fact: "supervision",
      sourceLevel: "city" as const,
      count: 4,
      points: "2",
      noticeNo: " ",
      description: " 未启动 ",
    };
    expect(findingBody(values, either)).toEqual({
      unitId: "u",
      indicatorCode: "1.2",
      ruleId: "r4",
      fact: "supervision",
      sourceLevel: null,
      count: 1,
      points: null,
      noticeNo: null,
      foundOn: null,
      description: "未启动",
    });
    const [byLevel, manual] = ruleChoices(testFramework, "1.1");
    expect(findingBody({ ...values, indicatorCode: "1.1", ruleId: "r1" }, byLevel)).toMatchObject({
      sourceLevel: "city",
      count: 4,
      points: null,
    });
    expect(findingBody({ ...values, indicatorCode: "1.1", ruleId: "r2" }, manual)).toMatchObject({
      points: "2",
      count: 1,
      sourceLevel: null,
    });
  });

  it("checks a manual score against the rule's range", () => {
    const range = { min: "0.5", max: "3" };
    expect(manualPointsProblem("1.5", range)).toBeNull();
    expect(manualPointsProblem("3.5", range)).toBe("range");
    expect(manualPointsProblem("0.12345", range)).toBe("format");
    expect(manualPointsProblem("", range)).toBeNull();
  });
});

describe("finding terms of the per-content and per-finding rules", () => {
  const framework = {
    ...testFramework,
    indicators: [
      {
        code: "8.1",
        name: "宣传",
        points: "5",
        rules: [
          {
            id: "g",
            kind: "group_max" as const,
            text: "同一宣传内容取最高分",
            rules: [
              { id: "g1", kind: "per_count" as const, text: "中央级媒体加2分", effect: "bonus" as const, fact: "finding", amount: "2" },
            ],
          },
        ],
      },
      {
        code: "2.3.2",
        name: "投诉",
        points: "3",
        rules: [{ id: "e", kind: "manual_each" as const, text: "每发现一起扣1-3分", effect: "deduct" as const, min: "1", max: "3" }],
      },
    ],
  };

  it("asks the content of a finding inside 同一内容取最高分 and sends it; other rules send none", () => {
    const [inner] = ruleChoices(framework, "8.1");
    expect(inner).toMatchObject({ id: "g1", groupText: "同一宣传内容取最高分", needsSubject: true });
    const values = { unitId: "u", indicatorCode: "8.1", ruleId: "g1", count: 1, subject: " 一件事 ", description: "报道" };
    expect(findingBody(values, inner).subject).toBe("一件事");
    const [each] = ruleChoices(framework, "2.3.2");
    expect(findingBody({ ...values, indicatorCode: "2.3.2", ruleId: "e", points: "2" }, each).subject).toBeUndefined();
  });

  it("takes one score per finding within 每发现一起扣1-3分's range", () => {
    const [each] = ruleChoices(framework, "2.3.2");
    expect(each?.manual).toEqual({ min: "1", max: "3", each: true });
    expect(manualPointsProblem("4", each!.manual!)).toBe("range");
  });
});
