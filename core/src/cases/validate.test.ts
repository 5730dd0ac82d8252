import { describe, expect, it } from "vitest";
import { DEFAULT_SOURCE_MAPPING, mapRow, missingColumns } from "../ingest/mapping.ts";
import { maskApplicant, maskIdNo, maskName, parseCaseInstant, validateCaseEventRow, validateCaseRow } from "./validate.ts";

const mapping = DEFAULT_SOURCE_MAPPING;
const now = new Date("2025-12-01T00:00:00Z");
const good: Record<string, string> = {
  办件编号: "BJ-001",
  事项编码: "11310105MB2F00000X400011700100001",
  受理部门编码: "CN-ZW",
  区划编码: "310105",
  办理渠道: "网上",
  办件类型: "承诺件",
  受理时间: "2025-03-03 09:30:00",
  办结时间: "2025/3/5 16:00",
  办理结果: "准予",
  法定时限: "20",
  法定时限单位: "工作日",
  承诺时限: "5",
  承诺时限单位: "工作日",
  跑动次数: "0",
  是否减证: "是",
  收费金额: "0.00",
  申请人姓名: "张三",
  申请人证件号码: "330102199001011234",
};
const validate = (fields: Record<string, string>) => validateCaseRow(mapRow(fields, mapping, "cases"), { mapping, now });
const reasons = (fields: Record<string, string>) => {
  const result = validate(fields);
  return result.ok ? [] : result.problems.map((p) => `${p.reason}@${p.column}`);
};

describe("parseCaseInstant", () => {
  it("reads the platforms' forms as China Standard Time", () => {
    expect(parseCaseInstant("2025-03-03 09:30:00")?.toISOString()).toBe("2025-03-03T01:30:00.000Z");
    expect(parseCaseInstant("2025/3/3 9:30")?.toISOString()).toBe("2025-03-03T01:30:00.000Z");
    expect(parseCaseInstant("20250303093000")?.toISOString()).toBe("2025-03-03T01:30:00.000Z");
    expect(parseCaseInstant("2025-03-03T09:30:00Z")?.toISOString()).toBe("2025-03-03T09:30:00.000Z");
    expect(parseCaseInstant("2025-03-03")?.toISOString()).toBe("2025-03-02T16:00:00.000Z");
  });
  it("refuses what is not a real date", () => {
    for (const text of ["2025-02-30", "2025-13-01", "昨天", "2025-03-03 25:00", "3/3/2025"]) expect(parseCaseInstant(text)).toBeNull();
  });

  it("reads the usual form digit by digit exactly as the general pattern reads the same instant written with slashes", () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const two = (v: number) => String(v).padStart(2, "0");
    for (let i = 0; i < 5_000; i++) {
      const [year, month, day] = [[1999, 2000, 2024, 2025, 2100][next(5)]!, next(14), next(33)];
      const [hour, minute, second] = [next(26), next(62), next(62)];
      const time = `${two(hour)}:${two(minute)}:${two(second)}`;
      const date = `${year}-${two(month)}-${two(day)}`;
      const slashed = `${year}/${two(month)}/${two(day)}`;
      for (const [usual, general] of [
        [`${date} ${time}`, `${slashed} ${time}`],
        [`${date}T${time}`, `${slashed}T${time}`],
        [date, slashed],
      ])
        expect(parseCaseInstant(usual!)?.getTime(), usual).toBe(parseCaseInstant(general!)?.getTime());
    }
    expect(parseCaseInstant("2024-02-29 23:59:59")?.toISOString()).toBe("2024-02-29T15:59:59.000Z");
    expect(parseCaseInstant("2100-02-29")).toBeNull();
    expect(parseCaseInstant("2025-0a-01 09:30:00")).toBeNull();
  });
});

