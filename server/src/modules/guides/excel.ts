import {
  CASE_TYPE_LABELS,
  type ErrorDetail,
  type GuideLimit,
  ITEM_TYPE_LABELS,
  LEVEL_LABELS,
  LIMIT_UNIT_LABELS,
  MATERIAL_TYPE_LABELS,
  MEDIUM_LABELS,
  NECESSITY_LABELS,
  SERVICE_OBJECT_LABELS,
  type ServiceGuide,
  SPECIAL_PROCEDURE_LABELS,
  serviceGuideSchema,
} from "@kaoping/core";
import type ExcelJS from "exceljs";
import {
  importInvalid,
  loadWorkbook,
  readSheet,
  type SheetColumn,
  type SheetContent,
  type SheetRow,
  type SheetSpec,
  writeSheets,
} from "../../platform/excel/workbook.ts";

/**
 * The Excel template of service guides (办事指南), export and import, as pure
 * functions on buffers. One row per guide on 「事项」; each list of a guide
 * (materials, steps, locations …) on a sheet of its own, one row per entry,
 * tied to its guide by 实施编码 — and materials and steps to their situation by
 * 所属情形. Codes are shown as the model's Chinese labels. The import is
 * all-or-nothing: every error is collected, then thrown once.
 *
 * `unmappedCodes` is not carried: it records which provincial codes an import
 * could not map, and a workbook holds labels, never source codes.
 */

type Cell = string | number | null;
type Row = Record<string, Cell>;
type Obj = Record<string, unknown>;
type Read = { ok: true; value: unknown } | { ok: false; message: string };

/** How a field's value is written to a cell and read back from the cell's text. */
interface Codec {
  write(value: unknown): Cell;
  read(text: string): Read;
  /** Offered as a drop-down in the template. */
  options?: readonly string[];
}

const ok = (value: unknown): Read => ({ ok: true, value });
const fail = (message: string): Read => ({ ok: false, message });
const LIST_SEPARATOR = "、";

const text: Codec = { write: (v) => (typeof v === "string" ? v : ""), read: ok };
/** Nullable text (URLs, codes, versions): an empty cell is “not stated”. */
const optionalText: Codec = { write: (v) => (typeof v === "string" ? v : null), read: (t) => ok(t || null) };
/** A guide typed into the template names no source of its own: it came from Excel. */
const sourceText: Codec = { write: text.write, read: (t) => ok(t || "excel") };

function numeric(integer: boolean): Codec {
  return {
    write: (v) => (typeof v === "number" ? v : null),
    read: (t) => {
      if (t === "") return ok(null);
      const n = Number(t);
      if (!Number.isFinite(n)) return fail(`应为数字，不是「${t}」`);
      if (integer && !Number.isInteger(n)) return fail(`应为整数，不是「${t}」`);
      return ok(n);
    },
  };
}
const number = numeric(false);
const integer = numeric(true);

/** Label (or, for files a program wrote, code) → code. */
function codeByText(labels: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(labels).flatMap(([code, label]) => [[label, code] as const, [code, code] as const]));
}

function choice(labels: Readonly<Record<string, string>>): Codec {
  const codes = codeByText(labels);
  const allowed = Object.values(labels);
  return {
    options: allowed,
    write: (v) => (typeof v === "string" ? (labels[v] ?? v) : null),
    read: (t) => (t === "" ? ok(null) : codes.has(t) ? ok(codes.get(t)) : fail(`应为：${allowed.join("、")}，不是「${t}」`)),
  };
}

/** Several labels in one cell, joined with “、” (commas and semicolons are read too). */
function choices(labels: Readonly<Record<string, string>>): Codec {
  const codes = codeByText(labels);
  const allowed = Object.values(labels).join("、");
  return {
    write: (v) => (Array.isArray(v) ? v.map((c: string) => labels[c] ?? c).join(LIST_SEPARATOR) : ""),
    read: (t) => {
      const parts = t.split(/[、,，;；\s]+/).filter(Boolean);
      const unknown = parts.filter((p) => !codes.has(p));
      if (unknown.length) return fail(`应为 ${allowed} 中的一项或几项（以“、”分隔），「${unknown.join("、")}」不在其中`);
      return ok(parts.map((p) => codes.get(p)));
    },
  };
}

