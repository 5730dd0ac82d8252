import { compileFramework, flatRules } from "./engine.ts";
import { formatPts, pts } from "./points.ts";
import { type Condition, type FactDef, type Framework, frameworkSchema, type Indicator, type Rule } from "./schema.ts";

export interface ValidationIssue {
  /** Where: an indicator code, "code/ruleId", or a schema path. */
  at: string;
  code: string;
  message: string;
}

export interface ValidationReport {
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export interface ValidateOptions {
  /** Unit and group codes that exist; responsible units not among them are reported. */
  knownUnitCodes?: ReadonlySet<string>;
}

/**
 * Checks a framework beyond its schema: duplicate codes, points that do not
 * add up, declared points vs what the rules can take or give, facts used but
 * not declared, unknown responsible units and cross-references, bonus parts
 * without a cap, declared child counts. Errors block publication; warnings
 * are the source's own inconsistencies, shown, never hidden.
 */
export function validateFramework(input: unknown, options: ValidateOptions = {}): ValidationReport {
  const parsed = frameworkSchema.safeParse(input);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((i) => ({ at: i.path.join("."), code: "schema", message: i.message })), warnings: [] };
  }
  const framework = parsed.data;
  const report: ValidationReport = { errors: [], warnings: [] };
  const all = flatten(framework.indicators);
  const named = nameTheIndicator(all);
  const error = (at: string, code: string, message: string) => report.errors.push({ at, code, message: named(at, message) });
  const warn = (at: string, code: string, message: string) => report.warnings.push({ at, code, message: named(at, message) });

  const codes = new Set<string>();
  for (const ind of all) {
    if (codes.has(ind.code)) error(ind.code, "duplicate_code", `指标编码 ${ind.code} 重复`);
    codes.add(ind.code);
  }
  const ruleIds = new Set<string>();
  const declaredFacts = new Set(framework.facts.map((f) => f.key));
  const factTypes = new Map(framework.facts.map((f) => [f.key, f.type]));
  const factName = factNamer(framework.facts);
  const usedFacts = new Set<string>();
  const categories = new Set((framework.categories ?? []).map((c) => c.code));

  for (const ind of all) {
    const at = ind.code;
    checkPoints(ind, warn);
    if (ind.children?.length && ind.rules?.length) error(at, "rules_on_parent", "评分规则只能挂在末级指标上");
    if (ind.declaredChildren !== undefined && ind.declaredChildren !== (ind.children?.length ?? 0)) {
      warn(at, "declared_children", `来源声明 ${ind.declaredChildren} 个下级，实际列出 ${ind.children?.length ?? 0} 个`);
    }
    for (const category of ind.appliesTo ?? []) {
      if (!categories.has(category)) error(at, "unknown_category", `适用单位类别 ${category} 未在框架中定义`);
    }
    for (const code of [...(ind.responsible?.lead ?? []), ...(ind.responsible?.co ?? [])]) {
      if (options.knownUnitCodes && !options.knownUnitCodes.has(code)) warn(at, "unknown_unit", `责任单位 ${code} 不存在`);
    }
    for (const rule of flatRules(ind.rules ?? [])) {
      const ruleAt = `${at}/${rule.id}`;
      if (ruleIds.has(rule.id)) error(ruleAt, "duplicate_rule", `规则编号 ${rule.id} 重复`);
      ruleIds.add(rule.id);
      for (const fact of factsOf(rule)) usedFacts.add(fact);
      checkRule(rule, ind, ruleAt, codes, error);
      if (rule.kind === "when" || rule.kind === "peer_average")
        checkConditionTypes(rule.condition, { types: factTypes, name: factName }, ruleAt, warn);
    }
    checkReach(ind, warn);
  }
  for (const fact of usedFacts) {
    const base = fact.split("@")[0]!;
    if (!declaredFacts.has(fact) && !declaredFacts.has(base)) error(fact, "undeclared_fact", `规则引用的事实 ${fact} 未声明`);
  }
  for (const fact of declaredFacts) {
    if (![...usedFacts].some((u) => u === fact || u.startsWith(`${fact}@`)))
      warn(fact, "unused_fact", `事实${factName(fact)}已声明但没有规则使用`);
  }
  for (const top of framework.indicators) {
    if ((top.part ?? "base") === "bonus" && top.points === undefined && top.range?.max === undefined) {
      warn(top.code, "uncapped_bonus", "加分部分没有分值或上限");
    }
  }
  checkTotals(framework, warn);
  try {
    compileFramework(framework);
  } catch (e) {
    error("framework", "compile", (e as Error).message);
  }
  return report;
}

/**
 * Puts the indicator an issue is about in front of its message ("6.2 2.0工作台：…",
 * "1.4 报送情况（规则 r1）：…"), so a message read alone, in a list or an API
 * answer, says where; issues about a fact or the framework stay as they are.
 */
