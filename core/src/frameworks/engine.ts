import {
  type ApplicabilityNode,
  applicableFlags,
  applicableMaxima,
  missingSteps,
  type NeededFact,
  neededFacts,
  overflowOf,
} from "./applicability.ts";
import type {
  AssessedUnit,
  FactValue,
  IndicatorScore,
  MissingFact,
  PointsOverflow,
  ScoreInput,
  ScoreResult,
  TraceStep,
  UnitFacts,
  UnitScore,
} from "./engine-types.ts";
import { clamp, formatPts, type Pts, pts, SCALE, scale, times } from "./points.ts";
import { rescaleTotal } from "./rescale.ts";
import {
  type Comparator,
  type Condition,
  DEFAULT_STAR_BANDS,
  type Framework,
  type Indicator,
  type Rule,
  SOURCE_LEVEL_LABELS,
  SOURCE_LEVELS,
} from "./schema.ts";

/** A framework with its points parsed and its tree flattened once, for fast repeated scoring. */
export interface CompiledFramework {
  framework: Framework;
  nodes: CompiledNode[];
  /** `when` rules with alsoZero, checked before scoring. */
  crossRules: { rule: Extract<Rule, { kind: "when" }>; ownerCode: string }[];
  rankSources: Map<string, { fact: string; order: "desc" | "asc" }>;
  convertRules: Extract<Rule, { kind: "convert" }>[];
  /** `peer_average` rules, with the leaf they sit on scored only up to them (what the peers' average is taken over). */
  peerRules: PeerRule[];
  /** Facts declared as counts: absent means 0. Any other absent fact is unknown and makes no condition hold. */
  countFacts: ReadonlySet<string>;
  /** Parents whose children add up to more than their points. */
  overflows: PointsOverflow[];
  /** The base part's full points: the first-level base indicators added up. */
  fullPoints: Pts;
}

interface CompiledNode extends ApplicabilityNode {
  indicator: Indicator;
  parentIndex: number;
  level: number;
  part: "base" | "bonus";
  max: Pts | null;
  /** `max` formatted once: most leaves end at full marks. */
  maxText: string | null;
  start: Pts;
  min: Pts | null;
  cap: Pts | null;
  childIndexes: number[];
  isLeaf: boolean;
  appliesTo: Set<string> | null;
  /** Measured facts the leaf's rules read: absent, they make the result provisional. */
  needs: NeededFact[];
  overflow: PointsOverflow | undefined;
}

interface PeerRule {
  rule: Extract<Rule, { kind: "peer_average" }>;
  nodeIndex: number;
  /** The leaf with only the rules listed before this one. */
  before: CompiledNode;
}

const rankKey = (fact: string, order: string) => `${fact}:${order}`;

/** Rule amounts are decimal strings; parsing each once keeps the scoring loop to integer arithmetic. */
const parsed = new Map<string, Pts>();
function amountOf(text: string): Pts {
  let value = parsed.get(text);
  if (value === undefined) {
    value = pts(text);
    // Bounded: manual scores arrive from clients and must not pin memory.
    if (parsed.size < 10_000) parsed.set(text, value);
  }
  return value;
}

/** Parses points, resolves parts and bases, and flattens the tree in pre-order. */
export function compileFramework(framework: Framework): CompiledFramework {
  const countFacts = new Set(framework.facts.filter((f) => f.type === "count").map((f) => f.key));
  const compiled: CompiledFramework = {
    framework,
    nodes: [],
    crossRules: [],
    rankSources: new Map(),
    convertRules: [],
    peerRules: [],
    countFacts,
    overflows: [],
    fullPoints: 0,
  };
  const visit = (indicator: Indicator, parentIndex: number, level: number, inherited: "base" | "bonus") => {
    const part = indicator.part ?? inherited;
    const isLeaf = !indicator.children?.length;
    const max = indicator.points !== undefined ? pts(indicator.points) : null;
    const basis = indicator.basis ?? (part === "bonus" || max === null ? "zero" : "full");
    const index = compiled.nodes.length;
    compiled.nodes.push({
      indicator,
      parentIndex,
      level,
      part,
      max,
      maxText: max === null ? null : formatPts(max),
      start: isLeaf && basis === "full" && max !== null ? max : 0,
      min: indicator.range?.min !== undefined ? pts(indicator.range.min) : isLeaf || part === "base" ? 0 : null,
      cap: indicator.range?.max !== undefined ? pts(indicator.range.max) : max,
      childIndexes: [],
      isLeaf,
      appliesTo: indicator.appliesTo ? new Set(indicator.appliesTo) : null,
      needs: isLeaf ? neededFacts(indicator, framework) : [],
      overflow: undefined,
    });
    if (parentIndex >= 0) compiled.nodes[parentIndex]!.childIndexes.push(index);
    for (const rule of flatRules(indicator.rules ?? [])) {
      if (rule.kind === "when" && rule.alsoZero?.length) compiled.crossRules.push({ rule, ownerCode: indicator.code });
      if ((rule.kind === "rank_table" || rule.kind === "rank_step") && "rankBy" in rule.source) {
        compiled.rankSources.set(rankKey(rule.source.rankBy, rule.source.order), { fact: rule.source.rankBy, order: rule.source.order });
      }
      if (rule.kind === "convert") compiled.convertRules.push(rule);
    }
    (indicator.rules ?? []).forEach((rule, position, rules) => {
      if (rule.kind !== "peer_average") return;
      const node = compiled.nodes[index]!;
      compiled.peerRules.push({
        rule,
        nodeIndex: index,
        before: { ...node, indicator: { ...indicator, rules: rules.slice(0, position) } },
      });
    });
    for (const child of indicator.children ?? []) visit(child, index, level + 1, part);
  };
  for (const top of framework.indicators) visit(top, -1, 1, top.part ?? "base");
  for (const node of compiled.nodes) {
    node.overflow = overflowOf(node, compiled.nodes);
    if (node.overflow) compiled.overflows.push(node.overflow);
    if (node.parentIndex < 0 && node.part === "base") compiled.fullPoints += node.max ?? 0;
  }
  return compiled;
}

