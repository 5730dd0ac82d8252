import type { CheckHit, GuideCheck } from "./elements.ts";
import type { GuideLimit, ServiceGuide } from "./model.ts";
import { isBlank, isEmptyContent } from "./text.ts";

/**
 * Automated checks for the 基本信息 group of seed 000's 办事指南准确度 checklist
 * (事项类型 … 中介机构或特殊环节). Every check is a pure function over a parsed
 * guide. The checker runs tens of thousands of guides a second, so regular
 * expressions are built once here, and a check that finds nothing returns the
 * shared frozen NONE (callers must never push into a result).
 */

/** What a passing check returns: one shared, frozen empty list. */
const NONE: CheckHit[] = Object.freeze([]) as unknown as CheckHit[];

const hit = (path: string, detail?: string): CheckHit => (detail === undefined || detail === "" ? { path } : { path, detail });

/**
 * isEmptyContent without scanning long texts: a placeholder is at most 40 characters once trimmed, so a
 * field still longer than 64 after trimming (a legal text, a note) has content.
 */
function isEmpty(value: string): boolean {
  if (value.length > 64 && value.trim().length > 64) return false;
  return isEmptyContent(value);
}

/** Appends a hit to a list that is created on the first hit only (the pass case allocates nothing). */
function add(hits: CheckHit[] | undefined, found: CheckHit): CheckHit[] {
  if (hits === undefined) return [found];
  hits.push(found);
  return hits;
}

/** The raw code a mapping table did not know for this field, as a detail, or undefined. */
function unmappedDetail(guide: ServiceGuide, field: string): string | undefined {
  const code = guide.unmappedCodes[field];
  return code === undefined ? undefined : `未识别的代码：${code}`;
}

/** The value itself as a detail when it is a placeholder such as “无”; nothing when blank. */
const valueDetail = (value: string): string | undefined => (isBlank(value) ? undefined : value);

// ---------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015) and the 31-character 实施编码
// ---------------------------------------------------------------------------

const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Character code → value in the alphabet, -1 for characters the code may not use (I, O, S, V, Z, lower case …). */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

/** Index in the alphabet of the check character for the first 17 characters of `code`, or -1 if they are not valid. */
function usccCheckIndex(code: string): number {
  if (code.length < 17) return -1;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = code.charCodeAt(i);
    const value = c < 128 ? USCC_VALUE[c]! : -1;
    if (value < 0) return -1;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return (31 - (sum % 31)) % 31;
}

/**
 * The check character (18th) of a unified social credit code (统一社会信用代码,
 * GB 32100-2015) from its first 17 characters, or null when those use
 * characters outside "0123456789ABCDEFGHJKLMNPQRTUWXY".
 */
export function usccCheckCharacter(code: string): string | null {
  const index = usccCheckIndex(code);
  return index < 0 ? null : USCC_ALPHABET[index]!;
}

/** True when the first 18 characters of `code` are a unified social credit code with a correct check character. */
function hasValidUsccPrefix(code: string): boolean {
  if (code.length < 18) return false;
  const index = usccCheckIndex(code);
  return index >= 0 && USCC_ALPHABET.charCodeAt(index) === code.charCodeAt(17);
}

/** True for an 18-character unified social credit code with a correct check character. */
export function isValidUscc(code: string): boolean {
  return code.length === 18 && hasValidUsccPrefix(code);
}

/** The national 实施编码: 18-character USCC of the body + 1 level digit + 12-digit 基本编码. */
const NATIONAL_CODE = /^[0-9A-HJ-NP-RTUWXY]{18}\d{13}$/;
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

/** Detail for a USCC whose check character is wrong (or whose characters are not allowed). */
function usccDetail(code: string): string {
  const expected = usccCheckCharacter(code);
  return expected === null ? `${code}（含统一社会信用代码不允许的字符）` : `${code}（校验码应为 ${expected}）`;
}

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

interface LimitPaths {
  days: string;
  unit: string;
}
const LEGAL_PATHS: LimitPaths = { days: "legalLimit.days", unit: "legalLimit.unit" };
const PROMISED_PATHS: LimitPaths = { days: "promisedLimit.days", unit: "promisedLimit.unit" };
/** A 即办件's promise may be stated as “即办/当场办结” instead of a number of days. */
const INSTANT_NOTE = /即办|当场|立即|即时/;

const isValidDays = (days: number | null): days is number => days !== null && Number.isFinite(days) && days >= 0;

function limitHits(guide: ServiceGuide, limit: GuideLimit, paths: LimitPaths): CheckHit[] {
  let hits: CheckHit[] | undefined;
  if (!isValidDays(limit.days)) {
    hits = add(hits, hit(paths.days, limit.days === null ? valueDetail(limit.note) : String(limit.days)));
  }
  if (limit.unit === null) {
    hits = add(hits, hit(paths.unit, unmappedDetail(guide, paths.unit) ?? (limit.days === null ? undefined : `${limit.days} 日`)));
  }
  return hits ?? NONE;
}

// ---------------------------------------------------------------------------
// Addresses and hours
// ---------------------------------------------------------------------------

