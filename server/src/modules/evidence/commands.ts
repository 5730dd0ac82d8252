import {
  APPEAL_STATUS_LABELS,
  type AppealStatus,
  appliesToCategory,
  type EvidenceOwnerType,
  FINDING_STATUS_LABELS,
  type FindingStatus,
  indicatorIndex,
} from "@kaoping/core";
import { and, eq, isNull, sql } from "drizzle-orm";
import { compiled } from "../../platform/db/compiled.ts";
import { rowsOf } from "../../platform/db/rows.ts";
import { appeals, evidenceFiles, findings, selfAssessments, units } from "../../platform/db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.ts";
import type { CommandContext } from "../../platform/http/command.ts";
import { shownName } from "../../platform/http/upload.ts";
import { createBlobStore } from "../../platform/storage/blob-store.ts";
import { type CampaignAccess, type CampaignUnitRow, campaignFramework, loadCampaign, loadCampaignUnit } from "../campaigns/policy.ts";
import { assertRecording } from "../findings/validation.ts";
import { assertProgressOpen, loadResponsibility } from "../responsibilities/commands.ts";
import { assertEditable, loadSubmission, selfAssessmentByKey } from "../submissions/commands.ts";
import { auditEvidence, type EvidenceRow } from "./presenter.ts";
import { type InspectedFile, nameKey } from "./upload.ts";

/** What evidence is attached to, checked open for the change and locked, so concurrent uploads queue. */
interface Owner {
  access: CampaignAccess;
  unitId: string;
  unitCode: string;
  type: EvidenceOwnerType;
  id: string;
}

const ownerOf = (access: CampaignAccess, unit: CampaignUnitRow, type: EvidenceOwnerType, id: string): Owner => ({
  access,
  unitId: unit.unitId,
  unitCode: unit.code,
  type,
  id,
});

type UnitOwnerType = Exclude<EvidenceOwnerType, "finding">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function openCampaignUnit(ctx: CommandContext, campaignId: string, unitId: string) {
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId);
  const unit = await loadCampaignUnit(ctx.tx, access, unitId);
  if (!access.can.submit) throw forbidden("无权上传佐证材料");
  return { access, unit };
}

/**
 * A self-assessment's evidence follows the report's own edit rules (locked
 * once submitted or confirmed). The self-assessment row is created on the
 * first upload, so files may come before the text.
 */
async function openSelfAssessment(ctx: CommandContext, campaignId: string, unitId: string, indicatorCode: string): Promise<Owner> {
  const target = await loadSubmission(ctx, campaignId, unitId);
  if (!target.access.can.submit) throw forbidden("无权上传佐证材料");
  assertEditable(target);
  const framework = campaignFramework(target.access.campaign);
  const entry = indicatorIndex(framework).get(indicatorCode);
  if (!entry?.isLeaf || !appliesToCategory(framework, indicatorCode, target.unit.category)) {
    throw new AppError("VALIDATION", `指标 ${indicatorCode} 不是本单位的考核指标`, [
      { path: ["body", "ownerKey"], message: "本单位不考核该指标" },
    ]);
  }
  // Made, or found, in one statement: no other transaction makes it meanwhile while loadSubmission holds the
  // submission's row (every writer of reports takes it). Should one not, its row is read once more below.
  const result = await ctx.tx.execute(sql`
    with made as (
      insert into ${selfAssessments} (campaign_id, unit_id, indicator_code, completion, narrative, updated_by)
      values (${campaignId}, ${unitId}, ${indicatorCode}, null, '', ${ctx.principal.id})
      on conflict do nothing
      returning id)
    select id from made
    union all
    select ${selfAssessments.id} from ${selfAssessments}
    where ${selfAssessments.campaignId} = ${campaignId} and ${selfAssessments.unitId} = ${unitId} and ${selfAssessments.indicatorCode} = ${indicatorCode}`);
  const [row] = rowsOf<{ id: string }>(result);
  const id = row?.id ?? (await selfAssessmentByKey(ctx.tx, { campaignId, unitId, indicatorCode }))[0]?.id;
  if (!id) throw conflict(`指标 ${indicatorCode} 的自查报告正被同时创建，请重试`);
  return ownerOf(target.access, target.unit, "self_assessment", id);
}

/** Progress evidence of a 责任分解 row of this unit (which may be a responsible unit outside the assessed ones), while the campaign runs. */
async function openResponsibility(ctx: CommandContext, campaignId: string, unitId: string, id: string): Promise<Owner> {
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId);
  const row = UUID.test(id) ? await loadResponsibility(ctx, access, id) : null;
  if (!row || row.unitId !== unitId) throw notFound("责任分解");
  if (!access.can.submit) throw forbidden("无权上传佐证材料");
  assertProgressOpen(access, "上传责任分解佐证材料");
  const [unit] = await ctx.tx.select({ code: units.code }).from(units).where(eq(units.id, unitId));
  return { access, unitId, unitCode: unit?.code ?? "", type: "responsibility", id: row.id };
}