/** Rules with max_of's inner rules included (for pre-scans). */
export function flatRules(rules: Rule[]): Rule[] {
  return rules.flatMap((r) => (r.kind === "max_of" || r.kind === "group_max" ? [r, ...flatRules(r.rules)] : [r]));
}

const NO_STEPS: TraceStep[] = Object.freeze([]) as unknown as TraceStep[];
const scratch: TraceStep[] = [];

/** Shared across units: ranks by fact among non-reference units, and the lowest peer value of converted scores. */
interface Context {
  countFacts: ReadonlySet<string>;
  ranks: Map<string, Map<string, number>>;
  lowestPeer: Map<string, LowestPeer>;
  /** By peer_average rule id: the peers' average, worked out before any unit is scored. */
  peerAverages: Map<string, PeerAverage>;
  groupNames: Record<string, string>;
  /** Which indicators apply to a unit (category and the office's choice), by node index. */
  applicable: (unit: AssessedUnit) => boolean[];
}

/**
 * Competition ranking (1, 1, 3): equal values share the better rank. Only
 * non-reference units with the fact are ranked. This is the tie policy of
 * every rank rule and of the overall ranking.
 */
export function competitionRanks(entries: { code: string; value: number }[], order: "desc" | "asc"): Map<string, number> {
  const sorted = [...entries].sort((a, b) => (order === "desc" ? b.value - a.value : a.value - b.value) || a.code.localeCompare(b.code));
  const ranks = new Map<string, number>();
  sorted.forEach((entry, i) => {
    const previous = sorted[i - 1];
    ranks.set(entry.code, previous && previous.value === entry.value ? ranks.get(previous.code)! : i + 1);
  });
  return ranks;
}

function buildContext(compiled: CompiledFramework, input: ScoreInput): Context {
  const ranks = new Map<string, Map<string, number>>();
  for (const [key, source] of compiled.rankSources) {
    const entries = input.units
      .filter((u) => !u.isReference)
      .flatMap((u) => {
        const value = input.facts[u.code]?.values?.[source.fact];
        return typeof value === "number" ? [{ code: u.code, value }] : [];
      });
    ranks.set(key, competitionRanks(entries, source.order));
  }
  const lowestPeer = new Map<string, LowestPeer>();
  for (const rule of compiled.convertRules) {
    const lowest = lowestPeerOf(rule, input);
    if (lowest) lowestPeer.set(rule.id, lowest);
  }
  const context: Context = {
    countFacts: compiled.countFacts,
    ranks,
    lowestPeer,
    peerAverages: new Map(),
    groupNames: input.groupNames ?? {},
    applicable: applicabilityOf(compiled),
  };
  for (const peerRule of compiled.peerRules) context.peerAverages.set(peerRule.rule.id, peerAverageOf(peerRule, input, context));
  return context;
}

/** Applicability per unit, cached: units of one category with the same chosen indicators share their flags (most choose none). */
function applicabilityOf(compiled: CompiledFramework): (unit: AssessedUnit) => boolean[] {
  const cache = new Map<string, boolean[]>();
  return (unit) => {
    const key = `${unit.category ?? ""}|${unit.indicators?.join(",") ?? "*"}`;
    let flags = cache.get(key);
    if (!flags) {
      flags = applicableFlags(compiled.nodes, unit);
      cache.set(key, flags);
    }
    return flags;
  };
}

