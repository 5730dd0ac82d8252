import { PUBLIC_RATING_TAGS, publicRatingCaseSchema, readRatingLink } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../../api/client.ts";
import { channelOf, findBody, hoverTooltips, isRatingCode, keepTagsFor, publicErrorText, ratingBody } from "./rate-form.ts";

describe("the public rating form", () => {
  it("prefills case number and code from the printed link", () => {
    expect(readRatingLink("?region=330105&case=GS-1&code=7kq2-lo9i")).toEqual({ regionCode: "330105", caseNo: "GS-1", code: "7KQ21091" });
  });

  it("keeps only the tags the new level offers when the level changes", () => {
    const chosen = ["办事效率高", "等待时间长"];
    expect(keepTagsFor(5, chosen)).toEqual(["办事效率高"]);
    expect(keepTagsFor(1, chosen)).toEqual(["等待时间长"]);
    expect(keepTagsFor(3, chosen)).toEqual(chosen);
    expect(keepTagsFor(undefined, chosen)).toEqual([]);
  });

  it("tells a phone from a computer for the channel", () => {
    expect(channelOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0")).toBe("mobile");
    expect(channelOf("Mozilla/5.0 (Linux; Android 14; HUAWEI) Chrome/120 Mobile Safari/537.36")).toBe("mobile");
    expect(channelOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120 Safari/537.36")).toBe("online");
  });

  it("sends the case as found, trimmed content, and tags that fit the level", () => {
    const body = ratingBody(
      { regionCode: "330105", caseNo: "GS-1" },
      "7KQ21091",
      { level: 2, tags: [PUBLIC_RATING_TAGS.good[0], PUBLIC_RATING_TAGS.bad[0]], content: "  排队太久  " },
      "first",
      "mobile",
    );
    expect(body).toEqual({
      regionCode: "330105",
      caseNo: "GS-1",
      code: "7KQ21091",
      kind: "first",
      level: 2,
      tags: [PUBLIC_RATING_TAGS.bad[0]],
      content: "排队太久",
      channel: "mobile",
    });
    expect(
      ratingBody({ regionCode: "330105", caseNo: "GS-1" }, "7KQ21091", { level: 4, content: " " }, "follow_up", "online"),
    ).not.toHaveProperty("content");
  });

  it("checks the code by the server's own rule: read leniently, then 8 of Crockford's base32", () => {
    for (const typed of ["7KQ21091", "7kq2-lo9i", " 7KQ2 1091 ", "abcd-efgh"]) {
      expect(isRatingCode(typed), typed).toBe(true);
      expect(publicRatingCaseSchema.safeParse({ caseNo: "GS-1", code: typed }).success).toBe(true);
    }
    for (const typed of ["汉字!!", "7KQ2109", "7KQ210911", "ABCDEFGU", "", `${" ".repeat(30)}7KQ21091`]) {
      expect(isRatingCode(typed), typed).toBe(false);
      expect(publicRatingCaseSchema.safeParse({ caseNo: "GS-1", code: typed }).success).toBe(false);
    }
  });

  it("sends the number trimmed, its case kept, the code normalized, and the link's region only for the link's case", () => {
    const link = { regionCode: "330105", caseNo: "CN-1" };
    expect(findBody({ caseNo: "  cn-1 ", code: "7kq2-lo9i" }, link)).toEqual({ caseNo: "cn-1", code: "7KQ21091" });
    expect(findBody({ caseNo: " CN-1 ", code: "7KQ21091" }, link)).toEqual({ caseNo: "CN-1", code: "7KQ21091", regionCode: "330105" });
    expect(findBody({ caseNo: "CN-1", code: "7KQ21091" }, { regionCode: "", caseNo: "" })).toEqual({ caseNo: "CN-1", code: "7KQ21091" });
  });

  it("shows a refusal in plain words: the field's message, never the request part and path", () => {
    const codeMessage = "验证码应为 8 位字母或数字（见办结通知或办件结果上的评价码）";
    const refused = new ApiRequestError(400, {
      code: "VALIDATION",
      message: `请求参数无效：请求体 code：${codeMessage}`,
      details: [{ path: ["body", "code"], message: codeMessage }],
    });
    expect(publicErrorText(refused)).toBe(codeMessage);
    expect(publicErrorText(refused)).not.toContain("请求体");
    expect(publicErrorText(new ApiRequestError(404, { code: "NOT_FOUND", message: "办件编号或验证码不正确" }))).toBe(
      "办件编号或验证码不正确",
    );
    const conflict = new ApiRequestError(409, {
      code: "CONFLICT",
      message: "该办件已评价，每件只能评价一次",
      details: [{ path: ["body", "kind"], message: "x" }],
    });
    expect(publicErrorText(conflict)).toBe("该办件已评价，每件只能评价一次");
    expect(publicErrorText(new TypeError("Failed to fetch"))).toBe("Failed to fetch");
  });
});

describe("the stars' tooltips", () => {
  const media = (hover: boolean) => (query: string) => ({ matches: hover && query.includes("hover: hover") });
  it("are shown where a pointer hovers, and not on a touch screen, where a tapped one stays up", () => {
    expect(hoverTooltips(["差", "好"], media(true))).toEqual(["差", "好"]);
    expect(hoverTooltips(["差", "好"], media(false))).toBeUndefined();
    expect(hoverTooltips(["差", "好"], undefined)).toBeUndefined();
  });
});
