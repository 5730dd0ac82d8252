import { type CodeTables, emptyCodeTables, mapCode, mapCodes, PROVINCIAL_CODE_TABLES, SPECIAL_KIND_KEYWORDS, splitCodes } from "./codes.ts";
import { type GuideLimit, type GuideMaterial, type ServiceGuide, type SpecialProcedureKind, serviceGuideSchema } from "./model.ts";
import { isPlaceholder } from "./text.ts";

/**
 * Import adapter for the export of a provincial government-service platform
 * (the shape of /work/shared/data/samples/provincial-platform-guide.json: one
 * record per published task version, with sections AUDIT_ITEM,
 * AUDIT_ITEM_EXTEND, AUDIT_MATERIAL …). Like the model, it is lenient: odd
 * content is kept for the checker to judge, and bad shapes become issues,
 * never exceptions, so one broken record cannot stop a batch of thousands.
 */

export interface ImportIssue {
  /** Where in the input, e.g. “[0].AUDIT_MATERIAL[1].original_amount”. */
  path: string;
  severity: "error" | "warning";
  /** zh-CN, naming the path. */
  message: string;
}

export interface ProvincialImportOptions {
  /** Source id recorded on each guide and used to pick the code tables; default "gx". */
  source?: string;
  /** Code tables to use instead of PROVINCIAL_CODE_TABLES[source]. */
  tables?: CodeTables;
}

export interface ProvincialImportResult {
  guides: ServiceGuide[];
  issues: ImportIssue[];
}

type Row = Record<string, unknown>;
/** A row of the input with its path. */
interface Entry {
  row: Row;
  path: string;
}

// ---------------------------------------------------------------------------
// Paths and issues
// ---------------------------------------------------------------------------

const isRow = (value: unknown): value is Row => typeof value === "object" && value !== null && !Array.isArray(value);
const child = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);
const item = (path: string, index: number) => `${path}[${index}]`;
/** The root has no name of its own in a path; “$” stands for it in messages. */
const shown = (path: string) => (path === "" ? "$" : path);

/** What a value is, for messages: “文本“无””, “数字 5”, “数组” … */
function kind(value: unknown): string {
  if (value === null) return "空值 null";
  if (value === undefined) return "空（未给出）";
  if (Array.isArray(value)) return "数组";
  if (typeof value === "string") return `文本“${value.length > 20 ? `${value.slice(0, 20)}…` : value}”`;
  if (typeof value === "number") return `数字 ${value}`;
  if (typeof value === "boolean") return `布尔值 ${value}`;
  return typeof value === "object" ? "对象" : typeof value;
}

class Issues {
  readonly list: ImportIssue[] = [];
  error(path: string, message: string): void {
    this.list.push({ path: shown(path), severity: "error", message: `${shown(path)}：${message}` });
  }
  warn(path: string, message: string): void {
    this.list.push({ path: shown(path), severity: "warning", message: `${shown(path)}：${message}` });
  }
}

// ---------------------------------------------------------------------------
// Reading fields
// ---------------------------------------------------------------------------

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const EPOCH_MS = /^\d{9,}$/;

/** Reads the fields of one row, reporting values of the wrong kind under the field's path. */
class Fields {
  constructor(
    readonly row: Row,
    readonly path: string,
    private readonly issues: Issues,
  ) {}

  static of(entry: Entry | undefined, path: string, issues: Issues): Fields {
    return new Fields(entry?.row ?? {}, entry?.path ?? path, issues);
  }

  raw(key: string): unknown {
    return this.row[key];
  }

  /** Text, trimmed; numbers as written. Placeholders such as “无” are kept: judging them is the checker's job. */
  text(key: string): string {
    const value = this.row[key];
    if (value === undefined || value === null) return "";
    if (typeof value === "string") return value.trim();
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    this.issues.warn(child(this.path, key), `应为文本，实为${kind(value)}，已忽略`);
    return "";
  }

