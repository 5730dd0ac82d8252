import type { CheckHit, GuideCheck } from "./elements.ts";
import { type GuideMaterial, type GuideStep, LIMIT_UNIT_LABELS, type LimitUnit, type ServiceGuide } from "./model.ts";
import { hasMojibake, isBlank, isEmptyContent, isUrl } from "./text.ts";

/**
 * The content and cross-field checks of a service guide: 申请材料, 办理流程,
 * 表格及样表下载, 收费信息, 受理条件与情形 (seed 000's 办事指南准确度 rows,
 * seed 002's 受理条件 / 办理情形 / 中介服务 / “双减半”), the limits and the
 * visits read against each other, and garbled text anywhere in the guide.
 *
 * Speed (bench:guides, ≥ 20 000 guides/s per core for the whole checker): every
 * pattern is built once here, a check that finds nothing returns the shared
 * frozen NONE, hit arrays are made on the first hit, paths are built only for a
 * hit, and each check walks its arrays once.
 */

const NONE: CheckHit[] = Object.freeze([]) as unknown as CheckHit[];

function add(hits: CheckHit[] | undefined, path: string, detail: string): CheckHit[] {
  if (hits) {
    hits.push({ path, detail });
    return hits;
  }
  return [{ path, detail }];
}

/** Where a material lives: s = -1 for guide.materials, else the situation's index. */
function materialPath(s: number, i: number, field?: string): string {
  const base = s < 0 ? `materials.${i}` : `situations.${s}.materials.${i}`;
  return field ? `${base}.${field}` : base;
}

function stepsPath(s: number): string {
  return s < 0 ? "steps" : `situations.${s}.steps`;
}

function stepPath(s: number, i: number, field: string): string {
  return `${stepsPath(s)}.${i}.${field}`;
}

type MaterialVisitor = (m: GuideMaterial, hits: CheckHit[] | undefined, s: number, i: number) => CheckHit[] | undefined;

/** Runs visit over guide.materials, then every situation's materials; no closure, no array made unless a hit. */
function eachMaterial(guide: ServiceGuide, visit: MaterialVisitor): CheckHit[] {
  let hits: CheckHit[] | undefined;
  const materials = guide.materials;
  for (let i = 0; i < materials.length; i++) hits = visit(materials[i]!, hits, -1, i);
  const situations = guide.situations;
  for (let s = 0; s < situations.length; s++) {
    const list = situations[s]!.materials;
    for (let i = 0; i < list.length; i++) hits = visit(list[i]!, hits, s, i);
  }
  return hits ?? NONE;
}

type StepVisitor = (step: GuideStep, hits: CheckHit[] | undefined, s: number, i: number) => CheckHit[] | undefined;

/** Runs visit over guide.steps, then every situation's own steps (each step object once per place it is listed). */
function eachStep(guide: ServiceGuide, visit: StepVisitor): CheckHit[] {
  let hits: CheckHit[] | undefined;
  const steps = guide.steps;
  for (let i = 0; i < steps.length; i++) hits = visit(steps[i]!, hits, -1, i);
  const situations = guide.situations;
  for (let s = 0; s < situations.length; s++) {
    const list = situations[s]!.steps;
    for (let i = 0; i < list.length; i++) hits = visit(list[i]!, hits, s, i);
  }
  return hits ?? NONE;
}

type StepListVisitor = (steps: GuideStep[], hits: CheckHit[] | undefined, s: number) => CheckHit[] | undefined;

/**
 * The step lists a flow is judged on: guide.steps when it has any, and each
 * situation's own steps when it has any. A situation without steps follows the
 * guide's steps; when the guide has none either, the situation's empty list is
 * visited (s = its index) so an empty flow is reported where it is empty.
 */
function eachFlow(guide: ServiceGuide, visit: StepListVisitor): CheckHit[] {
  let hits: CheckHit[] | undefined;
  const situations = guide.situations;
  const guideSteps = guide.steps;
  if (guideSteps.length > 0 || situations.length === 0) hits = visit(guideSteps, hits, -1);
  for (let s = 0; s < situations.length; s++) {
    const own = situations[s]!.steps;
    if (own.length > 0 || guideSteps.length === 0) hits = visit(own, hits, s);
  }
  return hits ?? NONE;
}

const unitLabel = (unit: LimitUnit | null) => (unit ? LIMIT_UNIT_LABELS[unit] : "单位未注明");

// ——— 申请材料 ———

/**
 * 兜底 wording in a material's name (seed 000: “"其他材料"、"相关材料"等兜底性用词”):
 * 其他/其它(相关/有关)(证明)材料, 相关材料/证明, 有关材料, 相应材料, 其他相关, 等材料,
 * an ellipsis, or a name ending in “等”.
 */
const CATCH_ALL =
  /其[他它](?:相关|有关)?的?(?:证明)?(?:材料|资料|文件)|(?:相关|有关|相应)(?:的)?(?:证明)?(?:材料|资料)|相关证明|其[他它]相关|等(?:相关)?(?:材料|资料)|…|\.{3}|等[\s。.；;，,、）)]*$/u;

/** 申请人自备 and the like: the applicant brings it, nobody issues it for this item. */
const SELF_PROVIDED = /自备|申请人(?:自行)?(?:提供|准备|填写|提交)|自行(?:提供|准备)/u;

/**
 * A form the applicant fills in: 申请书 / 申报书, or a name with 表 that is not
 * 代表 / 发表 / 外表 / 仪表 / 电表 / 水表 / 钟表 / 手表 nor 表示 / 表明 / 表达 / 表述 /
 * 表彰 / 表决 / 表演 / 表现 / 表态 / 表扬 / 表率 / 表人.
 */
const FORM_NAME = /申请书|申报书|(?<![代发外仪电水钟手])表(?![示明达述彰决演现态扬率人])/u;

/** An uploaded file standing in for a URL: "attachment:<id>". */
const ATTACHMENT = /^attachment:\S+$/;

const isLinkValue = (value: string) => isUrl(value) || ATTACHMENT.test(value.trim());

