import {
  normalizeRatingCode,
  type PublicRatingAction,
  type PublicRatingCaseInput,
  type PublicRatingInput,
  RATING_CODE_PATTERN,
  tagsForLevel,
} from "@kaoping/core";
import { ApiRequestError } from "../../api/client.ts";

/** The longest code the server reads as typed (publicRatingCaseSchema's `code`, before normalizing). */
const TYPED_CODE_MAX = 32;

/**
 * Whether a typed code is one the server accepts — the same rule as publicRatingCaseSchema: read
 * leniently (case, spaces, hyphens, I/L → 1, O → 0), then 8 characters of Crockford's base32.
 */
export function isRatingCode(typed: string): boolean {
  return typed.length <= TYPED_CODE_MAX && RATING_CODE_PATTERN.test(normalizeRatingCode(typed));
}

/**
 * The lookup's body from what was typed: the number trimmed (its case kept: the server tries the
 * upper-cased form only when no case has it as typed), the code normalized, and the printed link's
 * region only for the case the link was printed for.
 */
export function findBody(
  typed: { caseNo: string; code: string },
  link: { regionCode: string; caseNo: string },
): PublicRatingCaseInput & { code: string } {
  const caseNo = typed.caseNo.trim();
  const regionCode = link.regionCode && caseNo === link.caseNo ? link.regionCode : undefined;
  return { caseNo, code: normalizeRatingCode(typed.code), ...(regionCode ? { regionCode } : {}) };
}

/**
 * A failed call as a member of the public should read it: the server's message, never the field
 * paths of errorText's details (“请求体 code”). A refused input (400) gives its fields' own messages —
 * the envelope's message names the request part and path too.
 */
export function publicErrorText(error: unknown): string {
  if (error instanceof ApiRequestError) {
    const messages = error.code === "VALIDATION" ? [...new Set((error.details ?? []).map((d) => d.message))] : [];
    return messages.length ? messages.slice(0, 3).join("；") : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** What the form holds when it is sent. */
export interface RateValues {
  level?: number;
  tags?: string[];
  content?: string;
}

/** The tags still chosen once the level changes: only those the new level offers, in the order chosen. */
export function keepTagsFor(level: number | undefined, chosen: readonly string[]): string[] {
  if (!level) return [];
  const offered = new Set<string>(tagsForLevel(level));
  return chosen.filter((tag) => offered.has(tag));
}

/** The rating's channel from the browser: a phone or tablet is 移动端, anything else 网上. */
export function channelOf(userAgent: string): "online" | "mobile" {
  return /Mobi|Android|iPhone|iPad|iPod|HarmonyOS/i.test(userAgent) ? "mobile" : "online";
}

/** The body sent: the case as it was found, the code that found it, the form's values and what the case allows now. */
export function ratingBody(
  found: { regionCode: string; caseNo: string },
  code: string,
  values: RateValues,
  kind: PublicRatingAction,
  channel: "online" | "mobile",
): PublicRatingInput {
  const content = values.content?.trim();
  return {
    regionCode: found.regionCode,
    caseNo: found.caseNo,
    code,
    kind,
    level: values.level ?? 0,
    tags: keepTagsFor(values.level, values.tags ?? []) as PublicRatingInput["tags"],
    ...(content ? { content } : {}),
    channel,
  };
}

/** What can tell whether the device has a hover (the window's matchMedia; none outside a browser). */
type MediaQuery = ((query: string) => { matches: boolean }) | undefined;

/**
 * The stars' hover tooltips (非常不满意 … 非常满意) only where a pointer can hover: on a touch screen a
 * tapped star's tooltip stays up and covers the field below; the chosen level's words are shown
 * beside the stars anyway.
 */
export function hoverTooltips(texts: string[], matchMedia: MediaQuery): string[] | undefined {
  return matchMedia?.("(hover: hover) and (pointer: fine)").matches ? texts : undefined;
}
