/**
 * Kaoping's own public rating page (docs/ratings.md, “The public rating page”): the verification
 * code's form, the signed link printed on the result, and the tags offered per level. Pure: the
 * server derives the code (an HMAC it alone can compute), the web reads the link.
 */
import { isBadLevel, isGoodLevel } from "./model.ts";

/** Crockford's base32: no I, L, O or U, so a code read off paper is not mistyped. */
export const RATING_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 8 characters of 5 bits: 40 bits, about 10^12 codes per case. */
export const RATING_CODE_LENGTH = 8;
export const RATING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** The first 40 bits of `bytes` (an HMAC) as a code of RATING_CODE_LENGTH characters. */
export function encodeRatingCode(bytes: Uint8Array): string {
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i] ?? 0);
  let code = "";
  for (let i = RATING_CODE_LENGTH - 1; i >= 0; i--) code += RATING_CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
}

/** A code as typed: upper case, spaces and hyphens dropped, and Crockford's look-alikes read (I/L → 1, O → 0). */
export function normalizeRatingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
}

/** The page's path and the query it reads: what the office prints (as a link or a QR code) on the result. */
export const RATING_PAGE_PATH = "/rate";

export function ratingLinkPath(key: { regionCode: string; caseNo: string; code: string }): string {
  const part = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`;
  return `${RATING_PAGE_PATH}?${[part("region", key.regionCode), part("case", key.caseNo), part("code", key.code)].join("&")}`;
}

/** One query parameter's decoded value (the first, as URLSearchParams.get; core has no URL API), or "" when absent or malformed. */
function queryValue(search: string, name: string): string {
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const at = pair.indexOf("=");
    const key = at < 0 ? pair : pair.slice(0, at);
    if (key !== name) continue;
    if (at < 0) return "";
    try {
      return decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
    } catch {
      return "";
    }
  }
  return "";
}

/** What a link's query prefills (absent parts stay empty for the applicant to type). */
export function readRatingLink(search: string): { regionCode: string; caseNo: string; code: string } {
  const value = (name: string) => queryValue(search, name).trim().slice(0, 64);
  return { regionCode: value("region"), caseNo: value("case"), code: normalizeRatingCode(value("code")) };
}

/** The tags the page offers, after the provincial systems' usual ones (GB/T 39735-2020's 评价维度). */
export const PUBLIC_RATING_TAGS = {
  good: ["办事效率高", "服务态度好", "一次办成", "材料精简", "指引清晰", "环境便利"],
  bad: ["等待时间长", "服务态度差", "多次跑动", "材料要求多", "指引不清", "办理超时"],
} as const;
export const ALL_PUBLIC_RATING_TAGS = [...PUBLIC_RATING_TAGS.good, ...PUBLIC_RATING_TAGS.bad] as const;
export type PublicRatingTag = (typeof ALL_PUBLIC_RATING_TAGS)[number];

/** The tags that fit a level: praise for 满意/非常满意, complaints for 不满意/非常不满意, either for 基本满意. */
export function tagsForLevel(level: number): readonly PublicRatingTag[] {
  if (isGoodLevel(level)) return PUBLIC_RATING_TAGS.good;
  if (isBadLevel(level)) return PUBLIC_RATING_TAGS.bad;
  return ALL_PUBLIC_RATING_TAGS;
}

/** The content's limit: enough for a complaint the unit can verify, not a letter. */
export const PUBLIC_RATING_CONTENT_MAX = 500;
