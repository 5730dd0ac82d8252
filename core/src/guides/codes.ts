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
  /** 权力来源 code (item_source, read when the export gives no text) → the label shown (法定本级行使 …). */
  authoritySource: Record<string, string>;
}

/**
 * 事项类型 codes 01–10 of the national item catalogue's code list, as the
 * exports of the national platform family carry them in task_type (GB/T 39554
 * 全国一体化政务服务平台 政务服务事项基本目录及实施清单; the same numbering is
 * reproduced by provincial and county systems that use the national
 * dictionaries). The Guangxi sample's README documents 01, 05, 07, 08 and 09
 * with exactly these meanings. 公共服务 (and, in some provinces, 其他行政权力)
 * is numbered differently from platform to platform — 20 where the national
 * dictionary is used, 20/21 in Guangxi, 11 or 14 elsewhere — so each source
 * table adds its own. Source and choices: docs/guides.md.
 */
export const NATIONAL_ITEM_TYPE_CODES: Readonly<Record<string, ItemType>> = {
  "01": "administrative_license",
  "02": "administrative_penalty",
  "03": "administrative_enforcement",
  "04": "administrative_levy",
  "05": "administrative_payment",
  "06": "administrative_inspection",
  "07": "administrative_confirmation",
  "08": "administrative_reward",
  "09": "administrative_ruling",
};

/**
 * 服务对象 codes of the national dictionary: 1 自然人, 2 企业法人, 3 事业法人,
 * 4 社会组织法人, 5 非法人企业, 6 行政机关, 9 其他组织. The model knows three
 * kinds, so the 法人 codes (2, 3, 4 and 6: an organ of state is a 机关法人) become
 * legal_person and 5 and 9 other_organization.
 */
const NATIONAL_SERVICE_OBJECTS: Readonly<Record<string, ServiceObject[]>> = {
  "1": ["natural_person"],
  "2": ["legal_person"],
  "3": ["legal_person"],
  "4": ["legal_person"],
  "5": ["other_organization"],
  "6": ["legal_person"],
  "9": ["other_organization"],
};

/**
 * Guangxi (广西) government-service platform export, codes as documented in
 * /work/shared/data/samples/README.md, with the national item types (02/03/04/06
 * are 行政处罚/强制/征收/检查 in the national list the README's 01–09 follow) and
 * its own 20 其他行政权力, 21 公共服务. Codes nobody documents are left out on
 * purpose: they surface as code gaps the office sees and fills in (use_level
 * 1/5/6, the special_name codes of AUDIT_ITEM_SPECIAL — the sample has “9”, and
 * the importer falls back on the keywords below —, wsblsd beyond 1–4).
 */
const GX: CodeTables = {
  itemType: { ...NATIONAL_ITEM_TYPE_CODES, "20": "other_administrative_power", "21": "public_service" },
  level: { "2": "provincial", "3": "city", "4": "county" },
  caseType: { "1": "instant", "2": "promised" },
  // anticipate_type / promise_type / special_date_type: 1 工作日, 2 自然日 is the usual meaning of these
  // codes on the national platform family; the README says only “unit”, so this is a reading, not a spec.
  limitUnit: { "1": "working_day", "2": "calendar_day" },
  necessity: { "1": "required", "2": "optional", "3": "deferrable" },
  materialType: { "1": "certificate", "2": "form", "3": "other" },
  medium: { "1": ["original"], "2": ["electronic"], "3": ["original", "electronic"] },
  source: { "10": "申请人自备", "20": "政府部门核发", "99": "其他" },
  serviceObject: NATIONAL_SERVICE_OBJECTS,
  specialKind: {},
  onlineDepth: { "1": 1, "2": 2, "3": 3, "4": 4 },
  // item_source is not in the README; the export gives the text (authority_division) beside it.
  authoritySource: {},
};

/**
 * An export that uses the national platform's dictionaries as they are: the item
 * types (10 其他行政权力, 20 公共服务), the levels (1 国家级 … 5 乡镇级) and the
 * service objects. The other lists differ by platform and start empty: their
 * codes show up as code gaps until the office fills them in.
 */
const NATIONAL: CodeTables = {
  ...emptyCodeTables(),
  itemType: { ...NATIONAL_ITEM_TYPE_CODES, "10": "other_administrative_power", "20": "public_service" },
  level: { "1": "national", "2": "provincial", "3": "city", "4": "county", "5": "township" },
  serviceObject: NATIONAL_SERVICE_OBJECTS,
  authoritySource: { "1": "法定本级行使", "2": "上级下放", "3": "上级授权", "4": "同级授权", "5": "上级委托", "6": "同级委托" },
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
    authoritySource: {},
  };
}