/** A street, road, lane or town name: a character before 街/路/道/巷/弄/镇/乡/村/胡同 (not 城乡/城镇/农村). */
const ADDRESS_STREET = /[\u4e00-\u9fa5A-Za-z0-9](?:[街路道巷弄]|胡同|(?<!城)[镇乡]|(?<!农)村)/u;
/** A house number: “5号” (not “3号窗口/号室/号厅”), “88弄”, “2号楼”, “3栋”. */
const ADDRESS_NUMBER = /[0-9０-９]+(?:-[0-9０-９]+)?(?:号(?![窗房室厅])|弄)|[0-9０-９一二三四五六七八九十]+(?:号楼|栋|幢|座)|号楼/u;
/**
 * A room or window that identifies where to go: “731室”, “3号窗口”, “A区”, “2号厅”, “窗口12”, “房间203”,
 * “3楼305”, “A座1201”, or a named window (“综合窗口”, “工程建设项目综合窗口”) — not “相关窗口/对应窗口/到窗口”, and
 * not the “号区” of “100号区政府”.
 */
const ADDRESS_ROOM =
  /[0-9０-９A-Za-z]+号?(?:室|房|窗口?|厅)|[0-9０-９A-Za-z]+区(?![政委人])|(?:窗口|房间|室)[0-9０-９A-Za-z]+|[楼层座栋幢][0-9０-９A-Za-z]{3,}|[\u4e00-\u9fa5](?<!相关|对应|有关|办事|业务|指定|专门|[各到至在该])窗口/u;
/** A window field that names no window in particular. */
const GENERIC_WINDOW = /^(?:相关|对应|有关|办事|业务|指定|专门|受理|服务|各|各个)?窗口$/u;

/** The days of a weekly schedule. */
const HOURS_DAYS = /星期|礼拜|周[一二三四五六日天末]|工作日|节假日|每[天日周]|全年|全天|24小时/u;
/** A time range, half- or full-width: “9:00-12:00”, “14：00－17：00”, “09:00至12:00”, “上午9点至下午5点”. */
const HOURS_RANGE =
  /\d{1,2}(?:[:：]\d{2}|[时点](?:\d{1,2}分?|半)?)\s*(?:[-－—–―~～]+|至|到)\s*(?:上午|下午|中午|晚上)?\s*\d{1,2}(?:[:：]\d{2}|[时点])|24小时/u;

// ---------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------

/** A phone field written exactly as it should be: the pass case, tested first. */
const PHONE_STANDARD = /^(?:0\d{2,3}-?(?:[1-9]\d{6,7}(?:(?:-|转)\d{1,6})?|9[56]\d{3,4})|[48]00-?\d{3}-?\d{4}|12\d{3}|95\d{3,4})$/;
const PHONE_MOBILE_ONLY = /^1[3-9]\d{9}$/;
/** Runs of digits with the characters that may sit between them in one number (dashes, spaces, brackets, 转). */
const PHONE_RUN = /[(（]?\d[\d\s\-－—–―‐‑()（）转]*\d/g;
/**
 * One landline number: [1] opening bracket, [2] area code, [3] closing bracket, [4] what stands between
 * area code and number, [5] number (7–8 digits, or a local 95xxx/96xxx service number), [6] what stands
 * before an extension, [7] extension.
 */
const PHONE_NUMBER = /^([(（]\s*)?(?:(0\d{2,3})(\s*[)）])?)?(\D*?)([1-9]\d{6,7}|9[56]\d{3,4})(?:(\D+?)(\d{1,6}))?$/;
const PHONE_NON_DIGITS = /\D+/g;
const PHONE_MOBILE = /^1[3-9]\d{9}$/;
const PHONE_TOLL_FREE = /^[48]00\d{7}$/;
/** Nationwide short numbers that need no area code: 12345, 12315, 12388 …, 95598 …. */
const PHONE_HOTLINE = /^(?:12\d{3}|95\d{3,4})$/;
const PHONE_ONLY_DASHES = /^[\d-]+$/;
const PHONE_SPACE = /\s+/;
const PHONE_FULL_WIDTH_DIGIT = /[０-９]/;

type PhoneIssue = "areaCode" | "mobile" | "separator";

const isDigitCode = (c: number) => c >= 48 && c <= 57;

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isDigitCode(text.charCodeAt(i))) n++;
  return n;
}

/**
 * Whether one run of digits (one number, or several separated by spaces) has
 * the issue, and whether it carries an area code (a bare number after one that
 * has, as in “0777-6428820、6428821”, shares it). A run that reads as no phone
 * number at all counts as oddly written ("separator").
 */
function classifyRun(run: string, issue: PhoneIssue, hasAreaBefore: boolean): { found: boolean; area: boolean } {
  if (PHONE_HOTLINE.test(run)) return { found: false, area: true };
  const m = PHONE_NUMBER.exec(run);
  if (m) {
    const area = m[2] !== undefined;
    if (issue === "areaCode") return { found: !area && !hasAreaBefore, area };
    if (issue === "separator") {
      const between = m[4] ?? "";
      const beforeExt = m[6];
      const odd = m[1] !== undefined || m[3] !== undefined || (between !== "" && between !== "-");
      return { found: odd || (beforeExt !== undefined && beforeExt !== "-" && beforeExt !== "转"), area };
    }
    return { found: false, area };
  }
  const digits = run.replace(PHONE_NON_DIGITS, "");
  const mobile = PHONE_MOBILE.test(digits);
  if (mobile || PHONE_TOLL_FREE.test(digits) || PHONE_HOTLINE.test(digits)) {
    if (issue === "mobile") return { found: mobile, area: true };
    if (issue === "separator") return { found: !PHONE_ONLY_DASHES.test(run), area: true };
    return { found: false, area: true };
  }
  // Several numbers separated by spaces (“69613801 69688682”): each on its own.
  if (PHONE_SPACE.test(run)) {
    let area = hasAreaBefore;
    for (const part of run.split(PHONE_SPACE)) {
      if (part === "") continue;
      const result = classifyRun(part, issue, area);
      if (result.found) return result;
      area ||= result.area;
    }
    return { found: false, area };
  }
  // Not readable as a phone number: report it as oddly written.
  return { found: issue === "separator", area: false };
}