/** Scores every unit: per indicator points with traces, totals, ranks and stars. Deterministic. */
export function scoreFramework(compiled: CompiledFramework, input: ScoreInput): ScoreResult {
  const context = buildContext(compiled, input);
  const units = input.units.map((unit) => scoreUnit(compiled, unit, input.facts[unit.code] ?? {}, context, context.applicable(unit)));
  const ranks = competitionRanks(
    units.filter((u) => !u.isReference).map((u) => ({ code: u.unitCode, value: pts(u.rankScore) })),
    "desc",
  );
  const bands = compiled.framework.starBands ?? DEFAULT_STAR_BANDS;
  for (const unit of units) {
    unit.rank = ranks.get(unit.unitCode) ?? null;
    unit.stars = unit.rank === null ? null : (bands.find((b) => unit.rank! >= b.fromRank && unit.rank! <= b.toRank)?.stars ?? null);
  }
  return {
    frameworkCode: compiled.framework.code,
    units,
    provisional: units.some((u) => u.provisional),
    overflows: compiled.overflows,
  };
}

function scoreUnit(compiled: CompiledFramework, unit: AssessedUnit, facts: UnitFacts, context: Context, applicable: boolean[]): UnitScore {
  const values = facts.values ?? {};
  const zeroedBy = new Map<string, TraceStep>();
  for (const { rule, ownerCode } of compiled.crossRules) {
    if (!holds(rule.condition, values, compiled.countFacts)) continue;
    for (const code of rule.alsoZero ?? []) {
      zeroedBy.set(code, step(rule, collectFacts(rule.condition, values), `因 ${ownerCode} 项规则成立，本项同时不得分`, 0, "zero"));
    }
  }
  const scores = new Array<Pts | null>(compiled.nodes.length).fill(null);
  // Most indicators have no step: they share one frozen empty trace instead of an array each.
  const traces: TraceStep[][] = new Array(compiled.nodes.length).fill(NO_STEPS);
  const pending: string[] = [];
  const missing: MissingFact[] = [];
  // Post-order: children before parents (the list is pre-order, so walk it backwards).
  for (let i = compiled.nodes.length - 1; i >= 0; i--) {
    const node = compiled.nodes[i]!;
    if (!applicable[i]) continue;
    // One scratch list reused for every node: only indicators with steps get an array of their own.
    const trace = scratch;
    trace.length = 0;
    let score: Pts;
    if (node.isLeaf) {
      score = scoreLeaf(node, unit, facts, context, trace, pending);
      if (node.needs.length) {
        const superseded = supersededBy(trace, node.indicator.rules ?? []);
        const needed = superseded.size ? node.needs.filter((need) => !superseded.has(need.ruleId)) : node.needs;
        const absent = missingSteps({ needed, values, trace, indicatorCode: node.indicator.code, score });
        trace.push(...absent.steps);
        missing.push(...absent.missing);
      }
    } else {
      score = node.childIndexes.reduce((sum, c) => sum + (scores[c] ?? 0), 0);
      const bounded = clamp(score, node.min, node.indicator.range?.max !== undefined ? node.cap : null);
      if (bounded !== score) trace.push(boundStep(node, score, bounded));
      score = bounded;
    }
    const zero = zeroedBy.get(node.indicator.code);
    if (zero && score !== 0) {
      trace.push({ ...zero, delta: formatPts(-score) });
      score = 0;
    }
    scores[i] = score;
    if (trace.length) traces[i] = trace.slice();
  }
  return present({ compiled, unit, scores, traces, pending, missing, applicable });
}

function scoreLeaf(node: CompiledNode, unit: AssessedUnit, facts: UnitFacts, context: Context, trace: TraceStep[], pending: string[]): Pts {
  let score = node.start;
  let outcome: "zero" | "half" | null = null;
  let outcomeStep: TraceStep | null = null;
  for (const rule of rulesFor(node, facts, context)) {
    const result = evaluate(rule, unit, facts, context, node);
    if (!result) continue;
    if (result.outcome === "pending") {
      pending.push(rule.id);
      trace.push(result.step);
    } else if (result.outcome === "zero" || result.outcome === "half") {
      if (outcome !== "zero") {
        outcome = result.outcome;
        outcomeStep = result.step;
      }
    } else if (result.step.outcome === "set") {
      // A converted score replaces the start value (full marks by default), it is not added to it.
      const replaced = { ...result.step, delta: signed(result.delta - score) };
      score = result.delta;
      trace.push(replaced);
      if (result.pending) pending.push(rule.id);
    } else {
      score += result.delta;
      trace.push(result.step);
    }
  }
  const min = node.min;
  const bounded = clamp(score, min, node.cap);
  if (bounded !== score) trace.push(boundStep(node, score, bounded));
  score = bounded;
  if (outcome && outcomeStep) {
    const after = outcome === "zero" ? 0 : scale(score, 0.5);
    trace.push({ ...outcomeStep, delta: formatPts(after - score) });
    score = after;
  }
  return score;
}

