/**
 * 督办单 commands: the office issues an order on a warning, the unit replies (情况反馈, or 纠正 after
 * 立项调查), the office investigates or closes (核销). Each step is a row of the order's timeline and
 * an audit record in the same transaction. The status machine and the deadlines are core's
 * (supervision/orders.ts); a step that lost a race — two reviewers closing the same order — finds
 * the status changed under it and is told so (409), never applied twice.
 */
import {
  CalendarGapError,
  cstDate,
  isReplyLate,
  type issueOrderSchema,
  ORDER_STEP,
  ORDER_TRANSITIONS,
  type OrderAction,
  type OrderStatus,
  refuseOrderAction,
  workingDeadline,
} from "@kaoping/core";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import { selectRows } from "../../platform/db/rows.ts";
import { supervisionOrderSteps, supervisionOrders, warnings } from "../../platform/db/schema.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { claimAttachments } from "../attachments/commands.ts";
import { loadWorkCalendar } from "../calendar/load.ts";
import { notifyUnits } from "../notifications/commands.ts";

type OrderRow = typeof supervisionOrders.$inferSelect;

/**
 * A deadline N working days after `from` on the region's calendar. A year the calendar lacks is
 * refused (409, naming the year) — never counted as Monday to Friday.
 */
export async function orderDeadline(tx: CommandContext["tx"], regionCode: string, from: Date, workingDays: number): Promise<Date> {
  try {
    return workingDeadline(await loadWorkCalendar(tx, regionCode), from, workingDays);
  } catch (error) {
    if (error instanceof CalendarGapError) throw conflict(`${error.message}：请先在工作日历中补录 ${error.year} 年，再督办`);
    throw error;
  }
}

/** A warning the principal's scope reaches (404 otherwise, as if absent). */
async function loadVisibleWarning(ctx: CommandContext, warningId: string) {
  const [warning] = await ctx.tx
    .select()
    .from(warnings)
    .where(and(eq(warnings.id, warningId), buildScopeWhere(ctx.principal.scope, { unitId: warnings.unitId }, ctx.principal.id ?? "")));
  if (!warning) throw notFound("预警");
  return warning;
}

/** An order the principal's scope reaches, locked for this transaction's step. */
async function loadVisibleOrder(ctx: CommandContext, orderId: string): Promise<OrderRow> {
  const [order] = await ctx.tx
    .select()
    .from(supervisionOrders)
    .where(
      and(
        eq(supervisionOrders.id, orderId),
        buildScopeWhere(ctx.principal.scope, { unitId: supervisionOrders.unitId }, ctx.principal.id ?? ""),
      ),
    );
  if (!order) throw notFound("督办单");
  return order;
}

/** The steps of an order the caller can see, for its attachments' download (404 out of scope). */
export async function orderStepIds(ctx: CommandContext, orderId: string): Promise<SQL> {
  await loadVisibleOrder(ctx, orderId);
  return sql`(select ${supervisionOrderSteps.id} from ${supervisionOrderSteps} where ${supervisionOrderSteps.orderId} = ${orderId})`;
}

