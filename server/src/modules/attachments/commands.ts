/**
 * 附件 of workflow steps (差评 申诉 / 整改, 督办 反馈): uploaded while the step's form is open, claimed
 * by the step in its own transaction, downloaded through the owner's route (whose scope check decides
 * who may read it). The same checks and content-addressed store as campaign evidence.
 */
import type { AttachmentView } from "@kaoping/core";
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { stepAttachments } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { CommandContext, QueryContext } from "../../platform/http/command.ts";
import { createBlobStore } from "../../platform/storage/blob-store.ts";
import type { InspectedFile } from "../evidence/upload.ts";

export type AttachmentOwnerType = "bad_review_step" | "supervision_order_step";
type AttachmentRow = typeof stepAttachments.$inferSelect;

const uploadedBy = (userId: string | null) => (userId ? eq(stepAttachments.uploadedBy, userId) : isNull(stepAttachments.uploadedBy));

export const presentAttachment = (row: AttachmentRow): AttachmentView => ({
  id: row.id,
  fileName: row.fileName,
  size: row.size,
  mimeType: row.mimeType,
  uploadedAt: row.uploadedAt.toISOString(),
});

/**
 * Stores checked files as not yet cited by any step. Any signed-in user may upload: an uncited file
 * is seen by nobody, and only its uploader can cite it, in a step their own permissions allow.
 */
export async function uploadAttachments(options: { ctx: CommandContext; files: InspectedFile[] }): Promise<AttachmentView[]> {
  const { ctx, files } = options;
  const blobs = createBlobStore(ctx.config.storageDir);
  for (const file of files) await blobs.put(file.buffer);
  const rows = await ctx.tx
    .insert(stepAttachments)
    .values(
      files.map((f) => ({ fileName: f.fileName, sha256: f.sha256, size: f.size, mimeType: f.mimeType, uploadedBy: ctx.principal.id })),
    )
    .returning();
  await ctx.auditMany(
    rows.map((row) => ({
      action: "attachment.upload",
      businessType: "upload",
      entityType: "step_attachment",
      entityId: row.id,
      after: { fileName: row.fileName, size: row.size, sha256: row.sha256 },
    })),
  );
  return rows.map(presentAttachment);
}

/**
 * Attaches the caller's uploads to a step. Every id must be the caller's own and not yet cited:
 * anything else is refused naming the id's place in the body, and the step is not taken.
 */
export async function claimAttachments(options: {
  ctx: CommandContext;
  ids: readonly string[] | undefined;
  ownerType: AttachmentOwnerType;
  ownerId: string;
}): Promise<AttachmentView[]> {
  const { ctx, ids, ownerType, ownerId } = options;
  if (!ids?.length) return [];
  const claimed = await ctx.tx
    .update(stepAttachments)
    .set({ ownerType, ownerId })
    .where(and(inArray(stepAttachments.id, [...ids]), uploadedBy(ctx.principal.id), isNull(stepAttachments.ownerId)))
    .returning();
  if (claimed.length !== ids.length) {
    const found = new Set(claimed.map((row) => row.id));
    const details = ids.flatMap((id, index) =>
      found.has(id) ? [] : [{ path: ["body", "attachmentIds", index], message: "附件不存在、不是本人上传或已被引用，请重新上传" }],
    );
    throw new AppError("VALIDATION", `有 ${details.length} 个附件无法引用，请重新上传后再提交`, details);
  }
  return claimed.map(presentAttachment);
}

/** The files each step cites, by step id. */
export async function attachmentsByOwner(
  db: QueryContext["db"],
  ownerType: AttachmentOwnerType,
  ownerIds: readonly string[],
): Promise<Map<string, AttachmentView[]>> {
  const byOwner = new Map<string, AttachmentView[]>();
  if (!ownerIds.length) return byOwner;
  const rows = await db
    .select()
    .from(stepAttachments)
    .where(and(eq(stepAttachments.ownerType, ownerType), inArray(stepAttachments.ownerId, [...ownerIds])))
    .orderBy(asc(stepAttachments.uploadedAt), asc(stepAttachments.fileName));
  for (const row of rows) byOwner.set(row.ownerId!, [...(byOwner.get(row.ownerId!) ?? []), presentAttachment(row)]);
  return byOwner;
}

/**
 * One cited file for download, when it belongs to one of `ownerIds` (the steps of a review or order
 * the caller was already allowed to see); audited. 404 otherwise, as for a record out of scope.
 */
export async function downloadAttachment(options: {
  ctx: CommandContext;
  attachmentId: string;
  ownerType: AttachmentOwnerType;
  ownerIds: SQL;
}): Promise<{ row: AttachmentView; blob: { path: string; size: number } }> {
  const { ctx, attachmentId, ownerType } = options;
  const [row] = await ctx.tx
    .select()
    .from(stepAttachments)
    .where(
      and(
        eq(stepAttachments.id, attachmentId),
        eq(stepAttachments.ownerType, ownerType),
        inArray(stepAttachments.ownerId, options.ownerIds),
      ),
    );
  if (!row) throw notFound("附件");
  const blob = await createBlobStore(ctx.config.storageDir).find(row.sha256);
  if (!blob) throw new AppError("NOT_FOUND", `附件“${row.fileName}”的内容不在存储中，请联系管理员`);
  await ctx.audit({
    action: "attachment.download",
    businessType: "download",
    entityType: "step_attachment",
    entityId: row.id,
    after: { fileName: row.fileName, ownerType },
  });
  return { row: presentAttachment(row), blob };
}
