import { HOTLINE_TODO_GROUP, type NotificationView, RATINGS_TODO_GROUP, SUPERVISION_TODO_GROUP, type TodoItem } from "@kaoping/core";
import { campaignPath } from "../campaigns/campaign-status.ts";

export interface TodoGroup {
  campaignId: string | null;
  campaignName: string;
  items: TodoItem[];
  overdue: number;
}

/** The list each group of no campaign leads to. */
const GROUP_PATHS: Record<string, string> = {
  [SUPERVISION_TODO_GROUP]: "/supervision/orders",
  [RATINGS_TODO_GROUP]: "/ratings/reviews",
  [HOTLINE_TODO_GROUP]: "/hotline/calls",
};

/** Where a group's title leads: its campaign, or the list of its kind (督办单, bad reviews, spot-check calls). */
export const groupPath = (group: TodoGroup) =>
  group.campaignId ? campaignPath(group.campaignId) : (GROUP_PATHS[group.campaignName] ?? "/todo");

/** A group's key: its campaign, or — for the groups of no campaign — its name. */
export const groupKey = (group: Pick<TodoGroup, "campaignId" | "campaignName">) => group.campaignId ?? group.campaignName;

/** To-do items by campaign (the 电子监察, 好差评 and 抽查 items in groups of their own), in the order the campaigns first appear; overdue items first within each, then by due date. */
export function groupTodo(items: readonly TodoItem[]): TodoGroup[] {
  const groups = new Map<string, TodoGroup>();
  for (const item of items) {
    const key = groupKey(item);
    const group = groups.get(key) ?? { campaignId: item.campaignId, campaignName: item.campaignName, items: [], overdue: 0 };
    group.items.push(item);
    if (item.overdue) group.overdue += 1;
    groups.set(key, group);
  }
  for (const group of groups.values()) group.items.sort(byUrgency);
  return [...groups.values()];
}

function byUrgency(a: TodoItem, b: TodoItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31");
}

/** Unread first, newest first within each. */
export function sortNotifications(rows: readonly NotificationView[]): NotificationView[] {
  return [...rows].sort((a, b) => (a.read === b.read ? b.createdAt.localeCompare(a.createdAt) : a.read ? 1 : -1));
}