function boundStep(node: CompiledNode, raw: Pts, bounded: Pts): TraceStep {
  const floor = bounded > raw;
  return {
    ruleId: node.indicator.code,
    kind: "bound",
    text: floor ? "扣完为止" : `本项最高 ${formatPts(bounded)} 分`,
    facts: {},
    arithmetic: `${formatPts(raw)} → ${formatPts(bounded)}`,
    delta: signed(bounded - raw),
    outcome: floor ? "floor" : "cap",
  };
}

type Evaluation =
  | { delta: Pts; step: TraceStep; outcome?: undefined; pending?: boolean }
  | { delta: 0; step: TraceStep; outcome: "zero" | "half" | "pending"; pending?: boolean };

function step(rule: Rule, facts: TraceStep["facts"], arithmetic: string, delta: Pts, outcome?: TraceStep["outcome"]): TraceStep {
  const s: TraceStep = { ruleId: rule.id, kind: rule.kind, text: rule.text, facts, arithmetic, delta: signed(delta) };
  if (outcome) s.outcome = outcome;
  return s;
}

const signed = (p: Pts) => (p > 0 ? `+${formatPts(p)}` : formatPts(p));
const sign = (effect: "deduct" | "bonus" | "score") => (effect === "deduct" ? -1 : 1);
const num = (values: Record<string, FactValue>, key: string): number => {
  const v = values[key];
  return typeof v === "number" ? v : v === true ? 1 : 0;
};

/** Applies a rule's cap to a magnitude, noting it in the arithmetic. */
function capped(amount: Pts, cap: string | undefined): { amount: Pts; note: string } {
  if (cap === undefined) return { amount, note: "" };
  const limit = amountOf(cap);
  return amount > limit ? { amount: limit, note: `，封顶 ${formatPts(limit)}` } : { amount, note: "" };
}

function evaluate(rule: Rule, unit: AssessedUnit, facts: UnitFacts, context: Context, node: CompiledNode): Evaluation | null {
  const values = facts.values ?? {};
  switch (rule.kind) {
    case "per_count": {
      const terms = countTerms(rule);
      let total = 0;
      for (const term of terms) {
        const count = num(values, term.key);
        if (count !== 0) total += times(term.amount, count);
      }
      if (total === 0) return null;
      const parts: string[] = [];
      const used: TraceStep["facts"] = {};
      for (const term of terms) {
        const count = num(values, term.key);
        if (count === 0) continue;
        used[term.key] = count;
        parts.push(`${term.label}${count} × ${term.text}`);
      }
      const { amount, note } = capped(total, rule.cap);
      const delta = sign(rule.effect) * amount;
      return { delta, step: step(rule, used, `${parts.join(" + ")} = ${formatPts(total)}${note}`, delta) };
    }
    case "per_step": {
      if (!(rule.fact in values)) return null;
      const value = num(values, rule.fact);
      const beyond = rule.direction === "below" ? rule.threshold - value : value - rule.threshold;
      if (beyond <= 0) return null;
      const steps =
        rule.rounding === "exact"
          ? beyond / rule.step
          : rule.rounding === "ceil"
            ? Math.ceil(beyond / rule.step - 1e-9)
            : Math.floor(beyond / rule.step + 1e-9);
      if (steps <= 0) return null;
      const raw = Number.isInteger(steps) ? times(amountOf(rule.amount), steps) : scale(amountOf(rule.amount), steps);
      const { amount, note } = capped(raw, rule.cap);
      const delta = sign(rule.effect) * amount;
      const where = rule.direction === "below" ? `${rule.threshold} − ${value}` : `${value} − ${rule.threshold}`;
      return {
        delta,
        step: step(
          rule,
          { [rule.fact]: value },
          `(${where}) ÷ ${rule.step} = ${round4(steps)} 档 × ${rule.amount} = ${formatPts(raw)}${note}`,
          delta,
        ),
      };
    }
    case "when": {
      if (!holds(rule.condition, values, context.countFacts)) return null;
      const used = collectFacts(rule.condition, values);
      if (rule.outcome === "zero" || rule.outcome === "half") {
        return {
          delta: 0,
          outcome: rule.outcome,
          step: step(rule, used, rule.outcome === "zero" ? "条件成立，本项不得分" : "条件成立，本项得分减半", 0, rule.outcome),
        };
      }
      const amount = amountOf(rule.amount ?? "0");
      const delta = sign(rule.outcome) * amount;
      return { delta, step: step(rule, used, `条件成立，${rule.outcome === "deduct" ? "扣" : "加"} ${rule.amount}`, delta) };
    }
    case "rank_table":
    case "rank_step": {
      const rank = rankOf(rule.source, unit, values, context);
      if (rank === null) return null;
      const used = { ["rankFact" in rule.source ? rule.source.rankFact : `${rule.source.rankBy}（排名）`]: rank };
      if (rule.kind === "rank_table") {
        const amount = rule.amounts[rank - 1];
        if (amount === undefined) return null;
        const delta = sign(rule.effect) * amountOf(amount);
        return { delta, step: step(rule, used, `第 ${rank} 名 → ${amount}`, delta) };
      }
      const places = rank - rule.after;
      if (places <= 0) return null;
      const raw = times(amountOf(rule.amount), places);
      const { amount, note } = capped(raw, rule.cap);
      const delta = sign(rule.effect) * amount;
      return { delta, step: step(rule, used, `(第 ${rank} 名 − ${rule.after}) × ${rule.amount} = ${formatPts(raw)}${note}`, delta) };
    }
    case "manual": {
      const given = facts.manual?.[rule.id];
      if (!given) return pendingOf(rule);
      const amount = clamp(amountOf(given.points), amountOf(rule.min), amountOf(rule.max));
      const delta = sign(rule.effect) * amount;
      return {
        delta,
        step: step(rule, { 评分理由: given.reason }, `人工评分 ${formatPts(amount)}（${rule.min}–${rule.max}）：${given.reason}`, delta),
      };
    }
    case "convert": {
      const value = values[rule.fact];
      const lowest = rule.missing === "lowest_peer" ? context.lowestPeer.get(rule.id) : undefined;
      const used = typeof value === "number" ? value : lowest?.value;
      if (used === undefined || node.max === null) return null;
      const delta = scale(node.max, used / rule.outOf);
      const how = typeof value === "number" ? `${used}` : `无成绩，按${lowest!.among}最低 ${used}`;
      return {
        delta,
        step: step(rule, { [rule.fact]: used }, `${how} ÷ ${rule.outOf} × ${formatPts(node.max)} = ${formatPts(delta)}`, delta, "set"),
      };
    }
    case "peer_average":
      return peerAverageStep(rule, facts, context);
    case "manual_each":
      return manualEachStep(rule, facts);
    case "group_max":
      return groupMaxStep(rule, facts);
    case "max_of": {
      const inner = rule.rules
        .map((r) => evaluate(r, unit, facts, context, node))
        .filter((e): e is Evaluation => !!e && e.outcome === undefined);
      if (!inner.length) return null;
      const best = inner.reduce((a, b) => (Math.abs(b.delta) > Math.abs(a.delta) ? b : a));
      return {
        delta: best.delta,
        step: { ...best.step, ruleId: rule.id, text: `${rule.text}｜${best.step.text}`, arithmetic: `取最高：${best.step.arithmetic}` },
      };
    }
  }
}

