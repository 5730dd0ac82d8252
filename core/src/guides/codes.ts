import type {
  CaseType,
  GuideLevel,
  ItemType,
  LimitUnit,
  MaterialType,
  Medium,
  Necessity,
  ServiceObject,
  SpecialProcedureKind,
} from "./model.ts";

/**
 * Code lists of the sources guides are imported from, as data: each province
 * numbers 事项类型, 办件类型, 材料必要性 … its own way, so the importer looks codes
 * up here and never compares against literals. A code a table does not know is
 * not guessed: the field stays null and the raw code is kept in
 * `unmappedCodes`, where the checker names it (“未识别的代码：9”).
 */
export interface CodeTables {
  itemType: Record<string, ItemType>;
  level: Record<string, GuideLevel>;
  caseType: Record<string, CaseType>;
  limitUnit: Record<string, LimitUnit>;
  necessity: Record<string, Necessity>;
  materialType: Record<string, MaterialType>;
  /** One code may stand for several media (“3” = paper and electronic). */
  medium: Record<string, Medium[]>;
  /** source_type code → the label shown to applicants (申请人自备 …). */
  source: Record<string, string>;
  /** One code may stand for several kinds of applicant. */
  serviceObject: Record<string, ServiceObject[]>;
  specialKind: Record<string, SpecialProcedureKind>;
  /** 网上办理深度 code → level 1–4. */
  onlineDepth: Record<string, number>;
}

/**
 * Guangxi (广西) government-service platform export, codes as documented in
 * /work/shared/data/samples/README.md. Codes the README does not document are
 * left out on purpose (they surface as unmapped codes, so a real export shows
 * which ones to add): task_type 02/03/04/06 (nationally 行政处罚/强制/征收/检查,
 * not confirmed for this export), use_level 1/5/6, and the special_name codes
 * of AUDIT_ITEM_SPECIAL (the sample has “9”; the importer falls back on the
 * keywords below).
 */
const GX: CodeTables = {
  itemType: {
    "01": "administrative_license",
    "05": "administrative_payment",
    "07": "administrative_confirmation",
    "08": "administrative_reward",
    "09": "administrative_ruling",
    "20": "other_administrative_power",
    "21": "public_service",
  },
  level: { "2": "provincial", "3": "city", "4": "county" },
  caseType: { "1": "instant", "2": "promised" },
  // anticipate_type / promise_type / special_date_type: 1 工作日, 2 自然日 is the usual meaning of these
  // codes on the national platform family; the README says only “unit”, so this is a reading, not a spec.
  limitUnit: { "1": "working_day", "2": "calendar_day" },
  necessity: { "1": "required", "2": "optional", "3": "deferrable" },
  materialType: { "1": "certificate", "2": "form", "3": "other" },
  medium: { "1": ["original"], "2": ["electronic"], "3": ["original", "electronic"] },
  source: { "10": "申请人自备", "20": "政府部门核发", "99": "其他" },
  // serve_type uses the national 服务对象 codes: 1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人,
  // 5 非法人企业, 6 行政机关, 9 其他组织. The model knows three kinds, so the 法人 codes (2, 3, 4 and
  // 6: an organ of state is a 机关法人) become legal_person and 5 and 9 other_organization.
  serviceObject: {
    "1": ["natural_person"],
    "2": ["legal_person"],
    "3": ["legal_person"],
    "4": ["legal_person"],
    "5": ["other_organization"],
    "6": ["legal_person"],
    "9": ["other_organization"],
  },
  specialKind: {},
  onlineDepth: { "1": 1, "2": 2, "3": 3, "4": 4 },
};

/** Tables that know no code: every code stays unmapped (a source nobody has described yet). */
export function emptyCodeTables(): CodeTables {
  return {
    itemType: {},
    level: {},
    caseType: {},
    limitUnit: {},
    necessity: {},
    materialType: {},
    medium: {},
    source: {},
    serviceObject: {},
    specialKind: {},
    onlineDepth: {},
  };
}

/** Code tables by source id (the `source` a guide records). */
export const PROVINCIAL_CODE_TABLES: Record<string, CodeTables> = { gx: GX };

/**
 * Words that name a special procedure (seed 000: 评审、评估、现场勘查 …), for
 * exports that give its kind as an unknown code or not at all. The keyword
 * found earliest in a text wins: “机构评审：… 评估” is a review.
 */
export const SPECIAL_KIND_KEYWORDS: readonly (readonly [string, SpecialProcedureKind])[] = [
  ["评审", "expert_review"],
  ["评估", "assessment"],
  ["勘查", "site_inspection"],
  ["勘察", "site_inspection"],
  ["勘验", "site_inspection"],
  ["听证", "hearing"],
  ["公示", "publicity"],
];

/** A code as text: exports give codes as strings or numbers (flags sometimes as booleans). Anything else counts as absent. */
function codeText(raw: unknown): string {
  if (typeof raw === "string") return raw.trim();
  if ((typeof raw === "number" && Number.isFinite(raw)) || typeof raw === "boolean") return String(raw);
  return "";
}

const DIGITS = /^\d+$/;
const stripZeros = (code: string) => code.replace(/^0+(?=\d)/, "");

/** The table entry for one code. A code exported as a number has lost its leading zeros (01 → 1), so digits also match numerically. */
function lookup<T>(table: Record<string, T>, code: string): T | undefined {
  if (Object.hasOwn(table, code)) return table[code];
  if (!DIGITS.test(code)) return undefined;
  const bare = stripZeros(code);
  for (const key of Object.keys(table)) if (DIGITS.test(key) && stripZeros(key) === bare) return table[key];
  return undefined;
}

/**
 * The mapped value of a code, or null. A blank code is simply absent; a code
 * the table does not know is recorded under `field` in `unmapped` (the
 * guide's unmappedCodes) so the checker can name it.
 */
export function mapCode<T>(table: Record<string, T>, raw: unknown, field: string, unmapped: Record<string, string>): T | null {
  const code = codeText(raw);
  if (code === "") return null;
  const value = lookup(table, code);
  if (value !== undefined) return value;
  unmapped[field] = code;
  return null;
}

/** Splits a multi-code field such as “2,3,4,6” (commas, 、, semicolons or spaces). */
export function splitCodes(raw: unknown): string[] {
  return codeText(raw)
    .split(/[,，、;；\s]+/u)
    .filter((code) => code !== "");
}

/** The mapped values of a multi-code field, in order; the codes the table does not know are recorded together (“6”, “7,8”). */
export function mapCodes<T>(table: Record<string, T>, raw: unknown, field: string, unmapped: Record<string, string>): T[] {
  const values: T[] = [];
  const unknown: string[] = [];
  for (const code of splitCodes(raw)) {
    const value = lookup(table, code);
    if (value === undefined) unknown.push(code);
    else values.push(value);
  }
  if (unknown.length > 0) unmapped[field] = unknown.join(",");
  return values;
}
