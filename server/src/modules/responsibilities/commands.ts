import {
  CAMPAIGN_STATUS_LABELS,
  type CampaignStatus,
  type Framework,
  type Indicator,
  isMilestoneOverdue,
  type ReminderResult,
  type ResponsibilityStatus,
  type reminderSchema,
  type responsibilityProgressSchema,
} from "@kaoping/core";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { z } from "zod";
import { isUnitInScope } from "../../platform/access/scope.ts";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaignUnits, responsibilities, submissions, unitGroupMembers, unitGroups, units } from "../../platform/db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { assertCan, type CampaignAccess, loadCampaign } from "../campaigns/policy.ts";
import { notifyUnits } from "../notifications/commands.ts";
import { auditResponsibility, type ResponsibilityRow } from "./presenter.ts";

/**
 * 责任分解: one row per indicator × responsible unit (lead or co), with the
 * indicator's milestone and due date, made when the campaign opens. Codes in
 * `responsible` name units or groups (a group stands for its members);
 * codes that name neither stay in the indicator's text only.
 */
export async function createResponsibilities(options: { ctx: CommandContext; campaignId: string; framework: Framework }): Promise<number> {
  const { ctx, campaignId, framework } = options;
  const entries: { indicator: Indicator; code: string; role: "lead" | "co" }[] = [];
  const visit = (list: Indicator[]) => {
    for (const indicator of list) {
      for (const code of indicator.responsible?.lead ?? []) entries.push({ indicator, code, role: "lead" });
      for (const code of indicator.responsible?.co ?? []) entries.push({ indicator, code, role: "co" });
      visit(indicator.children ?? []);
    }
  };
  visit(framework.indicators);
  if (!entries.length) return 0;
  const codes = [...new Set(entries.map((e) => e.code))];
  const unitRows = await ctx.tx.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes));
  const groupRows = await ctx.tx
    .select({ code: unitGroups.code, unitId: unitGroupMembers.unitId })
    .from(unitGroups)
    .innerJoin(unitGroupMembers, eq(unitGroupMembers.groupId, unitGroups.id))
    .where(inArray(unitGroups.code, codes));
  const unitsOf = new Map<string, string[]>();
  for (const u of unitRows) unitsOf.set(u.code, [u.id]);
  for (const g of groupRows) unitsOf.set(g.code, [...(unitsOf.get(g.code) ?? []), g.unitId]);
  const rows = new Map<string, typeof responsibilities.$inferInsert>();
  for (const { indicator, code, role } of entries) {
    for (const unitId of unitsOf.get(code) ?? []) {
      const key = `${indicator.code}|${unitId}`;
      // A unit named both lead and co is lead.
      if (rows.has(key) && role === "co") continue;
      rows.set(key, {
        campaignId,
        indicatorCode: indicator.code,
        unitId,
        role,
        milestone: indicator.milestone ?? null,
        dueDate: indicator.dueDate ?? null,
      });
    }
  }
  if (rows.size)
    await ctx.tx
      .insert(responsibilities)
      .values([...rows.values()])
      .onConflictDoNothing();
  await ctx.audit({
    action: "responsibility.create",
    businessType: "create",
    entityType: "campaign",
    entityId: campaignId,
    after: { responsibilities: rows.size },
  });
  return rows.size;
}

