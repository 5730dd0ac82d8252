import { z } from "zod";
import { idSchema, LIMITS, pageQuerySchema } from "./common.ts";

export const groupCreateSchema = z.strictObject({
  code: z.string().trim().min(1).max(LIMITS.codeMax),
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  description: z.string().trim().max(1000).nullish(),
  /** The unit that owns the group (e.g. 长宁区 for “全区39家责任单位”). */
  ownerUnitId: idSchema.nullish(),
  memberUnitIds: z.array(idSchema).max(5000).default([]),
});
export type GroupCreateInput = z.infer<typeof groupCreateSchema>;

export const groupUpdateSchema = groupCreateSchema.partial();
export type GroupUpdateInput = z.infer<typeof groupUpdateSchema>;

export const groupListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(LIMITS.nameMax).optional(),
});

export interface GroupView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface GroupDetailView extends GroupView {
  members: { id: string; code: string; name: string; shortName: string | null }[];
}
