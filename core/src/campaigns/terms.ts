import { flatRules } from "../frameworks/engine.ts";
import type { FactDef, Framework, Indicator, Rule, SourceLevel } from "../frameworks/schema.ts";
import { RULE_KIND_LABELS, SOURCE_LEVEL_LABELS, SOURCE_LEVELS } from "../frameworks/schema.ts";
import { factsOf } from "../frameworks/validate.ts";

/** A leaf or parent indicator with the names above it. */
export interface IndicatorEntry {
  indicator: Indicator;
  path: string[];
  level: number;
  isLeaf: boolean;
  /** The appliesTo lists of the indicator and its ancestors: it applies where all of them do. */
  scopes: string[][];
  /** The codes of its ancestors, top first. */
  ancestorCodes: string[];
}

/** Built once per framework object: a campaign's frozen definition is one shared object, indexed on every request. */
const indexes = new WeakMap<Framework, ReadonlyMap<string, IndicatorEntry>>();

export function indicatorIndex(framework: Framework): ReadonlyMap<string, IndicatorEntry> {
  const cached = indexes.get(framework);
  if (cached) return cached;
  const index = new Map<string, IndicatorEntry>();
  const visit = (list: Indicator[], path: string[], level: number, scopes: string[][], ancestorCodes: string[]) => {
    for (const indicator of list) {
      const children = indicator.children ?? [];
      const own = indicator.appliesTo ? [...scopes, indicator.appliesTo] : scopes;
      index.set(indicator.code, { indicator, path, level, isLeaf: children.length === 0, scopes: own, ancestorCodes });
      visit(children, [...path, indicator.name], level + 1, own, [...ancestorCodes, indicator.code]);
    }
  };
  visit(framework.indicators, [], 1, [], []);
  indexes.set(framework, index);
  return index;
}

/** Whether an indexed indicator (and every ancestor) applies to a unit of this category. */
export function entryApplies(entry: IndicatorEntry, category: string | null): boolean {
  return entry.scopes.every((list) => category !== null && list.includes(category));
}

/**
 * Whether a leaf applies to a unit: its category (entryApplies) and, when the office chose the
 * unit's indicators, the leaf or an ancestor is chosen (the engine's applicableFlags, for leaves).
 */
export function leafApplies(entry: IndicatorEntry, unit: { category: string | null; indicatorCodes: string[] | null }): boolean {
  if (!entryApplies(entry, unit.category)) return false;
  const chosen = unit.indicatorCodes;
  return !chosen || chosen.includes(entry.indicator.code) || entry.ancestorCodes.some((code) => chosen.includes(code));
}

/** Whether an indicator (and every ancestor) applies to a unit of this category. */
export function appliesToCategory(framework: Framework, code: string, category: string | null): boolean {
  const entry = indicatorIndex(framework).get(code);
  return !!entry && entryApplies(entry, category);
}

/** What a finding on a rule records: a count, a flag, or a manual score. */
export type TermTarget =
  | { kind: "count"; fact: string; byLevel: boolean }
  | { kind: "flag"; fact: string }
  | {
      kind: "manual";
      min: string;
      max: string;
      /** Each finding its own amount (每发现一起扣1-3分), not one score for the unit. */
      each?: boolean;
    }
  | { kind: "measurement"; facts: string[] };

export interface RuleTerm {
  indicatorCode: string;
  rule: Rule;
  effect: "deduct" | "bonus" | "score";
  /** Inside a group_max rule: a finding names the subject (content, matter) it is about. */
  needsSubject?: boolean;
}

/** Every rule (including those inside max_of) by id, with its indicator. */
export function ruleIndex(framework: Framework): Map<string, RuleTerm> {
  const index = new Map<string, RuleTerm>();
  for (const { indicator } of indicatorIndex(framework).values()) {
    for (const rule of flatRules(indicator.rules ?? [])) {
      index.set(rule.id, { indicatorCode: indicator.code, rule, effect: effectOf(rule) });
    }
    for (const group of indicator.rules ?? []) {
      if (group.kind !== "group_max") continue;
      for (const inner of group.rules) index.get(inner.id)!.needsSubject = true;
    }
  }
  return index;
}

function effectOf(rule: Rule): "deduct" | "bonus" | "score" {
  if (rule.kind === "when") return rule.outcome === "bonus" ? "bonus" : "deduct";
  if (rule.kind === "convert") return "score";
  if (rule.kind === "peer_average") return "deduct";
  if (rule.kind === "max_of" || rule.kind === "group_max") return effectOf(rule.rules[0]!);
  return rule.effect;
}

/** The facts a rule reads, without source-level suffixes. */
export function baseFacts(rule: Rule): string[] {
  return [...new Set(factsOf(rule).map((f) => f.split("@")[0]!))];
}

/**
 * How a finding on `rule` turns into facts. Counts add up; a boolean fact
 * is set; manual rules take a score; rates, ranks and external scores are
 * measurements, not findings. Throws a message naming what is wrong.
 */
export function termTarget(framework: Framework, rule: Rule, requestedFact?: string): TermTarget {
  if (rule.kind === "manual") return { kind: "manual", min: rule.min, max: rule.max };
  if (rule.kind === "manual_each") return { kind: "manual", min: rule.min, max: rule.max, each: true };
  // 适当下浮: the reviewer gives the lowering; a fixed lowering needs only the condition's facts.
  if (rule.kind === "peer_average" && rule.amount === undefined) return { kind: "manual", min: rule.min ?? "0", max: rule.max ?? "0" };
  if (rule.kind === "max_of" || rule.kind === "group_max") {
    throw new TermError(`细则 ${rule.id} 是“${RULE_KIND_LABELS[rule.kind]}”组合，请选择其中一项具体细则`);
  }
  const facts = baseFacts(rule);
  const declared = new Map(framework.facts.map((f) => [f.key, f] as const));
  const fact = requestedFact ?? (facts.length === 1 ? facts[0] : undefined);
  if (!fact) throw new TermError(`细则 ${rule.id} 涉及多个事实（${facts.join("、")}），请指明事实`);
  if (!facts.includes(fact)) throw new TermError(`细则 ${rule.id} 不涉及事实 ${fact}`);
  const def: FactDef | undefined = declared.get(fact);
  if (def?.type === "count") return { kind: "count", fact, byLevel: rule.kind === "per_count" && !!rule.amountByLevel };
  if (def?.type === "boolean") return { kind: "flag", fact };
  return { kind: "measurement", facts };
}

/** The fact key a count finding adds to: `fact@level` when the rule prices by source level. */
export function countKey(rule: Rule, fact: string, level: SourceLevel | null | undefined): string {
  if (rule.kind !== "per_count" || !rule.amountByLevel) return fact;
  if (level && rule.amountByLevel[level] !== undefined) return `${fact}@${level}`;
  if (rule.amount !== undefined) return fact;
  const levels = SOURCE_LEVELS.filter((l) => rule.amountByLevel?.[l] !== undefined)
    .map((l) => SOURCE_LEVEL_LABELS[l])
    .join("、");
  throw new TermError(
    level
      ? `细则 ${rule.id} 不按${SOURCE_LEVEL_LABELS[level]}计分（可选：${levels}）`
      : `细则 ${rule.id} 按来源层级计分，请填写来源层级（${levels}）`,
  );
}

export class TermError extends Error {}
