import { FINDING_STATUS_LABELS, type FindingInput, type FindingStatus, type findingUpdateSchema, type SourceLevel } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { appeals, findings } from "../../platform/db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { type CampaignAccess, loadCampaign } from "../campaigns/policy.ts";
import { auditFinding, type FindingRow } from "./presenter.ts";
import { assertRecording, type CheckedFinding, checkedOrThrow, type FindingScope, loadFindingScope } from "./validation.ts";

/** The update body: any field of the input, the version edited, and the reason a confirmed finding is corrected. */
export type FindingUpdate = z.infer<typeof findingUpdateSchema>;

/** The campaign, checked open for recording, with what findings are validated against. */
export async function openForRecording(
  ctx: CommandContext,
  campaignId: string,
  action: string,
): Promise<{ access: CampaignAccess; scope: FindingScope }> {
  // The row lock keeps a move to the appeal phase (refused while drafts exist) from slipping between this check and the write.
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId, { forUpdate: true });
  assertRecording(access, action);
  return { access, scope: await loadFindingScope(ctx.tx, access.campaign) };
}

/** A new finding's row from checked input: a draft, or confirmed at once (imports may ask for that). */
export function newFindingValues(ctx: CommandContext, campaignId: string, input: FindingInput, checked: CheckedFinding, confirm: boolean) {
  const now = new Date();
  return {
    campaignId,
    unitId: input.unitId,
    indicatorCode: input.indicatorCode,
    ruleId: input.ruleId,
    ...checked,
    count: input.count,
    noticeNo: input.noticeNo || null,
    foundOn: input.foundOn || null,
    description: input.description,
    status: confirm ? "confirmed" : "draft",
    confirmedAt: confirm ? now : null,
    confirmedBy: confirm ? ctx.principal.id : null,
    createdBy: ctx.principal.id,
  };
}

/** 登记问题: a draft finding on a rule term of a unit in the campaign. */
export async function createFinding(options: { ctx: CommandContext; campaignId: string; input: FindingInput }): Promise<FindingRow> {
  const { ctx, campaignId, input } = options;
  const { scope } = await openForRecording(ctx, campaignId, "登记问题");
  const checked = checkedOrThrow(scope, input);
  const [row] = await ctx.tx
    .insert(findings)
    .values(newFindingValues(ctx, campaignId, input, checked, false))
    .returning();
  await ctx.audit({
    action: "finding.create",
    businessType: "create",
    entityType: "finding",
    entityId: row!.id,
    after: auditFinding(row!, scope.units.get(row!.unitId)?.code),
  });
  return row!;
}

async function lockFinding(ctx: CommandContext, campaignId: string, findingId: string): Promise<FindingRow> {
  const [row] = await ctx.tx
    .select()
    .from(findings)
    .where(and(eq(findings.id, findingId), eq(findings.campaignId, campaignId)))
    .for("update");
  if (!row) throw notFound("问题");
  return row;
}

/** Drafts change freely; a confirmed finding only by the office, and none while its appeal waits for a decision. */
async function assertChangeable(ctx: CommandContext, access: CampaignAccess, row: FindingRow, action: string): Promise<void> {
  const status = row.status as FindingStatus;
  if (status !== "draft" && status !== "confirmed") throw conflict(`该问题${FINDING_STATUS_LABELS[status]}，不能${action}`);
  if (status === "draft") return;
  if (!access.can.manage) throw forbidden(`已确认的问题只能由考评办${action}`);
  const [pending] = await ctx.tx
    .select({ id: appeals.id })
    .from(appeals)
    .where(and(eq(appeals.findingId, row.id), eq(appeals.status, "pending")))
    .limit(1);
  if (pending) throw conflict(`该问题有待处理的申诉，请先裁定申诉再${action}`);
}

const stale = (row: FindingRow, version: number) =>
  conflict(`该问题已被他人修改（当前版本 ${row.version}，您编辑的是 ${version}），请刷新后重试`, [
    { path: ["body", "version"], message: "版本已过期" },
  ]);

const reasonRequired = (message: string) => new AppError("VALIDATION", message, [{ path: ["body", "reason"], message: "必填" }]);

