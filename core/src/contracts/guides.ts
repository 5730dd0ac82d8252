import { z } from "zod";
import { GUIDE_ELEMENTS, type GuideElementId } from "../guides/elements.ts";
import {
  CASE_TYPE_LABELS,
  ITEM_TYPE_LABELS,
  LEVEL_LABELS,
  LIMIT_UNIT_LABELS,
  MATERIAL_TYPE_LABELS,
  MEDIUM_LABELS,
  NECESSITY_LABELS,
  SERVICE_OBJECT_LABELS,
  SPECIAL_PROCEDURE_LABELS,
} from "../guides/model.ts";
import type { ImportIssue } from "../guides/provincial.ts";
import { idSchema, LIMITS, pageQuerySchema } from "./common.ts";

/**
 * The two sources of the same item's guide compared by the consistency check
 * (seed 001: “同一事项办事指南或流程不一致”): the portal's guide and the hall's
 * printed one. Versions are counted per channel.
 */
export const GUIDE_CHANNEL_LABELS = { online: "网上（门户网站）", offline: "线下（大厅纸质）" } as const;
export type GuideChannel = keyof typeof GUIDE_CHANNEL_LABELS;
const channels = Object.keys(GUIDE_CHANNEL_LABELS) as [GuideChannel, ...GuideChannel[]];

export const GUIDE_IMPORT_FORMAT_LABELS = {
  auto: "自动识别",
  kaoping: "本系统 JSON",
  provincial: "省级平台导出 JSON",
  excel: "Excel 模板",
} as const;
export type GuideImportFormat = keyof typeof GUIDE_IMPORT_FORMAT_LABELS;

/**
 * A guide import is capped well above a district's whole export (≈13 KB a
 * guide: 2 000 guides ≈ 26 MB); a bigger file is refused before it is read.
 */
export const GUIDE_IMPORT_MAX_BYTES = 40 * 1024 * 1024;

const enumOf = <T extends Record<string, string>>(labels: T) => z.enum(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]);
const elementIds = Object.keys(GUIDE_ELEMENTS) as [GuideElementId, ...GuideElementId[]];
export const guideElementSchema = z.enum(elementIds);

/** What an import did, guide by guide (the answer of POST /api/guides/import). */
export interface GuideImportReport {
  format: string;
  guides: number;
  itemsCreated: number;
  versionsCreated: number;
  unchanged: number;
  defectsOpened: number;
  defectsClosed: number;
  /** Warnings met reading the file (odd codes, placeholders in numbers …): the import went ahead. */
  warnings: ImportIssue[];
  rows: { code: string; name: string; version: number; status: "created" | "updated" | "unchanged"; errors: number; warnings: number }[];
}

/** The form fields sent with an import file. */
export const guideImportFieldsSchema = z.strictObject({
  format: z.enum(Object.keys(GUIDE_IMPORT_FORMAT_LABELS) as [GuideImportFormat, ...GuideImportFormat[]]).default("auto"),
  /** Code tables of a provincial export (guide_code_maps.source). */
  source: z.string().trim().min(1).max(LIMITS.codeMax).default("gx"),
  channel: z.enum(channels).default("online"),
  /** The department all guides in the file belong to; without it each guide's 实施主体编码 / name picks its unit. */
  unitId: idSchema.optional(),
});
export type GuideImportFields = z.infer<typeof guideImportFieldsSchema>;

export const GUIDE_SEVERITY_FILTERS = { error: "有错误", warning: "有警告", clean: "无问题" } as const;

export const guideListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  itemType: enumOf(ITEM_TYPE_LABELS).optional(),
  severity: z.enum(Object.keys(GUIDE_SEVERITY_FILTERS) as ["error", "warning", "clean"]).optional(),
  channel: z.enum(channels).default("online"),
  q: z.string().trim().max(LIMITS.nameMax).optional(),
});
export type GuideListQuery = z.infer<typeof guideListQuerySchema>;

