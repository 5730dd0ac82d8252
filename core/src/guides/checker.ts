import { BASIC_CHECKS } from "./checks-basic.ts";
import { CONTENT_CHECKS } from "./checks-content.ts";
import { codeTableOf } from "./codes.ts";
import { GUIDE_ELEMENTS, type GuideCheck, type GuideElementId, type Severity } from "./elements.ts";
import type { ServiceGuide } from "./model.ts";

/** Every automated check, in the order of the seed 000 checklist. */
export const GUIDE_CHECKS: readonly GuideCheck[] = [...BASIC_CHECKS, ...CONTENT_CHECKS];

const checkById = new Map(GUIDE_CHECKS.map((check) => [check.id, check]));

export function guideCheck(id: string): GuideCheck | undefined {
  return checkById.get(id);
}

/** One defect in one guide: which check, where. Messages and fixes are the check's (looked up by id). */
export interface GuideFinding {
  checkId: string;
  element: GuideElementId;
  severity: Severity;
  path: string;
  detail?: string;
}

export interface GuideResult {
  findings: GuideFinding[];
  /** Per element: passes when no error or warning was found on it. Info findings do not fail an element. */
  elements: Record<GuideElementId, boolean>;
}

const ELEMENT_IDS = Object.keys(GUIDE_ELEMENTS) as GuideElementId[];
const ALL_PASS = Object.fromEntries(ELEMENT_IDS.map((id) => [id, true])) as Record<GuideElementId, boolean>;

/** The places whose value a source's code table could not read (codes.ts codeGaps), or null when there are none. */
function gapPaths(guide: ServiceGuide): Set<string> | null {
  let paths: Set<string> | null = null;
  for (const path in guide.unmappedCodes) {
    if (codeTableOf(path) === null) continue;
    paths ??= new Set();
    paths.add(path);
  }
  return paths;
}

/**
 * Runs every check (or the given ones) on a parsed guide. Pure: the same guide
 * gives the same result. A place holding a code the source's tables do not know
 * is no finding: the guide stated it, the office's tables lack it (a code gap,
 * codeGaps), so the department is not charged and the element does not fail.
 */
export function checkGuide(guide: ServiceGuide, checks: readonly GuideCheck[] = GUIDE_CHECKS): GuideResult {
  const findings: GuideFinding[] = [];
  const elements = { ...ALL_PASS };
  const gaps = gapPaths(guide);
  for (const check of checks) {
    let hits = check.run(guide);
    if (gaps !== null && hits.length > 0) hits = hits.filter((h) => !gaps.has(h.path));
    if (hits.length === 0) continue;
    if (check.severity !== "info") elements[check.element] = false;
    for (const hit of hits)
      findings.push({ checkId: check.id, element: check.element, severity: check.severity, path: hit.path, detail: hit.detail });
  }
  return { findings, elements };
}

/** Element weights for the accuracy score; an element not listed weighs 1. */
export type ElementWeights = Partial<Record<GuideElementId, number>>;

/**
 * A guide's (or a department's) accuracy: the weighted share of elements that
 * pass, 0–1. Seed 000 checks “逐事项逐要素”: every element of every guide counts.
 */
export function accuracyOf(results: readonly GuideResult[], weights: ElementWeights = {}): number {
  let total = 0;
  let passing = 0;
  for (const result of results) {
    const parts = accuracyParts(result, weights);
    total += parts.total;
    passing += parts.passing;
  }
  return total === 0 ? 1 : passing / total;
}

/** One guide's weighted passing and total: sums of these over guides give any group's accuracy. */
export function accuracyParts(result: GuideResult, weights: ElementWeights = {}): { passing: number; total: number } {
  let total = 0;
  let passing = 0;
  for (const id of ELEMENT_IDS) {
    const weight = weights[id] ?? 1;
    total += weight;
    if (result.elements[id]) passing += weight;
  }
  return { passing, total };
}

/** Counts per element of the guides failing it: the “per element” view of a department. */
export function failuresByElement(results: readonly GuideResult[]): Record<GuideElementId, number> {
  const counts = {} as Record<GuideElementId, number>;
  for (const id of ELEMENT_IDS) counts[id] = 0;
  for (const result of results) for (const id of ELEMENT_IDS) if (!result.elements[id]) counts[id] += 1;
  return counts;
}