const pendingByRule = new WeakMap<object, Evaluation>();

/** The "not scored yet" step of a manual rule: the same for every unit, so built once (and frozen). */
function pendingOf(rule: Extract<Rule, { kind: "manual" }>): Evaluation {
  let pending = pendingByRule.get(rule);
  if (!pending) {
    pending = {
      delta: 0,
      outcome: "pending",
      step: Object.freeze(step(rule, Object.freeze({}), `待评分（${rule.min}–${rule.max}）`, 0, "pending")),
    };
    pendingByRule.set(rule, pending);
  }
  return pending;
}

interface CountTerm {
  key: string;
  amount: Pts;
  text: string;
  label: string;
}
const termsByRule = new WeakMap<object, CountTerm[]>();

/** A per_count rule's (fact key, amount) pairs, worked out once per rule object. */
function countTerms(rule: Extract<Rule, { kind: "per_count" }>): CountTerm[] {
  let terms = termsByRule.get(rule);
  if (!terms) {
    terms = [];
    for (const level of SOURCE_LEVELS) {
      const amount = rule.amountByLevel?.[level];
      if (amount !== undefined)
        terms.push({ key: `${rule.fact}@${level}`, amount: amountOf(amount), text: amount, label: `${SOURCE_LEVEL_LABELS[level]} ` });
    }
    if (rule.amount !== undefined) terms.push({ key: rule.fact, amount: amountOf(rule.amount), text: rule.amount, label: "" });
    termsByRule.set(rule, terms);
  }
  return terms;
}

const rankKeys = new WeakMap<object, string>();

function rankOf(
  source: Extract<Rule, { kind: "rank_table" }>["source"],
  unit: AssessedUnit,
  values: Record<string, FactValue>,
  context: Context,
): number | null {
  if ("rankFact" in source) {
    const v = values[source.rankFact];
    return typeof v === "number" ? v : null;
  }
  if (unit.isReference) return null;
  let key = rankKeys.get(source);
  if (key === undefined) {
    key = rankKey(source.rankBy, source.order);
    rankKeys.set(source, key);
  }
  return context.ranks.get(key)?.get(unit.code) ?? null;
}

/**
 * Evaluates a condition. An absent count is 0 (no findings); any other absent
 * fact is unknown, and a test on it does not hold (an unmeasured rate is not "below 85%").
 */
