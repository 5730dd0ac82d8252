/**
 * 接通率抽查 rounds: the office draws a round's sample from the guide registry's numbers at creation
 * (core/src/hotline/sampling.ts, seeded by the round, so the draw is reproducible), its checkers ring
 * the calls (calls.ts), and the results per unit follow from the recorded outcomes. Units see their
 * own results only; the office every unit's. docs/ratings.md (“Spot checks”).
 */

import type { roundListQuerySchema } from "@kaoping/core";
import {
  ANSWER_SECONDS_TARGET,
  CalendarGapError,
  type CallOutcome,
  type CheckLevel,
  DEFAULT_OFFICE_HOURS,
  groupBy,
  hotlineRate,
  isConnected,
  isWorkingDay,
  nextDate,
  type Paged,
  type RoundCreateInput,
  type RoundDetailView,
  type RoundStatus,
  type RoundView,
  sampleCalls,
  seedOf,
  type UnitHotlineResult,
} from "@kaoping/core";
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { buildScopeWhere } from "../../platform/access/scope.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { hotlineCalls, hotlineRounds, units, users } from "../../platform/db/schema.ts";
import { AppError, conflict, notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { loadWorkCalendar } from "../calendar/load.ts";
import { publishedNumbers } from "./numbers.ts";

type RoundRow = typeof hotlineRounds.$inferSelect;

/** The calls a principal may see: its scope's units, and the calls assigned to it (a checker of any unit). */
export function visibleCallsWhere(principal: QueryContext["principal"]): SQL | undefined {
  const scope = buildScopeWhere(principal.scope, { unitId: hotlineCalls.unitId }, principal.id ?? "");
  return scope && principal.id ? sql`(${scope} or ${hotlineCalls.checkerId} = ${principal.id})` : scope;
}

/** The working days from–to on the installation's calendar; a year it lacks is refused by name. */
async function roundDays(db: Db | Tx, from: string, to: string): Promise<string[]> {
  const calendar = await loadWorkCalendar(db);
  const days: string[] = [];
  try {
    for (let d = from; d <= to && days.length < 400; d = nextDate(d)) if (isWorkingDay(calendar, d)) days.push(d);
  } catch (error) {
    if (error instanceof CalendarGapError)
      throw new AppError("VALIDATION", error.message, [{ path: ["body", "to"], message: error.message }]);
    throw error;
  }
  if (!days.length) throw new AppError("VALIDATION", "抽查期间没有工作日", [{ path: ["body", "to"], message: "抽查期间没有工作日" }]);
  return days;
}

export async function createRound(options: { ctx: CommandContext; input: RoundCreateInput }): Promise<RoundDetailView> {
  const { ctx, input } = options;
  const checkers = await ctx.tx.select({ id: users.id }).from(users).where(inArray(users.id, input.checkerIds));
  const unknown = input.checkerIds.filter((id) => !checkers.some((c) => c.id === id));
  if (unknown.length)
    throw new AppError("VALIDATION", "抽查人员不存在", [{ path: ["body", "checkerIds"], message: `不存在的用户：${unknown.join("、")}` }]);
  const days = await roundDays(ctx.tx, input.from, input.to);
  const numbers = await publishedNumbers(ctx.tx, input.unitIds.length ? input.unitIds : null);
  const { name, level, from, to, unitIds, checkerIds, ...rule } = input;
  const [round] = await ctx.tx
    .insert(hotlineRounds)
    .values({ name, level, fromDate: from, toDate: to, rule: { ...rule, unitIds }, createdBy: ctx.principal.id })
    .returning();
  const planned = sampleCalls({ numbers, rule, days, hours: DEFAULT_OFFICE_HOURS, checkerIds, seed: seedOf(round!.id) });
  if (!planned.length)
    throw new AppError("VALIDATION", "所选单位的办事指南中没有可拨打的咨询或监督电话，无法抽样", [
      { path: ["body", "unitIds"], message: "没有可抽查的电话" },
    ]);
  for (let i = 0; i < planned.length; i += 500)
    await ctx.tx.insert(hotlineCalls).values(
      planned.slice(i, i + 500).map((c) => ({
        roundId: round!.id,
        unitId: c.unitId,
        itemId: c.itemId,
        itemCode: c.itemCode,
        guideId: c.guideId,
        phone: c.phone,
        kind: c.kind,
        plannedAt: c.plannedAt,
        checkerId: c.checkerId,
      })),
    );
  await ctx.audit({
    action: "hotline.round.create",
    businessType: "create",
    entityType: "hotline_round",
    entityId: round!.id,
    after: { name, level, from, to, calls: planned.length, checkers: checkerIds.length },
  });
  return getRound({ db: ctx.tx, principal: ctx.principal }, round!.id);
}

export async function closeRound(options: { ctx: CommandContext; roundId: string }): Promise<RoundDetailView> {
  const { ctx, roundId } = options;
  const [round] = await ctx.tx.select().from(hotlineRounds).where(eq(hotlineRounds.id, roundId)).for("update");
  if (!round) throw notFound("抽查轮次");
  if (round.status === "closed") throw conflict("该轮抽查已结束");
  await ctx.tx.update(hotlineRounds).set({ status: "closed", closedAt: new Date() }).where(eq(hotlineRounds.id, roundId));
  await ctx.audit({
    action: "hotline.round.close",
    businessType: "update",
    entityType: "hotline_round",
    entityId: roundId,
    before: { status: round.status },
    after: { status: "closed", name: round.name },
  });
  return getRound({ db: ctx.tx, principal: ctx.principal }, roundId);
}

interface CallTally {
  round_id: string;
  unit_id: string;
  unit_name: string;
  outcome: CallOutcome | null;
  slow: number;
  n: number;
}

/** Each visible unit's calls in the rounds, by outcome (one row per round, unit and outcome). */
async function tallies(qctx: QueryContext, roundIds: string[]): Promise<CallTally[]> {
  if (!roundIds.length) return [];
  const rows = await qctx.db
    .select({
      round_id: hotlineCalls.roundId,
      unit_id: hotlineCalls.unitId,
      unit_name: units.name,
      outcome: hotlineCalls.outcome,
      slow: sql<number>`count(*) filter (where ${hotlineCalls.secondsToAnswer} > ${ANSWER_SECONDS_TARGET})::int`,
      n: count(),
    })
    .from(hotlineCalls)
    .innerJoin(units, eq(units.id, hotlineCalls.unitId))
    .where(and(inArray(hotlineCalls.roundId, roundIds), visibleCallsWhere(qctx.principal)))
    .groupBy(hotlineCalls.roundId, hotlineCalls.unitId, units.name, hotlineCalls.outcome);
  return rows as CallTally[];
}

const expand = (rows: readonly CallTally[]) => rows.flatMap((r) => Array<CallOutcome | null>(r.n).fill(r.outcome));

/** Per unit: 接通率 and 答复准确率 from the tallies of one round, worst rate first. */
export function unitResults(rows: readonly CallTally[]): UnitHotlineResult[] {
  const byUnit = groupBy(rows, (r) => r.unit_id);
  return [...byUnit]
    .map(([unitId, tally]) => ({
      unitId,
      unitName: tally[0]!.unit_name,
      ...hotlineRate(expand(tally)),
      // Only an answered call can be slow to answer (a time stored on another, before the contract refused it, is not counted).
      slow: tally.reduce((n, r) => n + (r.outcome && isConnected(r.outcome) ? r.slow : 0), 0),
    }))
    .sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101) || a.unitName.localeCompare(b.unitName));
}