/** A link field that holds something usable: a URL or an attachment (blank and “无” are not). */
const hasLink = (value: string | null) => value !== null && !isEmptyContent(value) && isLinkValue(value);

/** A form to fill: typed so, or named so (includes() first: a native scan) unless typed a certificate (“上年度财务报表”). */
const isForm = (m: GuideMaterial) =>
  m.type === "form" || (m.type !== "certificate" && (m.name.includes("表") || m.name.includes("书")) && FORM_NAME.test(m.name));

/** Every CATCH_ALL match holds one of these: names without any skip the pattern. */
const mayCatchAll = (name: string) =>
  name.includes("其") || name.includes("相") || name.includes("有") || name.includes("等") || name.includes("…") || name.includes("...");

/** Text in brackets describes the material named before it (“授权委托书（载明委托办理相关材料的权限）”). */
const BRACKETED = /（[^（）]*）|\([^()]*\)|【[^【】]*】|\[[^[\]]*\]|〔[^〔〕]*〕/gu;
const HAS_BRACKET = /[（(【[〔]/u;
/**
 * Where the description of a named document starts: after a separator
 * (“申请报告，内容包括…”) or right after the document's name (“委托书载明…”).
 */
const DESCRIPTION = /(?:[，,：:；;]\s*|(?<=[书表证照件函告单册图]))(?:内容)?(?:包括|包含|含有?|载明|写明|注明|列明|用于|涉及)/u;

/**
 * The part of a material's name that names the material: without the
 * bracketed descriptions and without a description clause after the name.
 * Seed 000's 兜底性用词 make a material unspecified only when they stand here;
 * inside the description of a named document they describe it.
 */
function materialHead(name: string): string {
  const bare = HAS_BRACKET.test(name) ? name.replace(BRACKETED, "") : name;
  const description = DESCRIPTION.exec(bare);
  return description && description.index > 0 ? bare.slice(0, description.index) : bare;
}

/** A name whose material is itself a catch-all (“其他相关材料”, “营业执照及其他材料”, “身份证、户口簿等”). */
function isCatchAllName(name: string): boolean {
  if (!mayCatchAll(name) || isEmptyContent(name)) return false;
  const head = materialHead(name);
  return mayCatchAll(head) && CATCH_ALL.test(head);
}

const clip = (value: string, max = 40) => (value.length > max ? `${value.slice(0, max)}…` : value);

const materialsPresent: GuideCheck = {
  id: "G-CONT-01",
  element: "materialName",
  severity: "error",
  seed: "000: “评估是否明确注明该事项受理所需材料名称”",
  message: { zh: "未列出任何申请材料", en: "No application material is listed" },
  fix: {
    zh: "逐项列明受理所需的申请材料（无需材料的事项应写明“无需提交材料”的依据）",
    en: "List every material needed for acceptance (for an item that needs none, state why no material is required)",
  },
  run(guide) {
    if (guide.materials.length > 0) return NONE;
    for (const situation of guide.situations) if (situation.materials.length > 0) return NONE;
    return [{ path: "materials", detail: "0 materials" }];
  },
};

const materialNameBlank: GuideCheck = {
  id: "G-CONT-02",
  element: "materialName",
  severity: "error",
  seed: "000: “评估是否明确注明该事项受理所需材料名称”",
  message: { zh: "申请材料名称为空或为占位词", en: "A material's name is blank or a placeholder" },
  fix: { zh: "写明材料的完整名称（如“户籍证明”）", en: "Give the material's full name (e.g. 户籍证明)" },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) =>
      isEmptyContent(m.name) ? add(hits, materialPath(s, i, "name"), m.name || "(blank)") : hits,
    );
  },
};

const materialNameCatchAll: GuideCheck = {
  id: "G-CONT-03",
  element: "materialName",
  severity: "error",
  seed: '000: “材料名称不存在有歧义的描述(如:存在"其他材料"、"相关材料"等兜底性用词)”',
  message: {
    zh: "材料名称为“其他材料”“相关材料”等兜底性用词，未指明具体材料",
    en: "A material is named with catch-all wording (其他材料, 相关材料, …等), not as a specific document",
  },
  fix: {
    zh: "把兜底性表述拆分为具体的材料，细化到最小颗粒度",
    en: "Replace the catch-all wording with the specific materials, one per entry",
  },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) => (isCatchAllName(m.name) ? add(hits, materialPath(s, i, "name"), m.name) : hits));
  },
};

const materialSource: GuideCheck = {
  id: "G-CONT-04",
  element: "materialSource",
  severity: "error",
  seed: "000: “是否明确注明该事项受理所需材料的来源或材料的出具部门”",
  message: { zh: "申请材料未注明来源渠道或出具单位", en: "A material states neither its source nor its issuer" },
  fix: {
    zh: "注明材料来源（如“申请人自备”“政府部门核发”）或出具单位",
    en: "State where the material comes from (e.g. 申请人自备, 政府部门核发) or who issues it",
  },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) =>
      isEmptyContent(m.source) && isEmptyContent(m.issuer) ? add(hits, materialPath(s, i, "source"), m.name || `#${i + 1}`) : hits,
    );
  },
};

const certificateIssuer: GuideCheck = {
  id: "G-CONT-05",
  element: "materialSource",
  severity: "error",
  seed: "000: “(如:材料名称:户籍证明;出具单位;户口所在地派出所)”",
  message: {
    zh: "证件证书证明类材料（非申请人自备）未注明出具单位",
    en: "A certificate not brought by the applicant names no issuer",
  },
  fix: { zh: "写明出具该证明的单位（如“户口所在地派出所”）", en: "Name the body that issues it (e.g. 户口所在地派出所)" },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) =>
      m.type === "certificate" && !isEmptyContent(m.source) && !SELF_PROVIDED.test(m.source) && isEmptyContent(m.issuer)
        ? add(hits, materialPath(s, i, "issuer"), `${m.name}（来源：${m.source}）`)
        : hits,
    );
  },
};