  /** The first non-blank of several fields (the same content under another name in another export). */
  firstText(...keys: string[]): string {
    for (const key of keys) {
      const value = this.text(key);
      if (value !== "") return value;
    }
    return "";
  }

  /** Text for a nullable field (links): blank → null. */
  optional(key: string): string | null {
    return this.text(key) || null;
  }

  /** A number given as a number or as digits; blank → null; anything else (“无”, “五”) → null with a warning. */
  num(key: string): number | null {
    const value = this.row[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return null;
    if (typeof value === "string" && NUMBER.test(value.trim()) && Number.isFinite(Number(value.trim()))) return Number(value.trim());
    this.issues.warn(child(this.path, key), `应为数字，实为${kind(value)}，已按未填写处理`);
    return null;
  }

  /** A date: epoch milliseconds (number or digits) → ISO string; another non-blank text is kept as written. */
  date(key: string): string | null {
    const value = this.row[key];
    const text = typeof value === "string" ? value.trim() : value;
    if (text === undefined || text === null || text === "") return null;
    if (typeof text === "string" && !EPOCH_MS.test(text)) return text;
    const ms = typeof text === "number" || typeof text === "string" ? Number(text) : Number.NaN;
    const date = new Date(ms);
    if (Number.isFinite(ms) && !Number.isNaN(date.getTime())) return date.toISOString();
    this.issues.warn(child(this.path, key), `应为日期（毫秒时间戳），实为${kind(value)}，已忽略`);
    return null;
  }

  /** A yes/no flag (1/0, 是/否, true/false); another value → null and kept as an unmapped code. */
  flag(key: string, field: string, unmapped: Record<string, string>): boolean | null {
    return mapCode(YES_NO, this.row[key], field, unmapped);
  }
}

/** Yes/no flags are the same everywhere, so this is not a per-source table. */
const YES_NO: Record<string, boolean> = { "1": true, "0": false, 是: true, 否: false, true: true, false: false, Y: true, N: false };

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

/** A one-row section (AUDIT_ITEM, AUDIT_ITEM_EXTEND): an object, or — in some exports — a list holding it. */
function single(record: Entry, key: string, issues: Issues): Entry | undefined {
  const path = child(record.path, key);
  const value = record.row[key];
  if (value === undefined || value === null) return undefined;
  if (isRow(value)) return { row: value, path };
  if (!Array.isArray(value)) {
    issues.error(path, `应为对象，实为${kind(value)}，已忽略`);
    return undefined;
  }
  if (value.length === 0) return undefined;
  if (value.length > 1) issues.warn(path, `应只有一条，实有 ${value.length} 条，只取第一条`);
  if (isRow(value[0])) return { row: value[0], path: item(path, 0) };
  issues.error(item(path, 0), `应为对象，实为${kind(value[0])}，已忽略`);
  return undefined;
}

/** A list section (AUDIT_MATERIAL …): missing means empty; rows that are not objects are skipped with an error. */
function list(record: Entry, key: string, issues: Issues): Entry[] {
  const path = child(record.path, key);
  const value = record.row[key];
  if (value === undefined || value === null) return [];
  if (isRow(value)) return [{ row: value, path }];
  if (!Array.isArray(value)) {
    issues.error(path, `应为数组，实为${kind(value)}，已忽略`);
    return [];
  }
  const entries: Entry[] = [];
  value.forEach((row, i) => {
    if (isRow(row)) entries.push({ row, path: item(path, i) });
    else issues.error(item(path, i), `应为对象，实为${kind(row)}，已跳过`);
  });
  return entries;
}

// ---------------------------------------------------------------------------
// Mapping one record
// ---------------------------------------------------------------------------

interface Context {
  tables: CodeTables;
  issues: Issues;
  /** The guide's unmappedCodes, filled as codes are looked up. */
  unmapped: Record<string, string>;
}

/** A guid (or comma-separated guids) of an uploaded file → “attachment:<first id>”; a URL stays a URL; blank or “无” → null. */
function attachment(raw: string): string | null {
  if (/^https?:\/\//i.test(raw)) return raw;
  const id = splitCodes(raw)[0];
  return id === undefined || isPlaceholder(id) ? null : `attachment:${id}`;
}

function limit(f: Fields, days: string, unit: string, field: string, ctx: Context, note?: string): GuideLimit {
  const mapped = mapCode(ctx.tables.limitUnit, f.raw(unit), `${field}.unit`, ctx.unmapped);
  return { days: f.num(days), unit: mapped, note: note === undefined ? "" : f.text(note) };
}

/** Labelled parts of a text joined, blank parts left out. */
function labelled(parts: [string, string][]): string {
  return parts
    .filter(([, value]) => value !== "")
    .map(([label, value]) => `${label}：${value}`)
    .join("；");
}

function material(entry: Entry, i: number, ctx: Context): GuideMaterial {
  const f = new Fields(entry.row, entry.path, ctx.issues);
  const field = `materials.${i}`;
  const explain = f.text("source_explain");
  // The table gives the label (申请人自备); source_explain repeats it in the sample, and where it says
  // something else it names who issues the material, which the model keeps as the issuer.
  const source = mapCode(ctx.tables.source, f.raw("source_type"), `${field}.source`, ctx.unmapped) ?? explain;
  return {
    // The export identifies materials by guid only; the national material code is not in it.
    code: null,
    name: f.text("material_name"),
    necessity: mapCode(ctx.tables.necessity, f.raw("is_need"), `${field}.necessity`, ctx.unmapped),
    type: mapCode(ctx.tables.materialType, f.raw("material_type"), `${field}.type`, ctx.unmapped),
    source,
    issuer: explain !== source ? explain : "",
    originals: f.num("original_amount"),
    copies: f.num("copy_amount"),
    media: [...new Set(mapCodes(ctx.tables.medium, f.raw("material_form"), `${field}.media`, ctx.unmapped).flat())],
    form: labelled([
      ["纸张规格", f.text("page_format")],
      ["签章要求", f.text("sign_ask")],
      ["填报须知", f.firstText("fill_explian", "fill_explain")],
      ["备注", f.text("remark")],
    ]),
    blankFormUrl: attachment(f.text("form_guid")),
    sampleFormUrl: attachment(f.text("example_guid")),
    acceptanceStandard: f.text("accept_stand"),
    legalBasis: f.text("by_law"),
  };
}

/**
 * AUDIT_ITEM_CONDITION holds 情形 (condition_name 情形名称, condition_desc 情形描述), not
 * 受理条件, and AUDIT_MATERIAL_CONDITION links each to its materials (condition_guid →
 * material_guid). The sample has neither; the field names are those of the same
 * platform family's published table schema (dn_audit_item_condition / dn_audit_material_condition).
 */
function situations(record: Entry, materials: { ids: string[]; material: GuideMaterial }[], ctx: Context) {
  const links = list(record, "AUDIT_MATERIAL_CONDITION", ctx.issues).map((e) => new Fields(e.row, e.path, ctx.issues));
  return list(record, "AUDIT_ITEM_CONDITION", ctx.issues).map((entry, s) => {
    const f = new Fields(entry.row, entry.path, ctx.issues);
    const id = f.firstText("rowguid", "condition_guid");
    const linked = new Set(links.filter((l) => id !== "" && l.text("condition_guid") === id).map((l) => l.text("material_guid")));
    const picked = materials.flatMap((m, i) => (m.ids.some((mid) => linked.has(mid)) ? [i] : []));
    for (const [j, i] of picked.entries()) copyUnmapped(ctx.unmapped, `materials.${i}.`, `situations.${s}.materials.${j}.`);
    return {
      name: f.text("condition_name"),
      condition: f.text("condition_desc"),
      materials: picked.map((i) => materials[i]!.material),
    };
  });
}

/** A situation lists the item's materials again: their unknown codes stand at the situation's places too. */
function copyUnmapped(unmapped: Record<string, string>, from: string, to: string): void {
  for (const key of Object.keys(unmapped)) if (key.startsWith(from)) unmapped[to + key.slice(from.length)] = unmapped[key]!;
}

/** “《…》” + “(2016年…令第44号)”: the number in brackets unless it brings its own. */
function lawName(name: string, number: string): string {
  if (number === "") return name;
  return /^[（(〔[]/u.test(number) ? `${name}${number}` : `${name}（${number}）`;
}

function legalBases(record: Entry, ctx: Context) {
  return list(record, "AUDIT_ITEM_BYLAW", ctx.issues).map((entry) => {
    const f = new Fields(entry.row, entry.path, ctx.issues);
    return { name: lawName(f.text("law_name"), f.text("law_number")), article: f.text("clause_number"), text: f.text("clause_content") };
  });
}

/** The kind named by the keyword found earliest in a text, or null. */
function keywordKind(text: string): SpecialProcedureKind | null {
  let best: SpecialProcedureKind | null = null;
  let at = Number.POSITIVE_INFINITY;
  for (const [word, named] of SPECIAL_KIND_KEYWORDS) {
    const found = text.indexOf(word);
    if (found >= 0 && found < at) [best, at] = [named, found];
  }
  return best;
}

/** The lead of a description such as “机构评审：\n《…》…”, if short enough to be a name. */
function leadName(desc: string): string {
  const lead = /^([^：:\n]{1,20})[：:]/u.exec(desc);
  return lead ? lead[1]!.trim() : "";
}

/**
 * special_name is a code in the Guangxi export (“9”). The kind comes from the
 * table when it knows the code, else from keywords in the name or description;
 * the name, when only a code is given, from the lead of the description.
 */
function specialProcedures(record: Entry, ctx: Context) {
  return list(record, "AUDIT_ITEM_SPECIAL", ctx.issues).map((entry, i) => {
    const f = new Fields(entry.row, entry.path, ctx.issues);
    const field = `specialProcedures.${i}`;
    const rawName = f.text("special_name");
    const desc = f.text("special_desc");
    const coded = /^\d+$/.test(rawName);
    const byTable = coded ? mapCode(ctx.tables.specialKind, rawName, `${field}.kind`, ctx.unmapped) : null;
    return {
      name: coded ? leadName(desc) : rawName,
      kind: byTable ?? keywordKind(coded ? "" : rawName) ?? keywordKind(desc),
      limit: limit(f, "special_date", "special_date_type", `${field}.limit`, ctx),
      note: desc,
    };
  });
}

/**
 * EXTEND.is_intermediary says whether an intermediary service (中介服务) is
 * required; service_dept then describes it (“受理后:固定资产投资项目节能评审”).
 * With is_intermediary 0 — the sample — service_dept is not read as an
 * intermediary: the review it names is listed in AUDIT_ITEM_SPECIAL. The export
 * names no provider, so provider stays blank for the checker to report.
 */
function intermediaries(extend: Fields, ctx: Context) {
  if (extend.flag("is_intermediary", "intermediaries", ctx.unmapped) !== true) return [];
  return [{ name: extend.text("service_dept") }];
}

/** 网办深度: the highest level 1–4 among the codes (the sample has “6,1”); unknown codes are recorded. */
function onlineDepth(extend: Fields, ctx: Context): number | null {
  const levels = mapCodes(ctx.tables.onlineDepth, extend.raw("wsblsd"), "onlineDepth", ctx.unmapped).filter((n) => n >= 1 && n <= 4);
  // A loop, not Math.max(...levels): a list of hundreds of thousands of codes would overflow the call stack.
  return levels.reduce<number | null>((max, n) => (max === null || n > max ? n : max), null);
}

function basics(a: Fields, ctx: Context) {
  const { tables, unmapped } = ctx;
  return {
    sourceId: a.optional("rowguid"),
    version: a.optional("task_version"),
    publishedAt: a.date("publishdate"),
    name: a.text("task_name"),
    itemType: mapCode(tables.itemType, a.raw("task_type"), "itemType", unmapped),
    implementationCode: a.text("task_code"),
    basicCode: a.text("catalog_code"),
    // authority_division is the text saying on what basis this level holds the power (“根据…第五条：
    // …由本级节能审查机关负责”). item_source is its code (national list: 1 法定本级行使, 2 上级下放 …), read
    // through the source's table only when the text is missing; a code the table lacks is a code gap.
    authoritySource:
      a.text("authority_division") || (mapCode(tables.authoritySource, a.raw("item_source"), "authoritySource", unmapped) ?? ""),
    implementingBody: a.text("dept_name"),
    bodyCode: a.text("dept_code"),
    level: mapCode(tables.level, a.raw("use_level"), "level", unmapped),
    serviceObjects: [...new Set(mapCodes(tables.serviceObject, a.raw("serve_type"), "serviceObjects", unmapped).flat())],
    caseType: mapCode(tables.caseType, a.raw("project_type"), "caseType", unmapped),
    legalLimit: limit(a, "anticipate_day", "anticipate_type", "legalLimit", ctx, "anticipate_day_explain"),
    promisedLimit: limit(a, "promise_day", "promise_type", "promisedLimit", ctx, "promise_day_explain"),
    // accept_name is the item's 受理条件 text; AUDIT_ITEM_CONDITION holds 情形 and becomes situations.
    acceptanceConditions: a.text("accept_name"),
    consultationPhone: a.text("link_way"),
    supervisionPhone: a.text("supervise_way"),
    flowchartUrl: attachment(a.text("flow_chart")),
    charged: chargedWithUnreadFees(a, unmapped),
    visits: a.num("limit_scene_num"),
    mobileUrl: a.optional("transact_app_url"),
  };
}

/** 是否收费. The export's fee table (AUDIT_CHARGE) is not read yet: a charged guide's fees are unknown, not absent. */
function chargedWithUnreadFees(a: Fields, unmapped: Record<string, string>): boolean | null {
  const charged = a.flag("is_fee", "charged", unmapped);
  if (charged === true) unmapped.fees = "AUDIT_CHARGE";
  return charged;
}

function parseRecord(record: Entry, source: string, tables: CodeTables, issues: Issues): ServiceGuide | null {
  const main = single(record, "AUDIT_ITEM", issues);
  if (!main) {
    issues.error(child(record.path, "AUDIT_ITEM"), "缺少事项基本信息（AUDIT_ITEM），该记录未导入");
    return null;
  }
  const ctx: Context = { tables, issues, unmapped: {} };
  const a = new Fields(main.row, main.path, issues);
  const e = Fields.of(single(record, "AUDIT_ITEM_EXTEND", issues), child(record.path, "AUDIT_ITEM_EXTEND"), issues);
  // Read section by section, so that issues come in the order of the record.
  const head = basics(a, ctx);
  const materials = list(record, "AUDIT_MATERIAL", issues).map((entry, i) => ({
    ids: [entry.row.rowguid, entry.row.materialid].filter((id): id is string => typeof id === "string" && id !== ""),
    material: material(entry, i, ctx),
  }));
  const draft = {
    source,
    ...head,
    quantityLimited: e.flag("is_amount_limit", "quantityLimited", ctx.unmapped),
    quantityLimitNote: e.text("amount_limit_desc"),
    situations: situations(record, materials, ctx),
    materials: materials.map((m) => m.material),
    // The export has no step list: steps stay empty and the checker reports them missing.
    steps: [],
    locations: list(record, "AUDIT_ITEM_WINDOW", issues).map(({ row, path }) => {
      const w = new Fields(row, path, issues);
      return {
        address: w.text("transact_addr"),
        window: w.text("window_name"),
        hours: w.text("transact_time"),
        phone: w.text("window_tel"),
      };
    }),
    legalBases: legalBases(record, ctx),
    intermediaries: intermediaries(e, ctx),
    specialProcedures: specialProcedures(record, ctx),
    visitReason: e.text("scene_reason") || a.text("scene_reason"),
    onlineDepth: onlineDepth(e, ctx),
    faq: list(record, "AUDIT_QA", issues).map(({ row, path }) => {
      const q = new Fields(row, path, issues);
      return { question: q.text("question"), answer: q.text("answer") };
    }),
    onlineUrl: e.optional("handle_online_address") ?? a.optional("login_url"),
    unmappedCodes: ctx.unmapped,
  };
  const parsed = serviceGuideSchema.safeParse(draft);
  if (parsed.success) return parsed.data;
  issues.error(record.path, `不符合指南模型，该记录未导入：${parsed.error.issues.map((i) => i.path.join(".")).join("、")}`);
  return null;
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/** The records of an export: an array, `{ data: [...] }`, `{ data: { list: [...] } }`, or one record. */
function records(input: unknown, issues: Issues): Entry[] {
  const rows = (value: unknown[], path: string) => {
    const entries: Entry[] = [];
    value.forEach((row, i) => {
      if (isRow(row)) entries.push({ row, path: item(path, i) });
      else issues.error(item(path, i), `记录应为对象，实为${kind(row)}，已跳过`);
    });
    return entries;
  };
  if (Array.isArray(input)) return rows(input, "");
  if (!isRow(input)) {
    issues.error("", `导入数据应为记录数组或记录对象，实为${kind(input)}`);
    return [];
  }
  const data = input.data;
  if (Array.isArray(data)) return rows(data, "data");
  if (isRow(data) && Array.isArray(data.list)) return rows(data.list, "data.list");
  if (isRow(data)) return [{ row: data, path: "data" }];
  return [{ row: input, path: "" }];
}

/**
 * Maps a provincial platform export to guides. Every record becomes a guide,
 * several published versions of one task included (see latestVersions); a
 * record that cannot become one is reported, never thrown.
 */
export function parseProvincialExport(input: unknown, options: ProvincialImportOptions = {}): ProvincialImportResult {
  const issues = new Issues();
  const source = options.source ?? "gx";
  let tables = options.tables ?? PROVINCIAL_CODE_TABLES[source];
  if (!tables) {
    issues.warn("", `没有来源“${source}”的代码表，所有代码均按未识别处理`);
    tables = emptyCodeTables();
  }
  const guides: ServiceGuide[] = [];
  for (const record of records(input, issues)) {
    const guide = parseRecord(record, source, tables, issues);
    if (guide) guides.push(guide);
  }
  return { guides, issues: issues.list };
}

/** Numbers in a version (“13”, “2.1.10”), compared part by part; a version without digits ranks lowest. */
function compareVersions(a: string | null, b: string | null): number {
  const pa = a?.match(/\d+/g)?.map(Number) ?? [];
  const pb = b?.match(/\d+/g)?.map(Number) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Older first: by version number, then by publication time. */
export function compareGuideVersions(a: ServiceGuide, b: ServiceGuide): number {
  return compareVersions(a.version, b.version) || (a.publishedAt ?? "").localeCompare(b.publishedAt ?? "");
}

const isNewer = (a: ServiceGuide, b: ServiceGuide) => compareGuideVersions(a, b) > 0;

/**
 * The highest version of each task (by implementationCode; ties go to the later
 * publishedAt), in the order the tasks first appear. A guide without an
 * implementation code cannot be matched to another and is kept as it is.
 */
export function latestVersions(guides: readonly ServiceGuide[]): ServiceGuide[] {
  const latest = new Map<string, ServiceGuide>();
  guides.forEach((guide, i) => {
    const key = guide.implementationCode || `\u0000${i}`;
    const current = latest.get(key);
    if (!current || isNewer(guide, current)) latest.set(key, guide);
  });
  return [...latest.values()];
}
