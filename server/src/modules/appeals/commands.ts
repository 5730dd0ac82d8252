import { APPEAL_STATUS_LABELS, type AppealStatus } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import { appeals, findings } from "../../platform/db/schema.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { assertCan, loadCampaign, loadCampaignUnit } from "../campaigns/policy.ts";
import { notifyUnits } from "../notifications/commands.ts";
import { appealStatusesOf, refusalFor } from "./policy.ts";

export type AppealRow = typeof appeals.$inferSelect;

/**
 * 申诉: a unit contests a confirmed finding against it, within the appeal
 * window, one open appeal per finding (and none again once one was upheld):
 * core's appealRefusal, the rule every view's `canAppeal` shows.
 */
export async function createAppeal(options: {
  ctx: CommandContext;
  campaignId: string;
  findingId: string;
  reason: string;
}): Promise<AppealRow> {
  const { ctx, campaignId, reason } = options;
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId);
  assertCan(access, "appeal", "无权提出申诉");
  // Locked so two appeals on one finding cannot both pass the checks below.
  const [finding] = await ctx.tx
    .select()
    .from(findings)
    .where(and(eq(findings.id, options.findingId), eq(findings.campaignId, campaignId)))
    .for("update");
  // A draft is the reviewers' work in progress: to a unit it does not exist yet.
  if (!finding || (finding.status === "draft" && !access.can.review)) throw notFound("问题");
  const unit = await loadCampaignUnit(ctx.tx, access, finding.unitId);
  const earlier = await appealStatusesOf(ctx.tx, [finding.id]);
  const refusal = refusalFor(access.campaign, finding, earlier.get(finding.id) ?? []);
  if (refusal) throw conflict(refusal);
  const [row] = await ctx.tx
    .insert(appeals)
    .values({ campaignId, findingId: finding.id, unitId: finding.unitId, reason, createdBy: ctx.principal.id })
    .returning();
  await ctx.audit({
    action: "appeal.create",
    businessType: "appeal",
    entityType: "appeal",
    entityId: row!.id,
    after: { findingId: finding.id, unitCode: unit.code, indicatorCode: finding.indicatorCode, ruleId: finding.ruleId, reason },
  });
  return row!;
}

/**
 * 裁定: upheld keeps the finding; overturned sets it "overturned", so it no
 * longer counts and the live score follows. The unit is notified either way.
 */
export async function decideAppeal(options: {
  ctx: CommandContext;
  campaignId: string;
  appealId: string;
  decision: Exclude<AppealStatus, "pending">;
  reason: string;
}): Promise<AppealRow> {
  const { ctx, campaignId, decision, reason } = options;
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId);
  assertCan(access, "review", "无权处理申诉");
  const [before] = await ctx.tx
    .select()
    .from(appeals)
    .where(and(eq(appeals.id, options.appealId), eq(appeals.campaignId, campaignId)))
    .for("update");
  if (!before) throw notFound("申诉");
  if (before.status !== "pending") throw conflict(`该申诉已裁定为“${APPEAL_STATUS_LABELS[before.status as AppealStatus]}”，不能重复裁定`);
  const now = new Date();
  const [after] = await ctx.tx
    .update(appeals)
    .set({ status: decision, decidedBy: ctx.principal.id, decidedAt: now, decisionReason: reason, updatedAt: now })
    .where(eq(appeals.id, before.id))
    .returning();
  if (decision === "overturned") await overturnFinding(ctx, before, reason);
  await ctx.audit({
    action: "appeal.decide",
    businessType: "decide",
    entityType: "appeal",
    entityId: before.id,
    before: { status: before.status },
    after: { status: decision, findingId: before.findingId },
    reason,
  });
  await notifyUnits({
    ctx,
    unitIds: [before.unitId],
    notification: {
      campaignId,
      kind: "appeal_decided",
      title: `“${access.campaign.name}”申诉已裁定：${APPEAL_STATUS_LABELS[decision]}`,
      body: reason,
      link: `/assess/campaigns/${campaignId}?tab=appeals`,
    },
  });
  return after!;
}

async function overturnFinding(ctx: CommandContext, appeal: AppealRow, reason: string): Promise<void> {
  const [finding] = await ctx.tx.select().from(findings).where(eq(findings.id, appeal.findingId)).for("update");
  await ctx.tx
    .update(findings)
    .set({ status: "overturned", version: finding!.version + 1, updatedAt: new Date() })
    .where(eq(findings.id, appeal.findingId));
  await ctx.audit({
    action: "finding.overturn",
    businessType: "decide",
    entityType: "finding",
    entityId: appeal.findingId,
    before: { status: finding!.status },
    after: { status: "overturned", appealId: appeal.id },
    reason,
  });
}
