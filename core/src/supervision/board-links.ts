/**
 * 监察看板's counts as links: each count of a unit's row opens the list that holds exactly what it
 * counts — the 预警台账 or the 督办单 — filtered to that unit alone (not its subtree: the board
 * counts the warnings raised on the unit itself), the board's period (the warning's `at`) and the
 * count's own condition. The server's test checks each link's list total equals the count.
 */
export type BoardCount = "warnings" | "redWarnings" | "yellowWarnings" | "unsupervised" | "waiting" | "overdueReplies" | "repliedLate";

export const BOARD_COUNTS: readonly BoardCount[] = [
  "warnings",
  "redWarnings",
  "yellowWarnings",
  "unsupervised",
  "waiting",
  "overdueReplies",
  "repliedLate",
];

export interface BoardCountLink {
  list: "warnings" | "orders";
  /** The list's query (warningListQuerySchema / orderListQuerySchema), without paging. */
  query: Record<string, string>;
}

const CONDITIONS: Record<BoardCount, BoardCountLink> = {
  warnings: { list: "warnings", query: {} },
  redWarnings: { list: "warnings", query: { severity: "red" } },
  yellowWarnings: { list: "warnings", query: { severity: "yellow" } },
  unsupervised: { list: "warnings", query: { unsupervised: "true" } },
  waiting: { list: "orders", query: { waiting: "true" } },
  overdueReplies: { list: "orders", query: { replyMissing: "true" } },
  repliedLate: { list: "orders", query: { repliedLate: "true" } },
};

export function boardCountLink(count: BoardCount, unitId: string, period: { from: string; to: string }): BoardCountLink {
  const { list, query } = CONDITIONS[count];
  return { list, query: { unitId, subtree: "false", from: period.from, to: period.to, ...query } };
}