export function roundView(round: RoundRow, rows: readonly CallTally[]): RoundView {
  const outcomes = expand(rows);
  return {
    id: round.id,
    name: round.name,
    level: round.level as CheckLevel,
    from: round.fromDate,
    to: round.toDate,
    status: round.status as RoundStatus,
    calls: outcomes.length,
    recorded: outcomes.filter((o) => o !== null).length,
    rate: hotlineRate(outcomes).rate,
    createdAt: round.createdAt.toISOString(),
  };
}

export async function listRounds(qctx: QueryContext, query: z.infer<typeof roundListQuerySchema>): Promise<Paged<RoundView>> {
  const where = query.level ? eq(hotlineRounds.level, query.level) : undefined;
  const [total] = await qctx.db.select({ n: count() }).from(hotlineRounds).where(where);
  const rounds = await qctx.db
    .select()
    .from(hotlineRounds)
    .where(where)
    .orderBy(desc(hotlineRounds.fromDate), desc(hotlineRounds.createdAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const byRound = groupBy(
    await tallies(
      qctx,
      rounds.map((r) => r.id),
    ),
    (t) => t.round_id,
  );
  return { total: total?.n ?? 0, rows: rounds.map((r) => roundView(r, byRound.get(r.id) ?? [])) };
}

export async function getRound(qctx: QueryContext, roundId: string): Promise<RoundDetailView> {
  const [round] = await qctx.db.select().from(hotlineRounds).where(eq(hotlineRounds.id, roundId));
  if (!round) throw notFound("抽查轮次");
  const rows = await tallies(qctx, [roundId]);
  const checkers = await qctx.db
    .select({
      userId: hotlineCalls.checkerId,
      name: users.displayName,
      calls: count(),
      recorded: sql<number>`count(${hotlineCalls.outcome})::int`,
    })
    .from(hotlineCalls)
    .innerJoin(users, eq(users.id, hotlineCalls.checkerId))
    .where(and(eq(hotlineCalls.roundId, roundId), visibleCallsWhere(qctx.principal)))
    .groupBy(hotlineCalls.checkerId, users.displayName)
    .orderBy(asc(users.displayName));
  return { ...roundView(round, rows), checkers, units: unitResults(rows) };
}

/** The rounds of a period (their first day within from–to), optionally of one level, with each visible unit's results. */
export async function roundsOfPeriod(qctx: QueryContext, period: { from: string; to: string; level?: CheckLevel }) {
  const rounds = await qctx.db
    .select()
    .from(hotlineRounds)
    .where(
      and(
        sql`${hotlineRounds.fromDate} between ${period.from} and ${period.to}`,
        period.level ? eq(hotlineRounds.level, period.level) : undefined,
      ),
    )
    .orderBy(asc(hotlineRounds.fromDate), asc(hotlineRounds.createdAt));
  const byRound = groupBy(
    await tallies(
      qctx,
      rounds.map((r) => r.id),
    ),
    (t) => t.round_id,
  );
  return rounds.map((r) => ({ round: r, tallies: byRound.get(r.id) ?? [] }));
}