export const guideItemPatchSchema = z.strictObject({
  /** The city's line department that owns the substantive elements (seed 002); null = the item's own unit. */
  lineUnitId: idSchema.nullable(),
});

/** Office settings: element weights in the accuracy score and the owner of each element. */
export const guideSettingsSchema = z.strictObject({
  weights: z.partialRecord(guideElementSchema, z.number().min(0).max(100)).default({}),
  ownership: z.partialRecord(guideElementSchema, z.enum(["substantive", "procedural"])).default({}),
});
export type GuideSettings = z.infer<typeof guideSettingsSchema>;

export const GUIDE_DEFECT_STATUS_LABELS = { open: "待整改", closed: "已整改" } as const;
export type GuideDefectStatus = keyof typeof GUIDE_DEFECT_STATUS_LABELS;

export const guideDefectListQuerySchema = pageQuerySchema.extend({
  ownerUnitId: idSchema.optional(),
  status: z.enum(["open", "closed"]).optional(),
  element: guideElementSchema.optional(),
  itemId: idSchema.optional(),
});
export type GuideDefectListQuery = z.infer<typeof guideDefectListQuerySchema>;

export const guideConfirmationInputSchema = z.strictObject({
  unitId: idSchema,
  note: z.string().trim().max(LIMITS.reasonMax).default(""),
});

/** 找茬: what anyone may send, without logging in. */
export const guideFaultReportInputSchema = z.strictObject({
  itemId: idSchema.optional(),
  itemName: z.string().trim().min(1, "请填写事项名称").max(LIMITS.nameMax),
  element: guideElementSchema.optional(),
  description: z.string().trim().min(5, "请至少用 5 个字描述问题").max(2000),
  contact: z.string().trim().max(LIMITS.nameMax).optional(),
});
export type GuideFaultReportInput = z.infer<typeof guideFaultReportInputSchema>;

export const GUIDE_FAULT_REPORT_STATUS_LABELS = { new: "待处理", accepted: "已采纳", rejected: "未采纳" } as const;
export type GuideFaultReportStatus = keyof typeof GUIDE_FAULT_REPORT_STATUS_LABELS;

export const guideFaultReportListQuerySchema = pageQuerySchema.extend({
  status: z.enum(["new", "accepted", "rejected"]).optional(),
});

export const guideFaultReportTriageSchema = z.strictObject({
  status: z.enum(["accepted", "rejected"]),
  note: z.string().trim().max(LIMITS.reasonMax).default(""),
  /** Accepting a report about a known item may open a defect on an element for its owner. */
  itemId: idSchema.optional(),
  element: guideElementSchema.optional(),
});

const codeMap = <T extends z.ZodType>(value: T) => z.record(z.string().trim().min(1).max(32), value);

/** A source's code tables as edited by the office: every value must be one the model knows. */
export const codeTablesSchema = z.strictObject({
  itemType: codeMap(enumOf(ITEM_TYPE_LABELS)),
  level: codeMap(enumOf(LEVEL_LABELS)),
  caseType: codeMap(enumOf(CASE_TYPE_LABELS)),
  limitUnit: codeMap(enumOf(LIMIT_UNIT_LABELS)),
  necessity: codeMap(enumOf(NECESSITY_LABELS)),
  materialType: codeMap(enumOf(MATERIAL_TYPE_LABELS)),
  medium: codeMap(z.array(enumOf(MEDIUM_LABELS)).min(1)),
  source: codeMap(z.string().trim().min(1).max(LIMITS.nameMax)),
  serviceObject: codeMap(z.array(enumOf(SERVICE_OBJECT_LABELS)).min(1)),
  specialKind: codeMap(enumOf(SPECIAL_PROCEDURE_LABELS)),
  onlineDepth: codeMap(z.number().int().min(1).max(4)),
  // Added in issue 13: tables saved before it have none.
  authoritySource: codeMap(z.string().trim().min(1).max(LIMITS.nameMax)).default({}),
});