/** An appeal of this unit takes evidence while it is pending. */
async function openAppeal(ctx: CommandContext, campaignId: string, unitId: string, id: string): Promise<Owner> {
  const { access, unit } = await openCampaignUnit(ctx, campaignId, unitId);
  const [row] = UUID.test(id)
    ? await ctx.tx
        .select({ id: appeals.id, status: appeals.status })
        .from(appeals)
        .where(and(eq(appeals.id, id), eq(appeals.campaignId, campaignId), eq(appeals.unitId, unitId)))
        .for("update")
    : [];
  if (!row) throw notFound("申诉");
  if (row.status !== "pending") throw conflict(`申诉已${APPEAL_STATUS_LABELS[row.status as AppealStatus]}，不能再上传材料`);
  return ownerOf(access, unit, "appeal", row.id);
}

/** A reviewer's evidence on a finding: allowed while findings may be recorded. */
async function openFinding(ctx: CommandContext, campaignId: string, findingId: string): Promise<Owner> {
  const access = await loadCampaign(ctx.tx, ctx.principal, campaignId);
  const [row] = await ctx.tx
    .select({ id: findings.id, unitId: findings.unitId, status: findings.status })
    .from(findings)
    .where(and(eq(findings.id, findingId), eq(findings.campaignId, campaignId)))
    .for("update");
  if (!row) throw notFound("问题");
  assertRecording(access, "上传问题佐证材料");
  const unit = await loadCampaignUnit(ctx.tx, access, row.unitId);
  if (row.status === "withdrawn" || row.status === "overturned") {
    throw conflict(`问题${FINDING_STATUS_LABELS[row.status as FindingStatus]}，不能再上传材料`);
  }
  return ownerOf(access, unit, "finding", row.id);
}

function openUnitOwner(ctx: CommandContext, campaignId: string, unitId: string, type: UnitOwnerType, key: string): Promise<Owner> {
  if (type === "self_assessment") return openSelfAssessment(ctx, campaignId, unitId, key);
  if (type === "responsibility") return openResponsibility(ctx, campaignId, unitId, key);
  return openAppeal(ctx, campaignId, unitId, key);
}

const currentFiles = compiled((db) =>
  db
    .select({ id: evidenceFiles.id, fileName: evidenceFiles.fileName })
    .from(evidenceFiles)
    .where(
      and(
        eq(evidenceFiles.ownerType, sql.placeholder("ownerType")),
        eq(evidenceFiles.ownerId, sql.placeholder("ownerId")),
        isNull(evidenceFiles.supersededAt),
      ),
    ),
);

/**
 * Adds files to an owner, or one file as the next revision of `replacing`:
 * names must not collide with the owner's other current files, the count
 * stays within the limit; only then are the blobs written and the rows added.
 */
async function attachFiles(ctx: CommandContext, owner: Owner, files: InspectedFile[], replacing?: EvidenceRow): Promise<EvidenceRow[]> {
  const stale = () => conflict(`文件“${shownName(replacing!.fileName)}”已有更新的版本，请刷新后在最新版本上更新`);
  if (replacing?.supersededAt) throw stale();
  const current = await currentFiles(ctx.tx, { ownerType: owner.type, ownerId: owner.id });
  const others = current.filter((c) => c.id !== replacing?.id);
  for (const [index, file] of files.entries()) {
    const clash = others.find((c) => nameKey(c.fileName) === nameKey(file.fileName));
    if (clash) {
      throw conflict(`已有同名文件“${shownName(clash.fileName)}”，如需更新请上传新版本`, [
        { path: ["body", "files", index], message: `与现有文件“${shownName(clash.fileName)}”同名` },
      ]);
    }
  }
  const max = ctx.config.evidenceMaxFiles;
  if (others.length + files.length > max) {
    throw new AppError("VALIDATION", `每项最多 ${max} 个佐证材料文件（现有 ${others.length} 个，本次上传 ${files.length} 个）`, [
      { path: ["body", "files"], message: `最多 ${max} 个文件` },
    ]);
  }
  const now = new Date();
  if (replacing) {
    const [superseded] = await ctx.tx
      .update(evidenceFiles)
      .set({ supersededAt: now })
      .where(and(eq(evidenceFiles.id, replacing.id), isNull(evidenceFiles.supersededAt)))
      .returning({ id: evidenceFiles.id });
    if (!superseded) throw stale();
  }
  const blobs = createBlobStore(ctx.config.storageDir);
  for (const file of files) await blobs.put(file.buffer);
  const rows = await ctx.tx
    .insert(evidenceFiles)
    .values(
      files.map((file) => ({
        campaignId: owner.access.campaign.id,
        unitId: owner.unitId,
        ownerType: owner.type,
        ownerId: owner.id,
        fileName: file.fileName,
        sha256: file.sha256,
        size: file.size,
        mimeType: file.mimeType,
        revision: replacing ? replacing.revision + 1 : 1,
        previousId: replacing?.id ?? null,
        uploadedBy: ctx.principal.id,
        uploadedAt: now,
      })),
    )
    .returning();
  await ctx.auditMany(
    rows.map((row) => ({
      action: replacing ? "evidence.revise" : "evidence.upload",
      businessType: "upload" as const,
      entityType: "evidence",
      entityId: row.id,
      before: replacing ? auditEvidence(replacing, owner.unitCode) : null,
      after: auditEvidence(row, owner.unitCode),
    })),
  );
  return rows;
}

