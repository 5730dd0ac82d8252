import { createHash } from "node:crypto";
import {
  appliesToCategory,
  CAMPAIGN_STATUS_LABELS,
  type CampaignStatus,
  indicatorIndex,
  SUBMISSION_STATUS_LABELS,
  type SubmissionStatus,
  type selfAssessmentSaveSchema,
  type UnfilledIndicator,
} from "@kaoping/core";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { compiled } from "../../platform/db/compiled.ts";
import { campaigns, campaignUnits, evidenceFiles, selfAssessments, submissions, units } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { campaignColumns } from "../campaigns/definitions.ts";
import {
  accessTo,
  type CampaignAccess,
  type CampaignUnitRow,
  campaignFramework,
  loadCampaign,
  loadCampaignUnit,
  reachColumn,
  reachParams,
  visibleUnit,
} from "../campaigns/policy.ts";
import { applicableLeaves } from "../campaigns/queries.ts";
import { notifyUnits } from "../notifications/commands.ts";
import { unfilledIndicators } from "./queries.ts";

export type SubmissionRow = typeof submissions.$inferSelect;

interface Target {
  access: CampaignAccess;
  unit: CampaignUnitRow;
  submission: SubmissionRow;
}

const submissionForUpdate = compiled((db) =>
  db
    .select()
    .from(submissions)
    .where(and(eq(submissions.campaignId, sql.placeholder("campaignId")), eq(submissions.unitId, sql.placeholder("unitId"))))
    .for("update"),
);

// The campaign (with its reach), the unit and its submission, the submission locked: one query for a unit's every write.
const submissionTarget = compiled((db) =>
  db
    .select({
      campaign: campaignColumns,
      reach: reachColumn.reach,
      unit: campaignUnits,
      livePath: units.path,
      createdBy: units.createdBy,
      submission: submissions,
    })
    .from(campaigns)
    .innerJoin(campaignUnits, and(eq(campaignUnits.campaignId, campaigns.id), eq(campaignUnits.unitId, sql.placeholder("unitId"))))
    .innerJoin(units, eq(units.id, campaignUnits.unitId))
    .innerJoin(submissions, and(eq(submissions.campaignId, campaigns.id), eq(submissions.unitId, campaignUnits.unitId)))
    .where(eq(campaigns.id, sql.placeholder("campaignId")))
    .for("update", { of: submissions }),
);

const selfAssessmentKey = and(
  eq(selfAssessments.campaignId, sql.placeholder("campaignId")),
  eq(selfAssessments.unitId, sql.placeholder("unitId")),
  eq(selfAssessments.indicatorCode, sql.placeholder("indicatorCode")),
);
export const selfAssessmentByKey = compiled((db) => db.select().from(selfAssessments).where(selfAssessmentKey));

/** Loads the campaign, the unit (if visible) and its submission, locked for the change. */
export async function loadSubmission(ctx: CommandContext, campaignId: string, unitId: string): Promise<Target> {
  const [row] = await submissionTarget(ctx.tx, { campaignId, unitId, ...reachParams(ctx.principal) });
  if (row) {
    const access = await accessTo(ctx.tx, ctx.principal, row.campaign, row.reach);
    return { access, unit: visibleUnit(access, row), submission: row.submission };
  }
  // Something is missing: asked again step by step, for the answer that names it.
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId);
  const unit = await loadCampaignUnit(ctx.tx, access, unitId);
  const [submission] = await submissionForUpdate(ctx.tx, { campaignId, unitId });
  if (!submission) throw conflict(`考核“${access.campaign.name}”尚未开始填报`);
  return { access, unit, submission };
}

/**
 * Reports are written while the campaign is reporting; a submission returned
 * for correction (退回补正) during review may still be corrected.
 */
