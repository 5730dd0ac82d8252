import { describe, expect, it } from "vitest";
import { publicRatingInputSchema } from "../contracts/public-ratings.ts";
import {
  encodeRatingCode,
  normalizeRatingCode,
  PUBLIC_RATING_TAGS,
  RATING_CODE_PATTERN,
  ratingLinkPath,
  readRatingLink,
  tagsForLevel,
} from "./public.ts";

describe("the verification code", () => {
  it("is the first 40 bits in Crockford's base32, 8 characters", () => {
    expect(encodeRatingCode(new Uint8Array([0, 0, 0, 0, 0, 0xff]))).toBe("00000000");
    expect(encodeRatingCode(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBe("ZZZZZZZZ");
    // 0x0842108421 = 00001 00001 … : every group of 5 bits is 1.
    expect(encodeRatingCode(new Uint8Array([0x08, 0x42, 0x10, 0x84, 0x21]))).toBe("11111111");
    expect(encodeRatingCode(new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01]))).toMatch(RATING_CODE_PATTERN);
  });

  it("reads a code as typed: case, spaces, hyphens and the look-alikes I, L, O", () => {
    expect(normalizeRatingCode(" 7kq2-lo9i ")).toBe("7KQ21091");
    expect(RATING_CODE_PATTERN.test(normalizeRatingCode("abcd-efgh"))).toBe(true);
    expect(RATING_CODE_PATTERN.test("ABCDEFGU")).toBe(false);
  });
});

describe("the link printed on the result", () => {
  it("round-trips region, case number and code, escaping what a URL needs", () => {
    const link = ratingLinkPath({ regionCode: "330105", caseNo: "330105-2024/001 号", code: "7KQ21091" });
    expect(link.startsWith("/rate?region=330105&case=")).toBe(true);
    expect(readRatingLink(link.slice(link.indexOf("?")))).toEqual({ regionCode: "330105", caseNo: "330105-2024/001 号", code: "7KQ21091" });
  });

  it("leaves absent parts empty and reads the code as typed", () => {
    expect(readRatingLink("?case=GS-1&code=7kq2-lo9i")).toEqual({ regionCode: "", caseNo: "GS-1", code: "7KQ21091" });
    expect(readRatingLink("")).toEqual({ regionCode: "", caseNo: "", code: "" });
    expect(readRatingLink("?case=A+1&region&code=%E0")).toEqual({ regionCode: "", caseNo: "A 1", code: "" });
  });
});

describe("tags per level", () => {
  it("offers praise for 4–5, complaints for 1–2, either for 3", () => {
    expect(tagsForLevel(5)).toEqual(PUBLIC_RATING_TAGS.good);
    expect(tagsForLevel(2)).toEqual(PUBLIC_RATING_TAGS.bad);
    expect(tagsForLevel(3)).toHaveLength(PUBLIC_RATING_TAGS.good.length + PUBLIC_RATING_TAGS.bad.length);
  });

  it("the input refuses a tag that does not fit the level, and defaults kind, tags and channel", () => {
    const base = { caseNo: "GS-1", code: "7kq2lo9i", level: 5 };
    expect(publicRatingInputSchema.parse(base)).toEqual({ ...base, code: "7KQ21091", kind: "first", tags: [], channel: "online" });
    const refused = publicRatingInputSchema.safeParse({ ...base, tags: ["服务态度差"] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(["tags", 0]);
  });
});
