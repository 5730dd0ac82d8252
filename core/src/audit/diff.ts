import {
  APPEAL_STATUS_LABELS,
  CAMPAIGN_STATUS_LABELS,
  FINDING_STATUS_LABELS,
  PHASE_LABELS,
  SUBMISSION_STATUS_LABELS,
} from "../contracts/campaigns.ts";
import { FRAMEWORK_STATUS_LABELS } from "../contracts/frameworks.ts";
import { GUIDE_DEFECT_STATUS_LABELS, GUIDE_FAULT_REPORT_STATUS_LABELS } from "../contracts/guides.ts";
import { RESPONSIBILITY_STATUS_LABELS } from "../contracts/responsibilities.ts";
import { UNIT_STATUS_LABELS } from "../contracts/units.ts";
import { USER_STATUS_LABELS } from "../contracts/users.ts";

/**
 * Chinese names of the fields audit records carry in before/after (the
 * `audit*` presenters and commands of the server); a nested field reads as its
 * parts' names ("考核阶段 · 填报截止"), an unknown part as its key.
 */
export const AUDIT_FIELD_LABELS = {
  ...PHASE_LABELS,
  id: "ID",
  code: "编码",
  name: "名称",
  shortName: "简称",
  kind: "类型",
  parentId: "上级单位",
  path: "层级路径",
  sortOrder: "排序",
  isReference: "参照单位",
  status: "状态",
  username: "用户名",
  displayName: "姓名",
  unitId: "所属单位",
  unitCode: "单位编码",
  phone: "电话",
  roleCodes: "角色",
  lockedUntil: "锁定至",
  description: "说明",
  indicatorCodes: "适用指标",
  subject: "所涉内容",
  ownerUnitId: "所属单位",
  members: "成员单位",
  version: "版本",
  year: "年度",
  issuer: "发文单位",
  framework: "指标体系",
  phases: "考核阶段",
  definition: "指标定义",
  units: "单位",
  reviewers: "评审人员",
  indicatorCode: "指标",
  ruleId: "规则",
  fact: "事实",
  sourceLevel: "来源层级",
  count: "次数",
  points: "分值",
  noticeNo: "通报文号",
  foundOn: "发现日期",
  completion: "完成情况",
  narrative: "自查说明",
  seal: "公章（确认摘要）",
  note: "备注",
  reason: "理由",
  findingId: "扣分事项",
  appealId: "申诉",
  value: "数值",
  fileName: "文件名",
  sha256: "SHA-256",
  size: "大小（字节）",
  mimeType: "文件类型",
  revision: "修订版次",
  ownerType: "所属类型",
  ownerId: "所属对象",
  files: "文件数",
  source: "来源",
  warnings: "警告数",
  created: "新增数",
  saved: "保存数",
  filters: "筛选条件",
  recipients: "接收人数",
  overdueOnly: "仅催办逾期",
  responsibilities: "责任分解数",
  itemId: "事项",
  itemName: "事项名称",
  itemType: "事项类型",
  element: "要素",
  hasContact: "留有联系方式",
  checkId: "检查项",
  closedDefects: "关闭问题数",
  since: "起始时间",
  lineUnitId: "条线单位",
  reroutedDefects: "改派问题数",
  date: "日期",
  regionCode: "地区编码",
  covered: "已录入全年安排",
  years: "涉及年度",
} as const satisfies Record<string, string>;
export type AuditField = keyof typeof AUDIT_FIELD_LABELS;

/** A dotted field path in words, part by part (Chinese unless other labels are given). */
export function auditFieldLabel(field: string, labels: Record<string, string> = AUDIT_FIELD_LABELS): string {
  return field
    .split(".")
    .map((part) => labels[part] ?? part)
    .join(" · ");
}

/** One line of a before/after comparison. */
export interface DiffLine {
  /** The dotted path, as recorded. */
  field: string;
  /** The path in Chinese (auditFieldLabel). */
  label: string;
  before: string;
  after: string;
  isChanged: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Flattens nested objects to dotted keys; arrays and scalars stay whole. */
function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!isPlainObject(value)) {
    if (value !== undefined && value !== null) out.set(prefix || "value", value);
    return out;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child) && Object.keys(child).length > 0) {
      for (const [nested, leaf] of flatten(child, path)) out.set(nested, leaf);
    } else {
      out.set(path, child);
    }
  }
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** The Chinese names of each object type's `status` values, as its own screens show them. */
const STATUS_LABELS: Record<string, Record<string, string>> = {
  unit: UNIT_STATUS_LABELS,
  user: USER_STATUS_LABELS,
  framework: FRAMEWORK_STATUS_LABELS,
  campaign: CAMPAIGN_STATUS_LABELS,
  submission: SUBMISSION_STATUS_LABELS,
  finding: FINDING_STATUS_LABELS,
  appeal: APPEAL_STATUS_LABELS,
  responsibility: RESPONSIBILITY_STATUS_LABELS,
  guide_defect: GUIDE_DEFECT_STATUS_LABELS,
  guide_fault_report: GUIDE_FAULT_REPORT_STATUS_LABELS,
};

export interface DiffOptions {
  /** Field names (Chinese unless given). */
  fields?: Record<string, string>;
  /** The record's object type: its status values are then shown by their Chinese names ("草稿 → 已确认"). */
  statusOf?: string;
}

/** Compares an audit record's `before` and `after` field by field, changed fields first. */
export function diffAudit(before: unknown, after: unknown, options: DiffOptions = {}): DiffLine[] {
  const left = flatten(before);
  const right = flatten(after);
  const fields = [...new Set([...left.keys(), ...right.keys()])];
  const statuses = options.statusOf ? STATUS_LABELS[options.statusOf] : undefined;
  const value = (field: string, raw: string) => (statuses && field === "status" ? (statuses[raw] ?? raw) : raw);
  const lines = fields.map((field) => {
    const was = show(left.get(field));
    const now = show(right.get(field));
    return {
      field,
      label: auditFieldLabel(field, options.fields ?? AUDIT_FIELD_LABELS),
      before: value(field, was),
      after: value(field, now),
      isChanged: was !== now,
    };
  });
  return lines.sort((a, b) => Number(b.isChanged) - Number(a.isChanged));
}