/** Progress and its evidence are reported while the campaign runs, not before it opens nor once its result is out. */
export function assertProgressOpen(access: CampaignAccess, action: string): void {
  const status = access.campaign.status as CampaignStatus;
  if (status === "draft" || status === "published" || status === "archived") {
    throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[status]}”阶段，不能${action}`);
  }
}

/**
 * A responsible unit need not be an assessed one (the office may lead an
 * indicator), so its visibility is judged on the live unit, as elsewhere by scope.
 */
async function assertUnitVisible(db: Db | Tx, access: CampaignAccess, unitId: string): Promise<void> {
  if (access.can.allUnits) return;
  const [unit] = await db.select({ id: units.id, path: units.path, createdBy: units.createdBy }).from(units).where(eq(units.id, unitId));
  if (!unit || !isUnitInScope(access.principal.scope, unit, access.principal.id ?? "")) throw notFound("责任分解");
}

/** A responsibility of the campaign whose unit the caller may see, locked for the change (404 otherwise). */
export async function loadResponsibility(ctx: CommandContext, access: CampaignAccess, id: string): Promise<ResponsibilityRow> {
  const [row] = await ctx.tx
    .select()
    .from(responsibilities)
    .where(and(eq(responsibilities.id, id), eq(responsibilities.campaignId, access.campaign.id)))
    .for("update");
  if (!row) throw notFound("责任分解");
  await assertUnitVisible(ctx.tx, access, row.unitId);
  return row;
}

/** A responsible unit reports its progress on a milestone; a save on an older version is refused as stale. */
export async function updateResponsibilityProgress(options: {
  ctx: CommandContext;
  campaignId: string;
  responsibilityId: string;
  input: z.infer<typeof responsibilityProgressSchema>;
}): Promise<ResponsibilityRow> {
  const { ctx, input } = options;
  const access = await loadCampaign(ctx.tx, ctx.principal, options.campaignId);
  const before = await loadResponsibility(ctx, access, options.responsibilityId);
  if (!access.can.submit) throw forbidden("无权填报责任分解进度");
  assertProgressOpen(access, "填报责任分解进度");
  if (before.version !== input.version) {
    throw conflict(
      `指标 ${before.indicatorCode} 的责任分解进度已被他人修改（当前版本 ${before.version}，您编辑的是 ${input.version}），请刷新后再保存`,
      [{ path: ["body", "version"], message: "版本已过期" }],
    );
  }
  const [row] = await ctx.tx
    .update(responsibilities)
    .set({ status: input.status, note: input.note, version: before.version + 1, updatedBy: ctx.principal.id, updatedAt: new Date() })
    .where(and(eq(responsibilities.id, before.id), eq(responsibilities.version, input.version)))
    .returning();
  const [unit] = await ctx.tx.select({ code: units.code }).from(units).where(eq(units.id, before.unitId));
  await ctx.audit({
    action: "responsibility.progress",
    businessType: "update",
    entityType: "responsibility",
    entityId: before.id,
    before: auditResponsibility(before, unit?.code ?? ""),
    after: auditResponsibility(row!, unit?.code ?? ""),
  });
  return row!;
}

/** Units with a milestone past its due day and not done. */
async function overdueUnitIds(ctx: CommandContext, campaignId: string, now: number): Promise<Set<string>> {
  const rows = await ctx.tx
    .select({ unitId: responsibilities.unitId, dueDate: responsibilities.dueDate, status: responsibilities.status })
    .from(responsibilities)
    .where(and(eq(responsibilities.campaignId, campaignId), ne(responsibilities.status, "done")));
  return new Set(rows.filter((r) => isMilestoneOverdue(r.dueDate, r.status as ResponsibilityStatus, now)).map((r) => r.unitId));
}

/** The units a reminder goes to: those named, narrowed to overdue ones when asked; by default every unit whose report is not confirmed. */
async function reminderTargets(ctx: CommandContext, campaignId: string, input: z.infer<typeof reminderSchema>): Promise<string[]> {
  if (input.unitIds) {
    const rows = await ctx.tx
      .select({ unitId: campaignUnits.unitId })
      .from(campaignUnits)
      .where(and(eq(campaignUnits.campaignId, campaignId), inArray(campaignUnits.unitId, input.unitIds)));
    const known = new Set(rows.map((r) => r.unitId));
    const details = input.unitIds.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: ["body", "unitIds", i], message: "该单位不是本考核的参评单位" }],
    );
    if (details.length) throw new AppError("VALIDATION", "催办单位有误：不是本考核的参评单位", details);
  }
  if (input.overdueOnly) {
    const overdue = await overdueUnitIds(ctx, campaignId, Date.now());
    return input.unitIds ? [...new Set(input.unitIds)].filter((id) => overdue.has(id)) : [...overdue];
  }
  if (input.unitIds) return [...new Set(input.unitIds)];
  const open = await ctx.tx
    .select({ unitId: submissions.unitId })
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaignId), ne(submissions.status, "confirmed")));
  return open.map((r) => r.unitId);
}

/** 催办: an in-app notification to every active user of the chosen units, each linked to their unit's page. */
export async function sendReminders(options: {
  ctx: CommandContext;
  campaignId: string;
  input: z.infer<typeof reminderSchema>;
}): Promise<ReminderResult> {
  const { ctx, campaignId, input } = options;
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId);
  assertCan(access, "manage", "无权催办");
  const status = access.campaign.status as CampaignStatus;
  if (status === "draft" || status === "archived") throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[status]}”阶段，不能催办`);
  const unitIds = await reminderTargets(ctx, campaignId, input);
  let recipients = 0;
  for (const unitId of unitIds) {
    recipients += await notifyUnits({
      ctx,
      unitIds: [unitId],
      notification: {
        campaignId,
        kind: "reminder",
        title: `“${access.campaign.name}”催办通知`,
        body: input.message,
        link: `/assess/campaigns/${campaignId}/units/${unitId}`,
      },
    });
  }
  const codes = unitIds.length
    ? (await ctx.tx.select({ code: units.code }).from(units).where(inArray(units.id, unitIds))).map((u) => u.code)
    : [];
  await ctx.audit({
    action: "campaign.remind",
    businessType: "remind",
    entityType: "campaign",
    entityId: campaignId,
    after: { units: codes, recipients, overdueOnly: input.overdueOnly ?? false },
    reason: input.message,
  });
  return { units: unitIds.length, recipients };
}