const YES = "是";
const NO = "否";
/** 是/否; an empty cell is “not stated” (null), which the checker tells apart from 否. */
const yesNo: Codec = {
  options: [YES, NO],
  write: (v) => (v === true ? YES : v === false ? NO : null),
  read: (t) => (t === "" ? ok(null) : t === YES ? ok(true) : t === NO ? ok(false) : fail(`应为：是、否，不是「${t}」`)),
};

// ---------------------------------------------------------------------------
// Fields and sheets
// ---------------------------------------------------------------------------

/** One column bound to a field: `path` is the field's key, or “limit.days” inside a time limit. */
interface Field {
  header: string;
  path: string;
  codec: Codec;
  width: number;
  required?: boolean;
}

type LimitKey<T> = { [K in keyof T & string]: T[K] extends GuideLimit ? K : never }[keyof T & string];
type FieldPath<T> = { [K in keyof T & string]: T[K] extends GuideLimit ? `${K}.${keyof GuideLimit & string}` : K }[keyof T & string];

/** Builds the fields of one kind of row, with paths checked against that row's type. */
interface FieldBuilder<T> {
  (header: string, path: FieldPath<T>, codec?: Codec, width?: number): Field;
  /** A time limit over three columns: “<header>”, “<header>单位”, “<header>说明”. */
  limit(header: string, key: LimitKey<T>): Field[];
}

function fieldsOf<T>(): FieldBuilder<T> {
  const field = (header: string, path: string, codec = text, width = 18): Field => ({ header, path, codec, width });
  const limit = (header: string, key: string) => [
    field(header, `${key}.days`, number, 10),
    field(`${header}单位`, `${key}.unit`, choice(LIMIT_UNIT_LABELS), 10),
    field(`${header}说明`, `${key}.note`, text, 30),
  ];
  return Object.assign(field, { limit });
}

const required = (field: Field): Field => ({ ...field, required: true });
const columnOf = (field: Field): SheetColumn => ({
  key: field.path,
  header: field.header,
  required: field.required ?? false,
  width: field.width,
  options: field.codec.options,
});

export const GUIDE_SHEET = "事项";
const CODE = "implementationCode";
const CODE_HEADER = "实施编码";
const SITUATION = "situation";
const SITUATION_HEADER = "所属情形";
const SITUATION_NAME_HEADER = "情形名称";

const g = fieldsOf<ServiceGuide>();
const GUIDE_FIELDS: Field[] = [
  required(g(CODE_HEADER, CODE, text, 34)),
  required(g("事项名称", "name", text, 30)),
  g("事项类型", "itemType", choice(ITEM_TYPE_LABELS), 14),
  g("基本编码", "basicCode", text, 14),
  g("权力来源", "authoritySource", text, 40),
  g("实施主体", "implementingBody", text, 24),
  g("实施主体编码", "bodyCode", text, 20),
  g("行使层级", "level", choice(LEVEL_LABELS), 10),
  g("服务对象", "serviceObjects", choices(SERVICE_OBJECT_LABELS), 18),
  g("办件类型", "caseType", choice(CASE_TYPE_LABELS), 10),
  ...g.limit("法定时限", "legalLimit"),
  ...g.limit("承诺时限", "promisedLimit"),
  g("数量限制", "quantityLimited", yesNo, 10),
  g("数量限制说明", "quantityLimitNote", text, 30),
  g("受理条件", "acceptanceConditions", text, 40),
  g("流程图", "flowchartUrl", optionalText, 30),
  g("咨询电话", "consultationPhone"),
  g("监督电话", "supervisionPhone"),
  g("是否收费", "charged", yesNo, 10),
  g("到现场次数", "visits", number, 10),
  g("到现场原因", "visitReason", text, 24),
  g("网办深度", "onlineDepth", integer, 10),
  g("网上办理地址", "onlineUrl", optionalText, 30),
  g("移动端地址", "mobileUrl", optionalText, 30),
  g("来源", "source", sourceText, 10),
  g("来源编号", "sourceId", optionalText, 36),
  g("版本", "version", optionalText, 8),
  g("发布时间", "publishedAt", optionalText, 22),
];
const GUIDE_SPEC: SheetSpec = { name: GUIDE_SHEET, columns: GUIDE_FIELDS.map(columnOf) };

/** The guide's lists of entries, each on a child sheet. */
type ListKey = { [K in keyof ServiceGuide]: ServiceGuide[K] extends readonly object[] ? K : never }[keyof ServiceGuide];
type ItemOf<L extends ListKey> = ServiceGuide[L] extends readonly (infer I)[] ? I : never;
/** The lists a situation has of its own; on their sheets an empty 所属情形 means the guide's general list. */
type SituationListKey = "materials" | "steps";
const inSituation = (list: ListKey): list is SituationListKey => list === "materials" || list === "steps";

