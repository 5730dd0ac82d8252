import { PERMISSIONS as P, type Permission } from "./permissions.ts";

/**
 * Data scope (数据权限), the five options Chinese admin systems offer.
 * - all: every unit
 * - custom: the units chosen on the role (and only those)
 * - unit: the user's own unit
 * - unit_and_below: the user's unit and its subtree
 * - self: only records the user created / the user's own account
 */
export const DATA_SCOPES = ["all", "custom", "unit", "unit_and_below", "self"] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const DATA_SCOPE_LABELS: Record<DataScope, string> = {
  all: "全部数据",
  custom: "指定单位",
  unit: "本单位",
  unit_and_below: "本单位及以下",
  self: "仅本人",
};

export const ROLE_CODES = ["sys_admin", "assessment_admin", "reviewer", "unit_liaison", "unit_leader", "viewer"] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export interface RoleDefinition {
  code: RoleCode;
  name: string;
  description: string;
  permissions: Permission[];
  dataScope: DataScope;
}

const readOrg: Permission[] = [P.unitRead, P.groupRead];

/** Built-in roles, seeded into the database; data scope and units are editable there. */
export const BUILTIN_ROLES: readonly RoleDefinition[] = [
  {
    code: "sys_admin",
    name: "系统管理员",
    description: "管理单位、用户、角色与审计",
    permissions: Object.values(P),
    dataScope: "all",
  },
  {
    code: "assessment_admin",
    name: "考评办管理员",
    description: "考评办、审改办、审管办、区府办：组织考核",
    permissions: [
      ...readOrg,
      P.unitCreate,
      P.unitUpdate,
      P.unitImport,
      P.unitExport,
      P.groupManage,
      P.userRead,
      P.auditRead,
      P.auditExport,
      P.frameworkRead,
      P.frameworkManage,
      P.frameworkPublish,
      P.campaignRead,
      P.campaignManage,
      P.campaignReview,
      P.guideRead,
      P.guideImport,
      P.guideManage,
      P.guideTriage,
      P.calendarManage,
      P.caseRead,
      P.caseImport,
      P.warningRead,
      P.warningRuleManage,
      P.orderManage,
      P.keyManage,
      P.ratingRead,
      P.reviewManage,
      P.hotlineRead,
      P.hotlineCall,
      P.hotlineManage,
    ],
    dataScope: "all",
  },
  {
    code: "reviewer",
    name: "评审员",
    description: "评审人员与第三方评估机构",
    permissions: [
      ...readOrg,
      P.unitExport,
      P.frameworkRead,
      P.campaignRead,
      P.campaignReview,
      P.guideRead,
      P.guideTriage,
      P.caseRead,
      P.warningRead,
      P.ratingRead,
      P.hotlineRead,
      P.hotlineCall,
    ],
    dataScope: "custom",
  },
  {
    code: "unit_liaison",
    name: "单位联络员",
    description: "代表被考核单位填报",
    permissions: [
      P.unitRead,
      P.frameworkRead,
      P.campaignRead,
      P.reportSubmit,
      P.appealSubmit,
      P.guideRead,
      P.guideImport,
      P.caseRead,
      P.warningRead,
      P.orderReply,
      P.keyManage,
      P.ratingRead,
      P.reviewHandle,
      P.hotlineRead,
    ],
    dataScope: "unit",
  },
  {
    code: "unit_leader",
    name: "单位负责人",
    description: "确认本单位的填报（加盖公章）",
    permissions: [
      P.unitRead,
      P.userRead,
      P.frameworkRead,
      P.campaignRead,
      P.reportConfirm,
      P.appealSubmit,
      P.guideRead,
      P.guideConfirm,
      P.caseRead,
      P.warningRead,
      P.orderReply,
      P.ratingRead,
      P.reviewHandle,
      P.hotlineRead,
    ],
    dataScope: "unit_and_below",
  },
  {
    code: "viewer",
    name: "领导查阅",
    description: "只读查看",
    permissions: [
      ...readOrg,
      P.unitExport,
      P.frameworkRead,
      P.campaignRead,
      P.guideRead,
      P.caseRead,
      P.warningRead,
      P.ratingRead,
      P.hotlineRead,
    ],
    dataScope: "all",
  },
];