export function holds(condition: Condition, values: Record<string, FactValue>, countFacts: ReadonlySet<string>): boolean {
  if ("all" in condition) return condition.all.every((c) => holds(c, values, countFacts));
  if ("any" in condition) return condition.any.some((c) => holds(c, values, countFacts));
  // A total is known only when each of its facts is: an unmeasured part leaves the sum unknown.
  if ("sum" in condition) {
    if (!condition.sum.every((fact) => isKnown(fact, values, countFacts))) return false;
    return compare(
      condition.sum.reduce((total, fact) => total + num(values, fact), 0),
      condition.op,
      condition.value,
    );
  }
  if (!isKnown(condition.fact, values, countFacts)) return false;
  if ("is" in condition) return values[condition.fact] === condition.is;
  return compare(num(values, condition.fact), condition.op, condition.value);
}

const isKnown = (fact: string, values: Record<string, FactValue>, countFacts: ReadonlySet<string>) =>
  fact in values || countFacts.has(fact) || (fact.includes("@") && countFacts.has(fact.split("@")[0]!));

function compare(v: number, op: Comparator, value: number): boolean {
  switch (op) {
    case "lt":
      return v < value;
    case "le":
      return v <= value;
    case "gt":
      return v > value;
    case "ge":
      return v >= value;
    case "eq":
      return v === value;
    case "ne":
      return v !== value;
  }
}

function collectFacts(condition: Condition, values: Record<string, FactValue>, out: TraceStep["facts"] = {}): TraceStep["facts"] {
  if ("all" in condition) for (const c of condition.all) collectFacts(c, values, out);
  else if ("any" in condition) for (const c of condition.any) collectFacts(c, values, out);
  else if ("sum" in condition) for (const fact of condition.sum) out[fact] = values[fact] ?? 0;
  else out[condition.fact] = values[condition.fact] ?? ("is" in condition ? false : 0);
  return out;
}

const round4 = (n: number) => Math.round(n * SCALE) / SCALE;

interface Scored {
  compiled: CompiledFramework;
  unit: AssessedUnit;
  scores: (Pts | null)[];
  traces: TraceStep[][];
  pending: string[];
  missing: MissingFact[];
  applicable: boolean[];
}

function present({ compiled, unit, scores, traces, pending, missing, applicable }: Scored): UnitScore {
  const maxima = applicableMaxima(compiled.nodes, applicable);
  let base = 0;
  let bonus = 0;
  let applicablePoints = 0;
  const indicators: IndicatorScore[] = compiled.nodes.map((node, i) => {
    const score = scores[i] ?? null;
    if (node.parentIndex < 0 && score !== null) {
      if (node.part === "bonus") bonus += score;
      else base += score;
    }
    if (node.parentIndex < 0 && node.part === "base") applicablePoints += maxima[i] ?? 0;
    const max = maxima[i] ?? null;
    const indicator: IndicatorScore = {
      code: node.indicator.code,
      name: node.indicator.name,
      parentCode: node.parentIndex >= 0 ? compiled.nodes[node.parentIndex]!.indicator.code : null,
      level: node.level,
      part: node.part,
      points: score === null ? null : score === node.max ? node.maxText : formatPts(score),
      max: node.maxText,
      applicableMax: max === null ? null : max === node.max ? node.maxText : formatPts(max),
      trace: traces[i]!,
    };
    if (node.overflow) indicator.overflow = node.overflow;
    return indicator;
  });
  const total = base + bonus;
  const { framework, fullPoints } = compiled;
  const rescaled = rescaleTotal({ rescale: framework.rescale, base, bonus, applicable: applicablePoints, full: fullPoints });
  const rankScore = rescaled.total !== null && framework.rescale?.rankBy !== "raw" ? rescaled.total : total;
  const weight = framework.annualWeight;
  return {
    unitCode: unit.code,
    unitName: unit.name ?? unit.code,
    category: unit.category ?? null,
    isReference: unit.isReference ?? false,
    indicators,
    base: formatPts(base),
    bonus: formatPts(bonus),
    total: formatPts(total),
    fullPoints: formatPts(fullPoints),
    applicablePoints: formatPts(applicablePoints),
    rescaled: rescaled.total === null ? null : formatPts(rescaled.total),
    rescaleText: rescaled.text,
    rankScore: formatPts(rankScore),
    annual: weight === undefined ? null : formatPts(scale(rankScore, weight / 100)),
    rank: null,
    stars: null,
    pending,
    missing,
    provisional: pending.length > 0 || missing.length > 0,
  };
}

/** The lowest score of a convert rule's peers, and whom it was taken among (for the trace). */
interface LowestPeer {
  value: number;
  among: string;
}

