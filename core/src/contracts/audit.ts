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
  /** What the record is about by name (the campaign, the unit, a finding's notice number and text); null when not resolved. */
  entityName: string | null;
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

/**
 * Every audited action and its Chinese title (RuoYi's 模块标题), defined once:
 * the server's `AuditEntry.action` is typed by these keys, so an action
 * without a title does not compile, and `audit-actions.test.ts` scans the
 * server for actions written as strings. An old record whose action has
 * since been renamed shows its code.
 */
export const AUDIT_ACTION_LABELS = {
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
  "audit.export": "导出审计日志",
  "framework.create": "新建指标体系",
  "framework.create_from_template": "从模板新建指标体系",
  "framework.new_version": "新建指标体系版本",
  "framework.clone_year": "复制指标体系到新年度",
  "framework.update": "修改指标体系",
  "framework.publish": "发布指标体系",
  "framework.archive": "归档指标体系",
  "framework.delete": "删除指标体系",
  "framework.import": "导入指标体系",
  "framework.export": "导出指标体系",
  "campaign.create": "新建考核",
  "campaign.update": "修改考核",
  "campaign.delete": "删除考核",
  "campaign.reporting": "考核开始填报",
  "campaign.reviewing": "考核进入评审",
  "campaign.appeal": "公示成绩，开放申诉",
  "campaign.published": "考核转为已发布",
  "campaign.archived": "归档考核",
  "campaign.publish": "发布考核成绩",
  "campaign.unit_indicators": "设置单位适用指标",
  "campaign.unit_indicators.import": "导入单位适用指标",
  "campaign.remind": "催办",
  "campaign.scores.export": "导出考核成绩",
  "self_assessment.save": "保存自查报告",
  "submission.submit": "提交填报",
  "submission.confirm": "确认填报（加盖公章）",
  "submission.return": "退回填报",
  "evidence.upload": "上传佐证材料",
  "evidence.revise": "更新佐证材料",
  "evidence.download": "下载佐证材料",
  "attachment.upload": "上传附件",
  "attachment.download": "下载附件",
  "evidence.catalogue.export": "导出佐证材料目录",
  "responsibility.create": "新增责任分解",
  "responsibility.progress": "报送责任进度",
  "finding.create": "新增扣分事项",
  "finding.update": "修改扣分事项",
  "finding.correct": "更正已确认扣分事项",
  "finding.confirm": "确认扣分事项",
  "finding.withdraw": "撤回扣分事项",
  "finding.overturn": "申诉成立，撤销扣分",
  "finding.import": "导入扣分事项",
  "finding.import.summary": "导入扣分事项（汇总）",
  "appeal.create": "提出申诉",
  "appeal.decide": "裁定申诉",
  "measurement.save": "录入测评数据",
  "measurement.delete": "删除测评数据",
  "measurement.import": "导入测评数据",
  "measurement.import.summary": "导入测评数据（汇总）",
  "guide.import": "导入办事指南",
  "guide.item.create": "新增事项",
  "guide.item.update": "修改事项",
  "guide.version.create": "新增指南版本",
  "guide.links.check": "检查指南链接",
  "guide.code_maps.update": "修改代码映射",
  "guide.settings.update": "修改指南检查设置",
  "guide.defect.close": "关闭指南问题",
  "guide.defects.export": "导出指南问题",
  "guide.confirmation.create": "确认指南整改",
  "guide.report.create": "提交找茬",
  "guide.report.triage": "处理找茬",
  "calendar.day.set": "设置工作日历日期",
  "calendar.day.delete": "删除工作日历日期",
  "calendar.year.update": "设置工作日历年度",
  "calendar.import": "导入工作日历",
  "calendar.export": "导出工作日历",
  "case.view": "查看办件详情",
  "case.export": "导出办件",
  "case.import": "导入办件数据",
  "case.import.cancel": "取消办件导入",
  "case.quarantine.export": "导出办件隔离数据",
  "supervision.rules.update": "修改电子监察预警规则",
  "supervision.warnings.export": "导出预警台账",
  "supervision.orders.export": "导出督办单",
  "supervision.order.issue": "下发督办单",
  "supervision.order.reply": "反馈督办单",
  "supervision.order.correct": "反馈纠正情况",
  "supervision.order.investigate": "督办立项调查",
  "supervision.order.close": "核销督办单",
  "supervision.order.urge": "催办督办单",
  "supervision.bulletin.publish": "发布月度监察通报",
  "supervision.key.create": "登记审批人员电子密钥",
  "supervision.key.revoke": "注销审批人员电子密钥",
  "supervision.complaint.create": "登记效能投诉或媒体曝光",
  "supervision.complaint.update": "修改效能投诉或媒体曝光（核查结论）",
  "rating.review.confirm": "差评核实属实，转整改",
  "rating.review.appeal": "对差评提出申诉",
  "rating.review.uphold": "差评申诉成立（差评作废）",
  "rating.review.reject": "差评申诉不成立，转整改",
  "rating.review.rectify": "差评整改完成",
  "rating.review.revisit": "差评整改后回访",
  "rating.review.close": "差评办结（未追评）",
  "rating.settings.update": "修改差评处置时限",
  "hotline.round.create": "发起接通率抽查",
  "hotline.round.close": "结束接通率抽查",
  "hotline.call.record": "登记抽查电话结果",
  "rating.public.submit": "公众评价（本系统评价页）",
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The title of an action, or its code for one this version does not know (an old record). */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** What an audit record is about, in Chinese. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  unit: "单位",
  unit_group: "单位分组",
  user: "用户",
  role: "角色",
  audit_log: "审计日志",
  framework: "指标体系",
  campaign: "考核",
  submission: "填报",
  campaign_unit: "参评单位",
  self_assessment: "自查报告",
  evidence: "佐证材料",
  step_attachment: "附件",
  responsibility: "责任分解",
  finding: "扣分事项",
  appeal: "申诉",
  measurement: "测评数据",
  service_item: "事项",
  service_guide: "办事指南",
  guide_import: "指南导入",
  guide_code_maps: "代码映射",
  guide_settings: "指南检查设置",
  guide_defect: "指南问题",
  calendar_day: "工作日历日期",
  calendar_year: "工作日历年度",
  guide_confirmation: "整改确认",
  guide_fault_report: "找茬",
  case: "办件",
  warning_rule_set: "预警规则版本",
  warning: "预警",
  supervision_order: "督办单",
  supervision_bulletin: "月度监察通报",
  signing_key: "审批人员电子密钥",
  supervision_complaint: "效能投诉/媒体曝光",
  bad_review: "差评处置",
  rating_loop_settings: "差评处置时限",
  hotline_round: "接通率抽查",
  hotline_call: "抽查电话",
  rating: "好差评评价",
};
