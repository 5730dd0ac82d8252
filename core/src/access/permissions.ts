/**
 * Permission codes, `module:resource:action`, defined once here. The server
 * enforces them on every route; the web hides what a user may not do.
 */
export const PERMISSIONS = {
  unitRead: "system:unit:read",
  unitCreate: "system:unit:create",
  unitUpdate: "system:unit:update",
  unitImport: "system:unit:import",
  unitExport: "system:unit:export",
  groupRead: "system:group:read",
  groupManage: "system:group:manage",
  userRead: "system:user:read",
  userManage: "system:user:manage",
  roleRead: "system:role:read",
  roleManage: "system:role:manage",
  auditRead: "system:audit:read",
  auditVerify: "system:audit:verify",
  auditExport: "system:audit:export",
  frameworkRead: "assess:framework:read",
  frameworkManage: "assess:framework:manage",
  frameworkPublish: "assess:framework:publish",
  campaignRead: "assess:campaign:read",
  campaignManage: "assess:campaign:manage",
  campaignReview: "assess:campaign:review",
  reportSubmit: "assess:report:submit",
  reportConfirm: "assess:report:confirm",
  appealSubmit: "assess:appeal:submit",
  guideRead: "guide:item:read",
  guideImport: "guide:item:import",
  guideManage: "guide:item:manage",
  guideConfirm: "guide:defect:confirm",
  guideTriage: "guide:report:triage",
  calendarManage: "case:calendar:manage",
  caseRead: "case:record:read",
  caseImport: "case:record:import",
  warningRead: "supervision:warning:read",
  warningRuleManage: "supervision:rule:manage",
  orderManage: "supervision:order:manage",
  orderReply: "supervision:order:reply",
  keyManage: "supervision:key:manage",
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(PERMISSIONS);

/** Chinese labels for the role editor and the permission matrix. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  "system:unit:read": "查看单位",
  "system:unit:create": "新增单位",
  "system:unit:update": "修改/停用单位",
  "system:unit:import": "导入单位",
  "system:unit:export": "导出单位",
  "system:group:read": "查看单位分组",
  "system:group:manage": "管理单位分组",
  "system:user:read": "查看用户",
  "system:user:manage": "管理用户",
  "system:role:read": "查看角色",
  "system:role:manage": "管理角色",
  "system:audit:read": "查看审计日志",
  "system:audit:verify": "校验审计链",
  "system:audit:export": "导出审计日志",
  "assess:framework:read": "查看指标体系",
  "assess:framework:manage": "编辑指标体系",
  "assess:framework:publish": "发布/归档指标体系",
  "assess:campaign:read": "查看考核",
  "assess:campaign:manage": "组织考核（创建、推进阶段、退回、催办、发布成绩）",
  "assess:campaign:review": "评审（登记问题与测评数据、处理申诉）",
  "assess:report:submit": "填报自查报告与佐证材料",
  "assess:report:confirm": "确认本单位填报（加盖公章）",
  "assess:appeal:submit": "提出申诉",
  "guide:item:read": "查看办事指南与检查结果",
  "guide:item:import": "导入/更新办事指南（本单位事项）",
  "guide:item:manage": "管理办事指南规则（要素权重、整改责任、代码对照、修改建议汇总表）",
  "guide:defect:confirm": "确认办事指南整改完成（确认书）",
  "guide:report:triage": "处理群众找茬",
  "case:calendar:manage": "管理工作日历（节假日、调休补班、导入下一年度安排）",
  "case:record:read": "查看办件数据与指标（本单位及数据权限内）",
  "case:record:import": "导入办件数据",
  "supervision:warning:read": "查看电子监察预警（本单位及数据权限内）",
  "supervision:rule:manage": "管理电子监察预警规则（启用、参数、版本）",
  "supervision:order:manage": "督办预警（下发督办单、立项调查、核销）",
  "supervision:order:reply": "反馈督办单（本单位）",
  "supervision:key:manage": "登记、注销审批人员电子密钥（数据权限内的单位）",
};

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}