/** Code tables by source id (the `source` a guide records). */
export const PROVINCIAL_CODE_TABLES: Record<string, CodeTables> = { gx: GX, national: NATIONAL };

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

/**
 * One code a source's table does not know, met in one guide. It is a gap in
 * the office's configuration (which table lacks which value), not a defect of
 * the department's guide: the guide stated something, the tables cannot read
 * it. The checker leaves such places out of its findings (checkGuide), and the
 * registry shows the gaps per source with the guides they touch.
 */
export interface CodeGap {
  /** The table that lacks the code. */
  table: keyof CodeTables;
  /** Where in the guide the code stood: itemType, legalLimit.unit, materials.2.media … */
  path: string;
  code: string;
}

/** unmappedCodes keys at the top of a guide, by table. */
const TOP_LEVEL_TABLES: Readonly<Record<string, keyof CodeTables>> = {
  itemType: "itemType",
  level: "level",
  caseType: "caseType",
  serviceObjects: "serviceObject",
  onlineDepth: "onlineDepth",
  authoritySource: "authoritySource",
};

/** The last part of a nested unmappedCodes key (materials.2.media, specialProcedures.0.limit.unit), by table. */
const NESTED_TABLES: Readonly<Record<string, keyof CodeTables>> = {
  unit: "limitUnit",
  necessity: "necessity",
  type: "materialType",
  source: "source",
  media: "medium",
  kind: "specialKind",
};

/**
 * The table an unmappedCodes key was looked up in, or null for what no source
 * table governs: yes/no flags (charged, quantityLimited, intermediaries) and
 * sections the importer does not read (fees = "AUDIT_CHARGE").
 */
export function codeTableOf(path: string): keyof CodeTables | null {
  const dot = path.lastIndexOf(".");
  if (dot < 0) return TOP_LEVEL_TABLES[path] ?? null;
  return NESTED_TABLES[path.slice(dot + 1)] ?? null;
}

/** A guide's code gaps, one per unknown code (a multi-code field such as “7,8” gives two). */
export function codeGaps(guide: { unmappedCodes: Record<string, string> }): CodeGap[] {
  const gaps: CodeGap[] = [];
  for (const path in guide.unmappedCodes) {
    const table = codeTableOf(path);
    if (table === null) continue;
    for (const code of splitCodes(guide.unmappedCodes[path])) gaps.push({ table, path, code });
  }
  return gaps;
}

/** The code tables' names, as the office's settings page and the CLI show them. */
export const CODE_TABLE_LABELS: Readonly<Record<keyof CodeTables, string>> = {
  itemType: "事项类型",
  level: "行使层级",
  caseType: "办件类型",
  limitUnit: "时限单位",
  necessity: "材料必要性",
  materialType: "材料类型",
  medium: "介质",
  source: "材料来源",
  serviceObject: "服务对象",
  specialKind: "特殊环节",
  onlineDepth: "网办深度",
  authoritySource: "权力来源",
};

/** One code missing from a source's table, with the guides it stands in: what the office adds to its tables. */
export interface CodeGapCount {
  source: string;
  table: keyof CodeTables;
  code: string;
  /** Guides holding the code (a guide counts once however many places hold it). */
  guides: number;
  /** Where it stands, indexes folded (materials.#.media). */
  paths: string[];
  /** The first few guides' names, to find one. */
  examples: string[];
}

const EXAMPLES = 3;
const INDEX = /\.\d+(?=\.|$)/g;

/** Code gaps counted per source, table and code over a set of guides: most guides first. */
export function countCodeGaps(guides: readonly { source: string; name: string; unmappedCodes: Record<string, string> }[]): CodeGapCount[] {
  const counts = new Map<string, CodeGapCount>();
  for (const guide of guides) {
    const seen = new Set<string>();
    for (const gap of codeGaps(guide)) {
      const key = JSON.stringify([guide.source, gap.table, gap.code]);
      let count = counts.get(key);
      if (!count) {
        count = { source: guide.source, table: gap.table, code: gap.code, guides: 0, paths: [], examples: [] };
        counts.set(key, count);
      }
      const path = gap.path.replace(INDEX, ".#");
      if (!count.paths.includes(path)) count.paths.push(path);
      if (seen.has(key)) continue;
      seen.add(key);
      count.guides += 1;
      if (count.examples.length < EXAMPLES) count.examples.push(guide.name);
    }
  }
  return [...counts.values()].sort(
    (a, b) => b.guides - a.guides || a.source.localeCompare(b.source) || a.table.localeCompare(b.table) || a.code.localeCompare(b.code),
  );
}