/** 按进驻单位最低得分计分: within the rule's unit group when it names one that has members here, else among all units. */
function lowestPeerOf(rule: Extract<Rule, { kind: "convert" }>, input: ScoreInput): LowestPeer | null {
  const group = rule.peerGroup;
  const members = group ? input.units.filter((u) => u.groups?.includes(group)) : [];
  const values = (members.length ? members : input.units).flatMap((u) => {
    const v = input.facts[u.code]?.values?.[rule.fact];
    return typeof v === "number" ? [v] : [];
  });
  if (!values.length) return null;
  const name = group ? `「${input.groupNames?.[group] ?? group}」` : "";
  const among = !group ? "" : members.length ? name : `全部单位（单位组${name}在本次考核中无成员）`;
  return { value: Math.min(...values), among };
}

const NONE_SUPERSEDED: ReadonlySet<string> = new Set();

/**
 * The rules a peer_average step replaced for this unit (those listed before it): facts they
 * would have read are not missing, since the score does not depend on them.
 */
function supersededBy(trace: readonly TraceStep[], rules: readonly Rule[]): ReadonlySet<string> {
  const set = trace.find((s) => s.kind === "peer_average" && s.outcome === "set");
  if (!set) return NONE_SUPERSEDED;
  const position = rules.findIndex((r) => r.id === set.ruleId);
  return new Set(rules.slice(0, Math.max(position, 0)).map((r) => r.id));
}

/** The peers' average score on a leaf, taken over the rules before a peer_average rule. */
interface PeerAverage {
  value: Pts | null;
  count: number;
  /** "(甲 4.5 + 乙 5) ÷ 2" or, for many peers, "合计 52.5 ÷ 13". */
  sum: string;
  /** Peers whose own score still waits for a manual score: the average may change. */
  pendingPeers: number;
}

const LISTED_PEERS = 12;

function peerAverageOf(peerRule: PeerRule, input: ScoreInput, context: Context): PeerAverage {
  const { rule, nodeIndex, before } = peerRule;
  const parts: string[] = [];
  let total = 0;
  let pendingPeers = 0;
  for (const unit of input.units) {
    const facts = input.facts[unit.code] ?? {};
    if (!isPeer(rule, unit, facts, context.countFacts) || !context.applicable(unit)[nodeIndex]) continue;
    const pending: string[] = [];
    const score = scoreLeaf(before, unit, facts, context, [], pending);
    if (pending.length) pendingPeers++;
    total += score;
    parts.push(`${unit.name ?? unit.code} ${formatPts(score)}`);
  }
  const count = parts.length;
  const sum = count <= LISTED_PEERS ? `(${parts.join(" + ")}) ÷ ${count}` : `合计 ${formatPts(total)} ÷ ${count}`;
  return { value: count ? scale(total, 1 / count) : null, count, sum, pendingPeers };
}

/** A peer: ranked (not a reference unit), in the rule's group, and not one that takes the average itself. */
function isPeer(
  rule: Extract<Rule, { kind: "peer_average" }>,
  unit: AssessedUnit,
  facts: UnitFacts,
  countFacts: ReadonlySet<string>,
): boolean {
  const values = facts.values ?? {};
  if (unit.isReference || (rule.peerGroup && !unit.groups?.includes(rule.peerGroup))) return false;
  if (holds(rule.condition, values, countFacts)) return false;
  return !rule.peers || holds(rule.peers, values, countFacts);
}

const peerPositions = new WeakMap<Rule[], number[]>();

/** A unit that takes its peers' average starts at that rule: the rules before it are how the peers scored. */
function rulesFor(node: CompiledNode, facts: UnitFacts, context: Context): Rule[] {
  const rules = node.indicator.rules ?? [];
  let positions = peerPositions.get(rules);
  if (!positions) {
    positions = rules.flatMap((r, i) => (r.kind === "peer_average" ? [i] : []));
    peerPositions.set(rules, positions);
  }
  for (let p = positions.length - 1; p >= 0; p--) {
    const rule = rules[positions[p]!] as Extract<Rule, { kind: "peer_average" }>;
    if (holds(rule.condition, facts.values ?? {}, context.countFacts)) return rules.slice(positions[p]);
  }
  return rules;
}