function assertWritable(target: Target, action: string): void {
  const status = target.access.campaign.status as CampaignStatus;
  const returnedInReview = status === "reviewing" && target.submission.returnReason !== null;
  if (status !== "reporting" && !returnedInReview) {
    throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[status]}”阶段，不能${action}`);
  }
}

export function assertEditable(target: Target): void {
  assertWritable(target, "修改自查报告");
  const status = target.submission.status as SubmissionStatus;
  if (status === "submitted" || status === "confirmed") {
    throw new AppError("LOCKED", `本单位填报${SUBMISSION_STATUS_LABELS[status]}，已锁定；如需修改请联系考评办退回`);
  }
}

/** Saves one self-assessment; a save on an older version than the stored one is refused as stale. */
export async function saveSelfAssessment(options: {
  ctx: CommandContext;
  campaignId: string;
  unitId: string;
  indicatorCode: string;
  input: z.infer<typeof selfAssessmentSaveSchema>;
}) {
  const { ctx, input, indicatorCode } = options;
  const target = await loadSubmission(ctx, options.campaignId, options.unitId);
  if (!target.access.can.submit) throw new AppError("FORBIDDEN", "无权填报");
  assertEditable(target);
  const framework = campaignFramework(target.access.campaign);
  const entry = indicatorIndex(framework).get(indicatorCode);
  if (!entry?.isLeaf || !appliesToCategory(framework, indicatorCode, target.unit.category)) {
    throw new AppError("VALIDATION", `指标 ${indicatorCode} 不是本单位的考核指标`, [
      { path: ["params", "indicatorCode"], message: "本单位不考核该指标" },
    ]);
  }
  const key = and(
    eq(selfAssessments.campaignId, options.campaignId),
    eq(selfAssessments.unitId, options.unitId),
    eq(selfAssessments.indicatorCode, indicatorCode),
  );
  const [existing] = await selfAssessmentByKey(ctx.tx, { campaignId: options.campaignId, unitId: options.unitId, indicatorCode });
  const stale = () =>
    conflict(
      `指标 ${indicatorCode} 的自查报告已被他人更新（当前版本 ${existing?.version ?? 1}，您编辑的是 ${input.version}），请刷新后再保存`,
      [{ path: ["body", "version"], message: "版本已过期" }],
    );
  const values = { completion: input.completion, narrative: input.narrative, updatedBy: ctx.principal.id, updatedAt: new Date() };
  let row: typeof selfAssessments.$inferSelect | undefined;
  if (!existing) {
    if (input.version !== 0) throw stale();
    [row] = await ctx.tx
      .insert(selfAssessments)
      .values({ campaignId: options.campaignId, unitId: options.unitId, indicatorCode, ...values })
      .onConflictDoNothing()
      .returning();
  } else {
    // The version in the WHERE makes a concurrent save of the same version lose cleanly.
    [row] = await ctx.tx
      .update(selfAssessments)
      .set({ ...values, version: existing.version + 1 })
      .where(and(key, eq(selfAssessments.version, input.version)))
      .returning();
  }
  if (!row) throw stale();
  await ctx.audit({
    action: "self_assessment.save",
    businessType: existing ? "update" : "create",
    entityType: "self_assessment",
    entityId: row.id,
    before: existing ? { completion: existing.completion, narrative: existing.narrative } : null,
    after: { indicatorCode, unitCode: target.unit.code, completion: row.completion, narrative: row.narrative },
  });
  // The access and unit come back too: the answer is built from them without loading them again.
  return { report: row, access: target.access, unit: target.unit };
}

async function setSubmission(
  ctx: CommandContext,
  target: Target,
  values: Partial<SubmissionRow>,
  action: "submit" | "confirm" | "return",
  note: { reason?: string; after?: Record<string, unknown> } = {},
) {
  const [row] = await ctx.tx
    .update(submissions)
    .set({ ...values, version: target.submission.version + 1, updatedAt: new Date() })
    .where(and(eq(submissions.campaignId, target.submission.campaignId), eq(submissions.unitId, target.submission.unitId)))
    .returning();
  await ctx.audit({
    action: `submission.${action}`,
    businessType: action === "return" ? "return" : action === "confirm" ? "confirm" : "submit",
    entityType: "submission",
    entityId: `${target.submission.campaignId}:${target.submission.unitId}`,
    before: { status: target.submission.status },
    after: { status: row!.status, unitCode: target.unit.code, ...(values.seal ? { seal: values.seal } : {}), ...note.after },
    reason: note.reason ?? null,
  });
  return row!;
}

/**
 * The liaison hands the reports to the leader for confirmation. Indicators
 * left empty must be acknowledged (`confirmEmpty`): without it the answer is
 * 409 CONFIRMATION_REQUIRED naming each one; with it they are kept in the
 * audit record of the submission.
 */
export async function submitReport(options: { ctx: CommandContext; campaignId: string; unitId: string; confirmEmpty?: boolean }) {
  const { ctx } = options;
  const target = await loadSubmission(ctx, options.campaignId, options.unitId);
  assertEditable(target);
  const unfilled = await unfilledOf(ctx, target);
  if (unfilled.length && !options.confirmEmpty) throw unfilledRefusal(unfilled);
  return setSubmission(ctx, target, { status: "submitted", submittedAt: new Date(), submittedBy: ctx.principal.id }, "submit", {
    after: unfilled.length ? { unfilled: unfilled.map((u) => u.indicatorCode) } : {},
  });
}

async function unfilledOf(ctx: CommandContext, target: Target): Promise<UnfilledIndicator[]> {
  const { campaignId, unitId } = target.submission;
  const reports = await ctx.tx
    .select({ indicatorCode: selfAssessments.indicatorCode, completion: selfAssessments.completion })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.campaignId, campaignId), eq(selfAssessments.unitId, unitId)));
  return unfilledIndicators(applicableLeaves(target.access.campaign, target.unit), reports);
}

/** 未填 N 项, naming the first few in the message and every one in the details. */
function unfilledRefusal(unfilled: UnfilledIndicator[]): AppError {
  const shown = unfilled.slice(0, 5).map((u) => `${u.indicatorCode} ${u.indicatorName}`);
  const more = unfilled.length > shown.length ? " 等" : "";
  return new AppError(
    "CONFIRMATION_REQUIRED",
    `未填 ${unfilled.length} 项：${shown.join("、")}${more}。请补填，或确认后仍提交`,
    unfilled.map((u) => ({ path: ["items", u.indicatorCode], message: `${u.indicatorCode} ${u.indicatorName}` })),
  );
}

/**
 * The leader's confirmation, the digital 加盖公章: the seal is a SHA-256 over
 * the reports and their current evidence hashes, so any later change shows.
 */
export async function confirmReport(options: { ctx: CommandContext; campaignId: string; unitId: string }) {
  const { ctx } = options;
  const target = await loadSubmission(ctx, options.campaignId, options.unitId);
  assertWritable(target, "确认填报");
  if (target.submission.status !== "submitted") {
    throw conflict(`本单位填报${SUBMISSION_STATUS_LABELS[target.submission.status as SubmissionStatus]}，只有“已提交待确认”的填报可以确认`);
  }
  const now = new Date();
  const seal = await sealOf(ctx, target, now);
  return setSubmission(
    ctx,
    target,
    {
      status: "confirmed",
      confirmedAt: now,
      confirmedBy: ctx.principal.id,
      firstConfirmedAt: target.submission.firstConfirmedAt ?? now,
      seal,
      returnReason: null,
    },
    "confirm",
  );
}

async function sealOf(ctx: CommandContext, target: Target, at: Date): Promise<string> {
  const { campaignId, unitId } = target.submission;
  const reports = await ctx.tx
    .select({
      id: selfAssessments.id,
      code: selfAssessments.indicatorCode,
      completion: selfAssessments.completion,
      narrative: selfAssessments.narrative,
    })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.campaignId, campaignId), eq(selfAssessments.unitId, unitId)))
    .orderBy(asc(selfAssessments.indicatorCode));
  const files = reports.length
    ? await ctx.tx
        .select({ ownerId: evidenceFiles.ownerId, sha256: evidenceFiles.sha256, name: evidenceFiles.fileName })
        .from(evidenceFiles)
        .where(
          and(
            inArray(
              evidenceFiles.ownerId,
              reports.map((r) => r.id),
            ),
            isNull(evidenceFiles.supersededAt),
          ),
        )
        .orderBy(asc(evidenceFiles.fileName))
    : [];
  const content = {
    campaignId,
    unitId,
    unitCode: target.unit.code,
    confirmedBy: ctx.principal.id,
    confirmedAt: at.toISOString(),
    reports: reports.map((r) => ({ ...r, evidence: files.filter((f) => f.ownerId === r.id).map((f) => `${f.name}:${f.sha256}`) })),
  };
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/** 退回补正: the office sends a submitted or confirmed report back, with the reason the unit will read. */
export async function returnReport(options: { ctx: CommandContext; campaignId: string; unitId: string; reason: string }) {
  const { ctx, reason } = options;
  const target = await loadSubmission(ctx, options.campaignId, options.unitId);
  const status = target.access.campaign.status;
  if (status !== "reporting" && status !== "reviewing")
    throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[status as CampaignStatus]}”阶段，不能退回`);
  if (target.submission.status !== "submitted" && target.submission.status !== "confirmed") {
    throw conflict("只有已提交或已确认的填报可以退回");
  }
  const row = await setSubmission(ctx, target, { status: "returned", returnReason: reason }, "return", { reason });
  await notifyUnits({
    ctx,
    unitIds: [target.unit.unitId],
    notification: {
      campaignId: target.access.campaign.id,
      kind: "returned",
      title: `“${target.access.campaign.name}”自查报告被退回补正`,
      body: reason,
      link: `/assess/campaigns/${target.access.campaign.id}/units/${target.unit.unitId}`,
    },
  });
  return row;
}
