import type { NotificationView, TodoItem } from "@kaoping/core";

export interface TodoGroup {
  campaignId: string;
  campaignName: string;
  items: TodoItem[];
  overdue: number;
}

/** To-do items by campaign, in the order the campaigns first appear; overdue items first within each, then by due date. */
export function groupTodo(items: readonly TodoItem[]): TodoGroup[] {
  const groups = new Map<string, TodoGroup>();
  for (const item of items) {
    const group = groups.get(item.campaignId) ?? { campaignId: item.campaignId, campaignName: item.campaignName, items: [], overdue: 0 };
    group.items.push(item);
    if (item.overdue) group.overdue += 1;
    groups.set(item.campaignId, group);
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
