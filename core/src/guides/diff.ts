import { GUIDE_ELEMENTS, type GuideElementId } from "./elements.ts";
import type { ServiceGuide } from "./model.ts";

/**
 * Element by element differences between two guides of the same item. Two uses:
 * what changed between two published versions, and the online/offline
 * consistency check (seed 001: “同一事项办事指南或流程不一致” — the portal's
 * guide against the hall's printed one). Both need the same tolerance: a list
 * printed in another order, or text typed with other spacing, says the same
 * thing and must not count as a difference.
 */

/** The guide element a difference belongs to; "name" is the item's name, "other" a field no element covers. */
export type DifferenceElement = GuideElementId | "name" | "other";

export interface GuideDifference {
  element: DifferenceElement;
  /** zh label of the element (for "other": of the field, e.g. 实施主体). */
  label: string;
  /** Where: "consultationPhone", "materials[身份证].copies", or "materials.2" for a list whose items have no names. */
  path: string;
  kind: "added" | "removed" | "changed";
  /** The value before (null when added): raw, as the guide has it. */
  before: unknown;
  /** The value after (null when removed). */
  after: unknown;
}

/** How a field is compared, and which element a difference in it counts against. */
interface Rule {
  element: DifferenceElement;
  /** For "other": the field's own zh name. */
  label?: string;
  /** The rules of an object's fields (or of each list item's): a field without a rule is "other". Without, children inherit. */
  fields?: Fields;
  /** List items are matched by this field, normalised, rather than by position. */
  key?: string;
}
/** null: not compared. */
type Fields = Readonly<Record<string, Rule | null>>;

const OTHER: Rule = { element: "other" };
const other = (label: string): Rule => ({ element: "other", label });

const MATERIAL: Rule = {
  element: "materialName",
  key: "name",
  fields: {
    code: other("材料编码"),
    name: { element: "materialName" },
    necessity: other("材料必要性"),
    type: other("材料类型"),
    source: { element: "materialSource" },
    issuer: { element: "materialSource" },
    originals: { element: "materialQuantity" },
    copies: { element: "materialQuantity" },
    media: { element: "materialMedium" },
    form: other("填报要求"),
    blankFormUrl: { element: "blankForm" },
    sampleFormUrl: { element: "sampleForm" },
    acceptanceStandard: other("受理标准"),
    legalBasis: other("材料依据"),
  },
};

const STEP: Rule = {
  element: "processSteps",
  key: "name",
  fields: {
    name: { element: "processSteps" },
    actor: { element: "processDetail" },
    limit: { element: "processDetail" },
    criteria: { element: "processDetail" },
  },
};

/** The guide's fields. Provenance says where a copy came from, not what it says: two copies compare equal whatever it is. */
const GUIDE: Rule = {
  element: "other",
  fields: {
    source: null,
    sourceId: null,
    version: null,
    publishedAt: null,
    unmappedCodes: null,
    name: { element: "name" },
    itemType: { element: "itemType" },
    implementationCode: { element: "itemCode" },
    basicCode: { element: "itemCode" },
    authoritySource: { element: "authoritySource" },
    implementingBody: other("实施主体"),
    bodyCode: other("实施主体编码"),
    level: other("行使层级"),
    serviceObjects: { element: "serviceObjects" },
    caseType: { element: "caseType" },
    legalLimit: { element: "legalLimit" },
    promisedLimit: { element: "promisedLimit" },
    quantityLimited: { element: "quantityLimit" },
    quantityLimitNote: { element: "quantityLimit" },
    acceptanceConditions: { element: "acceptanceConditions" },
    situations: {
      element: "situations",
      key: "name",
      fields: { name: { element: "situations" }, condition: { element: "situations" }, materials: MATERIAL, steps: STEP },
    },
    materials: MATERIAL,
    steps: STEP,
    flowchartUrl: { element: "flowchart" },
    // A hall is known by its address: two windows at one address are one location.
    locations: {
      element: "location",
      key: "address",
      fields: {
        address: { element: "location" },
        window: { element: "location" },
        hours: { element: "hours" },
        phone: { element: "consultationPhone" },
      },
    },
    consultationPhone: { element: "consultationPhone" },
    supervisionPhone: { element: "supervisionPhone" },
    legalBases: { element: "legalBasis", key: "name" },
    intermediaries: { element: "intermediaries", key: "name" },
    specialProcedures: { element: "specialProcedures", key: "name" },
    charged: { element: "feeFlag" },
    fees: {
      element: "feeStandard",
      key: "name",
      fields: { name: { element: "feeStandard" }, standard: { element: "feeStandard" }, basis: { element: "feeBasis" } },
    },
    visits: { element: "visits" },
    visitReason: { element: "visits" },
    onlineDepth: { element: "onlineDepth" },
    faq: { element: "other", label: "常见问题", key: "question" },
    onlineUrl: { element: "links" },
    mobileUrl: { element: "links" },
  },
};

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/**
 * Text as read: trimmed, runs of white space (full-width spaces included) as one
 * space, and none beside a non-ASCII character — spacing in Chinese text is
 * layout, not content (“上午9:00-12:00　下午” is “上午9:00-12:00下午”), while
 * between Latin words or digits it still separates them.
 */
