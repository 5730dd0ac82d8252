import { idSchema, STEP_ATTACHMENTS_MAX } from "@kaoping/core";
import type { SQL } from "drizzle-orm";
import { type CommandContext, transaction } from "../../platform/http/command.ts";
import { idParams } from "../../platform/http/schemas.ts";
import { sendStoredFile } from "../../platform/http/send-file.ts";
import type { App, AppContext, RouteAccess } from "../../platform/http/types.ts";
import { readUpload } from "../../platform/http/upload.ts";
import { inspectFiles } from "../evidence/upload.ts";
import { type AttachmentOwnerType, downloadAttachment, uploadAttachments } from "./commands.ts";

/**
 * POST /api/attachments: files for a step's form, before the step is taken (multipart, field
 * `file`, one or more). The owners' routes serve them back (…/attachments/:attachmentId).
 */
export function registerAttachmentRoutes(app: App, ctx: AppContext): void {
  app.post("/api/attachments", { schema: { tags: ["attachments"] }, config: { access: "authenticated" } }, async (req, reply) => {
    const upload = await readUpload(req, { maxBytes: ctx.config.evidenceMaxBytes, maxFiles: STEP_ATTACHMENTS_MAX, preservePath: true });
    const files = await inspectFiles(upload.files, ctx.config);
    const rows = await transaction(ctx, req, (command) => uploadAttachments({ ctx: command, files }));
    return reply.code(201).send(rows);
  });
}

/**
 * GET `<ownerPath>/:id/attachments/:attachmentId`: a cited file, downloaded through its owner (a
 * review, an order). `stepsOf` is the owner's own scope check (404 out of scope), answering its
 * steps' ids, in the download's transaction.
 */
export function registerAttachmentDownload(
  app: App,
  ctx: AppContext,
  options: {
    ownerPath: string;
    tags: string[];
    access: RouteAccess;
    ownerType: AttachmentOwnerType;
    stepsOf: (command: CommandContext, ownerId: string) => Promise<SQL>;
  },
): void {
  const { ownerType } = options;
  app.get(
    `${options.ownerPath}/:id/attachments/:attachmentId`,
    { schema: { tags: options.tags, params: idParams.extend({ attachmentId: idSchema }) }, config: { access: options.access } },
    async (req, reply) => {
      const { row, blob } = await transaction(ctx, req, async (command) => {
        const ownerIds = await options.stepsOf(command, req.params.id);
        return downloadAttachment({ ctx: command, attachmentId: req.params.attachmentId, ownerType, ownerIds });
      });
      return sendStoredFile(reply, row, blob);
    },
  );
}
