import { z } from "zod";
import { idSchema, pageQuerySchema } from "./common.ts";

/** Business types as Chinese admins expect to see them in the log (RuoYi's 业务类型). */
export const AUDIT_BUSINESS_TYPES = {
  create: "新增",
  update: "修改",
  delete: "删除",
  import: "导入",
  export: "导出",
  grant: "授权",
  login: "登录",
  logout: "退出",
  other: "其他",
} as const;
export type AuditBusinessType = keyof typeof AUDIT_BUSINESS_TYPES;

export const auditListQuerySchema = pageQuerySchema.extend({
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  actorId: idSchema.optional(),
  /** Matches the actor's username or name. */
  actor: z.string().trim().max(64).optional(),
  businessType: z.enum(Object.keys(AUDIT_BUSINESS_TYPES) as [AuditBusinessType, ...AuditBusinessType[]]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export interface AuditView {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  actorUnitId: string | null;
  actorUnitName: string | null;
  ip: string | null;
  action: string;
  businessType: AuditBusinessType;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  algorithm: string;
  /** The first record that does not verify, with why. */
  firstBad?: { seq: number; problem: string };
}