const materialQuantity: GuideCheck = {
  id: "G-CONT-06",
  element: "materialQuantity",
  severity: "error",
  seed: "000: “是否明确注明该事项受理所需材料的份数”",
  message: { zh: "申请材料未注明份数或份数无效", en: "A material's number of copies is not stated or is invalid" },
  fix: { zh: "注明原件、复印件各需几份", en: "State how many originals and how many copies are needed" },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) => {
      if (m.originals === null && m.copies === null) return add(hits, materialPath(s, i), `${m.name}: 原件、复印件份数均未注明`);
      if ((m.originals !== null && m.originals < 0) || (m.copies !== null && m.copies < 0)) {
        return add(hits, materialPath(s, i), `${m.name}: 原件 ${m.originals ?? "-"} 份，复印件 ${m.copies ?? "-"} 份`);
      }
      return hits;
    });
  },
};

const materialMedium: GuideCheck = {
  id: "G-CONT-07",
  element: "materialMedium",
  severity: "error",
  seed: "000: “是否明确注明该事项受理所需材料的介质要求(如:原件、复印件、电子版)”",
  message: { zh: "申请材料未注明介质要求", en: "A material states no medium (original, copy, electronic)" },
  fix: { zh: "注明材料介质：原件、复印件或电子版", en: "State the medium: original, copy or electronic" },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) =>
      m.media.length === 0 ? add(hits, materialPath(s, i, "media"), m.name || `#${i + 1}`) : hits,
    );
  },
};

// ——— 办理流程 ———

/** The stages seed 000 names, each recognised by keywords in the step names. */
const STAGES: readonly { label: string; pattern: RegExp }[] = [
  { label: "受理", pattern: /受理|收件|接件|收案|接收申请/u },
  { label: "审核", pattern: /审核|审查|初审|复审|复核|核查|核实|审验|查验|审理|勘查|踏勘|评审/u },
  { label: "审批", pattern: /审批|批准|决定|核准|审定|签发|许可|批复|签批|准予/u },
  { label: "办结", pattern: /办结|办毕|结办|结案|制证|出证|发证|办理完成|完成|归档|出件/u },
  { label: "送达", pattern: /送达|领取|领证|取件|取证|发放|发证|颁发|送证|寄送|邮寄|送件|出件|告知结果|反馈结果/u },
];
const ALL_STAGES = (1 << STAGES.length) - 1;

/**
 * The stages one step name covers, as bits. Step names repeat across guides
 * (受理, 审查, 决定 …), so the answers are cached; the cache is emptied when full.
 */
const stageCache = new Map<string, number>();
function stagesOf(name: string): number {
  let bits = stageCache.get(name);
  if (bits === undefined) {
    bits = 0;
    for (let k = 0; k < STAGES.length; k++) if (STAGES[k]!.pattern.test(name)) bits |= 1 << k;
    if (stageCache.size >= 4096) stageCache.clear();
    stageCache.set(name, bits);
  }
  return bits;
}

function missingStages(steps: GuideStep[]): string {
  let found = 0;
  for (let i = 0; i < steps.length && found !== ALL_STAGES; i++) found |= stagesOf(steps[i]!.name);
  if (found === ALL_STAGES) return "";
  let missing = "";
  for (let k = 0; k < STAGES.length; k++) if (!(found & (1 << k))) missing += (missing ? "、" : "") + STAGES[k]!.label;
  return missing;
}

const stepsPresent: GuideCheck = {
  id: "G-CONT-08",
  element: "processSteps",
  severity: "error",
  seed: "000: “评估事项提供的办理流程是否涵盖受理、审核、审批、办结、送达等环节内容”",
  message: { zh: "未提供办理流程（既无办理环节也无流程图）", en: "No process is given: neither steps nor a flowchart" },
  fix: { zh: "按受理、审核、审批、办结、送达列出办理流程", en: "List the steps: acceptance, review, decision, completion, delivery" },
  run(guide) {
    // A flowchart is the process given as a picture (the provincial export carries no step rows): G-CONT-35.
    if (hasLink(guide.flowchartUrl)) return NONE;
    return eachFlow(guide, (steps, hits, s) => (steps.length === 0 ? add(hits, stepsPath(s), "0 steps") : hits));
  },
};

/** No step listed anywhere: in the guide or in any situation. */
function hasNoSteps(guide: ServiceGuide): boolean {
  if (guide.steps.length > 0) return false;
  for (const situation of guide.situations) if (situation.steps.length > 0) return false;
  return true;
}

const stepsOnlyAsFlowchart: GuideCheck = {
  id: "G-CONT-35",
  element: "processSteps",
  severity: "info",
  seed: "000: “评估事项提供的办理流程是否涵盖受理、审核、审批、办结、送达等环节内容”",
  message: {
    zh: "办理流程只以流程图提供，环节是否完备需人工核对流程图",
    en: "The process is given only as a flowchart: whether it covers every stage needs a look at the chart",
  },
  fix: {
    zh: "核对流程图是否涵盖受理、审核、审批、办结、送达；宜同时以文字列出各环节",
    en: "Check that the flowchart covers acceptance, review, decision, completion and delivery; better, list the steps as text too",
  },
  run(guide) {
    return hasNoSteps(guide) && hasLink(guide.flowchartUrl) ? [{ path: "steps", detail: guide.flowchartUrl ?? "" }] : NONE;
  },
};

const stepsComplete: GuideCheck = {
  id: "G-CONT-09",
  element: "processSteps",
  severity: "error",
  seed: "000: “评估事项提供的办理流程是否涵盖受理、审核、审批、办结、送达等环节内容”",
  message: { zh: "办理流程缺少环节", en: "The process lacks stages (acceptance, review, decision, completion, delivery)" },
  fix: {
    zh: "补齐受理、审核、审批、办结、送达环节（环节名称中应体现，如“审查”“决定”“制证”“领取”）",
    en: "Add the missing stages; name each step so its stage shows (审查, 决定, 制证, 领取 …)",
  },
  run(guide) {
    return eachFlow(guide, (steps, hits, s) => {
      if (steps.length === 0) return hits;
      const missing = missingStages(steps);
      return missing ? add(hits, stepsPath(s), `缺少：${missing}`) : hits;
    });
  },
};