/**
 * A department's guide results as facts for the framework engine (measurements
 * of its unit): the accuracy in percent, the guides checked, the defects, and
 * per element the guides failing it — what a 办事指南准确度 indicator reads,
 * e.g. “每发现一项要素不准确扣 0.1 分” as a per_count rule on
 * `guide_failures_location`.
 */
export function guideFacts(results: readonly GuideResult[], weights: ElementWeights = {}): Record<string, number> {
  const facts: Record<string, number> = {
    guide_accuracy: Math.round(accuracyOf(results, weights) * 10_000) / 100,
    guides_checked: results.length,
    guide_defects: results.reduce((n, r) => n + r.findings.filter((f) => f.severity !== "info").length, 0),
  };
  const failures = failuresByElement(results);
  for (const [element, count] of Object.entries(failures)) facts[`guide_failures_${element}`] = count;
  for (const [element, key] of Object.entries(FRAMEWORK_FACTS)) facts[key] = failures[element as GuideElementId];
  const forms = formFailures(results);
  facts["guide_defect.blank_form_accuracy"] = forms.blank;
  facts["guide_defect.sample_form_accuracy"] = forms.sample;
  return facts;
}

/** Whether a framework fact is one guideFacts fills (so a campaign knows to read the guide registry). */
export function isGuideFactKey(key: string): boolean {
  return (
    key.startsWith("guide_defect.") ||
    key.startsWith("guide_failures_") ||
    ["guide_accuracy", "guides_checked", "guide_defects"].includes(key)
  );
}

/**
 * The built-in 办事指南准确度 framework's facts (frameworks/seeds/guide-accuracy.json):
 * per element, the guides failing it — “同一事项同一要素只计1处”. 空表/样表准确性 are
 * one element here (formLinks) and two indicators there: split by the finding's path.
 */
const FRAMEWORK_FACTS: Partial<Record<GuideElementId, string>> = {
  itemType: "guide_defect.item_type",
  authoritySource: "guide_defect.power_source",
  quantityLimit: "guide_defect.permit_quantity",
  caseType: "guide_defect.case_type",
  itemCode: "guide_defect.item_code",
  serviceObjects: "guide_defect.service_object",
  legalLimit: "guide_defect.legal_time_limit",
  promisedLimit: "guide_defect.promised_time_limit",
  location: "guide_defect.location",
  hours: "guide_defect.office_hours",
  consultationPhone: "guide_defect.contact_phone",
  supervisionPhone: "guide_defect.supervision_phone",
  phoneAccuracy: "guide_defect.phone_accuracy",
  legalBasis: "guide_defect.legal_basis",
  specialProcedures: "guide_defect.special_procedure",
  materialName: "guide_defect.material_name",
  materialSource: "guide_defect.material_source",
  materialQuantity: "guide_defect.material_quantity",
  materialMedium: "guide_defect.material_medium",
  processSteps: "guide_defect.process_steps",
  processDetail: "guide_defect.process_detail",
  flowchart: "guide_defect.flowchart",
  visits: "guide_defect.onsite_visits",
  blankForm: "guide_defect.blank_form_download",
  sampleForm: "guide_defect.sample_form_download",
  feeFlag: "guide_defect.fee_marking",
  feeStandard: "guide_defect.fee_standard",
  feeBasis: "guide_defect.fee_basis",
  acceptanceConditions: "guide_defect.acceptance_conditions",
  intermediaries: "guide_defect.intermediary_service",
  situations: "guide_defect.situations",
};

function formFailures(results: readonly GuideResult[]): { blank: number; sample: number } {
  let blank = 0;
  let sample = 0;
  for (const result of results) {
    const paths = result.findings.filter((f) => f.element === "formLinks" && f.severity !== "info").map((f) => f.path);
    if (paths.some((p) => p.includes("sampleForm"))) sample += 1;
    if (paths.some((p) => !p.includes("sampleForm"))) blank += 1;
  }
  return { blank, sample };
}
