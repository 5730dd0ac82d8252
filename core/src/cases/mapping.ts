/**
 * The canonical columns of the case and event files with the default source's Chinese headers, and
 * the labels their values may carry. The mapping per source (ingest/mapping.ts) lays over these.
 * See docs/cases.md.
 */

import { APPLICANT_TYPE, CASE_CHANNEL, CASE_EVENT_KIND, CASE_RESULT, CASE_TYPE, LIMIT_UNIT } from "./model.ts";

/** The canonical columns of a case file, in template order, with the default source's headers. */
export const CASE_COLUMNS = {
  caseNo: "办件编号",
  itemCode: "事项编码",
  itemVersion: "事项版本",
  situation: "办理情形",
  unitCode: "受理部门编码",
  regionCode: "区划编码",
  channel: "办理渠道",
  caseType: "办件类型",
  applicantType: "申请人类型",
  applicantName: "申请人姓名",
  applicantIdNo: "申请人证件号码",
  appliedAt: "申请时间",
  acceptedAt: "受理时间",
  completedAt: "办结时间",
  result: "办理结果",
  legalLimit: "法定时限",
  legalLimitUnit: "法定时限单位",
  promisedLimit: "承诺时限",
  promisedLimitUnit: "承诺时限单位",
  visits: "跑动次数",
  materialsReused: "是否减证",
  fee: "收费金额",
  uploadedAt: "归集时间",
} as const;

/** The canonical columns of an events file. 区划编码 is optional: it tells apart equal case numbers of two regions. */
export const CASE_EVENT_COLUMNS = {
  caseNo: "办件编号",
  regionCode: "区划编码",
  kind: "环节",
  at: "开始时间",
  endAt: "结束时间",
  handler: "经办人",
  signKeyId: "签名密钥编号",
} as const;

/** Columns a case or events file must have (a header missing refuses the whole file). */
export const CASE_REQUIRED_COLUMNS = {
  cases: ["caseNo", "itemCode", "unitCode", "regionCode", "channel", "caseType", "acceptedAt"],
  case_events: ["caseNo", "kind", "at"],
} as const;

/** Label → code for a labelled enum, so the Chinese label in a file reads as its code. */
const byLabel = (labels: Record<string, string>) => Object.fromEntries(Object.entries(labels).map(([code, label]) => [label, code]));

const YES_NO = { 是: "true", 否: "false", Y: "true", N: "false", "1": "true", "0": "false" };

/** The default source's value labels for case and event files. */
export const CASE_VALUES: Record<string, Record<string, string>> = {
  channel: { ...byLabel(CASE_CHANNEL.labels), 网上办理: "online", 移动端办理: "mobile", 窗口办理: "window" },
  caseType: byLabel(CASE_TYPE.labels),
  result: { ...byLabel(CASE_RESULT.labels), 准予许可: "approved", 不予许可: "denied" },
  applicantType: { ...byLabel(APPLICANT_TYPE.labels), 个人: "natural_person", 企业: "legal_person" },
  legalLimitUnit: byLabel(LIMIT_UNIT.labels),
  promisedLimitUnit: byLabel(LIMIT_UNIT.labels),
  materialsReused: YES_NO,
  kind: byLabel(CASE_EVENT_KIND.labels),
};