const stepDetail: GuideCheck = {
  id: "G-CONT-10",
  element: "processDetail",
  severity: "error",
  seed: "000: “内容应包含开始时间、结束时间、办理时长、申请人员、办事窗口、审批标准等信息内容”",
  message: { zh: "办理环节缺少名称、办理人员或办理时限", en: "A step lacks its name, its actor or its time limit (days and unit)" },
  fix: {
    zh: "为每个环节写明环节名称、办理人员（岗位）和办理时限（天数及工作日/自然日）",
    en: "Give each step its name, who handles it and its limit in days with the unit (working or calendar days)",
  },
  run(guide) {
    return eachStep(guide, (step, hits, s, i) => {
      if (isEmptyContent(step.name)) hits = add(hits, stepPath(s, i, "name"), step.name || "(blank)");
      if (isEmptyContent(step.actor)) hits = add(hits, stepPath(s, i, "actor"), `${step.name}: ${step.actor || "(blank)"}`);
      const days = step.limit.days;
      if (days === null || days < 0) hits = add(hits, stepPath(s, i, "limit.days"), `${step.name}: ${days ?? "未注明"}`);
      if (step.limit.unit === null) hits = add(hits, stepPath(s, i, "limit.unit"), `${step.name}: 单位未注明`);
      return hits;
    });
  },
};

const stepCriteria: GuideCheck = {
  id: "G-CONT-11",
  element: "processDetail",
  severity: "warning",
  seed: "000: “内容应包含开始时间、结束时间、办理时长、申请人员、办事窗口、审批标准等信息内容”",
  message: { zh: "办理环节未写明审查标准或办理结果", en: "A step states no criteria or result" },
  fix: { zh: "写明该环节的审查标准或办理结果", en: "State the step's review criteria or its outcome" },
  run(guide) {
    return eachStep(guide, (step, hits, s, i) =>
      isEmptyContent(step.criteria) ? add(hits, stepPath(s, i, "criteria"), step.name || `#${i + 1}`) : hits,
    );
  },
};

const flowchart: GuideCheck = {
  id: "G-CONT-12",
  element: "flowchart",
  severity: "warning",
  seed: "000: “评估事项提供的办理流程图内容是否完整、格式是否规范”",
  message: { zh: "未提供办理流程图", en: "No flowchart is provided" },
  fix: { zh: "上传办理流程图，或填写流程图链接", en: "Upload the flowchart or give its link" },
  run(guide) {
    return hasLink(guide.flowchartUrl) ? NONE : [{ path: "flowchartUrl", detail: guide.flowchartUrl || "(none)" }];
  },
};

const visitsStated: GuideCheck = {
  id: "G-CONT-13",
  element: "visits",
  severity: "error",
  seed: "000: “评估事项是否明确标注申请者需要到现场次数”",
  message: { zh: "未注明到办事现场次数", en: "The number of on-site visits is not stated (or is invalid)" },
  fix: {
    zh: "注明申请人需要到现场的次数（全程网办为 0 次）",
    en: "State how many times the applicant must come in person (0 when fully online)",
  },
  run(guide) {
    const visits = guide.visits;
    if (visits === null) return [{ path: "visits", detail: "未注明" }];
    return visits < 0 || !Number.isInteger(visits) ? [{ path: "visits", detail: String(visits) }] : NONE;
  },
};

const visitReason: GuideCheck = {
  id: "G-CONT-14",
  element: "visits",
  severity: "warning",
  seed: "000: “评估事项是否明确标注申请者需要到现场次数”",
  message: { zh: "需到现场办理但未说明原因", en: "On-site visits are required but no reason is given" },
  fix: {
    zh: "说明需要到现场的原因（如核验原件、现场勘查）",
    en: "Say why the applicant must come (checking originals, site inspection …)",
  },
  run(guide) {
    return guide.visits !== null && guide.visits > 0 && isEmptyContent(guide.visitReason)
      ? [{ path: "visitReason", detail: `到现场 ${guide.visits} 次` }]
      : NONE;
  },
};

const visitsMany: GuideCheck = {
  id: "G-CONT-15",
  element: "visits",
  severity: "warning",
  seed: "000: “零跑腿或最多跑一次”",
  message: { zh: "到办事现场次数超过 2 次", en: "More than two on-site visits are required" },
  fix: {
    zh: "优化流程、推行网办和邮寄送达，压减到现场次数（“最多跑一次”）",
    en: "Cut the visits (online steps, delivery by post): the aim is at most one visit",
  },
  run(guide) {
    return guide.visits !== null && guide.visits > 2 ? [{ path: "visits", detail: `${guide.visits} 次` }] : NONE;
  },
};

// ——— 表格及样表下载 ———

const blankForm: GuideCheck = {
  id: "G-CONT-16",
  element: "blankForm",
  severity: "error",
  seed: "000: “评估该事项需要申请人填写的表格是否提供空白电子表格下载服务”",
  message: { zh: "需填写的表格未提供空表下载", en: "A form the applicant fills in has no blank form to download" },
  fix: { zh: "上传空白表格或填写空表下载链接", en: "Upload the blank form or give its download link" },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) =>
      isForm(m) && !hasLink(m.blankFormUrl) ? add(hits, materialPath(s, i, "blankFormUrl"), m.name) : hits,
    );
  },
};

const sampleForm: GuideCheck = {
  id: "G-CONT-17",
  element: "sampleForm",
  severity: "warning",
  seed: "000: “评估该事项需要申请人填写的表格是否提供示范性电子样表下载服务”",
  message: { zh: "需填写的表格未提供样表下载", en: "A form the applicant fills in has no sample (filled-in example) to download" },
  fix: { zh: "上传填写示范样表或填写样表下载链接", en: "Upload a filled-in sample or give its download link" },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) =>
      isForm(m) && !hasLink(m.sampleFormUrl) ? add(hits, materialPath(s, i, "sampleFormUrl"), m.name) : hits,
    );
  },
};