/** What is wrong with one phone field: the first offending piece per issue, or null. */
interface PhoneFindings {
  areaCode: string | null;
  mobile: string | null;
  separator: string | null;
}
const PHONE_CLEAR: PhoneFindings = Object.freeze({ areaCode: null, mobile: null, separator: null });

/**
 * Findings of phone fields that are not written in the standard form, by value. Departments repeat the
 * same numbers across their guides, and three checks read each field: the analysis runs once per value.
 */
const phoneMemo = new Map<string, PhoneFindings>();
const PHONE_MEMO_LIMIT = 4096;

/** The findings of one phone field. Blank and placeholder values are left to the presence checks. */
function analysePhone(value: string): PhoneFindings {
  if (PHONE_STANDARD.test(value)) return PHONE_CLEAR;
  let findings = phoneMemo.get(value);
  if (findings === undefined) {
    findings = isEmpty(value)
      ? PHONE_CLEAR
      : {
          areaCode: findPhoneIssue(value, "areaCode"),
          mobile: findPhoneIssue(value, "mobile"),
          separator: findPhoneIssue(value, "separator"),
        };
    if (phoneMemo.size >= PHONE_MEMO_LIMIT) phoneMemo.clear();
    phoneMemo.set(value, findings);
  }
  return findings;
}

/** The first piece of a (non-standard, non-placeholder) phone field with the given issue, or null. */
function findPhoneIssue(value: string, issue: PhoneIssue): string | null {
  const text = value.trim();
  if (PHONE_MOBILE_ONLY.test(text)) return issue === "mobile" ? text : null;
  if (PHONE_FULL_WIDTH_DIGIT.test(text)) return issue === "separator" ? text : null;
  let found = false;
  let area = false;
  for (const match of text.matchAll(PHONE_RUN)) {
    const run = match[0];
    if (countDigits(run) < 5) continue;
    found = true;
    const result = classifyRun(run, issue, area);
    if (result.found) return run;
    area ||= result.area;
  }
  return !found && issue === "areaCode" ? text : null;
}

function phoneHits(guide: ServiceGuide, issue: PhoneIssue): CheckHit[] {
  let hits: CheckHit[] | undefined;
  let bad = analysePhone(guide.consultationPhone)[issue];
  if (bad !== null) hits = add(hits, hit("consultationPhone", bad));
  bad = analysePhone(guide.supervisionPhone)[issue];
  if (bad !== null) hits = add(hits, hit("supervisionPhone", bad));
  const locations = guide.locations;
  for (let i = 0; i < locations.length; i++) {
    bad = analysePhone(locations[i]!.phone)[issue];
    if (bad !== null) hits = add(hits, hit(`locations.${i}.phone`, bad));
  }
  return hits ?? NONE;
}

/** True when both texts hold the same digits in the same order (separators ignored) and at least one. */
function sameDigits(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  let n = 0;
  for (;;) {
    while (i < a.length && !isDigitCode(a.charCodeAt(i))) i++;
    while (j < b.length && !isDigitCode(b.charCodeAt(j))) j++;
    if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length && n > 0;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
    n++;
  }
}

// ---------------------------------------------------------------------------
// Legal bases and special procedures
// ---------------------------------------------------------------------------

const ARTICLE = /第[一二三四五六七八九十百千零〇两\d０-９]+[条款项]/u;
const BOOK_TITLE = /《[^》]+》/u;
const RAW_CODE = /^[0-9A-Za-z]{1,4}$/;
/** Words that name a special procedure (特殊环节). */
const SPECIAL_NAME =
  /评审|评估|勘查|勘察|勘验|踏勘|检测|检验|检疫|鉴定|听证|公示|公告|论证|核查|核实|审查|考试|考核|招标|拍卖|测绘|专家|现场/u;
/** A special step mentioned in running text, unless negated (“无需现场勘查”, “免于评估”). */
const SPECIAL_MENTION = /(?<!(?:无需|无须|不需要?|免于?|不再|不予|不进行|无)(?:现场|专家|技术)?)(?:评审|评估|勘查|检测|鉴定|听证)/u;

const WHITESPACE_RUN = /\s+/g;

/** A hit for the special step mentioned in `text`, with a short excerpt, or null. */
function mentionHit(text: string, path: string): CheckHit | null {
  const m = SPECIAL_MENTION.exec(text);
  if (!m) return null;
  const excerpt = text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12).replace(WHITESPACE_RUN, " ");
  return hit(path, `“${m[0]}”：…${excerpt}…`);
}

