import { type FactDef, type FactValue, type Framework, factsOf, flatRules, type Rule, type UnitFacts } from "@kaoping/core";
import type { PreviewInput } from "../../../api/frameworks.ts";
import { flattenWithPaths, getAt, type IndicatorPath, subtree } from "../editor/indicator-tree-ops.ts";

/** A fact the selected indicator's rules read: `finding`, `finding@city` … with its declared type. */
export interface PreviewFact {
  key: string;
  label: string;
  /** The source level of a count kept per level (`finding@city` → city). */
  level?: string;
  type: FactDef["type"] | null;
}

export type ManualRule = Extract<Rule, { kind: "manual" }>;

export interface PreviewFields {
  facts: PreviewFact[];
  manual: ManualRule[];
  /** The codes of the indicator and its descendants: their scores and traces are shown. */
  codes: Set<string>;
}

/**
 * What the preview asks for, for one indicator: the facts read by its rules (and
 * its descendants'), by other indicators' rules that zero it (alsoZero), and its
 * manual rules.
 */
export function previewFields(framework: Framework, path: IndicatorPath): PreviewFields {
  const node = getAt(framework.indicators, path);
  if (!node) return { facts: [], manual: [], codes: new Set() };
  const nodes = subtree(node);
  const codes = new Set(nodes.map((n) => n.code));
  const ancestors = new Set(path.slice(0, -1).map((_, i) => getAt(framework.indicators, path.slice(0, i + 1))?.code));
  const own = nodes.flatMap((n) => flatRules(n.rules ?? []));
  const zeroing = flattenWithPaths(framework.indicators)
    .flatMap((entry) => flatRules(entry.node.rules ?? []))
    .filter((rule) => rule.kind === "when" && rule.alsoZero?.some((code) => codes.has(code) || ancestors.has(code)));
  const keys = [...new Set([...own, ...zeroing].flatMap(factsOf))];
  const declared = new Map(framework.facts.map((fact) => [fact.key, fact]));
  const facts = keys.map((key) => {
    const [base = key, level] = key.split("@");
    const fact = declared.get(key) ?? declared.get(base);
    return { key, label: fact?.label ?? key, ...(level ? { level } : {}), type: fact ? (level ? "count" : fact.type) : null };
  });
  return { facts, manual: own.filter((rule): rule is ManualRule => rule.kind === "manual"), codes };
}

export interface PreviewUnit {
  code: string;
  name: string;
  category?: string;
  isReference: boolean;
}

/** What the user typed: fact values and manual scores per unit code. */
export interface PreviewState {
  units: PreviewUnit[];
  values: Record<string, Record<string, FactValue | null | undefined>>;
  manual: Record<string, Record<string, { points?: string; reason?: string }>>;
}

export const initialPreviewState = (name: string): PreviewState => ({
  units: [{ code: "U1", name, isReference: false }],
  values: {},
  manual: {},
});

/** The preview request: empty values left out, manual scores only with both points and a reason. */
export function previewRequest(definition: Framework, state: PreviewState): PreviewInput {
  const facts: Record<string, UnitFacts> = {};
  for (const unit of state.units) {
    const values = Object.fromEntries(
      Object.entries(state.values[unit.code] ?? {}).filter(
        (entry): entry is [string, FactValue] => entry[1] !== null && entry[1] !== undefined,
      ),
    );
    const manual = Object.fromEntries(
      Object.entries(state.manual[unit.code] ?? {}).flatMap(([ruleId, score]) =>
        score.points?.trim() && score.reason?.trim() ? [[ruleId, { points: score.points.trim(), reason: score.reason.trim() }]] : [],
      ),
    );
    facts[unit.code] = { values, manual };
  }
  const units = state.units.map(({ code, name, category, isReference }) => ({
    code,
    name,
    isReference,
    ...(category ? { category } : {}),
  }));
  return { definition, units, facts };
}
