/**
 * The checker's call sheet and the recording of a call. A checker records the calls assigned to it
 * (the office any); a dead number (空号) also files a guide defect on the item whose guide publishes
 * it (电话准确性, routed like any defect), once per number while open. docs/ratings.md (“Spot checks”).
 */
import {
  type CallListQuery,
  type CallOutcome,
  type CallRecordInput,
  type CallView,
  type CheckLevel,
  cstDate,
  DEAD_PHONE_CHECK,
  DEAD_PHONE_CHECK_ID,
  nextDate,
  type Paged,
  PERMISSIONS,
  PHONE_KIND,
  type PhoneKind,
} from "@kaoping/core";
import { and, asc, count, eq, gte, isNotNull, isNull, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { guideDefects, hotlineCalls, hotlineRounds, serviceGuides, serviceItems, units, users } from "../../platform/db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { unitsForCases } from "../cases/policy.ts";
import { unitSubtreeCondition } from "../cases/rollup-query.ts";
import { ownerOf } from "../guides/defects.ts";
import { getGuideSettings } from "../guides/settings.ts";
import { visibleCallsWhere } from "./rounds.ts";

const checkers = alias(users, "checker");

const columns = {
  call: hotlineCalls,
  roundName: hotlineRounds.name,
  level: hotlineRounds.level,
  unitName: units.name,
  checkerName: checkers.displayName,
};

function presentCall(row: {
  call: typeof hotlineCalls.$inferSelect;
  roundName: string;
  level: string;
  unitName: string;
  checkerName: string;
}): CallView {
  const { call } = row;
  return {
    id: call.id,
    roundId: call.roundId,
    roundName: row.roundName,
    level: row.level as CheckLevel,
    unitId: call.unitId,
    unitName: row.unitName,
    itemCode: call.itemCode,
    phone: call.phone,
    kind: call.kind as PhoneKind,
    plannedAt: call.plannedAt.toISOString(),
    checkerId: call.checkerId,
    checkerName: row.checkerName,
    outcome: call.outcome as CallOutcome | null,
    secondsToAnswer: call.secondsToAnswer,
    note: call.note,
    calledAt: call.calledAt?.toISOString() ?? null,
    version: call.version,
    defectId: call.defectId,
  };
}

const selectCalls = (db: QueryContext["db"]) =>
  db
    .select(columns)
    .from(hotlineCalls)
    .innerJoin(hotlineRounds, eq(hotlineRounds.id, hotlineCalls.roundId))
    .innerJoin(units, eq(units.id, hotlineCalls.unitId))
    .innerJoin(checkers, eq(checkers.id, hotlineCalls.checkerId));

export async function listCalls(qctx: QueryContext, query: CallListQuery): Promise<Paged<CallView>> {
  const unitIds = query.unitId ? await unitsForCases(qctx.db, qctx.principal, query.unitId) : null;
  const where = and(
    visibleCallsWhere(qctx.principal),
    unitIds ? unitSubtreeCondition(hotlineCalls.unitId, unitIds, false) : undefined,
    query.roundId ? eq(hotlineCalls.roundId, query.roundId) : undefined,
    query.mine === "true" ? eq(hotlineCalls.checkerId, qctx.principal.id ?? "") : undefined,
    // Pending: still to ring — a closed round's unrung calls are no one's work any more.
    query.state === "pending" ? and(isNull(hotlineCalls.outcome), eq(hotlineRounds.status, "running")) : undefined,
    query.state === "recorded" ? isNotNull(hotlineCalls.outcome) : undefined,
    query.outcome ? eq(hotlineCalls.outcome, query.outcome) : undefined,
    query.level ? eq(hotlineRounds.level, query.level) : undefined,
    query.from ? gte(hotlineRounds.fromDate, query.from) : undefined,
    query.to ? lt(hotlineRounds.fromDate, nextDate(query.to)) : undefined,
  );
  const [total] = await qctx.db
    .select({ n: count() })
    .from(hotlineCalls)
    .innerJoin(hotlineRounds, eq(hotlineRounds.id, hotlineCalls.roundId))
    .where(where);
  const rows = await selectCalls(qctx.db)
    .where(where)
    .orderBy(asc(hotlineCalls.plannedAt), asc(hotlineCalls.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows: rows.map(presentCall) };
}

async function loadCall(qctx: QueryContext, callId: string, lock = false) {
  const found = selectCalls(qctx.db).where(and(eq(hotlineCalls.id, callId), visibleCallsWhere(qctx.principal)));
  const [row] = lock ? await found.for("update", { of: hotlineCalls }) : await found;
  if (!row) throw notFound("抽查电话");
  return row;
}

export async function recordCall(options: { ctx: CommandContext; callId: string; input: CallRecordInput }): Promise<CallView> {
  const { ctx, callId, input } = options;
  const qctx = { db: ctx.tx, principal: ctx.principal };
  const row = await loadCall(qctx, callId, true);
  const { call } = row;
  if (call.checkerId !== ctx.principal.id && !ctx.principal.permissions.has(PERMISSIONS.hotlineManage))
    throw forbidden("这通电话分配给了其他抽查人员");
  const [round] = await ctx.tx
    .select({ status: hotlineRounds.status, fromDate: hotlineRounds.fromDate, toDate: hotlineRounds.toDate })
    .from(hotlineRounds)
    .where(eq(hotlineRounds.id, call.roundId));
  if (round?.status === "closed") throw conflict("该轮抽查已结束，不能再登记");
  if (call.version !== input.version)
    throw conflict("这通电话已被他人登记，请刷新后查看", [{ path: ["body", "version"], message: "版本已过期" }]);
  const calledAt = input.calledAt ? new Date(input.calledAt) : new Date();
  const refuseCalledAt = (message: string) => new AppError("VALIDATION", message, [{ path: ["body", "calledAt"], message }]);
  if (calledAt.getTime() > Date.now() + 60_000) throw refuseCalledAt("拨打时间不能晚于现在");
  // A time the checker gives must fall on the round's days (China time); without one the call is logged as made now.
  const day = cstDate(calledAt);
  if (input.calledAt && round && (day < round.fromDate || day > round.toDate))
    throw refuseCalledAt(`拨打时间 ${day} 不在本轮抽查的日期（${round.fromDate} 至 ${round.toDate}）之内`);
  const defectId = input.outcome === "dead_number" && !call.defectId ? await fileDeadNumber(ctx, call, row.roundName) : call.defectId;
  await ctx.tx
    .update(hotlineCalls)
    .set({
      outcome: input.outcome,
      secondsToAnswer: input.secondsToAnswer,
      note: input.note,
      calledAt,
      version: call.version + 1,
      defectId,
    })
    .where(eq(hotlineCalls.id, callId));
  await ctx.audit({
    action: "hotline.call.record",
    businessType: "update",
    entityType: "hotline_call",
    entityId: callId,
    before: call.outcome ? { outcome: call.outcome } : undefined,
    after: { outcome: input.outcome, secondsToAnswer: input.secondsToAnswer, phone: call.phone, unitName: row.unitName },
  });
  return presentCall(await loadCall(qctx, callId));
}

/** 空号: a defect on the item's guide (the one the number was drawn from), unless the number has one open. */
async function fileDeadNumber(ctx: CommandContext, call: typeof hotlineCalls.$inferSelect, roundName: string): Promise<string | null> {
  if (!call.itemId || !call.guideId) return null;
  const [item] = await ctx.tx.select().from(serviceItems).where(eq(serviceItems.id, call.itemId));
  const [guide] = await ctx.tx.select({ channel: serviceGuides.channel }).from(serviceGuides).where(eq(serviceGuides.id, call.guideId));
  if (!item || !guide) return null;
  const path = `${call.kind}Phone:${call.phone}`;
  const [inserted] = await ctx.tx
    .insert(guideDefects)
    .values({
      itemId: item.id,
      channel: guide.channel,
      guideId: call.guideId,
      checkId: DEAD_PHONE_CHECK_ID,
      element: DEAD_PHONE_CHECK.element,
      severity: DEAD_PHONE_CHECK.severity,
      path,
      detail: `${PHONE_KIND.labels[call.kind as PhoneKind]} ${call.phone} 在「${roundName}」中拨打为空号`,
      ...ownerOf(item, DEAD_PHONE_CHECK.element, await getGuideSettings(ctx.tx)),
    })
    .onConflictDoNothing()
    .returning({ id: guideDefects.id });
  if (inserted) return inserted.id;
  const [open] = await ctx.tx
    .select({ id: guideDefects.id })
    .from(guideDefects)
    .where(
      and(
        eq(guideDefects.itemId, item.id),
        eq(guideDefects.checkId, DEAD_PHONE_CHECK_ID),
        eq(guideDefects.path, path),
        eq(guideDefects.status, "open"),
      ),
    );
  return open?.id ?? null;
}
