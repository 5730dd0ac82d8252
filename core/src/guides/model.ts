import { z } from "zod";

/**
 * A service guide (办事指南) of a service item (政务服务事项), normalised from
 * whatever source it came from (Kaoping JSON, the Excel template, a provincial
 * platform export). The model is lenient on purpose: a guide with missing or
 * odd content must load, because finding what is missing or odd is the
 * checker's job (checks.ts), not the parser's. Code lists (item types, case
 * types, material types …) are normalised to the enums below through mapping
 * tables per source (codes.ts); a code no table knows is kept raw and flagged.
 */

/**
 * 事项类型: the eleven kinds of the national item catalogue (行政权力 and 公共服务),
 * in the order of its code list (codes.ts NATIONAL_ITEM_TYPE_CODES).
 */
export const ITEM_TYPE_LABELS = {
  administrative_license: "行政许可",
  administrative_penalty: "行政处罚",
  administrative_enforcement: "行政强制",
  administrative_levy: "行政征收",
  administrative_payment: "行政给付",
  administrative_inspection: "行政检查",
  administrative_confirmation: "行政确认",
  administrative_reward: "行政奖励",
  administrative_ruling: "行政裁决",
  other_administrative_power: "其他行政权力",
  public_service: "公共服务",
} as const;
export type ItemType = keyof typeof ITEM_TYPE_LABELS;

/** 办件类型. */
export const CASE_TYPE_LABELS = { instant: "即办件", promised: "承诺件", referred: "上报件" } as const;
export type CaseType = keyof typeof CASE_TYPE_LABELS;

/** 服务对象. */
export const SERVICE_OBJECT_LABELS = { natural_person: "自然人", legal_person: "法人", other_organization: "其他组织" } as const;
export type ServiceObject = keyof typeof SERVICE_OBJECT_LABELS;

/** 行使层级. */
export const LEVEL_LABELS = {
  national: "国家级",
  provincial: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇级",
  village: "村级",
} as const;
export type GuideLevel = keyof typeof LEVEL_LABELS;

/** 时限单位: a limit means nothing without it (seed 000: “明确说明是工作日还是自然日”). */
export const LIMIT_UNIT_LABELS = { working_day: "工作日", calendar_day: "自然日" } as const;
export type LimitUnit = keyof typeof LIMIT_UNIT_LABELS;

/** 材料必要性, with 容缺后补 (accepted now, supplied later). */
export const NECESSITY_LABELS = { required: "必要", optional: "非必要", deferrable: "容缺后补" } as const;
export type Necessity = keyof typeof NECESSITY_LABELS;

/** 材料介质. */
export const MEDIUM_LABELS = { original: "原件", copy: "复印件", electronic: "电子版" } as const;
export type Medium = keyof typeof MEDIUM_LABELS;

/** 材料类型. */
export const MATERIAL_TYPE_LABELS = { certificate: "证件证书证明", form: "申请表格文书", other: "其他" } as const;
export type MaterialType = keyof typeof MATERIAL_TYPE_LABELS;

/** 特殊环节 (seed 000: “评审、评估、现场勘查等特殊环节”). */
export const SPECIAL_PROCEDURE_LABELS = {
  expert_review: "专家评审",
  assessment: "评估",
  site_inspection: "现场勘查",
  hearing: "听证",
  publicity: "公示",
  other: "其他",
} as const;
export type SpecialProcedureKind = keyof typeof SPECIAL_PROCEDURE_LABELS;

const keys = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
const text = z.string().default("");
const url = z.string().nullable().default(null);
const days = z.number().nullable().default(null);

/** A time limit: days, their unit (null = not stated), and its note. */
export const limitSchema = z.object({
  days,
  unit: z.enum(keys(LIMIT_UNIT_LABELS)).nullable().default(null),
  note: text,
});

export const legalBasisSchema = z.object({
  /** 法律法规名称, e.g. “《固定资产投资项目节能审查办法》”. */
  name: text,
  /** 条款, e.g. “第八条”. */
  article: text,
  /** 条款内容. */
  text,
});

export const materialSchema = z.object({
  code: z.string().nullable().default(null),
  name: text,
  necessity: z.enum(keys(NECESSITY_LABELS)).nullable().default(null),
  type: z.enum(keys(MATERIAL_TYPE_LABELS)).nullable().default(null),
  /** 来源渠道, e.g. 申请人自备 / 政府部门核发. */
  source: text,
  /** 出具单位 (for a certificate: who issues it). */
  issuer: text,
  originals: z.number().nullable().default(null),
  copies: z.number().nullable().default(null),
  media: z.array(z.enum(keys(MEDIUM_LABELS))).default([]),
  /** 纸张规格 / 填报要求 and the like. */
  form: text,
  blankFormUrl: url,
  sampleFormUrl: url,
  acceptanceStandard: text,
  legalBasis: text,
});