function nameTheIndicator(all: Indicator[]): (at: string, message: string) => string {
  const names = new Map(all.map((i) => [i.code, i.name]));
  return (at, message) => {
    if (names.has(at)) return `${at} ${names.get(at)}：${message}`;
    const slash = at.lastIndexOf("/");
    const code = at.slice(0, slash);
    if (slash > 0 && names.has(code)) return `${code} ${names.get(code)}（规则 ${at.slice(slash + 1)}）：${message}`;
    return message;
  };
}

/** A fact as messages name it: its label with its key (“迟报次数”（report_late）), or the bare key when undeclared. */
function factNamer(facts: readonly FactDef[]): (key: string) => string {
  const labels = new Map(facts.map((f) => [f.key, f.label]));
  return (key) => {
    const [base = key, level] = key.split("@");
    const label = labels.get(key) ?? labels.get(base);
    if (!label) return ` ${key} `;
    return `“${label}${level ? `（${level}）` : ""}”（${key}）`;
  };
}

function flatten(indicators: Indicator[]): Indicator[] {
  return indicators.flatMap((i) => [i, ...flatten(i.children ?? [])]);
}

/** Children's points must add up to the parent's; a text's own “(N分)” must match the declared points. */
function checkPoints(ind: Indicator, warn: (at: string, code: string, message: string) => void): void {
  const children = ind.children ?? [];
  if (ind.points !== undefined && children.length && children.every((c) => c.points !== undefined) && (ind.part ?? "base") === "base") {
    const sum = children.reduce((s, c) => s + pts(c.points!), 0);
    if (sum !== pts(ind.points)) {
      warn(ind.code, "children_points", `下级分值合计 ${formatPts(sum)} 分，与本项 ${ind.points} 分不符`);
    }
  }
  if (ind.points !== undefined && !children.length && ind.scoringText) {
    const stated = [...ind.scoringText.matchAll(/[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$/g)].map((m) => m[1]!);
    if (stated.length && pts(stated[0]!) !== pts(ind.points)) {
      warn(ind.code, "text_points", `评分标准写明 ${stated[0]} 分，本项分值为 ${ind.points} 分`);
    }
  }
}

/** A deduction leaf whose rules can never take all its points, or a bonus leaf that can give more than it holds. */
function checkReach(ind: Indicator, warn: (at: string, code: string, message: string) => void): void {
  if (ind.children?.length || ind.points === undefined || !ind.rules?.length) return;
  const rules = ind.rules;
  if (rules.some((r) => r.kind === "when" && r.outcome === "zero")) return;
  const bounded = rules.every((r) => (r.kind === "per_count" || r.kind === "per_step" || r.kind === "rank_step") && r.cap !== undefined);
  if (!bounded) return;
  const reach = rules.reduce((s, r) => s + pts((r as { cap: string }).cap), 0);
  const isBonus = rules.every((r) => "effect" in r && r.effect === "bonus");
  const verb = isBonus ? "加" : "扣";
  if (reach < pts(ind.points)) warn(ind.code, "rules_reach", `规则最多${verb} ${formatPts(reach)} 分，少于分值 ${ind.points} 分`);
  if (isBonus && reach > pts(ind.points)) warn(ind.code, "rules_reach", `规则最多加 ${formatPts(reach)} 分，超过分值 ${ind.points} 分`);
}

function checkRule(
  rule: Rule,
  ind: Indicator,
  at: string,
  codes: Set<string>,
  error: (at: string, code: string, message: string) => void,
): void {
  if (rule.kind === "per_count" && rule.amount === undefined && !rule.amountByLevel) error(at, "rule_amount", "按次规则缺少扣/加分值");
  if ((rule.kind === "manual" || rule.kind === "manual_each") && pts(rule.min) > pts(rule.max)) {
    error(at, "rule_range", `人工评分范围 ${rule.min}–${rule.max} 无效`);
  }
  if (rule.kind === "peer_average") checkPeerAverage(rule, at, error);
  if (rule.kind === "group_max" && new Set(rule.rules.map((r) => r.effect)).size > 1) {
    error(at, "group_effect", "“同一内容取最高分”的各项须同为加分或同为扣分");
  }
  if (rule.kind === "convert" && ind.points === undefined) error(at, "convert_points", "成绩折算规则所在指标须有分值");
  if (rule.kind === "when" && (rule.outcome === "deduct" || rule.outcome === "bonus") && rule.amount === undefined) {
    error(at, "rule_amount", "条件扣/加分规则缺少分值");
  }
  for (const target of rule.kind === "when" ? (rule.alsoZero ?? []) : []) {
    if (!codes.has(target)) error(at, "unknown_target", `规则指向的指标 ${target} 不存在`);
  }
}

/** 下浮: a fixed amount, or a reviewer's within min–max — one of the two, never both. */
function checkPeerAverage(
  rule: Extract<Rule, { kind: "peer_average" }>,
  at: string,
  error: (at: string, code: string, message: string) => void,
): void {
  const hasRange = rule.min !== undefined || rule.max !== undefined;
  if (rule.amount !== undefined && hasRange) error(at, "peer_lowering", "下浮分值与下浮范围只能填一种");
  else if (rule.amount === undefined && (rule.min === undefined || rule.max === undefined)) {
    error(at, "peer_lowering", "须填写下浮分值，或下浮范围的最小值和最大值");
  } else if (hasRange && pts(rule.min!) > pts(rule.max!)) error(at, "rule_range", `下浮范围 ${rule.min}–${rule.max} 无效`);
}

const TYPE_LABELS: Record<FactDef["type"], string> = { count: "计数", number: "数值", score: "成绩", rank: "名次", boolean: "是/否" };

/**
 * A test that does not fit its fact's declared type never does what its text says:
 * 是/否 on a count, a comparison of a 是/否 fact, a 是/否 or a 名次 in a total.
 */
function checkConditionTypes(
  c: Condition,
  facts: { types: ReadonlyMap<string, FactDef["type"]>; name: (key: string) => string },
  at: string,
  warn: (at: string, code: string, message: string) => void,
): void {
  if ("all" in c || "any" in c) {
    for (const inner of "all" in c ? c.all : c.any) checkConditionTypes(inner, facts, at, warn);
    return;
  }
  const { types, name } = facts;
  const typeOf = (fact: string) => types.get(fact) ?? types.get(fact.split("@")[0]!);
  if ("sum" in c) {
    for (const fact of c.sum) {
      const type = typeOf(fact);
      if (type === "boolean" || type === "rank") warn(at, "condition_type", `合计中的事实${name(fact)}是${TYPE_LABELS[type]}，不能相加`);
    }
    return;
  }
  const type = typeOf(c.fact);
  if (type === undefined) return;
  if ("is" in c && type !== "boolean") warn(at, "condition_type", `事实${name(c.fact)}是${TYPE_LABELS[type]}，条件却按是/否判断`);
  if (!("is" in c) && type === "boolean") warn(at, "condition_type", `事实${name(c.fact)}是是/否，条件却按数值比较`);
}

/** The fact keys a rule reads. */
export function factsOf(rule: Rule): string[] {
  switch (rule.kind) {
    case "per_count":
      return [...(rule.amount !== undefined ? [rule.fact] : []), ...Object.keys(rule.amountByLevel ?? {}).map((l) => `${rule.fact}@${l}`)];
    case "per_step":
    case "convert":
      return [rule.fact];
    case "when":
      return conditionFacts(rule.condition);
    case "rank_table":
    case "rank_step":
      return ["rankFact" in rule.source ? rule.source.rankFact : rule.source.rankBy];
    case "manual":
    case "manual_each":
      return [];
    case "peer_average":
      return [...conditionFacts(rule.condition), ...(rule.peers ? conditionFacts(rule.peers) : [])];
    case "max_of":
    case "group_max":
      return rule.rules.flatMap(factsOf);
  }
}

function conditionFacts(c: Condition): string[] {
  if ("all" in c) return c.all.flatMap(conditionFacts);
  if ("any" in c) return c.any.flatMap(conditionFacts);
  if ("sum" in c) return c.sum;
  return [c.fact];
}

/** The base part's top-level points must add up to basePoints (100), the bonus part's to bonusPoints. */
function checkTotals(framework: Framework, warn: (at: string, code: string, message: string) => void): void {
  for (const [part, declared] of [
    ["base", framework.basePoints],
    ["bonus", framework.bonusPoints],
  ] as const) {
    if (declared === undefined) continue;
    const tops = framework.indicators.filter((i) => (i.part ?? "base") === part);
    if (!tops.every((i) => i.points !== undefined || i.range?.max !== undefined)) continue;
    const sum = tops.reduce((s, i) => s + pts(i.points ?? i.range!.max!), 0);
    if (sum !== pts(declared))
      warn("framework", `${part}_total`, `${part === "base" ? "基础分" : "加分"}部分合计 ${formatPts(sum)} 分，声明 ${declared} 分`);
  }
}

/** How many indicators and rules a framework holds (for lists). */
export function frameworkStats(framework: Framework): { indicators: number; rules: number } {
  const all = flatten(framework.indicators);
  return { indicators: all.length, rules: all.reduce((n, i) => n + flatRules(i.rules ?? []).length, 0) };
}