/** The first place where acceptance conditions, legal bases or steps mention a special step, or null. */
function findSpecialMention(guide: ServiceGuide): CheckHit | null {
  if (SPECIAL_MENTION.test(guide.acceptanceConditions)) return mentionHit(guide.acceptanceConditions, "acceptanceConditions");
  const bases = guide.legalBases;
  for (let i = 0; i < bases.length; i++) {
    const basis = bases[i]!;
    if (SPECIAL_MENTION.test(basis.name)) return mentionHit(basis.name, `legalBases.${i}.name`);
    if (SPECIAL_MENTION.test(basis.text)) return mentionHit(basis.text, `legalBases.${i}.text`);
  }
  const steps = guide.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (SPECIAL_MENTION.test(step.name)) return mentionHit(step.name, `steps.${i}.name`);
    if (SPECIAL_MENTION.test(step.criteria)) return mentionHit(step.criteria, `steps.${i}.criteria`);
  }
  const situations = guide.situations;
  for (let s = 0; s < situations.length; s++) {
    const situationSteps = situations[s]!.steps;
    for (let i = 0; i < situationSteps.length; i++) {
      const step = situationSteps[i]!;
      if (SPECIAL_MENTION.test(step.name)) return mentionHit(step.name, `situations.${s}.steps.${i}.name`);
      if (SPECIAL_MENTION.test(step.criteria)) return mentionHit(step.criteria, `situations.${s}.steps.${i}.criteria`);
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------

const SEED = {
  itemType: "000: 逐事项逐要素检查,评估是否明确标注所属事项类型。",
  authoritySource: "000: 逐事项逐要素检查,评估是否明确标注权力来源情况。",
  quantityLimit: "000: 逐事项逐要素检查,评估是否明确标注该事项有无许可数量要求限制。",
  caseType: "000: 逐事项逐要素检查,评估是否明确标注事项的办件类型(如:承诺件、即办件、上报件)。",
  itemCode: "000: 逐事项逐要素检查,评估是否按同一区域内的统一编码规则进行赋码。",
  serviceObjects: "000: 逐事项逐要素检查,评估是否明确标注办理对象(如:法人、自然人、其他组织)。",
  legalLimit: "000: 逐事项逐要素检查,评估是否明确标注该事项的法定期限,明确说明是工作日还是自然日。",
  promisedLimit: "000: 逐事项逐要素检查,评估是否明确标注该事项的承诺期限,明确说明是工作日还是自然日。",
  location: "000: 评估是否明确标注该事项的办理地点,要求办理地点有明确街道名称、门牌号、房间号或者窗口号。",
  hours: "000: 评估是否明确标注该事项受理的时间周期。(如:星期一至星期五:上午09:00-12:00,下午13:00-17:00)。",
  consultationPhone: "000: 评估是否明确标注该事项受理部门的联系电话及电话接通率。",
  supervisionPhone: "000: 评估是否明确标注该事项监督部门的联系电话及电话接通率。",
  phoneAccuracy: "000: 评估是否有联系电话和监督电话,且号码不相同,电话有区号。",
  legalBasis: "000: 评估是否明确标注该事项办理依据的法律、法规、文件的名称和所引用的条项和款项的具体内容。",
  specialProcedures: "000: 评估是否明确提供涉及评审、评估、现场勘查等特殊环节信息的明确标注。",
} as const;

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

export const BASIC_CHECKS: GuideCheck[] = [
  {
    id: "G-BASIC-01",
    element: "itemType",
    severity: "error",
    seed: SEED.itemType,
    message: { zh: "未明确标注事项类型", en: "The item type (事项类型) is not stated" },
    fix: {
      zh: "标注事项类型：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、行政奖励、行政裁决、其他行政权力或公共服务",
      en: "State the item type: administrative license, penalty, enforcement, levy, payment, inspection, confirmation, reward, ruling, other administrative power or public service",
    },
    run: (g) => (g.itemType === null ? [hit("itemType", unmappedDetail(g, "itemType"))] : NONE),
  },
  {
    id: "G-BASIC-02",
    element: "authoritySource",
    severity: "error",
    seed: SEED.authoritySource,
    message: { zh: "未明确标注权力来源", en: "The source of authority (权力来源) is not stated" },
    fix: {
      zh: "标注权力来源，如“法定本级行使”“上级下放”“上级委托”",
      en: "State where the authority comes from, e.g. exercised by law at this level, delegated or entrusted by a higher level",
    },
    run: (g) => {
      const value = g.authoritySource;
      if (isEmpty(value)) return [hit("authoritySource", unmappedDetail(g, "authoritySource") ?? valueDetail(value))];
      // A bare code (“1”) that no mapping table turned into a label says nothing to an applicant.
      if (RAW_CODE.test(value.trim())) return [hit("authoritySource", `未识别的代码：${value.trim()}`)];
      return NONE;
    },
  },
  {
    id: "G-BASIC-03",
    element: "quantityLimit",
    severity: "warning",
    seed: SEED.quantityLimit,
    message: { zh: "未标注有无许可数量限制", en: "Whether the number of permits is limited (许可数量) is not stated" },
    fix: { zh: "标注“无数量限制”或“有数量限制”并说明限制", en: "State “no limit” or “limited” and describe the limit" },
    run: (g) => (g.quantityLimited === null ? [hit("quantityLimited", unmappedDetail(g, "quantityLimited"))] : NONE),
  },
  {
    id: "G-BASIC-04",
    element: "quantityLimit",
    severity: "warning",
    seed: SEED.quantityLimit,
    message: { zh: "有许可数量限制但未说明限制内容", en: "The number of permits is limited but the limit is not described" },
    fix: {
      zh: "在许可数量说明中写明数量限制及其依据（如年度总量、名额）",
      en: "Describe the limit (e.g. yearly quota, number of places) and its basis in the quantity note",
    },
    run: (g) =>
      g.quantityLimited === true && isEmpty(g.quantityLimitNote) ? [hit("quantityLimitNote", valueDetail(g.quantityLimitNote))] : NONE,
  },
  {
    id: "G-BASIC-05",
    element: "caseType",
    severity: "error",
    seed: SEED.caseType,
    message: { zh: "未明确标注办件类型", en: "The case type (办件类型) is not stated" },
    fix: {
      zh: "标注办件类型：即办件、承诺件或上报件",
      en: "State the case type: instant (即办件), promised (承诺件) or referred (上报件)",
    },
    run: (g) => (g.caseType === null ? [hit("caseType", unmappedDetail(g, "caseType"))] : NONE),
  },
  {
    id: "G-BASIC-06",
    element: "itemCode",
    severity: "error",
    seed: SEED.itemCode,
    message: { zh: "缺少事项实施编码", en: "The implementation code (实施编码) is missing" },
    fix: {
      zh: "按统一编码规则填写实施编码（实施主体统一社会信用代码18位 + 行使层级1位 + 基本编码12位）",
      en: "Fill in the implementation code by the uniform rule (18-character USCC of the body + 1 level digit + 12-digit basic code)",
    },
    run: (g) => {
      const value = g.implementationCode;
      return NATIONAL_CODE.test(value) || !isEmpty(value) ? NONE : [hit("implementationCode", valueDetail(value))];
    },
  },
  {
    id: "G-BASIC-07",
    element: "itemCode",
    severity: "warning",
    seed: SEED.itemCode,
    message: {
      zh: "实施编码不是全国统一的31位格式",
      en: "Non-standard code shape: the implementation code is not the national 31-character form",
    },
    fix: {
      zh: "核对实施编码：全国统一格式为实施主体统一社会信用代码18位 + 行使层级1位 + 基本编码12位，共31位",
      en: "Check the code: the national form is the body's 18-character USCC + 1 level digit + 12-digit basic code, 31 characters",
    },
    run: (g) => {
      const code = g.implementationCode.trim();
      return NATIONAL_CODE.test(code) || isEmpty(code) ? NONE : [hit("implementationCode", `${code}（${code.length} 位）`)];
    },
  },
  {
    id: "G-BASIC-08",
    element: "itemCode",
    severity: "error",
    seed: SEED.itemCode,
    message: {
      zh: "实施主体统一社会信用代码的校验码错误",
      en: "The unified social credit code (统一社会信用代码) of the body fails its check character (GB 32100-2015)",
    },
    fix: {
      zh: "按实施主体的统一社会信用代码（GB 32100-2015）更正实施编码前18位或实施主体编码",
      en: "Correct the first 18 characters of the code, or the body code, to the body's registered unified social credit code",
    },
    run: (g) => {
      let hits: CheckHit[] | undefined;
      const code = g.implementationCode.trim();
      if (NATIONAL_CODE.test(code) && !hasValidUsccPrefix(code)) {
        hits = add(hits, hit("implementationCode", usccDetail(code.slice(0, 18))));
      }
      const body = g.bodyCode.trim();
      if (!isValidUscc(body) && !isEmpty(body)) {
        hits = add(hits, hit("bodyCode", USCC_SHAPE.test(body) ? usccDetail(body) : `${body}（不是18位统一社会信用代码）`));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-09",
    element: "itemCode",
    severity: "error",
    seed: SEED.itemCode,
    message: {
      zh: "基本编码或实施主体编码与实施编码不一致",
      en: "The basic code or the body code disagrees with the implementation code",
    },
    fix: {
      zh: "基本编码应等于实施编码后12位，实施主体编码应等于实施编码前18位",
      en: "The basic code must equal the code's last 12 characters and the body code its first 18",
    },
    run: (g) => {
      const code = g.implementationCode.trim();
      if (!NATIONAL_CODE.test(code)) return NONE;
      let hits: CheckHit[] | undefined;
      const basic = g.basicCode.trim();
      if (!(basic.length === 12 && code.endsWith(basic)) && !isEmpty(basic)) {
        hits = add(hits, hit("basicCode", `${basic} ≠ ${code.slice(19)}`));
      }
      const body = g.bodyCode.trim();
      if (!(body.length === 18 && code.startsWith(body)) && !isEmpty(body)) {
        hits = add(hits, hit("bodyCode", `${body} ≠ ${code.slice(0, 18)}`));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-10",
    element: "serviceObjects",
    severity: "error",
    seed: SEED.serviceObjects,
    message: { zh: "未明确标注服务对象", en: "The service objects (服务对象) are not stated" },
    fix: { zh: "标注服务对象：自然人、法人或其他组织", en: "State who may apply: natural persons, legal persons or other organisations" },
    run: (g) => (g.serviceObjects.length === 0 ? [hit("serviceObjects", unmappedDetail(g, "serviceObjects"))] : NONE),
  },
  {
    id: "G-BASIC-11",
    element: "legalLimit",
    severity: "error",
    seed: SEED.legalLimit,
    message: {
      zh: "法定办结时限未标注天数或未说明是工作日还是自然日",
      en: "The legal time limit lacks its number of days or does not say working or calendar days",
    },
    fix: {
      zh: "按设定依据填写法定办结时限的天数，并注明工作日或自然日",
      en: "State the legal limit in days as the legal basis sets it, and whether they are working or calendar days",
    },
    run: (g) => limitHits(g, g.legalLimit, LEGAL_PATHS),
  },
  {
    id: "G-BASIC-12",
    element: "promisedLimit",
    severity: "error",
    seed: SEED.promisedLimit,
    message: {
      zh: "承诺办结时限未标注天数或未说明是工作日还是自然日",
      en: "The promised time limit lacks its number of days or does not say working or calendar days",
    },
    fix: {
      zh: "填写承诺办结时限的天数（即办件可填0或注明“即办”），并注明工作日或自然日",
      en: "State the promised limit in days (an instant case may say 0 or “即办”) and whether they are working or calendar days",
    },
    run: (g) => {
      const limit = g.promisedLimit;
      // A 即办件 promising “即办/当场办结” has stated its limit without a number.
      if (g.caseType === "instant" && limit.days === null && INSTANT_NOTE.test(limit.note)) return NONE;
      return limitHits(g, limit, PROMISED_PATHS);
    },
  },
  // G-BASIC-13 (promised longer than legal) is checks-content.ts' G-CONT-28: one check per rule.
  {
    id: "G-BASIC-14",
    element: "location",
    severity: "error",
    seed: SEED.location,
    message: { zh: "未标注办理地点", en: "No place of handling (办理地点) is stated" },
    fix: { zh: "填写办理地点的详细地址", en: "State the full address where the item is handled" },
    run: (g) => {
      const locations = g.locations;
      if (locations.length === 0) return [hit("locations")];
      let hits: CheckHit[] | undefined;
      for (let i = 0; i < locations.length; i++) {
        const address = locations[i]!.address;
        if (isEmpty(address)) hits = add(hits, hit(`locations.${i}.address`, valueDetail(address)));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-15",
    element: "location",
    severity: "warning",
    seed: SEED.location,
    message: { zh: "办理地点缺少街道名称", en: "The address has no street or road name" },
    fix: {
      zh: "在地址中写明街道（路、街、巷、弄）或乡镇、村名称",
      en: "Add the street (路/街/巷/弄) or the town or village to the address",
    },
    run: (g) => addressHits(g, ADDRESS_STREET, false),
  },
  {
    id: "G-BASIC-16",
    element: "location",
    severity: "warning",
    seed: SEED.location,
    message: { zh: "办理地点缺少门牌号", en: "The address has no house number" },
    fix: { zh: "在地址中写明门牌号（如“江南路5号”“2号楼”）", en: "Add the house number to the address (e.g. 江南路5号, 2号楼)" },
    run: (g) => addressHits(g, ADDRESS_NUMBER, false),
  },
  {
    id: "G-BASIC-17",
    element: "location",
    severity: "warning",
    seed: SEED.location,
    message: { zh: "办理地点缺少房间号或窗口号", en: "The address has no room or window number" },
    fix: {
      zh: "写明房间号或窗口号/窗口名称（如“731室”“3号窗口”“综合窗口”）",
      en: "Add the room or the window number or name (e.g. 731室, 3号窗口, 综合窗口)",
    },
    run: (g) => addressHits(g, ADDRESS_ROOM, true),
  },
  {
    id: "G-BASIC-18",
    element: "hours",
    severity: "error",
    seed: SEED.hours,
    message: { zh: "未标注办理时间", en: "The office hours (办理时间) are not stated" },
    fix: {
      zh: "填写受理时间，如“星期一至星期五：上午09:00-12:00，下午13:00-17:00（法定节假日除外）”",
      en: "State the hours, e.g. 星期一至星期五：上午09:00-12:00，下午13:00-17:00（法定节假日除外）",
    },
    run: (g) => {
      const locations = g.locations;
      if (locations.length === 0) return [hit("locations")];
      let hits: CheckHit[] | undefined;
      for (let i = 0; i < locations.length; i++) {
        const hours = locations[i]!.hours;
        if (isEmpty(hours)) hits = add(hits, hit(`locations.${i}.hours`, valueDetail(hours)));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-19",
    element: "hours",
    severity: "warning",
    seed: SEED.hours,
    message: {
      zh: "办理时间不是明确的时间周期（缺少星期或具体时段）",
      en: "The office hours are not a weekly schedule (no days or no time range)",
    },
    fix: {
      zh: "写明星期和具体时段，如“星期一至星期五：上午09:00-12:00，下午13:00-17:00”",
      en: "Give days and times, e.g. 星期一至星期五：上午09:00-12:00，下午13:00-17:00",
    },
    run: (g) => {
      let hits: CheckHit[] | undefined;
      const locations = g.locations;
      for (let i = 0; i < locations.length; i++) {
        const hours = locations[i]!.hours;
        if (isEmpty(hours)) continue;
        if (!HOURS_DAYS.test(hours) || !HOURS_RANGE.test(hours)) hits = add(hits, hit(`locations.${i}.hours`, hours));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-20",
    element: "consultationPhone",
    severity: "error",
    seed: SEED.consultationPhone,
    message: { zh: "未标注咨询（联系）电话", en: "The consultation phone (联系电话) is not stated" },
    fix: { zh: "填写受理部门的咨询电话（含区号）", en: "State the handling department's phone number with its area code" },
    run: (g) => (isEmpty(g.consultationPhone) ? [hit("consultationPhone", valueDetail(g.consultationPhone))] : NONE),
  },
  {
    id: "G-BASIC-21",
    element: "supervisionPhone",
    severity: "error",
    seed: SEED.supervisionPhone,
    message: { zh: "未标注监督（投诉）电话", en: "The supervision phone (监督电话) is not stated" },
    fix: { zh: "填写监督部门的监督投诉电话（含区号）", en: "State the supervising department's complaint number with its area code" },
    run: (g) => (isEmpty(g.supervisionPhone) ? [hit("supervisionPhone", valueDetail(g.supervisionPhone))] : NONE),
  },
  {
    id: "G-BASIC-22",
    element: "phoneAccuracy",
    severity: "error",
    seed: SEED.phoneAccuracy,
    message: { zh: "监督电话与咨询电话号码相同", en: "The supervision phone is the same number as the consultation phone" },
    fix: {
      zh: "监督电话应为监督部门的号码，与受理部门的咨询电话不同",
      en: "The supervision phone must reach the supervising department, not the handling one",
    },
    run: (g) =>
      sameDigits(g.consultationPhone, g.supervisionPhone) && !isEmpty(g.consultationPhone) && !isEmpty(g.supervisionPhone)
        ? [hit("supervisionPhone", g.supervisionPhone)]
        : NONE,
  },
  {
    id: "G-BASIC-23",
    element: "phoneAccuracy",
    severity: "error",
    seed: SEED.phoneAccuracy,
    message: { zh: "电话号码缺少区号或无法识别", en: "A phone number has no area code or cannot be read" },
    fix: {
      zh: "固定电话写明区号，如“0777-6428820”“021-12345678”；400/800 号码和 12345 等热线无需区号",
      en: "Write landlines with their area code, e.g. 0777-6428820 or 021-12345678; 400/800 numbers and hotlines such as 12345 need none",
    },
    run: (g) => phoneHits(g, "areaCode"),
  },
  {
    id: "G-BASIC-24",
    element: "phoneAccuracy",
    severity: "info",
    seed: SEED.phoneAccuracy,
    message: { zh: "使用手机号码作为办事电话", en: "A mobile number is given as the office phone" },
    fix: {
      zh: "宜使用部门固定电话（含区号）或服务热线，便于长期接通",
      en: "Prefer the department's landline (with area code) or a service hotline, which outlasts staff changes",
    },
    run: (g) => phoneHits(g, "mobile"),
  },
  {
    id: "G-BASIC-25",
    element: "phoneAccuracy",
    severity: "warning",
    seed: SEED.phoneAccuracy,
    message: {
      zh: "电话号码分隔符或书写格式不规范",
      en: "Non-standard separator in a phone number (or a number not written as one)",
    },
    fix: {
      zh: "区号与号码之间只用半角“-”或不加分隔，如“0777-6428820”；分机写作“-8001”或“转8001”，多个号码用“、”分隔",
      en: "Use only a half-width “-” (or nothing) between area code and number, e.g. 0777-6428820; write extensions as -8001 or 转8001; separate numbers with “、”",
    },
    run: (g) => phoneHits(g, "separator"),
  },
  {
    id: "G-BASIC-26",
    element: "legalBasis",
    severity: "error",
    seed: SEED.legalBasis,
    message: { zh: "未标注设定依据或依据缺少名称", en: "No legal basis is stated, or a basis has no name" },
    fix: {
      zh: "列出设定依据的法律、法规、文件名称（用书名号）及条款",
      en: "List the laws, regulations or documents the item rests on (names in 《》) with their articles",
    },
    run: (g) => {
      const bases = g.legalBases;
      if (bases.length === 0) return [hit("legalBases")];
      let hits: CheckHit[] | undefined;
      for (let i = 0; i < bases.length; i++) {
        const name = bases[i]!.name;
        // A title in 《》 is content; only other names need the placeholder test.
        if (!BOOK_TITLE.test(name) && isEmpty(name)) hits = add(hits, hit(`legalBases.${i}.name`, valueDetail(name)));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-27",
    element: "legalBasis",
    severity: "error",
    seed: SEED.legalBasis,
    message: { zh: "设定依据未注明所引用的条款", en: "A legal basis does not cite its article (第…条/款/项)" },
    fix: {
      zh: "注明所引用的具体条、款、项，如“第八条”“第三条第一款”",
      en: "Cite the article, paragraph or item, e.g. 第八条, 第三条第一款",
    },
    run: (g) => {
      let hits: CheckHit[] | undefined;
      const bases = g.legalBases;
      for (let i = 0; i < bases.length; i++) {
        const basis = bases[i]!;
        // Some sources write the article into the name: “《…条例》第十二条”. A basis without a name is G-BASIC-26's.
        if (!ARTICLE.test(basis.article) && !ARTICLE.test(basis.name) && !isEmpty(basis.name)) {
          hits = add(hits, hit(`legalBases.${i}.article`, basis.name));
        }
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-28",
    element: "legalBasis",
    severity: "warning",
    seed: SEED.legalBasis,
    message: { zh: "设定依据未列出所引用条款的具体内容", en: "A legal basis does not quote the text of the cited article" },
    fix: { zh: "摘录所引用条款的原文", en: "Quote the cited article's text" },
    run: (g) => {
      let hits: CheckHit[] | undefined;
      const bases = g.legalBases;
      for (let i = 0; i < bases.length; i++) {
        const basis = bases[i]!;
        if (isEmpty(basis.text) && !isEmpty(basis.name)) hits = add(hits, hit(`legalBases.${i}.text`, basis.name));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-29",
    element: "legalBasis",
    severity: "info",
    seed: SEED.legalBasis,
    message: { zh: "设定依据名称未使用书名号", en: "A legal basis name is not written in 《》" },
    fix: {
      zh: "法律、法规、文件名称用书名号标注，如“《中华人民共和国行政许可法》”",
      en: "Write the name in 《》, e.g. 《中华人民共和国行政许可法》",
    },
    run: (g) => {
      let hits: CheckHit[] | undefined;
      const bases = g.legalBases;
      for (let i = 0; i < bases.length; i++) {
        const name = bases[i]!.name;
        if (!BOOK_TITLE.test(name) && !isEmpty(name)) hits = add(hits, hit(`legalBases.${i}.name`, name));
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-30",
    element: "specialProcedures",
    severity: "error",
    seed: SEED.specialProcedures,
    message: { zh: "特殊环节未标注类型或名称", en: "A special procedure has neither a kind nor a recognisable name" },
    fix: {
      zh: "标注特殊环节的类型及名称，如专家评审、评估、现场勘查、听证、公示",
      en: "State the kind and name of the special procedure, e.g. expert review, assessment, site inspection, hearing, publicity",
    },
    run: (g) => {
      let hits: CheckHit[] | undefined;
      const procedures = g.specialProcedures;
      for (let i = 0; i < procedures.length; i++) {
        const procedure = procedures[i]!;
        if (procedure.kind !== null || SPECIAL_NAME.test(procedure.name)) continue;
        hits = add(
          hits,
          hit(`specialProcedures.${i}.kind`, unmappedDetail(g, `specialProcedures.${i}.kind`) ?? valueDetail(procedure.name)),
        );
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-31",
    element: "specialProcedures",
    severity: "error",
    seed: SEED.specialProcedures,
    message: {
      zh: "特殊环节未标注时限天数或未说明是工作日还是自然日",
      en: "A special procedure's time limit lacks its days or does not say working or calendar days",
    },
    fix: {
      zh: "填写特殊环节的时限天数，并注明工作日或自然日",
      en: "State the special procedure's limit in days and whether they are working or calendar days",
    },
    run: (g) => {
      let hits: CheckHit[] | undefined;
      const procedures = g.specialProcedures;
      for (let i = 0; i < procedures.length; i++) {
        const limit = procedures[i]!.limit;
        if (!isValidDays(limit.days)) {
          hits = add(hits, hit(`specialProcedures.${i}.limit.days`, limit.days === null ? valueDetail(limit.note) : String(limit.days)));
        }
        if (limit.unit === null) {
          const path = `specialProcedures.${i}.limit.unit`;
          hits = add(hits, hit(path, unmappedDetail(g, path)));
        }
      }
      return hits ?? NONE;
    },
  },
  {
    id: "G-BASIC-32",
    element: "specialProcedures",
    severity: "warning",
    seed: SEED.specialProcedures,
    message: {
      zh: "受理条件、设定依据或办理流程提到评审、评估、勘查等特殊环节，但未列出特殊环节或中介服务",
      en: "Mentions a special step not listed: conditions, legal bases or steps name a review, assessment, inspection … but no special procedure or intermediary is listed",
    },
    fix: {
      zh: "如办理中确有该环节，在特殊环节或中介服务中列出其名称、时限和依据；如无，删去或改正相关表述",
      en: "If the step happens, list it as a special procedure or intermediary service with name, limit and basis; if not, correct the text",
    },
    run: (g) => {
      if (g.specialProcedures.length > 0 || g.intermediaries.length > 0) return NONE;
      const found = findSpecialMention(g);
      return found ? [found] : NONE;
    },
  },
];

/** Hits for the locations whose address lacks `part` (the window field counts for rooms and windows). */
function addressHits(guide: ServiceGuide, part: RegExp, windowCounts: boolean): CheckHit[] {
  let hits: CheckHit[] | undefined;
  const locations = guide.locations;
  for (let i = 0; i < locations.length; i++) {
    const location = locations[i]!;
    if (part.test(location.address) || isEmpty(location.address)) continue;
    if (windowCounts && !isEmpty(location.window) && !GENERIC_WINDOW.test(location.window.trim())) continue;
    hits = add(hits, hit(`locations.${i}.address`, location.address));
  }
  return hits ?? NONE;
}