interface ChildSheet {
  name: string;
  list: ListKey;
  fields: Field[];
  spec: SheetSpec;
}

function childSheet<L extends ListKey>(name: string, list: L, fields: (f: FieldBuilder<ItemOf<L>>) => Field[]): ChildSheet {
  const own = fields(fieldsOf<ItemOf<L>>());
  const keys: SheetColumn[] = [{ key: CODE, header: CODE_HEADER, required: true, width: 34 }];
  if (inSituation(list)) keys.push({ key: SITUATION, header: SITUATION_HEADER, required: false, width: 20 });
  return { name, list, fields: own, spec: { name, columns: [...keys, ...own.map(columnOf)] } };
}

// 办理情形 comes first: the sheets after it name situations, which must be known by then.
const CHILD_SHEETS: ChildSheet[] = [
  childSheet("办理情形", "situations", (f) => [required(f(SITUATION_NAME_HEADER, "name", text, 30)), f("适用条件", "condition", text, 50)]),
  childSheet("申请材料", "materials", (f) => [
    f("材料编码", "code", optionalText, 16),
    f("材料名称", "name", text, 30),
    f("必要性", "necessity", choice(NECESSITY_LABELS), 10),
    f("材料类型", "type", choice(MATERIAL_TYPE_LABELS), 14),
    f("来源渠道", "source", text, 14),
    f("出具单位", "issuer", text, 20),
    f("原件份数", "originals", number, 10),
    f("复印件份数", "copies", number, 10),
    f("介质", "media", choices(MEDIUM_LABELS), 16),
    f("填报要求", "form", text, 30),
    f("空白表格", "blankFormUrl", optionalText, 30),
    f("示例样表", "sampleFormUrl", optionalText, 30),
    f("受理标准", "acceptanceStandard", text, 30),
    f("依据", "legalBasis", text, 30),
  ]),
  childSheet("办理流程", "steps", (f) => [
    f("环节名称", "name", text, 16),
    f("办理人员", "actor", text, 16),
    ...f.limit("时限", "limit"),
    f("审查标准", "criteria", text, 40),
  ]),
  childSheet("办理地点", "locations", (f) => [
    f("办理地点", "address", text, 40),
    f("办理窗口", "window", text, 20),
    f("办理时间", "hours", text, 30),
    f("联系电话", "phone", text, 16),
  ]),
  childSheet("设定依据", "legalBases", (f) => [
    f("法律法规名称", "name", text, 36),
    f("条款", "article", text, 12),
    f("条款内容", "text", text, 60),
  ]),
  childSheet("中介服务", "intermediaries", (f) => [
    f("中介服务名称", "name", text, 24),
    f("服务机构", "provider", text, 24),
    ...f.limit("时限", "limit"),
    f("设定依据", "basis", text, 36),
  ]),
  childSheet("特殊环节", "specialProcedures", (f) => [
    f("环节名称", "name", text, 20),
    f("环节类型", "kind", choice(SPECIAL_PROCEDURE_LABELS), 12),
    ...f.limit("时限", "limit"),
    f("说明", "note", text, 40),
  ]),
  childSheet("收费项目", "fees", (f) => [
    f("收费项目名称", "name", text, 24),
    f("收费标准", "standard", text, 30),
    f("收费依据", "basis", text, 36),
  ]),
  childSheet("常见问题", "faq", (f) => [f("问题", "question", text, 40), f("解答", "answer", text, 60)]),
];

const labelList = (labels: Readonly<Record<string, string>>) => Object.values(labels).join("、");
const NOTES = [
  "办事指南导入填写说明：",
  "1. 「事项」每行一个事项，实施编码不得重复；其他工作表每行一项（一份材料、一个环节、一个地点……），以实施编码对应到事项，按行的先后排列。",
  "2. 带 * 的列必填。表头请勿修改，也不要删除列（不用的列留空）；不需要的工作表可以删除，「事项」不可删除。",
  "3. 「申请材料」「办理流程」的所属情形填「办理情形」中该事项的情形名称；留空表示不分情形的通用材料、通用流程。同一事项的情形名称不得重复。",
  `4. 服务对象可填多项，以“、”分隔（${labelList(SERVICE_OBJECT_LABELS)}）；材料介质同样（${labelList(MEDIUM_LABELS)}）。其他有下拉框的列从下拉框中选择。`,
  "5. 时限、份数、到现场次数填数字，网办深度填整数；时限单位选工作日或自然日。数量限制、是否收费填“是”或“否”，留空表示未说明。",
  "6. 来源留空即为 excel。",
  "7. 任何一处有错时整个文件都不会导入，所有错误会逐条列出工作表、行和列。",
];

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