function normaliseText(value: string): string {
  return value
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/ (?=\P{ASCII})|(?<=\P{ASCII}) /gu, "");
}

/** A list item's name for matching: also width-folded and case-folded, so “营业执照（副本）” finds “营业执照(副本)”. */
const matchKey = (value: string) => normaliseText(value).normalize("NFKC").toLowerCase();

/** Empty text and null both mean “not stated”. */
function comparable(value: unknown): unknown {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? normaliseText(value) : value;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

type Item = Record<string, unknown>;
const isObject = (value: unknown): value is Item => typeof value === "object" && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => value === null || typeof value !== "object";

// ---------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------

const LABELS: Record<DifferenceElement, string> = {
  name: "事项名称",
  ...Object.fromEntries(Object.entries(GUIDE_ELEMENTS).map(([id, element]) => [id, element.label])),
  other: "其他",
} as Record<DifferenceElement, string>;

/** The order of output: the name, the checklist's elements, then the rest. */
const ELEMENT_ORDER = Object.keys(LABELS) as DifferenceElement[];
const RANK = new Map(ELEMENT_ORDER.map((id, i) => [id, i]));

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

function difference(rule: Rule, path: string, kind: GuideDifference["kind"], before: unknown, after: unknown): GuideDifference {
  const label = rule.element === "other" ? (rule.label ?? LABELS.other) : LABELS[rule.element];
  return { element: rule.element, label, path, kind, before: before ?? null, after: after ?? null };
}

function compare(out: GuideDifference[], rule: Rule, path: string, before: unknown, after: unknown): void {
  const listOrNone = (value: unknown) => Array.isArray(value) || value === null || value === undefined;
  if ((Array.isArray(before) || Array.isArray(after)) && listOrNone(before) && listOrNone(after)) {
    compareLists(out, rule, path, (before ?? []) as unknown[], (after ?? []) as unknown[]);
  } else if (isObject(before) && isObject(after)) {
    compareObjects(out, rule, path, before, after);
  } else if (!sameValue(before, after)) {
    out.push(difference(rule, path, "changed", before, after));
  }
}

function compareObjects(out: GuideDifference[], rule: Rule, path: string, before: Item, after: Item): void {
  const inherited: Rule = { element: rule.element, label: rule.label };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const child = rule.fields ? (Object.hasOwn(rule.fields, key) ? rule.fields[key]! : OTHER) : inherited;
    if (child !== null) compare(out, child, join(path, key), before[key], after[key]);
  }
}

/** Lists of codes (服务对象, 介质) are sets: their order means nothing. */
function compareSets(out: GuideDifference[], rule: Rule, path: string, before: unknown[], after: unknown[]): void {
  const sorted = (list: unknown[]) =>
    list
      .map(comparable)
      .map((v) => JSON.stringify(v))
      .sort();
  if (JSON.stringify(sorted(before)) !== JSON.stringify(sorted(after))) out.push(difference(rule, path, "changed", before, after));
}

