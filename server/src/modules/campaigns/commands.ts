import {
  appealOpeningWarning,
  CAMPAIGN_STATUS_LABELS,
  type CampaignCreate,
  type CampaignStatus,
  type campaignUpdateSchema,
  canTransition,
  type Framework,
  type Phases,
} from "@kaoping/core";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "../../platform/db/client.ts";
import { campaignReviewers, campaigns, campaignUnits, findings, frameworks, submissions, units, users } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { createResponsibilities } from "../responsibilities/commands.ts";
import { type CampaignRow, loadCampaign } from "./policy.ts";
import { auditCampaign } from "./presenter.ts";

type UnitInput = CampaignCreate["units"][number];

async function loadPublishedFramework(tx: Tx, id: string) {
  const [row] = await tx.select().from(frameworks).where(eq(frameworks.id, id));
  if (!row) throw new AppError("VALIDATION", "指标体系不存在", [{ path: ["body", "frameworkId"], message: "指标体系不存在" }]);
  if (row.status !== "published") {
    throw new AppError("VALIDATION", `指标体系 ${row.name} v${row.version} 尚未发布，只能用已发布的版本创建考核`, [
      { path: ["body", "frameworkId"], message: "指标体系未发布" },
    ]);
  }
  return row;
}

/** Checks the units exist, appear once and carry categories the framework knows. */
async function checkUnits(tx: Tx, framework: Framework, input: UnitInput[]) {
  const details: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  input.forEach((u, i) => {
    if (seen.has(u.unitId)) details.push({ path: ["body", "units", i, "unitId"], message: "单位重复" });
    seen.add(u.unitId);
  });
  const rows = await tx
    .select()
    .from(units)
    .where(inArray(units.id, [...seen]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const categories = framework.categories?.map((c) => c.code);
  input.forEach((u, i) => {
    if (!byId.has(u.unitId)) details.push({ path: ["body", "units", i, "unitId"], message: "单位不存在" });
    if (u.category && categories && !categories.includes(u.category)) {
      details.push({
        path: ["body", "units", i, "category"],
        message: `类别 ${u.category} 不在指标体系的类别（${categories.join("、")}）中`,
      });
    }
  });
  if (details.length) throw new AppError("VALIDATION", "参评单位有误", details);
  return byId;
}

/** Copies the units as they are now into the campaign: later renames and moves do not reach it. */
async function freezeUnits(tx: Tx, campaignId: string, framework: Framework, input: UnitInput[]): Promise<void> {
  const byId = await checkUnits(tx, framework, input);
  const parentIds = [...new Set([...byId.values()].map((u) => u.parentId).filter((id): id is string => !!id))];
  const parents = parentIds.length
    ? await tx.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, parentIds))
    : [];
  const parentName = new Map(parents.map((p) => [p.id, p.name]));
  // The office's choice of indicators (相关任务) stays with a unit that stays: refreezing is about names, not choices.
  const chosen = new Map(
    (
      await tx
        .select({ unitId: campaignUnits.unitId, indicatorCodes: campaignUnits.indicatorCodes })
        .from(campaignUnits)
        .where(eq(campaignUnits.campaignId, campaignId))
    ).map((u) => [u.unitId, u.indicatorCodes]),
  );
  await tx.delete(campaignUnits).where(eq(campaignUnits.campaignId, campaignId));
  await tx.insert(campaignUnits).values(
    input.map((u, i) => {
      const unit = byId.get(u.unitId)!;
      return {
        campaignId,
        unitId: unit.id,
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName,
        parentName: unit.parentId ? (parentName.get(unit.parentId) ?? null) : null,
        path: unit.path,
        category: u.category ?? null,
        isReference: u.isReference ?? unit.isReference,
        indicatorCodes: chosen.get(unit.id) ?? null,
        sortOrder: i,
      };
    }),
  );
}

