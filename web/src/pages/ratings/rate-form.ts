import { type PublicRatingAction, type PublicRatingInput, tagsForLevel } from "@kaoping/core";

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