/** The stored finding with the given fields changed; a changed rule resolves its own fact unless one is named. */
function merge(row: FindingRow, input: FindingUpdate): FindingInput {
  const ruleChanged = input.ruleId !== undefined && input.ruleId !== row.ruleId;
  const pick = <T>(given: T | undefined, stored: T) => (given === undefined ? stored : given);
  return {
    unitId: pick(input.unitId, row.unitId),
    indicatorCode: pick(input.indicatorCode, row.indicatorCode),
    ruleId: pick(input.ruleId, row.ruleId),
    fact: input.fact ?? (ruleChanged ? undefined : (row.fact ?? undefined)),
    sourceLevel: pick(input.sourceLevel, row.sourceLevel as SourceLevel | null),
    count: pick(input.count, row.count),
    points: pick(input.points, row.points),
    subject: pick(input.subject, row.subject),
    noticeNo: pick(input.noticeNo, row.noticeNo),
    foundOn: pick(input.foundOn, row.foundOn),
    description: pick(input.description, row.description),
  };
}

/** Edits a draft (reviewers) or corrects a confirmed finding (the office, with a reason); `version` guards concurrent edits. */
export async function updateFinding(options: {
  ctx: CommandContext;
  campaignId: string;
  findingId: string;
  input: FindingUpdate;
}): Promise<FindingRow> {
  const { ctx, campaignId, input } = options;
  const { access, scope } = await openForRecording(ctx, campaignId, "修改问题");
  const before = await lockFinding(ctx, campaignId, options.findingId);
  if (before.version !== input.version) throw stale(before, input.version);
  await assertChangeable(ctx, access, before, "修改");
  const correcting = before.status === "confirmed";
  if (correcting && !input.reason) throw reasonRequired("更正已确认的问题须填写原因");
  const merged = merge(before, input);
  const checked = checkedOrThrow(scope, merged);
  const [after] = await ctx.tx
    .update(findings)
    .set({
      unitId: merged.unitId,
      indicatorCode: merged.indicatorCode,
      ruleId: merged.ruleId,
      ...checked,
      count: merged.count,
      noticeNo: merged.noticeNo || null,
      foundOn: merged.foundOn || null,
      description: merged.description,
      version: before.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(findings.id, before.id), eq(findings.version, input.version)))
    .returning();
  if (!after) throw stale(before, input.version);
  await ctx.audit({
    action: correcting ? "finding.correct" : "finding.update",
    businessType: "update",
    entityType: "finding",
    entityId: after.id,
    before: auditFinding(before, scope.units.get(before.unitId)?.code),
    after: auditFinding(after, scope.units.get(after.unitId)?.code),
    reason: input.reason ?? null,
  });
  return after;
}

async function setStatus(
  ctx: CommandContext,
  scope: FindingScope,
  before: FindingRow,
  values: Partial<FindingRow>,
  action: "confirm" | "withdraw",
  reason?: string,
) {
  const [after] = await ctx.tx
    .update(findings)
    .set({ ...values, version: before.version + 1, updatedAt: new Date() })
    .where(eq(findings.id, before.id))
    .returning();
  await ctx.audit({
    action: `finding.${action}`,
    businessType: action === "confirm" ? "confirm" : "update",
    entityType: "finding",
    entityId: before.id,
    before: { status: before.status },
    after: auditFinding(after!, scope.units.get(before.unitId)?.code),
    reason: reason ?? null,
  });
  return after!;
}

/** 确认: a draft starts to count in the score. */
export async function confirmFinding(options: { ctx: CommandContext; campaignId: string; findingId: string }): Promise<FindingRow> {
  const { ctx, campaignId } = options;
  const { scope } = await openForRecording(ctx, campaignId, "确认问题");
  const before = await lockFinding(ctx, campaignId, options.findingId);
  if (before.status !== "draft") throw conflict(`该问题${FINDING_STATUS_LABELS[before.status as FindingStatus]}，只有草稿可以确认`);
  return setStatus(ctx, scope, before, { status: "confirmed", confirmedAt: new Date(), confirmedBy: ctx.principal.id }, "confirm");
}

/** 作废: the finding stops counting; the row and its history stay. */
export async function withdrawFinding(options: {
  ctx: CommandContext;
  campaignId: string;
  findingId: string;
  reason?: string;
}): Promise<FindingRow> {
  const { ctx, campaignId, reason } = options;
  if (!reason) throw reasonRequired("作废问题须填写原因");
  const { access, scope } = await openForRecording(ctx, campaignId, "作废问题");
  const before = await lockFinding(ctx, campaignId, options.findingId);
  await assertChangeable(ctx, access, before, "作废");
  return setStatus(ctx, scope, before, { status: "withdrawn" }, "withdraw", reason);
}