/** A link field holding something that is neither a URL nor an attachment (blank counts as absent). */
const badLink = (value: string | null) => value !== null && !isBlank(value) && !isLinkValue(value);

const formLinks: GuideCheck = {
  id: "G-CONT-18",
  element: "formLinks",
  severity: "error",
  seed: "000: “有无乱码、死链等情况”",
  message: { zh: "空表、样表下载地址不是有效链接", en: "A blank or sample form's link is not a link" },
  fix: {
    zh: "填写以 http(s):// 开头的完整地址或上传附件；没有表格时留空，不要填“无”",
    en: "Give a full http(s):// address or upload the file; leave it empty rather than writing 无",
  },
  run(guide) {
    return eachMaterial(guide, (m, hits, s, i) => {
      if (badLink(m.blankFormUrl)) hits = add(hits, materialPath(s, i, "blankFormUrl"), clip(m.blankFormUrl!));
      if (badLink(m.sampleFormUrl)) hits = add(hits, materialPath(s, i, "sampleFormUrl"), clip(m.sampleFormUrl!));
      return hits;
    });
  },
};

const guideLinks: GuideCheck = {
  id: "G-CONT-19",
  element: "links",
  severity: "error",
  seed: "000: “有无乱码、死链等情况”",
  message: { zh: "流程图、网上办理或移动端办理地址不是有效链接", en: "The flowchart, online or mobile link is not a link" },
  fix: {
    zh: "填写以 http(s):// 开头的完整地址或上传附件；没有时留空，不要填“无”",
    en: "Give a full http(s):// address or upload the file; leave it empty rather than writing 无",
  },
  run(guide) {
    let hits: CheckHit[] | undefined;
    if (badLink(guide.flowchartUrl)) hits = add(hits, "flowchartUrl", clip(guide.flowchartUrl!));
    if (badLink(guide.onlineUrl)) hits = add(hits, "onlineUrl", clip(guide.onlineUrl!));
    if (badLink(guide.mobileUrl)) hits = add(hits, "mobileUrl", clip(guide.mobileUrl!));
    return hits ?? NONE;
  },
};

// ——— 收费信息 ———

const feeFlag: GuideCheck = {
  id: "G-CONT-20",
  element: "feeFlag",
  severity: "error",
  seed: "000: “评估该事项是否明确标注需要收费”",
  message: { zh: "未标明是否收费", en: "Whether the item is charged is not stated" },
  fix: { zh: "明确标注“收费”或“不收费”", en: "State whether a fee is charged" },
  run(guide) {
    return guide.charged === null ? [{ path: "charged", detail: "未标注" }] : NONE;
  },
};

const feeStandard: GuideCheck = {
  id: "G-CONT-21",
  element: "feeStandard",
  severity: "error",
  seed: "000: “需要收费的事项,是否明确列明收费的项目名称、收费标准或算法”",
  message: { zh: "收费事项未列明收费项目名称或收费标准", en: "A charged item lists no fee, or a fee without its name or standard" },
  fix: { zh: "逐项列明收费项目名称及收费标准或算法", en: "List each fee with its name and its standard or formula" },
  run(guide) {
    if (guide.charged !== true) return NONE;
    const fees = guide.fees;
    // Fees a source could not be read from (unmappedCodes.fees) are unknown, not missing.
    if (fees.length === 0) return guide.unmappedCodes.fees ? NONE : [{ path: "fees", detail: "收费但未列收费项目" }];
    let hits: CheckHit[] | undefined;
    for (let i = 0; i < fees.length; i++) {
      const fee = fees[i]!;
      if (isEmptyContent(fee.name)) hits = add(hits, `fees.${i}.name`, fee.name || "(blank)");
      if (isEmptyContent(fee.standard)) hits = add(hits, `fees.${i}.standard`, `${fee.name}: ${fee.standard || "(blank)"}`);
    }
    return hits ?? NONE;
  },
};

const feeContradiction: GuideCheck = {
  id: "G-CONT-22",
  element: "feeStandard",
  severity: "error",
  seed: "000: “需要收费的事项,是否明确列明收费的项目名称、收费标准或算法”",
  message: { zh: "不收费却列有收费标准", en: "The item is marked free of charge but lists a fee standard" },
  fix: {
    zh: "核实是否收费：不收费则删去收费标准，收费则改为“收费”",
    en: "Check whether it is charged: remove the fee standard, or mark the item as charged",
  },
  run(guide) {
    if (guide.charged !== false) return NONE;
    let hits: CheckHit[] | undefined;
    const fees = guide.fees;
    for (let i = 0; i < fees.length; i++)
      if (!isEmptyContent(fees[i]!.standard)) hits = add(hits, `fees.${i}.standard`, clip(fees[i]!.standard));
    return hits ?? NONE;
  },
};

const feeBasis: GuideCheck = {
  id: "G-CONT-23",
  element: "feeBasis",
  severity: "error",
  seed: "000: “需要收费的事项,是否明确列明所依据的法律、法规、文件的名称和所引用的条项和款项的具体内容”",
  message: { zh: "收费项目未列明收费依据", en: "A fee states no legal basis" },
  fix: {
    zh: "写明收费所依据的法律、法规、文件名称及条款内容",
    en: "Name the law, regulation or document the fee rests on, with the article and its text",
  },
  run(guide) {
    if (guide.charged !== true) return NONE;
    let hits: CheckHit[] | undefined;
    const fees = guide.fees;
    for (let i = 0; i < fees.length; i++)
      if (isEmptyContent(fees[i]!.basis)) hits = add(hits, `fees.${i}.basis`, fees[i]!.name || `#${i + 1}`);
    return hits ?? NONE;
  },
};

// ——— 受理条件与情形 ———

