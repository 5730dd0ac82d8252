import { describe, expect, it } from "vitest";
import { DEFAULT_SOURCE_MAPPING, mapRow, missingColumns } from "../ingest/mapping.ts";
import { ratingFactLink } from "./facts.ts";
import { maskPhone, splitTags, validateRatingRow } from "./validate.ts";

const mapping = DEFAULT_SOURCE_MAPPING;
const now = new Date("2025-06-01T00:00:00Z");
const good = {
  评价编号: "PJ-1",
  办件编号: "BJ-1",
  区划编码: "330105",
  评价部门编码: "GS-SCJG",
  事项编码: "X1",
  评价渠道: "窗口",
  评价等级: "不满意",
  评价标签: "等待时间长、态度差",
  评价内容: "排队两小时",
  评价时间: "2025-03-01 09:30",
  评价人: "王小明",
  评价人电话: "13812345678",
};
const validate = (fields: Record<string, string>) => validateRatingRow(mapRow(fields, mapping, "ratings"), { mapping, now });

describe("a ratings file row", () => {
  it("reads the default source's Chinese headers and labels", () => {
    const result = validate(good);
    expect(result.ok && result.record).toMatchObject({
      ratingNo: "PJ-1",
      caseNo: "BJ-1",
      channel: "window",
      level: 2,
      kind: "first",
      tags: ["等待时间长", "态度差"],
      isDefault: false,
      ratedAt: new Date("2025-03-01T01:30:00Z"),
    });
    expect(validate({ ...good, 评价等级: "5", 是否默认评价: "是" })).toMatchObject({ ok: true, record: { level: 5, isDefault: true } });
  });

  it("refuses a row with every problem named by its header", () => {
    const result = validate({ ...good, 评价等级: "很好", 评价时间: "2025-02-30", 评价渠道: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.reason, p.column])).toEqual([
      ["bad_enum", "评价等级"],
      ["missing_field", "评价渠道"],
      ["bad_date", "评价时间"],
    ]);
  });

  it("wants a 追评 to name its case, and a future time is refused", () => {
    const followUp = validate({ ...good, 评价类型: "追评", 办件编号: "" });
    expect(!followUp.ok && followUp.problems[0]?.message).toBe("办件编号：追评须给出所评办件的编号");
    expect(validate({ ...good, 评价时间: "2025-07-01 00:00" })).toMatchObject({ ok: false, problems: [{ reason: "future_date" }] });
  });

  it("a file without the level column is refused as a whole", () => {
    expect(missingColumns(["评价编号", "区划编码", "评价部门编码", "评价渠道", "评价时间"], mapping, "ratings")).toEqual(["评价等级"]);
  });

  it("masks the rater's phone, splits tags once each", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(splitTags("快,快；好|")).toEqual(["快", "好"]);
  });
});

describe("fact links", () => {
  it("opens the reviews a fact counts, for the unit and period", () => {
    expect(ratingFactLink("ratings.bad_again", { unitId: "u1", from: "2025-01-01", to: "2025-12-31" })).toBe(
      "/ratings/reviews?unitId=u1&from=2025-01-01&to=2025-12-31&judged=bad_again",
    );
  });
});
