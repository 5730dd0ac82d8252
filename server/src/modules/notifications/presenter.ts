import type { NotificationKind, NotificationView } from "@kaoping/core";
import type { notifications } from "../../platform/db/schema.ts";

export type NotificationRow = typeof notifications.$inferSelect;

export function presentNotification(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    kind: row.kind as NotificationKind,
    title: row.title,
    body: row.body,
    link: row.link,
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
