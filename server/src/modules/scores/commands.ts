import { CAMPAIGN_STATUS_LABELS, type CampaignStatus, provisionalItems, provisionalLine } from "@kaoping/core";
import { and, desc, eq } from "drizzle-orm";
import { appeals, campaignUnits, publications } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { assertNoDraftFindings, lockForChange, markPublished } from "../campaigns/commands.ts";
import { notifyUnits } from "../notifications/commands.ts";
import { type PublishedResult, publishedFindings } from "./publication.ts";
import { computeCampaignScores } from "./scoring.ts";

/**
 * Freezes the current result as the next publication version. The first
 * closes the appeal phase; later ones are corrections and need a reason.
 * Nothing is overwritten: each version is its own row.
 */
export async function publishCampaign(options: { ctx: CommandContext; id: string; reason?: string; confirmPending?: boolean }) {
  const { ctx, reason } = options;
  const campaign = await lockForChange(ctx, options.id);
  const status = campaign.status as CampaignStatus;
  if (status !== "appeal" && status !== "published") {
    throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[status]}”阶段，须在申诉期结束后发布成绩`);
  }
  if (status === "published" && !reason) {
    throw new AppError("VALIDATION", "更正发布须填写更正原因", [{ path: ["body", "reason"], message: "必填" }]);
  }
  const [pending] = await ctx.tx
    .select({ id: appeals.id })
    .from(appeals)
    .where(and(eq(appeals.campaignId, campaign.id), eq(appeals.status, "pending")))
    .limit(1);
  if (pending) throw conflict("还有未处理的申诉，处理完毕后才能发布成绩");
  await assertNoDraftFindings(ctx, campaign.id, "发布");

  const scores = await computeCampaignScores(ctx.tx, campaign);
  const provisional = provisionalItems(scores.result);
  // A 暂定 result is published only when the office says so, having seen what is missing.
  if (provisional.length && !options.confirmPending) {
    throw conflict(
      `成绩为暂定：尚有 ${provisional.length} 项人工评分未录入或数据缺失，确认后方可发布`,
      provisional.map((item) => ({ path: ["body", "confirmPending"], message: provisionalLine(item) })),
    );
  }
  const [latest] = await ctx.tx
    .select({ version: publications.version })
    .from(publications)
    .where(eq(publications.campaignId, campaign.id))
    .orderBy(desc(publications.version))
    .limit(1);
  const version = (latest?.version ?? 0) + 1;
  const result: PublishedResult = { ...scores, findings: await publishedFindings(ctx.tx, campaign.id) };
  const [row] = await ctx.tx
    .insert(publications)
    .values({ campaignId: campaign.id, version, result, reason: reason ?? null, publishedBy: ctx.principal.id })
    .returning();
  await markPublished(ctx, campaign);
  await ctx.audit({
    action: "campaign.publish",
    businessType: "publish",
    entityType: "campaign",
    entityId: campaign.id,
    before: { status, version: latest?.version ?? null },
    after: {
      status: "published",
      version,
      provisional: provisional.map(provisionalLine),
      ranking: scores.result.units.map((u) => ({ unit: u.unitCode, total: u.total, rank: u.rank, stars: u.stars })),
    },
    reason: reason ?? null,
  });
  const unitIds = (
    await ctx.tx.select({ id: campaignUnits.unitId }).from(campaignUnits).where(eq(campaignUnits.campaignId, campaign.id))
  ).map((u) => u.id);
  await notifyUnits({
    ctx,
    unitIds,
    notification: {
      campaignId: campaign.id,
      kind: "published",
      title: `“${campaign.name}”成绩已发布（第 ${version} 版）`,
      body: reason ?? "",
      link: `/assess/campaigns/${campaign.id}?tab=scores`,
    },
  });
  return row!;
}