function compareLists(out: GuideDifference[], rule: Rule, path: string, before: unknown[], after: unknown[]): void {
  if (before.every(isScalar) && after.every(isScalar)) {
    compareSets(out, rule, path, before, after);
    return;
  }
  const itemRule: Rule = { element: rule.element, label: rule.label, fields: rule.fields };
  for (const pair of pairItems(rule.key, path, before, after)) {
    if (pair.before === undefined) out.push(difference(rule, pair.path, "added", null, pair.after));
    else if (pair.after === undefined) out.push(difference(rule, pair.path, "removed", pair.before, null));
    else compare(out, itemRule, pair.path, pair.before, pair.after);
  }
}

interface Pair {
  path: string;
  before: unknown;
  after: unknown;
}

const keyOf = (item: unknown, key: string) => {
  const value = isObject(item) ? item[key] : undefined;
  return typeof value === "string" ? matchKey(value) : "";
};

/**
 * Items matched by name, so a reordered list is the same list; the n-th item of
 * a name repeated in a list is matched with the n-th of that name (path “[名称#2]”).
 * One item without a name and the list is matched by position, as written.
 */
function pairItems(key: string | undefined, path: string, before: unknown[], after: unknown[]): Pair[] {
  const all = [...before, ...after];
  if (key === undefined || all.some((item) => keyOf(item, key) === "")) return pairByIndex(path, before, after);
  const pairs = new Map<string, Pair>();
  const place = (items: unknown[], side: "before" | "after") => {
    const seen = new Map<string, number>();
    for (const item of items) {
      const match = keyOf(item, key);
      const n = (seen.get(match) ?? 0) + 1;
      seen.set(match, n);
      const id = `${match}\u0000${n}`;
      const shown = normaliseText(String((item as Item)[key])) + (n > 1 ? `#${n}` : "");
      const pair = pairs.get(id) ?? { path: `${path}[${shown}]`, before: undefined, after: undefined };
      pair[side] = item;
      pairs.set(id, pair);
    }
  };
  place(before, "before");
  place(after, "after");
  return [...pairs.values()];
}

function pairByIndex(path: string, before: unknown[], after: unknown[]): Pair[] {
  const length = Math.max(before.length, after.length);
  return Array.from({ length }, (_, i) => ({ path: join(path, String(i)), before: before[i], after: after[i] }));
}

/** Paths in reading order: numbers by value (“materials.2” before “materials.10”), the rest by code unit, whatever the locale. */
function comparePaths(a: string, b: string): number {
  const x = a.split(/(\d+)/);
  const y = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (i % 2 === 1 && Number(p) !== Number(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

const byElementThenPath = (a: GuideDifference, b: GuideDifference) =>
  RANK.get(a.element)! - RANK.get(b.element)! || comparePaths(a.path, b.path);

// ---------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------

/**
 * The differences between two guides, in the order of GUIDE_ELEMENTS, then by
 * path. Provenance (source, sourceId, version, publishedAt, unmappedCodes) is
 * not compared. A field whose value changed is “changed” even from or to empty;
 * “added” and “removed” are list items (a material, a step, a location …).
 */
export function diffGuides(before: ServiceGuide, after: ServiceGuide): GuideDifference[] {
  const out: GuideDifference[] = [];
  compare(out, GUIDE, "", before, after);
  return out.sort(byElementThenPath);
}

/** Differences per element, in the order of diffGuides; elements without any are left out. */
export function summariseDifferences(diffs: readonly GuideDifference[]): Partial<Record<DifferenceElement, number>> {
  const counts = new Map<DifferenceElement, number>();
  for (const diff of diffs) counts.set(diff.element, (counts.get(diff.element) ?? 0) + 1);
  const summary: Partial<Record<DifferenceElement, number>> = {};
  for (const id of ELEMENT_ORDER) if (counts.has(id)) summary[id] = counts.get(id)!;
  return summary;
}
