import { type BoardCount, boardCountLink } from "@kaoping/core";

/** Where a 监察看板 count opens: its list's page with the count's filters (core's boardCountLink) in the URL. */
export function boardCountHref(count: BoardCount, unitId: string, period: { from: string; to: string }): string {
  const { list, query } = boardCountLink(count, unitId, period);
  return `/supervision/${list}?${new URLSearchParams(query).toString()}`;
}

/** The URL keys each list takes from a link (useLinkedPagedQuery): every key a board link sends. */
export const WARNING_LINK_KEYS = ["unitId", "subtree", "from", "to", "unsupervised", "kind", "severity"] as const;
export const ORDER_LINK_KEYS = [
  "unitId",
  "subtree",
  "from",
  "to",
  "replyLate",
  "repliedLate",
  "replyMissing",
  "status",
  "overdue",
  "waiting",
] as const;
