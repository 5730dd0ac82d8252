import type { AssessedUnit, FactValue, MissingFact, PointsOverflow, TraceStep } from "./engine-types.ts";
import { formatPts, type Pts } from "./points.ts";
import type { Framework, Indicator } from "./schema.ts";

/** The parts of a compiled indicator node that applicability and its maxima read. */
export interface ApplicabilityNode {
  indicator: Indicator;
  parentIndex: number;
  max: Pts | null;
  childIndexes: number[];
  appliesTo: Set<string> | null;
}

/**
 * Which indicators apply to a unit: its category must be allowed by the indicator and every
 * ancestor (appliesTo), and, when the office chose the unit's indicators, the indicator must be
 * chosen, under a chosen one, or above one (a parent applies through its chosen children).
 * `nodes` is in pre-order (parents before children).
 */
export function applicableFlags(nodes: readonly ApplicabilityNode[], unit: AssessedUnit): boolean[] {
  const byCategory = nodes.map(() => true);
  nodes.forEach((node, i) => {
    const parentAllows = node.parentIndex < 0 || byCategory[node.parentIndex]!;
    byCategory[i] = parentAllows && (!node.appliesTo || (!!unit.category && node.appliesTo.has(unit.category)));
  });
  if (!unit.indicators) return byCategory;
  const chosen = new Set(unit.indicators);
  const underChosen = nodes.map(() => false);
  nodes.forEach((node, i) => {
    underChosen[i] = chosen.has(node.indicator.code) || (node.parentIndex >= 0 && underChosen[node.parentIndex]!);
  });
  const selected = [...underChosen];
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (selected[i] && nodes[i]!.parentIndex >= 0) selected[nodes[i]!.parentIndex] = true;
  }
  return byCategory.map((allowed, i) => allowed && selected[i]!);
}

/**
 * 适用满分 per indicator: a leaf's points when it applies; a parent's points when all its
 * children apply, else what its applicable children can give (at most its points). Null where
 * the indicator does not apply or has no points.
 */
export function applicableMaxima(nodes: readonly ApplicabilityNode[], applicable: readonly boolean[]): (Pts | null)[] {
  const maxima = new Array<Pts | null>(nodes.length).fill(null);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!applicable[i] || node.max === null) continue;
    const excluded = node.childIndexes.some((c) => !applicable[c]);
    if (!excluded) {
      maxima[i] = node.max;
      continue;
    }
    const reachable = node.childIndexes.reduce((sum, c) => sum + (maxima[c] ?? 0), 0);
    maxima[i] = Math.min(node.max, reachable);
  }
  return maxima;
}

/** A parent whose children's points add up to more than its own, as the score output flags it. */
export function overflowOf(node: ApplicabilityNode, nodes: readonly ApplicabilityNode[]): PointsOverflow | undefined {
  if (node.max === null || !node.childIndexes.length) return undefined;
  const sum = node.childIndexes.reduce((total, c) => total + (nodes[c]!.max ?? 0), 0);
  if (sum <= node.max) return undefined;
  return { code: node.indicator.code, name: node.indicator.name, max: formatPts(node.max), childrenSum: formatPts(sum) };
}

/** A fact a leaf's rules need whose absence is missing data (not "none found"), with the rule reading it. */
export interface NeededFact {
  fact: string;
  label: string;
  ruleId: string;
}

// Counts read 0 when absent and 是/否 facts false (nothing found): only measured values can be missing.
const MEASURED_TYPES = new Set(["number", "score", "rank"]);
const FACT_FIELDS = ["fact", "rankBy", "rankFact"] as const;

/**
 * The measured facts (数值, 成绩, 名次) a leaf's rules read, found by walking the rule data so
 * rule kinds added later are covered without a list here.
 */
export function neededFacts(indicator: Indicator, framework: Framework): NeededFact[] {
  const labels = new Map(framework.facts.filter((f) => MEASURED_TYPES.has(f.type)).map((f) => [f.key, f.label]));
  const found = new Map<string, NeededFact>();
  const visit = (value: unknown, ruleId: string) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, ruleId);
      return;
    }
    if (!value || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    const keys = [...FACT_FIELDS.map((field) => record[field]), ...(Array.isArray(record.sum) ? record.sum : [])];
    for (const key of keys) {
      if (typeof key === "string" && labels.has(key) && !found.has(key)) found.set(key, { fact: key, label: labels.get(key)!, ruleId });
    }
    for (const child of Object.values(record)) if (typeof child === "object") visit(child, ruleId);
  };
  for (const rule of indicator.rules ?? []) visit(rule, rule.id);
  return [...found.values()];
}

/**
 * The needed facts a unit lacks and no rule accounted for (a rule that falls back, such as
 * 按进驻单位最低得分计分, names the value it used in its step). Each becomes a trace step, so
 * a score that missing data changed always says why, and a MissingFact that makes the result 暂定.
 */
export function missingSteps(options: {
  needed: readonly NeededFact[];
  values: Record<string, FactValue>;
  trace: readonly TraceStep[];
  indicatorCode: string;
  score: Pts;
}): { steps: TraceStep[]; missing: MissingFact[] } {
  const { needed, values, trace, indicatorCode, score } = options;
  const steps: TraceStep[] = [];
  const missing: MissingFact[] = [];
  for (const need of needed) {
    if (need.fact in values || trace.some((s) => need.fact in s.facts)) continue;
    missing.push({ indicatorCode, fact: need.fact, label: need.label });
    steps.push({
      ruleId: need.ruleId,
      kind: "missing",
      text: `缺少数据：${need.label}`,
      facts: {},
      arithmetic: `未录入“${need.label}”，规则 ${need.ruleId} 未能计分，本项暂按 ${formatPts(score)} 分计（暂定）`,
      delta: "0",
      outcome: "missing",
    });
  }
  return { steps, missing };
}