async function setReviewers(tx: Tx, campaignId: string, reviewerIds: string[]): Promise<void> {
  const ids = [...new Set(reviewerIds)];
  if (ids.length) {
    const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, ids));
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) {
      throw new AppError("VALIDATION", "评审人员不存在", [{ path: ["body", "reviewerIds"], message: `用户不存在：${missing.join(", ")}` }]);
    }
  }
  await tx.delete(campaignReviewers).where(eq(campaignReviewers.campaignId, campaignId));
  if (ids.length) await tx.insert(campaignReviewers).values(ids.map((userId) => ({ campaignId, userId })));
}

/** A campaign in draft from a published framework version. */
export async function createCampaign(options: { ctx: CommandContext; input: CampaignCreate }): Promise<CampaignRow> {
  const { ctx, input } = options;
  const framework = await loadPublishedFramework(ctx.tx, input.frameworkId);
  const definition = framework.definition as Framework;
  const [row] = await ctx.tx
    .insert(campaigns)
    .values({
      name: input.name,
      year: input.year,
      issuer: input.issuer ?? null,
      frameworkId: framework.id,
      frameworkCode: framework.code,
      frameworkVersion: framework.version,
      definition,
      phases: input.phases,
      createdBy: ctx.principal.id,
    })
    .returning();
  await freezeUnits(ctx.tx, row!.id, definition, input.units);
  await setReviewers(ctx.tx, row!.id, input.reviewerIds);
  await ctx.audit({
    action: "campaign.create",
    businessType: "create",
    entityType: "campaign",
    entityId: row!.id,
    after: { ...auditCampaign(row!), units: input.units.length, reviewers: input.reviewerIds.length },
  });
  return row!;
}

async function lockForChange(ctx: CommandContext, id: string, version?: number): Promise<CampaignRow> {
  const { campaign } = await loadCampaign(ctx.tx, ctx.principal, id, { forUpdate: true });
  if (version !== undefined && campaign.version !== version) {
    throw conflict(`考核“${campaign.name}”已被他人修改（当前版本 ${campaign.version}，您编辑的是 ${version}），请刷新后重试`);
  }
  return campaign;
}

async function bump(ctx: CommandContext, id: string, values: Partial<typeof campaigns.$inferInsert>): Promise<CampaignRow> {
  const [row] = await ctx.tx
    .update(campaigns)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(campaigns.id, id))
    .returning();
  return row!;
}

/** Edits a campaign; once it has opened, only its phases and reviewers may change. */
export async function updateCampaign(options: {
  ctx: CommandContext;
  id: string;
  input: z.infer<typeof campaignUpdateSchema>;
}): Promise<CampaignRow> {
  const { ctx, input } = options;
  const before = await lockForChange(ctx, options.id, input.version);
  const frozen = before.status !== "draft";
  if (frozen && (input.units || input.name !== undefined || input.year !== undefined || input.issuer !== undefined)) {
    throw conflict("考核已开始，名称、年度与参评单位已冻结；只能调整阶段日期与评审人员");
  }
  if (input.units) await freezeUnits(ctx.tx, before.id, before.definition as Framework, input.units);
  if (input.reviewerIds) await setReviewers(ctx.tx, before.id, input.reviewerIds);
  const after = await bump(ctx, before.id, {
    name: input.name ?? before.name,
    year: input.year ?? before.year,
    issuer: input.issuer === undefined ? before.issuer : input.issuer,
    phases: input.phases ?? before.phases,
    version: before.version + 1,
  });
  await ctx.audit({
    action: "campaign.update",
    businessType: "update",
    entityType: "campaign",
    entityId: after.id,
    before: auditCampaign(before),
    after: {
      ...auditCampaign(after),
      ...(input.units ? { units: input.units.length } : {}),
      ...(input.reviewerIds ? { reviewers: input.reviewerIds.length } : {}),
    },
  });
  return after;
}

export async function deleteCampaign(options: { ctx: CommandContext; id: string }): Promise<void> {
  const before = await lockForChange(options.ctx, options.id);
  if (before.status !== "draft") throw conflict("只能删除草稿状态的考核；已开始的考核请归档");
  await options.ctx.tx.delete(campaigns).where(eq(campaigns.id, before.id));
  await options.ctx.audit({
    action: "campaign.delete",
    businessType: "delete",
    entityType: "campaign",
    entityId: before.id,
    before: auditCampaign(before),
  });
}