const acceptanceConditions: GuideCheck = {
  id: "G-CONT-24",
  element: "acceptanceConditions",
  severity: "error",
  seed: "002: “规范完善政务服务事项受理条件、申请材料、中介服务、办理流程等信息要素”",
  message: { zh: "受理条件为空或只写“符合条件”“详见…”", en: "The acceptance conditions are blank or a placeholder (符合条件, 详见…)" },
  fix: { zh: "逐条写明申请人应当具备的受理条件", en: "Spell out, one by one, the conditions an application must meet" },
  run(guide) {
    return isEmptyContent(guide.acceptanceConditions)
      ? [{ path: "acceptanceConditions", detail: guide.acceptanceConditions || "(blank)" }]
      : NONE;
  },
};

const NORMALISE = /[\s\p{P}]+/gu;
const normalise = (value: string) => value.replace(NORMALISE, "");

const situations: GuideCheck = {
  id: "G-CONT-25",
  element: "situations",
  severity: "error",
  seed: "002: “进一步梳理完善每项事项的业务办理情形,消除交叉重叠现象”",
  message: { zh: "办理情形重复或无法区分", en: "Situations repeat one another or cannot be told apart" },
  fix: {
    zh: "为每个情形写明名称和适用条件，合并或区分名称、条件相同的情形，消除交叉重叠",
    en: "Give each situation a name and a condition; merge or separate situations with the same name or condition",
  },
  run(guide) {
    const list = guide.situations;
    if (list.length === 0) return NONE;
    let hits: CheckHit[] | undefined;
    const names = list.length > 1 ? new Map<string, number>() : undefined;
    const conditions = list.length > 1 ? new Map<string, number>() : undefined;
    for (let s = 0; s < list.length; s++) {
      const situation = list[s]!;
      const name = normalise(situation.name);
      const condition = normalise(situation.condition);
      if (!name && !condition) {
        hits = add(hits, `situations.${s}`, "情形名称和适用条件均为空");
        continue;
      }
      if (names && name) {
        const first = names.get(name);
        if (first === undefined) names.set(name, s);
        else hits = add(hits, `situations.${s}.name`, `与情形 ${first + 1} 同名：${situation.name}`);
      }
      if (conditions && condition) {
        const first = conditions.get(condition);
        if (first === undefined) conditions.set(condition, s);
        else hits = add(hits, `situations.${s}.condition`, `与情形 ${first + 1} 条件相同：${clip(situation.condition)}`);
      }
    }
    return hits ?? NONE;
  },
};

const intermediaries: GuideCheck = {
  id: "G-CONT-26",
  element: "intermediaries",
  severity: "warning",
  seed: "002: “规范完善政务服务事项受理条件、申请材料、中介服务、办理流程等信息要素”",
  message: { zh: "中介服务未写明名称或设定依据", en: "An intermediary service lacks its name or its legal basis" },
  fix: { zh: "写明中介服务事项名称及其设定依据", en: "Name the intermediary service and the rule that requires it" },
  run(guide) {
    const list = guide.intermediaries;
    let hits: CheckHit[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      if (isEmptyContent(item.name)) hits = add(hits, `intermediaries.${i}.name`, item.name || "(blank)");
      if (isEmptyContent(item.basis)) hits = add(hits, `intermediaries.${i}.basis`, item.name || `#${i + 1}`);
    }
    return hits ?? NONE;
  },
};

// ——— 时限、跑动、网办深度: read against each other ———

const instantWithLimit: GuideCheck = {
  id: "G-CONT-27",
  element: "caseType",
  severity: "error",
  seed: "000: “评估是否明确标注事项的办件类型(如:承诺件、即办件、上报件)”",
  message: { zh: "即办件却有承诺办结时限（天数大于 0）", en: "An instant item (即办件) has a promised limit of more than 0 days" },
  fix: {
    zh: "即办件承诺时限应为 0（当场办结）；需要多日办理的应改为承诺件",
    en: "An instant item is done on the spot (0 days); otherwise make it a promised item (承诺件)",
  },
  run(guide) {
    const days = guide.promisedLimit.days;
    return guide.caseType === "instant" && days !== null && days > 0
      ? [{ path: "promisedLimit.days", detail: `即办件，承诺 ${days} ${unitLabel(guide.promisedLimit.unit)}` }]
      : NONE;
  },
};

/** Both limits in days of the same, stated unit: the two are comparable. */
function sameUnitLimits(guide: ServiceGuide): { legal: number; promised: number; unit: LimitUnit } | null {
  const { legalLimit, promisedLimit } = guide;
  if (legalLimit.days === null || promisedLimit.days === null || legalLimit.unit === null || legalLimit.unit !== promisedLimit.unit)
    return null;
  return { legal: legalLimit.days, promised: promisedLimit.days, unit: legalLimit.unit };
}

const promisedOverLegal: GuideCheck = {
  id: "G-CONT-28",
  element: "promisedLimit",
  severity: "error",
  seed: "000: “承诺时限评估政务服务事项承诺时限在法定时限基础上压缩比例”",
  message: { zh: "承诺办结时限长于法定办结时限", en: "The promised limit is longer than the legal limit" },
  fix: {
    zh: "承诺时限应在法定时限基础上压缩，不得超过法定时限",
    en: "The promised limit must not exceed the legal one (it should be shorter)",
  },
  run(guide) {
    const limits = sameUnitLimits(guide);
    return limits && limits.promised > limits.legal
      ? [{ path: "promisedLimit.days", detail: `承诺 ${limits.promised} > 法定 ${limits.legal} ${LIMIT_UNIT_LABELS[limits.unit]}` }]
      : NONE;
  },
};

const limitUnitsDiffer: GuideCheck = {
  id: "G-CONT-29",
  element: "promisedLimit",
  severity: "info",
  seed: "000: “明确说明是工作日还是自然日”",
  message: { zh: "承诺时限与法定时限单位不同，未作比较", en: "The promised and legal limits use different units: not compared" },
  fix: {
    zh: "如可能，用同一单位（工作日或自然日）表述法定时限和承诺时限",
    en: "Where possible, state both limits in the same unit (working or calendar days)",
  },
  run(guide) {
    const { legalLimit, promisedLimit } = guide;
    return legalLimit.days !== null &&
      promisedLimit.days !== null &&
      legalLimit.unit &&
      promisedLimit.unit &&
      legalLimit.unit !== promisedLimit.unit
      ? [
          {
            path: "promisedLimit.unit",
            detail: `法定 ${legalLimit.days} ${LIMIT_UNIT_LABELS[legalLimit.unit]}，承诺 ${promisedLimit.days} ${LIMIT_UNIT_LABELS[promisedLimit.unit]}`,
          },
        ]
      : NONE;
  },
};

