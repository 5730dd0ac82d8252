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
  submit: "提交",
  confirm: "确认",
  return: "退回",
  publish: "发布",
  appeal: "申诉",
  decide: "裁定",
  upload: "上传",
  download: "下载",
  remind: "催办",
  check: "检查",
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
  /** Checkpoints kept outside the database that the chain was compared with. */
  checkpoints?: number;
  /** Records a checkpoint vouches for that the database no longer holds (a tail removed with its head). */
  missing?: { from: number; to: number };
}

/** The head of the audit chain at a moment, kept outside the database (log, file, `kaoping audit checkpoint`). */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** When it was taken (ISO 8601). */
  at: string;
}

/** Chinese titles of the audit actions (RuoYi's 模块标题); an unknown action shows its code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录",
  "auth.login.fail": "登录失败",
  "auth.login.locked": "登录被拒（账号锁定）",
  "auth.lockout": "账号锁定",
  "auth.logout": "退出登录",
  "unit.create": "新增单位",
  "unit.update": "修改单位",
  "unit.disable": "停用单位",
  "unit.enable": "启用单位",
  "unit.import": "导入单位",
  "unit.import.summary": "导入单位（汇总）",
  "unit.export": "导出单位",
  "group.create": "新增单位分组",
  "group.update": "修改单位分组",
  "group.delete": "删除单位分组",
  "user.create": "新增用户",
  "user.update": "修改用户",
  "user.grant": "用户授权",
  "user.password.change": "修改密码",
  "user.password.reset": "重置密码",
  "user.unlock": "解锁用户",
  "role.update": "角色授权",
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  unit: "单位",
  unit_group: "单位分组",
  user: "用户",
  role: "角色",
};
