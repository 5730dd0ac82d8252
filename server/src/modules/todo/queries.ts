import {
  appealWindow,
  type CampaignStatus,
  endOfDay,
  indicatorIndex,
  isMilestoneOverdue,
  PERMISSIONS,
  type Phases,
  type ResponsibilityStatus,
  type TodoItem,
  type TodoList,
} from "@kaoping/core";
import { and, count, eq, inArray, ne, notExists, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { scopeParams, scopeWhereParams } from "../../platform/access/scope.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import { compiled } from "../../platform/db/compiled.ts";
import { appeals, campaigns, campaignUnits, findings, responsibilities, submissions, units } from "../../platform/db/schema.ts";
import type { QueryContext } from "../../platform/http/command.ts";
import { type CampaignSummaryRow, campaignColumns, campaignDefinitions } from "../campaigns/definitions.ts";
import { visibleCampaignsWhere } from "../campaigns/policy.ts";
import { hotlineTodoItems } from "../hotline/todo.ts";
import { unreadCount } from "../notifications/queries.ts";
import { ratingTodoItems } from "../ratings/todo.ts";
import { supervisionTodoItems } from "../supervision/todo.ts";

/**
 * 待办: what the caller's own unit(s) have to do in running campaigns. Which
 * kinds apply follows the caller's permissions: a liaison fills reports and
 * milestones, a leader confirms, either may appeal.
 */

const RUNNING: CampaignStatus[] = ["reporting", "reviewing", "appeal"];

/**
 * The values of the item queries' placeholders: the caller's own units — their data scope, or for an
 * all-scope user their own unit only (the office is not everyone's liaison) — and the campaigns' ids.
 */
function itemParams(principal: Principal, byId: Map<string, Pick<CampaignSummaryRow, "id">>) {
  const own = principal.scope.all
    ? { scopeUnitIds: principal.unitId ? [principal.unitId] : [], scopePaths: [], scopeSelf: null }
    : scopeParams(principal.scope, principal.id);
  return { ...own, campaignIds: [...byId.keys()] };
}

const inCampaigns = (column: PgColumn) => sql`${column} = any(${sql.placeholder("campaignIds")}::uuid[])`;

const openReports = compiled((db) =>
  db
    .select({ submission: submissions, unitName: campaignUnits.name })
    .from(submissions)
    .innerJoin(campaignUnits, and(eq(campaignUnits.campaignId, submissions.campaignId), eq(campaignUnits.unitId, submissions.unitId)))
    .where(and(inCampaigns(submissions.campaignId), scopeWhereParams({ unitId: submissions.unitId }), ne(submissions.status, "confirmed"))),
);

const openMilestones = compiled((db) =>
  db
    .select({ row: responsibilities, unitName: units.name })
    .from(responsibilities)
    .innerJoin(units, eq(units.id, responsibilities.unitId))
    .where(
      and(
        inCampaigns(responsibilities.campaignId),
        scopeWhereParams({ unitId: responsibilities.unitId }),
        ne(responsibilities.status, "done"),
      ),
    ),
);

const campaignLink = (campaignId: string, unitId: string) => `/assess/campaigns/${campaignId}/units/${unitId}`;

interface Context {
  ctx: QueryContext;
  byId: Map<string, CampaignSummaryRow>;
  now: number;
}

/** Reports to fill (open or returned) and to confirm (submitted), while the campaign takes them. */
async function reportItems({ ctx, byId, now }: Context, kinds: { report: boolean; confirm: boolean }): Promise<TodoItem[]> {
  const rows = await openReports(ctx.db, itemParams(ctx.principal, byId));
  return rows.flatMap(({ submission, unitName }): TodoItem[] => {
    const campaign = byId.get(submission.campaignId)!;
    // Reports are written while reporting; a report returned during review may still be corrected.
    const open = campaign.status === "reporting" || (campaign.status === "reviewing" && submission.returnReason !== null);
    if (!open) return [];
    const due = campaign.status === "reporting" ? (campaign.phases as Phases).reportingCloses : null;
    const base = {
      campaignId: campaign.id,
      campaignName: campaign.name,
      unitId: submission.unitId,
      unitName,
      due,
      overdue: !!due && now >= endOfDay(due),
      link: campaignLink(campaign.id, submission.unitId),
    };
    if (kinds.report && submission.status === "returned") {
      return [{ ...base, kind: "report", title: "自查报告被退回补正，请修改后重新提交", detail: submission.returnReason }];
    }
    if (kinds.report && submission.status === "open") return [{ ...base, kind: "report", title: "填写并提交自查报告", detail: null }];
    if (kinds.confirm && submission.status === "submitted")
      return [{ ...base, kind: "confirm", title: "确认自查报告（加盖公章）", detail: null }];
    return [];
  });
}

/** Milestones of the caller's units not yet done (责任分解), overdue ones flagged. */
async function milestoneItems({ ctx, byId, now }: Context): Promise<TodoItem[]> {
  const rows = await openMilestones(ctx.db, itemParams(ctx.principal, byId));
  const ids = new Set(rows.map((r) => r.row.campaignId));
  const definitions = await campaignDefinitions(
    ctx.db,
    [...byId.values()].filter((c) => ids.has(c.id)),
  );
  return rows.map(({ row, unitName }) => {
    const campaign = byId.get(row.campaignId)!;
    const definition = definitions.get(row.campaignId);
    const indicator = definition && indicatorIndex(definition).get(row.indicatorCode)?.indicator;
    return {
      kind: "milestone",
      campaignId: campaign.id,
      campaignName: campaign.name,
      unitId: row.unitId,
      unitName,
      title: `指标 ${row.indicatorCode}${indicator ? ` ${indicator.name}` : ""}：${row.milestone ?? "推进落实"}`,
      detail: row.note || null,
      due: row.dueDate,
      overdue: isMilestoneOverdue(row.dueDate, row.status as ResponsibilityStatus, now),
      link: `/assess/campaigns/${campaign.id}?tab=responsibilities`,
    };
  });
}

const appealableFindings = compiled((db) =>
  db
    .select({ campaignId: findings.campaignId, unitId: findings.unitId, unitName: campaignUnits.name, n: count() })
    .from(findings)
    .innerJoin(campaignUnits, and(eq(campaignUnits.campaignId, findings.campaignId), eq(campaignUnits.unitId, findings.unitId)))
    .where(
      and(
        inCampaigns(findings.campaignId),
        eq(findings.status, "confirmed"),
        scopeWhereParams({ unitId: findings.unitId }),
        notExists(db.select({ id: appeals.id }).from(appeals).where(eq(appeals.findingId, findings.id))),
      ),
    )
    .groupBy(findings.campaignId, findings.unitId, campaignUnits.name),
);

/** Confirmed findings not yet appealed, per unit, while the appeal window is open. */
async function appealItems({ ctx, byId, now }: Context): Promise<TodoItem[]> {
  const open = [...byId.values()].filter((c) => appealWindow(c.status as CampaignStatus, c.phases as Phases, now).open);
  if (!open.length) return [];
  const rows = await appealableFindings(ctx.db, itemParams(ctx.principal, new Map(open.map((c) => [c.id, c]))));
  return rows.map((r) => {
    const campaign = byId.get(r.campaignId)!;
    const due = (campaign.phases as Phases).appealCloses ?? null;
    return {
      kind: "appeal",
      campaignId: campaign.id,
      campaignName: campaign.name,
      unitId: r.unitId,
      unitName: r.unitName,
      title: `${r.n} 条已确认的问题可在申诉期内提出申诉`,
      detail: null,
      due,
      overdue: false,
      link: `/assess/campaigns/${campaign.id}?tab=findings`,
    };
  });
}

export async function getTodo(ctx: QueryContext, now = Date.now()): Promise<TodoList> {
  const principal = ctx.principal;
  const unreadNotifications = principal.id ? await unreadCount(ctx.db, principal.id) : 0;
  const has = (permission: string) => principal.permissions.has(permission as never);
  const kinds = { report: has(PERMISSIONS.reportSubmit), confirm: has(PERMISSIONS.reportConfirm), appeal: has(PERMISSIONS.appealSubmit) };
  const supervision = { reply: has(PERMISSIONS.orderReply), review: has(PERMISSIONS.orderManage) };
  const reviews = { handle: has(PERMISSIONS.reviewHandle), manage: has(PERMISSIONS.reviewManage) };
  const items = [
    ...(await campaignItems(ctx, kinds, now)),
    ...(await supervisionTodoItems(ctx, supervision, now)),
    ...(await ratingTodoItems(ctx, reviews, now)),
    ...(await hotlineTodoItems(ctx, has(PERMISSIONS.hotlineCall), now)),
  ];
  // Overdue first, then by due date; undated last.
  items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? "9999").localeCompare(b.due ?? "9999"));
  return { items, unreadNotifications };
}

/** The items of the running campaigns the caller sees. */
async function campaignItems(ctx: QueryContext, kinds: { report: boolean; confirm: boolean; appeal: boolean }, now: number) {
  if (!kinds.report && !kinds.confirm && !kinds.appeal) return [];
  // Without the frozen definitions: they are large, and only milestone titles need one (from the cache).
  const running = await ctx.db
    .select(campaignColumns)
    .from(campaigns)
    .where(and(inArray(campaigns.status, RUNNING), visibleCampaignsWhere(ctx.principal)));
  if (!running.length) return [];
  const context: Context = { ctx, byId: new Map(running.map((c) => [c.id, c])), now };
  return [
    ...(kinds.report || kinds.confirm ? await reportItems(context, kinds) : []),
    ...(kinds.report ? await milestoneItems(context) : []),
    ...(kinds.appeal ? await appealItems(context) : []),
  ];
}