const promisedNotHalved: GuideCheck = {
  id: "G-CONT-30",
  element: "promisedLimit",
  severity: "warning",
  seed: "002: “加快落实审批时限、提交材料“双减半”工作成果”",
  message: {
    zh: "承诺时限未压缩到法定时限的一半以内（“双减半”）",
    en: "The promised limit is more than half the legal limit (the “double halving” reform)",
  },
  fix: {
    zh: "按“双减半”确定的减时限意见，把承诺时限压缩到法定时限的一半以内",
    en: "Cut the promised limit to at most half the legal limit, as the double-halving decisions require",
  },
  run(guide) {
    const limits = sameUnitLimits(guide);
    if (!limits || limits.legal <= 0 || limits.promised > limits.legal || limits.promised * 2 <= limits.legal) return NONE;
    return [
      {
        path: "promisedLimit.days",
        detail: `承诺 ${limits.promised}，法定 ${limits.legal} ${LIMIT_UNIT_LABELS[limits.unit]}（一半为 ${limits.legal / 2}）`,
      },
    ];
  },
};

const stepsOverPromised: GuideCheck = {
  id: "G-CONT-31",
  element: "promisedLimit",
  severity: "warning",
  seed: "000: “审批办理时限比承诺时限平均减少一半”",
  message: { zh: "各环节办理时限之和超过承诺办结时限", en: "The steps' limits add up to more than the promised limit" },
  fix: {
    zh: "核对各环节时限与承诺时限，使环节时限之和不超过承诺时限",
    en: "Make the steps' limits add up to no more than the promised limit",
  },
  run(guide) {
    const promised = guide.promisedLimit;
    if (promised.days === null || promised.unit === null) return NONE;
    return eachFlow(guide, (steps, hits, s) => {
      let sum = 0;
      for (let i = 0; i < steps.length; i++) {
        const limit = steps[i]!.limit;
        if (limit.days !== null && limit.unit === promised.unit) sum += limit.days;
      }
      return sum > promised.days!
        ? add(hits, stepsPath(s), `环节合计 ${sum} > 承诺 ${promised.days} ${LIMIT_UNIT_LABELS[promised.unit!]}`)
        : hits;
    });
  },
};

const fullyOnlineWithVisits: GuideCheck = {
  id: "G-CONT-32",
  element: "onlineDepth",
  severity: "error",
  seed: "000: “提升网上办事深度,实现全程网上可办理,“零跑动次数””",
  message: { zh: "网办深度为四级（全程网办）却需到现场", en: "Online depth 4 (fully online) yet on-site visits are required" },
  fix: { zh: "四级网办应零跑动：核实网办深度或到现场次数", en: "Depth 4 means no visit: correct the depth or the number of visits" },
  run(guide) {
    return guide.onlineDepth === 4 && guide.visits !== null && guide.visits > 0
      ? [{ path: "onlineDepth", detail: `四级网办，到现场 ${guide.visits} 次` }]
      : NONE;
  },
};

const onlineDepthRange: GuideCheck = {
  id: "G-CONT-33",
  element: "onlineDepth",
  severity: "warning",
  seed: "000: “对照网上政务服务办理深度四级标准”",
  message: { zh: "网办深度不在一至四级之间", en: "The online depth is outside levels 1–4" },
  fix: { zh: "按网上政务服务办理深度四级标准填写 1–4", en: "Give a depth from 1 to 4 per the four-level standard" },
  run(guide) {
    const depth = guide.onlineDepth;
    return depth !== null && (depth < 1 || depth > 4) ? [{ path: "onlineDepth", detail: String(depth) }] : NONE;
  },
};

// ——— 全文 ———

/** The free-text fields of each part of a guide (enums are left out: the schema admits only their codes). */
const GUIDE_TEXT = [
  "source",
  "sourceId",
  "version",
  "publishedAt",
  "name",
  "implementationCode",
  "basicCode",
  "authoritySource",
  "implementingBody",
  "bodyCode",
  "quantityLimitNote",
  "acceptanceConditions",
  "flowchartUrl",
  "consultationPhone",
  "supervisionPhone",
  "visitReason",
  "onlineUrl",
  "mobileUrl",
] as const satisfies readonly (keyof ServiceGuide)[];
const MATERIAL_TEXT = [
  "code",
  "name",
  "source",
  "issuer",
  "form",
  "blankFormUrl",
  "sampleFormUrl",
  "acceptanceStandard",
  "legalBasis",
] as const satisfies readonly (keyof GuideMaterial)[];
const STEP_TEXT = ["name", "actor", "criteria"] as const satisfies readonly (keyof GuideStep)[];
const SITUATION_TEXT = ["name", "condition"] as const;
const LOCATION_TEXT = ["address", "window", "hours", "phone"] as const;
const LEGAL_BASIS_TEXT = ["name", "article", "text"] as const;
const INTERMEDIARY_TEXT = ["name", "provider", "basis"] as const;
const SPECIAL_PROCEDURE_TEXT = ["name", "note"] as const;
const FEE_TEXT = ["name", "standard", "basis"] as const;
const FAQ_TEXT = ["question", "answer"] as const;

/** "a.i.b.j.key", built only for a hit (a = "" at the top level, b = "" outside a situation). */
function textPath(a: string, i: number, b: string, j: number, key: string): string {
  if (!a) return key;
  return b ? `${a}.${i}.${b}.${j}.${key}` : `${a}.${i}.${key}`;
}

function scanText<T extends object>(
  item: T,
  keys: readonly (keyof T & string)[],
  hits: CheckHit[] | undefined,
  a: string,
  i: number,
  b = "",
  j = -1,
): CheckHit[] | undefined {
  for (let k = 0; k < keys.length; k++) {
    const value = item[keys[k]!];
    if (typeof value === "string" && hasMojibake(value)) hits = add(hits, textPath(a, i, b, j, keys[k]!), clip(value));
  }
  return hits;
}