/** 督〔2026〕12号: numbered per year of issue, under a lock so two issues never share a number. */
async function nextOrderNo(ctx: CommandContext, now: Date): Promise<string> {
  await ctx.tx.execute(sql`lock table ${supervisionOrders} in share row exclusive mode`);
  const year = cstDate(now).slice(0, 4);
  const prefix = `督〔${year}〕`;
  const [row] = await selectRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from ${supervisionOrders} where order_no like ${`${prefix}%`}`,
  );
  return `${prefix}${Number(row?.n ?? 0) + 1}号`;
}

export async function addOrderStep(
  ctx: Pick<CommandContext, "tx" | "principal">,
  step: { orderId: string; kind: keyof typeof ORDER_STEP.labels; at: Date; text?: string; dueAt?: Date | null },
): Promise<string> {
  const [row] = await ctx.tx
    .insert(supervisionOrderSteps)
    .values({
      orderId: step.orderId,
      kind: step.kind,
      at: step.at,
      actorId: ctx.principal.id,
      text: step.text ?? "",
      dueAt: step.dueAt ?? null,
    })
    .returning({ id: supervisionOrderSteps.id });
  return row!.id;
}

/** 督办: one order per warning, its reply deadline N working days on the region's calendar. */
export async function issueOrder(options: {
  ctx: CommandContext;
  warningId: string;
  input: z.infer<typeof issueOrderSchema>;
  now?: Date;
}): Promise<OrderRow> {
  const { ctx, input } = options;
  const now = options.now ?? new Date();
  const warning = await loadVisibleWarning(ctx, options.warningId);
  const [existing] = await ctx.tx.select().from(supervisionOrders).where(eq(supervisionOrders.warningId, warning.id));
  if (existing) throw conflict(`该预警已督办（${existing.orderNo}）`);
  const dueAt = await orderDeadline(ctx.tx, warning.regionCode, now, input.replyDays);
  const [order] = await ctx.tx
    .insert(supervisionOrders)
    .values({
      orderNo: await nextOrderNo(ctx, now),
      warningId: warning.id,
      unitId: warning.unitId,
      status: "issued",
      instruction: input.instruction,
      replyDays: input.replyDays,
      firstDueAt: dueAt,
      dueAt,
      issuedBy: ctx.principal.id,
      issuedAt: now,
      updatedAt: now,
    })
    .returning();
  await addOrderStep(ctx, { orderId: order!.id, kind: "issue", at: now, text: input.instruction, dueAt });
  await ctx.audit({
    action: "supervision.order.issue",
    businessType: "create",
    entityType: "supervision_order",
    entityId: order!.id,
    after: { orderNo: order!.orderNo, warningId: warning.id, caseNo: warning.caseNo, rule: warning.ruleName, dueAt: dueAt.toISOString() },
  });
  await notifyUnits({
    ctx,
    unitIds: [warning.unitId],
    notification: {
      campaignId: null,
      kind: "supervision",
      title: `督办通知：${order!.orderNo}（${warning.ruleName}，办件 ${warning.caseNo}）`,
      body: `${input.instruction}\n请于 ${cstDate(dueAt)} 前反馈。`,
      link: `/supervision/orders?id=${order!.id}`,
    },
  });
  return order!;
}

/** What each person's step changes besides the status. */
async function stepChanges(ctx: CommandContext, order: OrderRow, action: OrderAction, now: Date, correctionDays?: number) {
  if (action === "reply") return { repliedAt: now, isReplyLate: isReplyLate(order.firstDueAt, now) } satisfies Partial<OrderRow>;
  if (action === "investigate") {
    const [warning] = await ctx.tx.select({ regionCode: warnings.regionCode }).from(warnings).where(eq(warnings.id, order.warningId));
    const dueAt = await orderDeadline(ctx.tx, warning!.regionCode, now, correctionDays ?? 10);
    return { dueAt } satisfies Partial<OrderRow>;
  }
  if (action === "close") return { closedAt: now } satisfies Partial<OrderRow>;
  return {};
}

/**
 * A person's step on an order: the unit's 反馈 / 纠正, the office's 立项调查 / 核销. Refused (409)
 * from a status that does not allow it, and when another step changed the status meanwhile.
 */
export async function actOnOrder(options: {
  ctx: CommandContext;
  orderId: string;
  action: OrderAction;
  text: string;
  correctionDays?: number;
  /** Uploaded 附件 the step cites (the unit's 反馈 evidence). */
  attachmentIds?: readonly string[];
  now?: Date;
}): Promise<OrderRow> {
  const { ctx, action } = options;
  const now = options.now ?? new Date();
  const order = await loadVisibleOrder(ctx, options.orderId);
  // Who may take the step is the route's permission (the unit's orderReply, the office's orderManage);
  // which orders, the principal's scope.
  const refused = refuseOrderAction(order.status as OrderStatus, action);
  if (refused) throw conflict(refused);
  const changes = await stepChanges(ctx, order, action, now, options.correctionDays);
  const [updated] = await ctx.tx
    .update(supervisionOrders)
    .set({ ...changes, status: ORDER_TRANSITIONS[action].to, updatedAt: now })
    .where(and(eq(supervisionOrders.id, order.id), eq(supervisionOrders.status, order.status)))
    .returning();
  if (!updated) throw conflict("该督办单刚被他人办理，请刷新后查看");
  const stepId = await addOrderStep(ctx, {
    orderId: order.id,
    kind: action,
    at: now,
    text: options.text,
    dueAt: "dueAt" in changes ? changes.dueAt : null,
  });
  const attachments = await claimAttachments({ ctx, ids: options.attachmentIds, ownerType: "supervision_order_step", ownerId: stepId });
  await ctx.audit({
    action: `supervision.order.${action}`,
    businessType: "update",
    entityType: "supervision_order",
    entityId: order.id,
    before: { status: order.status },
    after: {
      status: updated.status,
      text: options.text,
      ...("isReplyLate" in changes ? { isReplyLate: changes.isReplyLate } : {}),
      ...(attachments.length ? { attachments: attachments.map((a) => a.fileName) } : {}),
    },
  });
  if (ORDER_TRANSITIONS[action].by === "office")
    await notifyUnits({
      ctx,
      unitIds: [order.unitId],
      notification: {
        campaignId: null,
        kind: "supervision",
        title: `${order.orderNo}：${ORDER_STEP.labels[action]}`,
        body: options.text,
        link: `/supervision/orders?id=${order.id}`,
      },
    });
  return updated;
}

/** The unit's answer: 情况反馈 while the order is issued, 纠正反馈 while it is under investigation. */
export async function answerOrder(options: {
  ctx: CommandContext;
  orderId: string;
  text: string;
  attachmentIds?: readonly string[];
  now?: Date;
}): Promise<OrderRow> {
  const order = await loadVisibleOrder(options.ctx, options.orderId);
  return actOnOrder({ ...options, action: order.status === "investigating" ? "correct" : "reply" });
}
