import type { NotificationKind } from "@kaoping/core";
import { and, eq, inArray } from "drizzle-orm";
import { notifications, userRoles, users } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";

export interface NotificationInput {
  campaignId: string | null;
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string | null;
}

/**
 * In-app notifications to every active user of the given units — or only those holding one of
 * `roleCodes` (an escalation to the unit's leader) — one row each (so each reads their own).
 */
export async function notifyUnits(options: {
  ctx: CommandContext;
  unitIds: string[];
  notification: NotificationInput;
  roleCodes?: string[];
}): Promise<number> {
  const { ctx, unitIds, notification, roleCodes } = options;
  if (!unitIds.length) return 0;
  const holdsRole = roleCodes
    ? inArray(users.id, ctx.tx.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.roleCode, roleCodes)))
    : undefined;
  const recipients = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.unitId, unitIds), eq(users.status, "active"), holdsRole));
  if (!recipients.length) return 0;
  await ctx.tx.insert(notifications).values(
    recipients.map((r) => ({
      userId: r.id,
      campaignId: notification.campaignId,
      kind: notification.kind,
      title: notification.title,
      body: notification.body ?? "",
      link: notification.link ?? null,
      createdBy: ctx.principal.id,
    })),
  );
  return recipients.length;
}

/**
 * Marks one of the caller's notifications read (another's answers 404, as if
 * absent). Reading is not a business change, so it is not audited.
 */
export async function markNotificationRead(options: { ctx: CommandContext; notificationId: string }) {
  const { ctx, notificationId } = options;
  const mine = and(eq(notifications.id, notificationId), eq(notifications.userId, ctx.principal.id ?? ""));
  const [existing] = await ctx.tx.select().from(notifications).where(mine);
  if (!existing) throw notFound("消息");
  if (existing.readAt) return existing;
  const [row] = await ctx.tx.update(notifications).set({ readAt: new Date() }).where(mine).returning();
  return row!;
}