export const stepSchema = z.object({
  name: text,
  /** 办理人员 / 岗位 / 部门. */
  actor: text,
  limit: limitSchema.default({ days: null, unit: null, note: "" }),
  /** 审查标准 / 办理结果. */
  criteria: text,
});

export const situationSchema = z.object({
  name: text,
  /** What sets this situation apart (the applicant, the condition): two situations must not overlap. */
  condition: text,
  materials: z.array(materialSchema).default([]),
  steps: z.array(stepSchema).default([]),
});

export const locationSchema = z.object({
  address: text,
  window: text,
  /** 办理时间, e.g. “星期一至星期五：上午09:00-12:00，下午13:00-17:00”. */
  hours: text,
  phone: text,
});

export const specialProcedureSchema = z.object({
  name: text,
  kind: z.enum(keys(SPECIAL_PROCEDURE_LABELS)).nullable().default(null),
  limit: limitSchema.default({ days: null, unit: null, note: "" }),
  note: text,
});

export const intermediarySchema = z.object({
  name: text,
  provider: text,
  limit: limitSchema.default({ days: null, unit: null, note: "" }),
  basis: text,
});

export const feeItemSchema = z.object({ name: text, standard: text, basis: text });

export const serviceGuideSchema = z.object({
  /** Where it came from: "kaoping", "excel", or a provincial source such as "gx". */
  source: z.string().default("kaoping"),
  /** The source's own id of this guide version (for provincial exports: the task's rowguid). */
  sourceId: z.string().nullable().default(null),
  version: z.string().nullable().default(null),
  publishedAt: z.string().nullable().default(null),
  name: text,
  itemType: z.enum(keys(ITEM_TYPE_LABELS)).nullable().default(null),
  /** 实施编码 (31 characters in the national scheme; other shapes are accepted with a warning). */
  implementationCode: text,
  /** 基本编码 (12 digits). */
  basicCode: text,
  authoritySource: text,
  implementingBody: text,
  /** 统一社会信用代码 of the implementing body. */
  bodyCode: text,
  level: z.enum(keys(LEVEL_LABELS)).nullable().default(null),
  serviceObjects: z.array(z.enum(keys(SERVICE_OBJECT_LABELS))).default([]),
  caseType: z.enum(keys(CASE_TYPE_LABELS)).nullable().default(null),
  legalLimit: limitSchema.default({ days: null, unit: null, note: "" }),
  promisedLimit: limitSchema.default({ days: null, unit: null, note: "" }),
  /** 许可数量: null = not stated. */
  quantityLimited: z.boolean().nullable().default(null),
  quantityLimitNote: text,
  acceptanceConditions: text,
  situations: z.array(situationSchema).default([]),
  materials: z.array(materialSchema).default([]),
  steps: z.array(stepSchema).default([]),
  flowchartUrl: url,
  locations: z.array(locationSchema).default([]),
  consultationPhone: text,
  supervisionPhone: text,
  legalBases: z.array(legalBasisSchema).default([]),
  intermediaries: z.array(intermediarySchema).default([]),
  specialProcedures: z.array(specialProcedureSchema).default([]),
  /** 是否收费: null = not stated. */
  charged: z.boolean().nullable().default(null),
  fees: z.array(feeItemSchema).default([]),
  /** 到现场次数 and why. */
  visits: z.number().nullable().default(null),
  visitReason: text,
  /** 网办深度 1–4; null = not stated. */
  onlineDepth: z.number().int().nullable().default(null),
  faq: z.array(z.object({ question: text, answer: text })).default([]),
  onlineUrl: url,
  mobileUrl: url,
  /** Codes a mapping table did not know, by field: kept so the checker can name them. */
  unmappedCodes: z.record(z.string(), z.string()).default({}),
});

export type ServiceGuide = z.infer<typeof serviceGuideSchema>;
export type GuideMaterial = z.infer<typeof materialSchema>;
export type GuideStep = z.infer<typeof stepSchema>;
export type GuideLimit = z.infer<typeof limitSchema>;
export type GuideLocation = z.infer<typeof locationSchema>;
export type GuideSituation = z.infer<typeof situationSchema>;
