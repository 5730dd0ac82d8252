/**
 * 催办: an order still waiting on its unit when its deadline passes is urged by the system — a
 * new deadline of ORDER_DEFAULTS.urgeDays working days, a step on its timeline, a notice to the
 * unit — and after the second 催办 escalated to the unit's leaders (升级督办). Runs in the
 * background loop; each order is urged once per passed deadline, since the 催办 moves it.
 */
import { AWAITING_UNIT, cstDate, ORDER_DEFAULTS } from "@kaoping/core";
import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { systemPrincipal } from "../../platform/auth/principal.ts";
import { supervisionOrders, warnings } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { type CommandContext, runCommand } from "../../platform/http/command.ts";
import type { AppContext } from "../../platform/http/types.ts";
import type { JobRunner } from "../../platform/jobs/worker.ts";
import { notifyUnits } from "../notifications/commands.ts";
import { addOrderStep, orderDeadline } from "./orders.ts";

const URGE_BATCH = 100;

async function urgeOrder(ctx: CommandContext, order: typeof supervisionOrders.$inferSelect, regionCode: string, now: Date) {
  const urgeCount = order.urgeCount + 1;
  const dueAt = await orderDeadline(ctx.tx, regionCode, now, ORDER_DEFAULTS.urgeDays);
  await ctx.tx.update(supervisionOrders).set({ urgeCount, dueAt, updatedAt: now }).where(eq(supervisionOrders.id, order.id));
  const text = `已超过反馈时限（${cstDate(order.dueAt)}），第 ${urgeCount} 次催办，请于 ${cstDate(dueAt)} 前反馈`;
  await addOrderStep(ctx, { orderId: order.id, kind: "urge", at: now, text, dueAt });
  const escalated = urgeCount === ORDER_DEFAULTS.escalateAfterUrges;
  if (escalated)
    await addOrderStep(ctx, { orderId: order.id, kind: "escalate", at: now, text: `${urgeCount} 次催办仍未反馈，已告知单位负责人` });
  await ctx.audit({
    action: "supervision.order.urge",
    businessType: "update",
    entityType: "supervision_order",
    entityId: order.id,
    before: { dueAt: order.dueAt.toISOString(), urgeCount: order.urgeCount },
    after: { dueAt: dueAt.toISOString(), urgeCount, escalated },
  });
  const notification = { campaignId: null, kind: "supervision" as const, body: text, link: `/supervision/orders?id=${order.id}` };
  await notifyUnits({ ctx, unitIds: [order.unitId], notification: { ...notification, title: `催办：${order.orderNo}` } });
  if (escalated)
    await notifyUnits({
      ctx,
      unitIds: [order.unitId],
      roleCodes: ["unit_leader"],
      notification: { ...notification, title: `升级督办：${order.orderNo} 经 ${urgeCount} 次催办仍未反馈` },
    });
}

/**
 * Urges the orders past their deadline (a batch, oldest deadline first); answers how many. An
 * order whose region's calendar lacks this year waits, named in `log`, until the office adds it.
 */
export async function urgeOverdueOrders(app: AppContext, now: Date = new Date(), log?: (message: string) => void): Promise<number> {
  return runCommand(app, systemPrincipal("电子监察"), null, async (ctx) => {
    const due = await ctx.tx
      .select({ order: supervisionOrders, regionCode: warnings.regionCode })
      .from(supervisionOrders)
      .innerJoin(warnings, eq(warnings.id, supervisionOrders.warningId))
      .where(and(inArray(supervisionOrders.status, [...AWAITING_UNIT]), lt(supervisionOrders.dueAt, now)))
      .orderBy(asc(supervisionOrders.dueAt))
      .limit(URGE_BATCH)
      .for("update", { of: supervisionOrders, skipLocked: true });
    let urged = 0;
    for (const { order, regionCode } of due) {
      try {
        await urgeOrder(ctx, order, regionCode, now);
        urged++;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        log?.(`${order.orderNo} 未能催办：${error.message}`);
      }
    }
    return urged;
  });
}

export function orderUrgeRunner({ app, log }: { app: AppContext; log?: (message: string) => void }): JobRunner {
  return { name: "supervision 催办", runOne: async () => (await urgeOverdueOrders(app, new Date(), log)) > 0 };
}
