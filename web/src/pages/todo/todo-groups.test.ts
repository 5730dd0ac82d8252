import type { NotificationView, TodoItem } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { groupPath, groupTodo, sortNotifications } from "./todo-groups.ts";

const todo = (campaignId: string, title: string, due: string | null, overdue = false): TodoItem => ({
  kind: "report",
  campaignId,
  campaignName: `考核${campaignId}`,
  unitId: "u1",
  unitName: "区市场监管局",
  title,
  detail: null,
  due,
  overdue,
  link: `/assess/campaigns/${campaignId}/units/u1`,
});

const note = (id: string, read: boolean, createdAt: string): NotificationView => ({
  id,
  campaignId: null,
  kind: "reminder",
  title: id,
  body: "",
  link: null,
  read,
  createdAt,
});

describe("to-do page", () => {
  it("puts the 督办单 and the bad reviews in groups of their own each leading to its list, beside the campaigns", () => {
    const order = {
      ...todo("x", "督〔2026〕1号：超期", "2026-12-09", true),
      kind: "supervision_reply" as const,
      campaignId: null,
      campaignName: "电子监察督办",
    };
    const review = { ...order, kind: "review_handle" as const, campaignName: "好差评差评处置", title: "差评 PJ-1：请核实" };
    const calls = { ...order, kind: "hotline_call" as const, campaignName: "接通率抽查", title: "「3月区级抽查」还有 4 通电话待拨打" };
    const groups = groupTodo([todo("c1", "a", null), order, review, calls]);
    expect(groups.map((g) => [g.campaignName, g.items.length, g.overdue, groupPath(g)])).toEqual([
      ["考核c1", 1, 0, "/assess/campaigns/c1"],
      ["电子监察督办", 1, 1, "/supervision/orders"],
      ["好差评差评处置", 1, 1, "/ratings/reviews"],
      ["接通率抽查", 1, 1, "/hotline/calls"],
    ]);
  });

  it("groups by campaign in first-seen order, overdue first then by due date", () => {
    const groups = groupTodo([
      todo("c1", "b", "2025-04-01"),
      todo("c2", "x", null),
      todo("c1", "a", null),
      todo("c1", "c", "2025-05-01", true),
    ]);
    expect(groups.map((g) => [g.campaignId, g.items.map((i) => i.title), g.overdue])).toEqual([
      ["c1", ["c", "b", "a"], 1],
      ["c2", ["x"], 0],
    ]);
  });

  it("lists unread notifications first, newest first within each", () => {
    const sorted = sortNotifications([
      note("old-read", true, "2025-01-01"),
      note("old-unread", false, "2025-01-02"),
      note("new-read", true, "2025-02-01"),
      note("new-unread", false, "2025-02-02"),
    ]);
    expect(sorted.map((n) => n.id)).toEqual(["new-unread", "old-unread", "new-read", "old-read"]);
  });
});
