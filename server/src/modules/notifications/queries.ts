import type { NotificationPage, notificationListQuerySchema } from "@kaoping/core";
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../platform/db/client.ts";
import { compiled } from "../../platform/db/compiled.ts";
import { notifications } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { presentNotification } from "./presenter.ts";

const unread = compiled((db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt))),
);

export async function unreadCount(db: Db | Tx, userId: string): Promise<number> {
  const [row] = await unread(db, { userId });
  return row?.n ?? 0;
}

/** The caller's own notifications, newest first; nobody reads another's. */
export async function listNotifications(ctx: QueryContext, query: z.infer<typeof notificationListQuerySchema>): Promise<NotificationPage> {
  const userId = ctx.principal.id;
  if (!userId) return { total: 0, unread: 0, rows: [] };
  const where = and(eq(notifications.userId, userId), query.unreadOnly === "true" ? isNull(notifications.readAt) : undefined);
  const [total] = await ctx.db.select({ n: count() }).from(notifications).where(where);
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, unread: await unreadCount(ctx.db, userId), rows: rows.map(presentNotification) };
}