/** Opening freezes the framework version and the units as they are now, and opens each unit's submission. */
async function openCampaign(ctx: CommandContext, campaign: CampaignRow): Promise<Partial<typeof campaigns.$inferInsert>> {
  const framework = await loadPublishedFramework(ctx.tx, campaign.frameworkId);
  const definition = framework.definition as Framework;
  const current = await ctx.tx
    .select()
    .from(campaignUnits)
    .where(eq(campaignUnits.campaignId, campaign.id))
    .orderBy(campaignUnits.sortOrder);
  await freezeUnits(
    ctx.tx,
    campaign.id,
    definition,
    current.map((u) => ({ unitId: u.unitId, category: u.category, isReference: u.isReference })),
  );
  await ctx.tx
    .insert(submissions)
    .values(current.map((u) => ({ campaignId: campaign.id, unitId: u.unitId })))
    .onConflictDoNothing();
  await createResponsibilities({ ctx, campaignId: campaign.id, framework: definition });
  return { definition, openedAt: new Date() };
}

/** What a move needs besides the status machine: a reason to reopen; confirmed findings and, outside the appeal dates, an acknowledgement to open appeals. */
async function guardTransition(ctx: CommandContext, campaign: CampaignRow, move: { to: CampaignStatus } & TransitionOptions) {
  if (campaign.status === "reviewing" && move.to === "reporting" && !move.reason) {
    throw new AppError("VALIDATION", "重新开放填报须填写原因", [{ path: ["body", "reason"], message: "必填" }]);
  }
  if (move.to !== "appeal") return null;
  await assertNoDraftFindings(ctx, campaign.id, "进入申诉期");
  const warning = appealOpeningWarning(campaign.phases as Phases, Date.now());
  if (warning && !move.confirmOutsideWindow) {
    throw new AppError("CONFIRMATION_REQUIRED", warning, [{ path: ["body", "confirmOutsideWindow"], message: warning }]);
  }
  return warning;
}

/** Draft findings must be confirmed or withdrawn before the appeal phase and before publication. */
export async function assertNoDraftFindings(ctx: CommandContext, campaignId: string, step: string): Promise<void> {
  const drafts = await ctx.tx
    .select({ id: findings.id })
    .from(findings)
    .where(and(eq(findings.campaignId, campaignId), eq(findings.status, "draft")));
  if (drafts.length) throw conflict(`还有 ${drafts.length} 条问题处于草稿状态，请确认或作废后再${step}`);
}

interface TransitionOptions {
  /** Required to reopen reporting. */
  reason?: string;
  /** Acknowledges opening the appeal phase outside its dates (appealOpeningWarning). */
  confirmOutsideWindow?: boolean;
}

/** Moves a campaign along its status machine (publication: see publishCampaign). */
export async function transitionCampaign(
  options: { ctx: CommandContext; id: string; to: CampaignStatus } & TransitionOptions,
): Promise<CampaignRow> {
  const { ctx, to, reason } = options;
  const before = await lockForChange(ctx, options.id);
  const from = before.status as CampaignStatus;
  if (to === "published" || to === "draft" || !canTransition(from, to)) {
    throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[from]}”阶段，不能转到“${CAMPAIGN_STATUS_LABELS[to]}”`);
  }
  const warning = await guardTransition(ctx, before, options);
  const extra = from === "draft" ? await openCampaign(ctx, before) : {};
  const after = await bump(ctx, before.id, { ...extra, status: to, version: before.version + 1 });
  await ctx.audit({
    action: `campaign.${to}`,
    businessType: "update",
    entityType: "campaign",
    entityId: after.id,
    before: { status: from },
    // An acknowledged warning stays with the move it allowed.
    after: warning ? { status: to, acknowledged: warning } : { status: to },
    reason: reason ?? null,
  });
  return after;
}

/** Sets the status as publication does (used by publishCampaign in the same transaction). */
export function markPublished(ctx: CommandContext, campaign: CampaignRow): Promise<CampaignRow> {
  return bump(ctx, campaign.id, { status: "published", version: campaign.version + 1 });
}

export { lockForChange };
