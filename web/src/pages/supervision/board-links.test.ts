import { BOARD_COUNTS, type BoardCount } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { boardCountHref, ORDER_LINK_KEYS, WARNING_LINK_KEYS } from "./board-links.ts";

const period = { from: "2026-01-01", to: "2026-06-30" };
const open = (count: BoardCount) => {
  const url = new URL(boardCountHref(count, "u1", period), "http://x");
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
};
const unitAndPeriod = { unitId: "u1", subtree: "false", from: "2026-01-01", to: "2026-06-30" };

describe("监察看板 count links", () => {
  it("open the list that holds what each count counts: the unit alone, the board's period, the count's condition", () => {
    expect(open("warnings")).toEqual({ path: "/supervision/warnings", query: unitAndPeriod });
    expect(open("redWarnings")).toEqual({ path: "/supervision/warnings", query: { ...unitAndPeriod, severity: "red" } });
    expect(open("yellowWarnings")).toEqual({ path: "/supervision/warnings", query: { ...unitAndPeriod, severity: "yellow" } });
    expect(open("unsupervised")).toEqual({ path: "/supervision/warnings", query: { ...unitAndPeriod, unsupervised: "true" } });
    expect(open("waiting")).toEqual({ path: "/supervision/orders", query: { ...unitAndPeriod, waiting: "true" } });
    expect(open("overdueReplies")).toEqual({ path: "/supervision/orders", query: { ...unitAndPeriod, replyMissing: "true" } });
    expect(open("repliedLate")).toEqual({ path: "/supervision/orders", query: { ...unitAndPeriod, repliedLate: "true" } });
  });

  it("send only keys the opened list reads from its URL", () => {
    for (const count of BOARD_COUNTS) {
      const { path, query } = open(count);
      const keys: readonly string[] = path.endsWith("/warnings") ? WARNING_LINK_KEYS : ORDER_LINK_KEYS;
      expect(Object.keys(query).filter((key) => !keys.includes(key))).toEqual([]);
    }
  });
});