/** 在平均分基础上下浮: the peers' average less a fixed amount, or less what a reviewer gave within the range. */
function peerAverageStep(rule: Extract<Rule, { kind: "peer_average" }>, facts: UnitFacts, context: Context): Evaluation | null {
  if (!holds(rule.condition, facts.values ?? {}, context.countFacts)) return null;
  const average = context.peerAverages.get(rule.id);
  if (!average || average.value === null) {
    const text = "没有可取平均分的同类单位，待评审认定";
    return { delta: 0, outcome: "pending", step: step(rule, { 同类单位数: 0 }, text, 0, "pending") };
  }
  const given = rule.amount === undefined ? facts.manual?.[rule.id] : undefined;
  const range = `${rule.min ?? "0"}–${rule.max ?? "0"}`;
  const lower =
    rule.amount !== undefined
      ? amountOf(rule.amount)
      : given
        ? clamp(amountOf(given.points), amountOf(rule.min ?? "0"), amountOf(rule.max ?? "0"))
        : 0;
  const target = average.value - lower;
  const waiting = rule.amount === undefined && !given;
  const notes = [
    waiting ? `下浮待评分（${range}）` : "",
    given ? `下浮 ${formatPts(lower)}（${range}）：${given.reason}` : "",
    average.pendingPeers ? `其中 ${average.pendingPeers} 家尚有待评分项，平均分可能变化` : "",
  ].filter(Boolean);
  const arithmetic = `同类单位 ${average.count} 家平均 ${average.sum} = ${formatPts(average.value)}；${formatPts(average.value)} − ${formatPts(lower)} = ${formatPts(target)}${notes.length ? `（${notes.join("；")}）` : ""}`;
  const used: TraceStep["facts"] = {
    ...collectFacts(rule.condition, facts.values ?? {}),
    同类单位数: average.count,
    同类单位平均分: formatPts(average.value),
  };
  if (given) used.评分理由 = given.reason;
  return { delta: target, step: step(rule, used, arithmetic, target, "set"), pending: waiting || average.pendingPeers > 0 };
}

/** 每发现一起扣1-3分: each finding's amount, held to the range (an amount outside it is named and brought back in). */
function manualEachStep(rule: Extract<Rule, { kind: "manual_each" }>, facts: UnitFacts): Evaluation | null {
  const items = facts.perFinding?.[rule.id];
  if (!items?.length) return null;
  const min = amountOf(rule.min);
  const max = amountOf(rule.max);
  let total = 0;
  const parts = items.map((item, i) => {
    const given = amountOf(item.points);
    const used = clamp(given, min, max);
    total += used;
    const outside = used !== given ? `（${item.points} 超出 ${rule.min}–${rule.max}，按 ${formatPts(used)} 计）` : "";
    return `第 ${i + 1} 起 ${formatPts(used)}${outside}：${item.reason}`;
  });
  const { amount, note } = capped(total, rule.cap);
  const delta = sign(rule.effect) * amount;
  const sum = items.length > 1 ? `；合计 ${formatPts(total)}` : "";
  return { delta, step: step(rule, { 起数: items.length }, `${parts.join("；")}${sum}${note}`, delta) };
}

const UNNAMED_SUBJECT = "未注明内容";

/**
 * 同一宣传内容取最高分: per subject, the highest amount among the inner rules' terms it has
 * (each once: a second report of the same content adds nothing), then the subjects add up.
 * Counts not attributed to a subject are taken as one unnamed subject.
 */
function groupMaxStep(rule: Extract<Rule, { kind: "group_max" }>, facts: UnitFacts): Evaluation | null {
  const terms = rule.rules.flatMap((inner) => countTerms(inner).map((term) => ({ ...term, inner })));
  const subjects = subjectCounts(facts, terms);
  const used: TraceStep["facts"] = {};
  const parts: string[] = [];
  let total = 0;
  for (const [subject, counts] of subjects) {
    const present = terms.filter((term) => (counts[term.key] ?? 0) > 0);
    if (!present.length) continue;
    const best = present.reduce((a, b) => (b.amount > a.amount ? b : a));
    for (const term of present) used[term.key] = Number(used[term.key] ?? 0) + counts[term.key]!;
    total += best.amount;
    const of = present.length > 1 ? `，${present.length} 项取最高` : "";
    const level = best.label ? `（${best.label.trim()}）` : "";
    parts.push(`「${subject}」${best.inner.text}${level} ${best.text} 分${of}`);
  }
  if (!parts.length) return null;
  const { amount, note } = capped(total, rule.cap);
  const delta = sign(rule.rules[0]!.effect) * amount;
  const sum = parts.length > 1 ? `；合计 ${formatPts(total)}` : "";
  return { delta, step: step(rule, used, `${parts.join("；")}${sum}${note}`, delta) };
}

/** Each subject's counts of the given terms, sorted by subject; what `values` holds beyond them is the unnamed subject. */
function subjectCounts(facts: UnitFacts, terms: CountTerm[]): [string, Record<string, number>][] {
  const bySubject = facts.bySubject ?? {};
  const names = Object.keys(bySubject).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rest: Record<string, number> = {};
  for (const { key } of terms) {
    const named = names.reduce((sum, name) => sum + (bySubject[name]![key] ?? 0), 0);
    const left = num(facts.values ?? {}, key) - named;
    if (left > 0) rest[key] = left;
  }
  const subjects = names.map((name): [string, Record<string, number>] => [name, bySubject[name]!]);
  return Object.keys(rest).length ? [...subjects, [UNNAMED_SUBJECT, rest]] : subjects;
}