function valueAt(item: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as Obj)[key] : undefined), item);
}

function cells(fields: readonly Field[], item: unknown): Row {
  return Object.fromEntries(fields.map((f) => [f.path, f.codec.write(valueAt(item, f.path))]));
}

/** A guide's entries on one child sheet: its general list first, then each situation's. */
function childRows(sheet: ChildSheet, guide: ServiceGuide): Row[] {
  const row = (item: unknown, situation?: string): Row => ({
    [CODE]: guide.implementationCode,
    ...(situation === undefined ? {} : { [SITUATION]: situation }),
    ...cells(sheet.fields, item),
  });
  const list = sheet.list;
  if (!inSituation(list)) return (guide[list] as readonly unknown[]).map((item) => row(item));
  const general = (guide[list] as readonly unknown[]).map((item) => row(item, ""));
  return [...general, ...guide.situations.flatMap((s) => (s[list] as readonly unknown[]).map((item) => row(item, s.name)))];
}

/** The workbook of these guides; of none, the blank template. */
export async function guidesWorkbook(guides: ServiceGuide[]): Promise<Buffer> {
  const sheets: SheetContent[] = [
    { spec: GUIDE_SPEC, rows: guides.map((guide) => cells(GUIDE_FIELDS, guide)) },
    ...CHILD_SHEETS.map((sheet) => ({ spec: sheet.spec, rows: guides.flatMap((guide) => childRows(sheet, guide)) })),
  ];
  return writeSheets(sheets, NOTES);
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

/** A guide being read: its fields so far, where it was, and its situations by name (with their rows). */
interface Draft {
  row: number;
  guide: Obj;
  situations: Map<string, { row: number; situation: Obj }>;
}

/**
 * The rows of a sheet, none when it is absent (only 「事项」 is required), null
 * when headers are missing. Every header must be there, not just the required
 * ones: a renamed header would otherwise drop its column's content without a word.
 */
function readRows(workbook: ExcelJS.Workbook, spec: SheetSpec, errors: ErrorDetail[]): SheetRow<string>[] | null {
  // readSheet falls back to the first sheet when the named one is missing.
  if (!workbook.getWorksheet(spec.name)) return [];
  // Required cells are checked here too, so readSheet must not throw on the first missing header.
  const relaxed = { ...spec, columns: spec.columns.map((c) => ({ ...c, required: false })) };
  const { rows, columns } = readSheet(workbook, relaxed);
  const missing = spec.columns.filter((c) => !columns.includes(c.key));
  for (const c of missing)
    errors.push({ sheet: spec.name, row: 1, column: c.header, message: `工作表「${spec.name}」缺少表头「${c.header}」` });
  if (missing.length) return null;
  for (const { row, values } of rows) {
    for (const c of spec.columns) {
      if (c.required && !values[c.key]) errors.push({ sheet: spec.name, row, column: c.header, message: `「${c.header}」不能为空` });
    }
  }
  return rows;
}

/** One row's fields as an object; cells that do not read are reported and left out. */
function readFields(
  fields: readonly Field[],
  values: Record<string, string>,
  at: { sheet: string; row: number },
  errors: ErrorDetail[],
): Obj {
  const item: Obj = {};
  for (const f of fields) {
    const result = f.codec.read(values[f.path] ?? "");
    if (!result.ok) {
      errors.push({ ...at, column: f.header, message: `「${f.header}」${result.message}` });
      continue;
    }
    const [key, sub] = f.path.split(".") as [string, string?];
    if (sub === undefined) item[key] = result.value;
    else item[key] = { ...(item[key] as Obj | undefined), [sub]: result.value };
  }
  return item;
}

function readGuides(workbook: ExcelJS.Workbook, errors: ErrorDetail[]): Map<string, Draft> | null {
  const rows = readRows(workbook, GUIDE_SPEC, errors);
  if (!rows) return null;
  const drafts = new Map<string, Draft>();
  for (const { row, values } of rows) {
    const guide = readFields(GUIDE_FIELDS, values, { sheet: GUIDE_SHEET, row }, errors);
    const code = values[CODE] ?? "";
    const first = drafts.get(code);
    if (first) errors.push({ sheet: GUIDE_SHEET, row, column: CODE_HEADER, message: `实施编码「${code}」与第 ${first.row} 行重复` });
    else if (code) drafts.set(code, { row, guide, situations: new Map() });
  }
  return drafts;
}

function append(owner: Obj, list: string, item: Obj): void {
  const items = owner[list] as Obj[] | undefined;
  if (items) items.push(item);
  else owner[list] = [item];
}

/** Where a row's entry goes: its guide, or one of the guide's situations; null when that cannot be found (reported). */
function ownerOf(sheet: ChildSheet, values: Record<string, string>, draft: Draft, row: number, errors: ErrorDetail[]): Obj | null {
  const name = values[SITUATION] ?? "";
  if (!inSituation(sheet.list) || name === "") return draft.guide;
  const found = draft.situations.get(name);
  if (!found) {
    const message = `所属情形「${name}」不是该事项在「办理情形」中的情形`;
    errors.push({ sheet: sheet.name, row, column: SITUATION_HEADER, message });
  }
  return found?.situation ?? null;
}

function readChildren(workbook: ExcelJS.Workbook, sheet: ChildSheet, drafts: Map<string, Draft>, errors: ErrorDetail[]): void {
  for (const { row, values } of readRows(workbook, sheet.spec, errors) ?? []) {
    const item = readFields(sheet.fields, values, { sheet: sheet.name, row }, errors);
    const code = values[CODE] ?? "";
    const draft = drafts.get(code);
    if (!draft) {
      if (code) errors.push({ sheet: sheet.name, row, column: CODE_HEADER, message: `实施编码「${code}」不在「${GUIDE_SHEET}」中` });
      continue;
    }
    if (sheet.list === "situations" && !registerSituation(sheet, draft, item, row, errors)) continue;
    const owner = ownerOf(sheet, values, draft, row, errors);
    if (owner) append(owner, sheet.list, item);
  }
}

/** Situations are keyed by name within their guide, so a name may appear once (an empty one is reported as required). */
function registerSituation(sheet: ChildSheet, draft: Draft, situation: Obj, row: number, errors: ErrorDetail[]): boolean {
  const name = typeof situation.name === "string" ? situation.name : "";
  const first = draft.situations.get(name);
  if (first) {
    const message = `情形名称「${name}」在该事项中与第 ${first.row} 行重复`;
    errors.push({ sheet: sheet.name, row, column: SITUATION_NAME_HEADER, message });
  } else if (name) draft.situations.set(name, { row, situation });
  return !first && name !== "";
}

const SHEET_ORDER = [GUIDE_SHEET, ...CHILD_SHEETS.map((s) => s.name)];
/** Sheet by sheet, row by row: a sheet's empty required cells are found before its rows are read (the sort is stable). */
const byPlace = (errors: ErrorDetail[]) =>
  errors.sort((a, b) => SHEET_ORDER.indexOf(a.sheet ?? "") - SHEET_ORDER.indexOf(b.sheet ?? "") || (a.row ?? 0) - (b.row ?? 0));

/**
 * Reads guides from a workbook laid out like `guidesWorkbook`'s, all or
 * nothing: every error (sheet, row, column) is collected and thrown once as
 * IMPORT_INVALID; a file that is not an .xlsx is BAD_FILE (loadWorkbook).
 */
export async function parseGuidesWorkbook(buffer: Buffer): Promise<ServiceGuide[]> {
  const workbook = await loadWorkbook(buffer);
  if (!workbook.getWorksheet(GUIDE_SHEET)) throw importInvalid([{ sheet: GUIDE_SHEET, message: `缺少工作表「${GUIDE_SHEET}」` }]);
  const errors: ErrorDetail[] = [];
  const drafts = readGuides(workbook, errors);
  // Without 「事项」 every child row would be reported as naming an unknown guide: its headers alone say more.
  if (!drafts) throw importInvalid(errors);
  for (const sheet of CHILD_SHEETS) readChildren(workbook, sheet, drafts, errors);
  if (errors.length) throw importInvalid(byPlace(errors));
  return [...drafts.values()].map((draft) => serviceGuideSchema.parse(draft.guide));
}
