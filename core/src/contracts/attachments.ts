import { z } from "zod";
import { idSchema } from "./common.ts";

/**
 * 附件 of a workflow step outside campaigns (a 差评's 申诉 or 整改, a 督办单's 反馈): uploaded one by
 * one while the form is open, then cited by id in the step's body, which claims them.
 */

/** Most files one step cites. */
export const STEP_ATTACHMENTS_MAX = 10;

export const attachmentIdsSchema = z
  .array(idSchema)
  .max(STEP_ATTACHMENTS_MAX, `一步最多附 ${STEP_ATTACHMENTS_MAX} 个附件`)
  .refine((ids) => new Set(ids).size === ids.length, "同一附件重复引用")
  .optional();

export interface AttachmentView {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
  uploadedAt: string;
}