/** 上传佐证材料 of a unit: to its self-assessment of an indicator, a responsibility or a pending appeal. */
export async function uploadEvidence(options: {
  ctx: CommandContext;
  campaignId: string;
  unitId: string;
  ownerType: UnitOwnerType;
  ownerKey: string;
  files: InspectedFile[];
}): Promise<EvidenceRow[]> {
  const { ctx } = options;
  const owner = await openUnitOwner(ctx, options.campaignId, options.unitId, options.ownerType, options.ownerKey);
  return attachFiles(ctx, owner, options.files);
}

/** A reviewer's evidence on a finding (notice scans, screenshots). */
export async function uploadFindingEvidence(options: {
  ctx: CommandContext;
  campaignId: string;
  findingId: string;
  files: InspectedFile[];
}): Promise<EvidenceRow[]> {
  const owner = await openFinding(options.ctx, options.campaignId, options.findingId);
  return attachFiles(options.ctx, owner, options.files);
}

/**
 * Evidence is seen by those who see its unit: an assessed unit by the
 * campaign's rules, a responsible unit outside them through its responsibility.
 * Answers the unit's code; 404 otherwise.
 */
async function assertCanSee(ctx: CommandContext, row: EvidenceRow): Promise<string> {
  const access = await loadCampaign(ctx.tx, ctx.principal, row.campaignId);
  if (row.ownerType === "responsibility") {
    await loadResponsibility(ctx, access, row.ownerId);
    const [unit] = await ctx.tx.select({ code: units.code }).from(units).where(eq(units.id, row.unitId));
    return unit?.code ?? "";
  }
  return (await loadCampaignUnit(ctx.tx, access, row.unitId)).code;
}

async function loadEvidenceRow(ctx: CommandContext, evidenceId: string): Promise<EvidenceRow> {
  const [row] = await ctx.tx.select().from(evidenceFiles).where(eq(evidenceFiles.id, evidenceId));
  if (!row) throw notFound("佐证材料");
  return row;
}

/**
 * A new revision of a unit's file (the old one stays, superseded). Findings'
 * files are the reviewers': they are revised through the finding's own route
 * (campaign:review), never through this one (report:submit).
 */
export async function reviseEvidence(options: { ctx: CommandContext; evidenceId: string; file: InspectedFile }): Promise<EvidenceRow> {
  const { ctx } = options;
  const row = await loadEvidenceRow(ctx, options.evidenceId);
  await assertCanSee(ctx, row);
  if (row.ownerType === "finding") throw forbidden("问题台账的佐证材料由评审人员在问题台账中更新");
  const owner = await openUnitOwner(ctx, row.campaignId, row.unitId, row.ownerType as UnitOwnerType, await ownerKeyOf(ctx, row));
  const [revision] = await attachFiles(ctx, owner, [options.file], row);
  return revision!;
}

/** A new revision of a reviewer's file on a finding. */
export async function reviseFindingEvidence(options: {
  ctx: CommandContext;
  campaignId: string;
  findingId: string;
  evidenceId: string;
  file: InspectedFile;
}): Promise<EvidenceRow> {
  const { ctx } = options;
  const owner = await openFinding(ctx, options.campaignId, options.findingId);
  const row = await loadEvidenceRow(ctx, options.evidenceId);
  if (row.ownerType !== "finding" || row.ownerId !== owner.id) throw notFound("佐证材料");
  const [revision] = await attachFiles(ctx, owner, [options.file], row);
  return revision!;
}

/** The key an upload names the owner by: the indicator code of a self-assessment, else the owner's id. */
async function ownerKeyOf(ctx: CommandContext, row: EvidenceRow): Promise<string> {
  if (row.ownerType !== "self_assessment") return row.ownerId;
  const [owner] = await ctx.tx
    .select({ code: selfAssessments.indicatorCode })
    .from(selfAssessments)
    .where(eq(selfAssessments.id, row.ownerId));
  if (!owner) throw notFound("自查报告");
  return owner.code;
}

/** A download, only for those who may see the unit, recorded in the audit log. */
export async function downloadEvidence(options: { ctx: CommandContext; evidenceId: string }): Promise<EvidenceRow> {
  const { ctx } = options;
  const row = await loadEvidenceRow(ctx, options.evidenceId);
  const unitCode = await assertCanSee(ctx, row);
  await ctx.audit({
    action: "evidence.download",
    businessType: "download",
    entityType: "evidence",
    entityId: row.id,
    after: auditEvidence(row, unitCode),
  });
  return row;
}