function scanLimitNote(limit: { note: string }, hits: CheckHit[] | undefined, a: string, i: number, b = "", j = -1, key = "limit.note") {
  return hasMojibake(limit.note) ? add(hits, textPath(a, i, b, j, key), clip(limit.note)) : hits;
}

function scanList<T extends object>(
  list: readonly T[],
  keys: readonly (keyof T & string)[],
  hits: CheckHit[] | undefined,
  a: string,
  b = "",
  s = -1,
) {
  for (let i = 0; i < list.length; i++) hits = b ? scanText(list[i]!, keys, hits, a, s, b, i) : scanText(list[i]!, keys, hits, a, i);
  return hits;
}

function scanSteps(steps: readonly GuideStep[], hits: CheckHit[] | undefined, a: string, b = "", s = -1) {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    hits = b ? scanText(step, STEP_TEXT, hits, a, s, b, i) : scanText(step, STEP_TEXT, hits, a, i);
    hits = b ? scanLimitNote(step.limit, hits, a, s, b, i) : scanLimitNote(step.limit, hits, a, i);
  }
  return hits;
}

/**
 * Every free-text string of the guide, each once, by direct field access (a
 * generic walk costs more than the text test itself). The test
 * "G-CONT-34 covers every string field" fails when the model gains a text field
 * this walk does not read.
 */
function garbledText(g: ServiceGuide): CheckHit[] | undefined {
  let hits = scanText(g, GUIDE_TEXT, undefined, "", -1);
  hits = scanLimitNote(g.legalLimit, hits, "", -1, "", -1, "legalLimit.note");
  hits = scanLimitNote(g.promisedLimit, hits, "", -1, "", -1, "promisedLimit.note");
  hits = scanList(g.materials, MATERIAL_TEXT, hits, "materials");
  hits = scanSteps(g.steps, hits, "steps");
  for (let s = 0; s < g.situations.length; s++) {
    const situation = g.situations[s]!;
    hits = scanText(situation, SITUATION_TEXT, hits, "situations", s);
    hits = scanList(situation.materials, MATERIAL_TEXT, hits, "situations", "materials", s);
    hits = scanSteps(situation.steps, hits, "situations", "steps", s);
  }
  hits = scanList(g.locations, LOCATION_TEXT, hits, "locations");
  hits = scanList(g.legalBases, LEGAL_BASIS_TEXT, hits, "legalBases");
  for (let i = 0; i < g.intermediaries.length; i++) {
    hits = scanText(g.intermediaries[i]!, INTERMEDIARY_TEXT, hits, "intermediaries", i);
    hits = scanLimitNote(g.intermediaries[i]!.limit, hits, "intermediaries", i);
  }
  for (let i = 0; i < g.specialProcedures.length; i++) {
    hits = scanText(g.specialProcedures[i]!, SPECIAL_PROCEDURE_TEXT, hits, "specialProcedures", i);
    hits = scanLimitNote(g.specialProcedures[i]!.limit, hits, "specialProcedures", i);
  }
  hits = scanList(g.fees, FEE_TEXT, hits, "fees");
  hits = scanList(g.faq, FAQ_TEXT, hits, "faq");
  const codes = g.unmappedCodes;
  for (const key in codes) {
    const value = codes[key]!;
    if (hasMojibake(value)) hits = add(hits, `unmappedCodes.${key}`, clip(value));
  }
  return hits;
}

const mojibake: GuideCheck = {
  id: "G-CONT-34",
  element: "text",
  severity: "error",
  seed: "000: “有无乱码、死链等情况”",
  message: { zh: "指南文字存在乱码", en: "The guide contains garbled text (mojibake)" },
  fix: { zh: "按正确编码（UTF-8）重新录入或导入该字段", en: "Re-enter or re-import the field with the right encoding (UTF-8)" },
  run(guide) {
    return garbledText(guide) ?? NONE;
  },
};

export const CONTENT_CHECKS: GuideCheck[] = [
  materialsPresent,
  materialNameBlank,
  materialNameCatchAll,
  materialSource,
  certificateIssuer,
  materialQuantity,
  materialMedium,
  stepsPresent,
  stepsOnlyAsFlowchart,
  stepsComplete,
  stepDetail,
  stepCriteria,
  flowchart,
  visitsStated,
  visitReason,
  visitsMany,
  blankForm,
  sampleForm,
  formLinks,
  guideLinks,
  feeFlag,
  feeStandard,
  feeContradiction,
  feeBasis,
  acceptanceConditions,
  situations,
  intermediaries,
  instantWithLimit,
  promisedOverLegal,
  limitUnitsDiffer,
  promisedNotHalved,
  stepsOverPromised,
  fullyOnlineWithVisits,
  onlineDepthRange,
  mojibake,
];

/** Required materials (all but 非必要), counted once per name across the guide and its situations. */
function requiredMaterialCount(guide: ServiceGuide): number {
  const seen = new Set<string>();
  let unnamed = 0;
  const count = (list: GuideMaterial[]) => {
    for (const m of list) {
      if (m.necessity === "optional") continue;
      const key = normalise(m.name);
      if (key) seen.add(key);
      else unnamed++;
    }
  };
  count(guide.materials);
  for (const situation of guide.situations) count(situation.materials);
  return seen.size + unnamed;
}

/**
 * The materials half of “双减半” (seed 002: “对确定的减材料意见,由市级业务主管部门负责对申请材料进行修改”):
 * the required materials of this version against a baseline version; halved when
 * the current count is at most half the baseline's, rounded down.
 */
export function materialsHalved(current: ServiceGuide, baseline: ServiceGuide): { baseline: number; current: number; halved: boolean } {
  const before = requiredMaterialCount(baseline);
  const now = requiredMaterialCount(current);
  return { baseline: before, current: now, halved: now <= Math.floor(before / 2) };
}
