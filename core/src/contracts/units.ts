import { z } from "zod";
import { idSchema, LIMITS, pageQuerySchema } from "./common.ts";

export const UNIT_KINDS = ["city", "district", "county", "department", "street", "centre", "evaluator", "provincial", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  city: "市",
  district: "区",
  county: "县",
  department: "部门",
  street: "街道/镇",
  centre: "中心",
  evaluator: "评估机构",
  provincial: "中省直单位",
  other: "其他",
};

export const UNIT_STATUSES = ["active", "disabled"] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = { active: "正常", disabled: "停用" };

const code = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.codeMax)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "编码只能包含字母、数字、点、下划线和连字符");

export const unitCreateSchema = z.strictObject({
  /** Unique code, the key used by imports and exports. */
  code,
  /** Full official name. */
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  /** Name as written in notices (e.g. 市发展改革委). */
  shortName: z.string().trim().max(LIMITS.shortNameMax).nullish(),
  kind: z.enum(UNIT_KINDS),
  /** Parent unit; null for a root (a city or province). */
  parentId: idSchema.nullish(),
  /** 参照评估单位: assessed and shown, never ranked. */
  isReference: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
});
export type UnitCreateInput = z.infer<typeof unitCreateSchema>;

export const unitUpdateSchema = unitCreateSchema
  .omit({ isReference: true, sortOrder: true })
  .partial()
  .extend({
    isReference: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
    status: z.enum(UNIT_STATUSES).optional(),
  });
export type UnitUpdateInput = z.infer<typeof unitUpdateSchema>;

export const unitListQuerySchema = pageQuerySchema.extend({
  /** Matches code, name or short name. */
  q: z.string().trim().max(LIMITS.nameMax).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  status: z.enum(UNIT_STATUSES).optional(),
  /** Only this unit and its subtree. */
  under: idSchema.optional(),
  isReference: z.enum(["true", "false"]).optional(),
});
export type UnitListQuery = z.infer<typeof unitListQuerySchema>;

export interface UnitView {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  status: UnitStatus;
  isReference: boolean;
  sortOrder: number;
  /** Ancestor ids from the root, this unit last. */
  path: string[];
  createdAt: string;
  updatedAt: string;
}

export interface UnitTreeNode extends UnitView {
  children: UnitTreeNode[];
}

/** Columns of the unit import/export sheet: header text, key, required. */
export const UNIT_SHEET = {
  name: "单位",
  columns: [
    { key: "code", header: "单位编码", required: true },
    { key: "name", header: "单位名称", required: true },
    { key: "shortName", header: "简称", required: false },
    { key: "kind", header: "单位类型", required: true },
    { key: "parentCode", header: "上级单位编码", required: false },
    { key: "isReference", header: "参照评估单位", required: false },
    { key: "status", header: "状态", required: false },
    { key: "sortOrder", header: "排序", required: false },
  ],
} as const;
export type UnitSheetKey = (typeof UNIT_SHEET.columns)[number]["key"];

export const unitImportQuerySchema = z.object({
  /** 是否更新已经存在的数据: rows whose code exists update that unit instead of failing. */
  updateExisting: z.enum(["true", "false"]).default("false"),
});

export interface UnitImportResult {
  created: number;
  updated: number;
  total: number;
}