describe("validateCaseRow", () => {
  it("maps the default source's labels to codes and masks nothing yet", () => {
    const result = validate(good);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      caseNo: "BJ-001",
      channel: "online",
      caseType: "promised",
      result: "approved",
      legalLimit: 20,
      legalLimitUnit: "working_day",
      promisedLimit: 5,
      visits: 0,
      materialsReused: true,
      fee: "0.00",
    });
    expect(result.record.completedAt?.toISOString()).toBe("2025-03-05T08:00:00.000Z");
  });
  it("names every problem of a row with its header", () => {
    expect(reasons({ ...good, 办件编号: "", 受理时间: "2025-02-30" })).toEqual(["missing_field@办件编号", "bad_date@受理时间"]);
    expect(reasons({ ...good, 办结时间: "2025-03-01 08:00" })).toEqual(["completed_before_accepted@办结时间"]);
    expect(reasons({ ...good, 受理时间: "2026-01-01 00:00", 办结时间: "" })).toEqual(["future_date@受理时间"]);
    expect(reasons({ ...good, 承诺时限: "-1" })).toEqual(["negative_limit@承诺时限"]);
    expect(reasons({ ...good, 法定时限: "10000" })).toEqual(["limit_too_long@法定时限"]);
    expect(reasons({ ...good, 办理渠道: "邮寄" })).toEqual(["bad_enum@办理渠道"]);
    expect(reasons({ ...good, 跑动次数: "两次" })).toEqual(["bad_number@跑动次数"]);
    expect(reasons({ ...good, 收费金额: "1.234" })).toEqual(["bad_number@收费金额"]);
  });
  it("accepts a limit of 0 and of exactly 3650 days, and codes as well as labels", () => {
    expect(reasons({ ...good, 承诺时限: "0", 法定时限: "3650", 办理渠道: "window" })).toEqual([]);
  });
  it("accepts half working days (半个工作日) and refuses other fractions and half natural days", () => {
    const result = validate({ ...good, 承诺时限: "0.5", 法定时限: "2.50" });
    expect(result.ok && [result.record.promisedLimit, result.record.legalLimit]).toEqual([0.5, 2.5]);
    expect(reasons({ ...good, 承诺时限: "0.3" })).toEqual(["bad_number@承诺时限"]);
    expect(reasons({ ...good, 承诺时限: "1.5", 承诺时限单位: "自然日" })).toEqual(["bad_number@承诺时限"]);
    // A promised limit without its unit takes the legal one's.
    expect(reasons({ ...good, 承诺时限: "0.5", 法定时限单位: "自然日", 承诺时限单位: "" })).toEqual(["bad_number@承诺时限"]);
  });
  it("says what a bad enum should have been", () => {
    const result = validate({ ...good, 办件类型: "急件" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toBe("办件类型：“急件”不在代码表中（应为 即办件、承诺件、上报件）");
  });
});

describe("validateCaseEventRow", () => {
  const event = { 办件编号: "BJ-001", 环节: "补正", 开始时间: "2025-03-03 10:00", 结束时间: "2025-03-04 10:00", 经办人: "李四" };
  const check = (fields: Record<string, string>) => validateCaseEventRow(mapRow(fields, mapping, "case_events"), { mapping, now });
  it("reads an event with its pause", () => {
    const result = check(event);
    expect(result.ok && result.record.kind).toBe("correction");
  });
  it("refuses an unknown step and an end before its start", () => {
    const result = check({ ...event, 环节: "喝茶", 结束时间: "2025-03-02 10:00" });
    expect(result.ok ? [] : result.problems.map((p) => p.reason)).toEqual(["bad_enum", "completed_before_accepted"]);
  });
});

describe("mapping", () => {
  it("names the required headers a file lacks", () => {
    expect(missingColumns(["办件编号", "事项编码", "区划编码"], mapping, "cases")).toEqual([
      "受理部门编码",
      "办理渠道",
      "办件类型",
      "受理时间",
    ]);
    expect(missingColumns(["办件编号", "环节", "开始时间"], mapping, "case_events")).toEqual([]);
  });
  it("reads a source's own headers and values", () => {
    const own = {
      columns: { ...mapping.columns, channel: "渠道" },
      values: { ...mapping.values, channel: { "1": "window", "2": "online" } },
    };
    expect(mapRow({ 渠道: "2" }, own, "cases").channel).toBe("online");
  });
});

describe("masking", () => {
  it("keeps at most a surname and the ends of a number", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧***");
    expect(maskIdNo("330102199001011234")).toBe("3301**********1234");
    expect(maskIdNo("A123")).toBe("A**3");
    expect(maskApplicant("张三", "330102199001011234")).toBe("张* 3301**********1234");
    expect(maskApplicant(null, null)).toBeNull();
  });
});
