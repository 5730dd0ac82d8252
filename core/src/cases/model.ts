/**
 * 办件 (case records) as Kaoping keeps them: the enums with their Chinese labels, the canonical
 * columns every source is mapped onto, and the reasons a row is quarantined. One vocabulary for
 * the ingest, the clock, the metrics, the screens and the exports. See docs/cases.md.
 */

import { CASE_TYPE_LABELS, type CaseType, LIMIT_UNIT_LABELS, type LimitUnit, SERVICE_OBJECT_LABELS } from "../guides/model.ts";
import { labelled } from "../labelled.ts";

/** 办理渠道. 网上受理 = online + mobile. */
export const CASE_CHANNEL = labelled({ window: "窗口", online: "网上", mobile: "移动端", kiosk: "自助终端", other: "其他" });
export type CaseChannel = keyof typeof CASE_CHANNEL.labels;
export const ONLINE_CHANNELS: readonly CaseChannel[] = ["online", "mobile"];

/** 办件类型, as the guide registry names them (即办件 / 承诺件 / 上报件). */
export const CASE_TYPE = labelled(CASE_TYPE_LABELS);

/** 办理结果. */
export const CASE_RESULT = labelled({
  approved: "准予",
  denied: "不予",
  not_accepted: "不予受理",
  returned: "退件",
  withdrawn: "撤回",
});
export type CaseResult = keyof typeof CASE_RESULT.labels;

/** 申请人类型: the guide registry's 服务对象 (自然人 / 法人 / 其他组织). */
export const APPLICANT_TYPE = labelled(SERVICE_OBJECT_LABELS);
export type ApplicantType = keyof typeof SERVICE_OBJECT_LABELS;

/** 时限单位 (工作日 / 自然日), as the guides give it. */
export const LIMIT_UNIT = labelled(LIMIT_UNIT_LABELS);

/** 办理环节. 补正 and 特别程序 carry an end: the clock stops between start and end. */
export const CASE_EVENT_KIND = labelled({
  accept: "受理",
  review: "审查",
  correction: "补正",
  special: "特别程序",
  decide: "决定",
  complete: "办结",
  deliver: "送达",
});
export type CaseEventKind = keyof typeof CASE_EVENT_KIND.labels;
export const PAUSING_EVENTS: readonly CaseEventKind[] = ["correction", "special"];

/** One case after its source's column mapping: what the ingest validates and stores. */
export interface CaseRecord {
  caseNo: string;
  itemCode: string;
  itemVersion?: string | null;
  situation?: string | null;
  unitCode: string;
  regionCode: string;
  applicantType?: ApplicantType | null;
  /** Read from the file only to be hashed and masked; never stored in clear. */
  applicantName?: string | null;
  applicantIdNo?: string | null;
  channel: CaseChannel;
  caseType: CaseType;
  appliedAt?: Date | null;
  acceptedAt: Date;
  completedAt?: Date | null;
  result?: CaseResult | null;
  legalLimit?: number | null;
  legalLimitUnit?: LimitUnit | null;
  promisedLimit?: number | null;
  promisedLimitUnit?: LimitUnit | null;
  /** 跑动次数: in-person visits. */
  visits?: number | null;
  /** 减证: material reused from the licence store or data sharing. */
  materialsReused?: boolean | null;
  /** Fees in yuan, as a decimal string. */
  fee?: string | null;
  /** When the platform uploaded the record to 一网通办 (timeliness of upload). */
  uploadedAt?: Date | null;
}

export interface CaseEventRecord {
  caseNo: string;
  kind: CaseEventKind;
  at: Date;
  /** The end of a pause (补正 returned, 特别程序 finished). */
  endAt?: Date | null;
  handler?: string | null;
  /** The approver's signing key id, where the platform gives one. */
  signKeyId?: string | null;
}

/** Why a row went to quarantine instead of the case store; each reason names its column. */
export const QUARANTINE_REASON = labelled({
  missing_field: "必填项为空",
  bad_date: "日期无法识别",
  bad_number: "数字无法识别",
  bad_enum: "取值不在代码表中",
  completed_before_accepted: "办结时间早于受理时间",
  future_date: "时间晚于导入时间",
  negative_limit: "时限为负数",
  limit_too_long: "时限超过 3650 天",
  unknown_unit: "受理部门编码不存在",
  duplicate_in_file: "同一文件中办件编号重复",
  duplicate_rating: "同一文件中评价编号重复",
  unknown_case: "办件编号不存在（环节先于办件到达）",
});
export type QuarantineReason = keyof typeof QUARANTINE_REASON.labels;

export interface RowProblem {
  reason: QuarantineReason;
  /** The canonical column (or the source's own header) the problem is in. */
  column: string;
  message: string;
}

/**
 * Data-quality findings that do not quarantine a row: the case is stored and counted, and the
 * problem counts against the unit that sent it (seed 000's 数据质量).
 */
export const QUALITY_ISSUE = labelled({
  unknown_item: "事项编码未在事项库中",
  missing_optional: "关键字段缺失（结果、时限或跑动次数）",
  late_upload: "办结后超过 1 个工作日才归集",
  limit_unknown: "时限无法计算（工作日历缺年份）",
});
export type QualityIssue = keyof typeof QUALITY_ISSUE.labels;
