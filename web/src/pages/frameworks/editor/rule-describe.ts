import type { Condition, FactDef, Rule } from "@kaoping/core";
import type { TFunction } from "i18next";

/** How a summary names a fact: by its declared label, with its source level ("通报问题（市级）"). */
export type FactNamer = (key: string) => string;

/**
 * Names facts by the labels the framework declares; a fact it does not declare
 * keeps its key (the validator flags it, and the facts tab offers to declare it).
 */
export function factNamer(facts: readonly FactDef[], t: TFunction): FactNamer {
  const labels = new Map(facts.map((fact) => [fact.key, fact.label]));
  return (key) => {
    const [base = key, level] = key.split("@");
    const label = labels.get(key) ?? labels.get(base) ?? base;
    return level ? `${label}（${t(`enum.sourceLevel.${level}`, { defaultValue: level })}）` : label;
  };
}

/** A condition in words: "网办率 < 85 且 已启动电子监察 为否", "漏报、迟报合计 ≥ 2". */
export function describeCondition(condition: Condition, t: TFunction, name: FactNamer = (key) => key): string {
  if ("all" in condition) return condition.all.map((c) => describeCondition(c, t, name)).join(t("framework.and"));
  if ("any" in condition) return condition.any.map((c) => describeCondition(c, t, name)).join(t("framework.or"));
  if ("is" in condition) return `${name(condition.fact)} ${t(condition.is ? "framework.op.is_true" : "framework.op.is_false")}`;
  const left = "sum" in condition ? t("framework.describe.sum", { parts: condition.sum.map(name).join("、") }) : name(condition.fact);
  return `${left} ${t(`framework.op.${condition.op}`)} ${condition.value}`;
}

type RuleOf<K extends Rule["kind"]> = Extract<Rule, { kind: K }>;

/** What every describer gets: the translator, the fact names, and the rule's effect and cap in words. */
interface Words {
  t: TFunction;
  name: FactNamer;
  effect: string;
  cap: string;
}

function rankSource(rule: RuleOf<"rank_table" | "rank_step">, { t, name }: Words): string {
  const { source } = rule;
  if ("rankFact" in source) return t("framework.describe.rankFact", { fact: name(source.rankFact) });
  return t("framework.describe.rankBy", { fact: name(source.rankBy), order: t(`framework.orderOption.${source.order}`) });
}

/**
 * One summary per rule kind. Typed over every kind, so a new kind does not
 * compile until it says in words what it computes.
 */
const DESCRIBERS: { [K in Rule["kind"]]: (rule: RuleOf<K>, words: Words) => string } = {
  per_count: (rule, { t, name, effect, cap }) => {
    const levels = Object.entries(rule.amountByLevel ?? {})
      .map(([level, amount]) => `${t(`enum.sourceLevel.${level}`)} ${amount}`)
      .join(" / ");
    const fact = name(rule.fact);
    const each = rule.amount !== undefined ? t("framework.describe.perCount", { fact, effect, amount: rule.amount }) : "";
    const byLevel = levels ? t("framework.describe.byLevel", { fact, effect, levels }) : "";
    return [each, byLevel].filter(Boolean).join("；") + cap;
  },
  per_step: (rule, { t, name, effect, cap }) =>
    t("framework.describe.perStep", {
      fact: name(rule.fact),
      direction: t(`framework.directionOption.${rule.direction}`),
      threshold: rule.threshold,
      step: rule.step,
      effect,
      amount: rule.amount,
    }) + cap,
  when: (rule, { t, name }) => {
    const outcome = t(`framework.describe.outcome.${rule.outcome}`, { amount: rule.amount ?? "?" });
    const also = rule.alsoZero?.length ? t("framework.describe.alsoZero", { codes: rule.alsoZero.join("、") }) : "";
    return t("framework.describe.when", { condition: describeCondition(rule.condition, t, name), outcome }) + also;
  },
  rank_table: (rule, words) =>
    words.t("framework.describe.rankTable", { source: rankSource(rule, words), effect: words.effect, amounts: rule.amounts.join(" / ") }),
  rank_step: (rule, words) =>
    words.t("framework.describe.rankStep", {
      source: rankSource(rule, words),
      after: rule.after,
      effect: words.effect,
      amount: rule.amount,
    }) + words.cap,
  manual: (rule, { t, effect }) => t("framework.describe.manual", { effect, min: rule.min, max: rule.max }),
  convert: (rule, { t, name }) =>
    t("framework.describe.convert", { fact: name(rule.fact), outOf: rule.outOf, missing: t(`framework.missingOption.${rule.missing}`) }),
  max_of: (rule, { t }) => t("framework.describe.maxOf", { count: rule.rules.length }),
  peer_average: (rule, { t, name }) => {
    const lowering = rule.amount ?? `${rule.min ?? "0"}–${rule.max ?? "0"}`;
    const group = rule.peerGroup ? t("framework.shape.inGroup", { group: rule.peerGroup }) : "";
    return t("framework.shape.describePeerAverage", { condition: describeCondition(rule.condition, t, name), lowering, group });
  },
  manual_each: (rule, { t, effect, cap }) => t("framework.shape.describeManualEach", { effect, min: rule.min, max: rule.max }) + cap,
  group_max: (rule, { t, cap }) => t("framework.shape.describeGroupMax", { count: rule.rules.length }) + cap,
};

/** One line saying what a rule computes, in the facts' own labels, next to its original text in the rule list. */
export function describeRule(rule: Rule, t: TFunction, facts: readonly FactDef[] = []): string {
  const words: Words = {
    t,
    name: factNamer(facts, t),
    effect: "effect" in rule ? t(`framework.effect.${rule.effect}`) : "",
    cap: "cap" in rule && rule.cap !== undefined ? t("framework.describe.cap", { cap: rule.cap }) : "",
  };
  const describe = DESCRIBERS[rule.kind] as (rule: Rule, words: Words) => string;
  return describe(rule, words);
}

/**
 * Free text that names facts by key (a rule's reading note: "记入 report_missing（未报）")
 * with each declared key replaced by its label, as the summaries name them.
 */
export function withFactLabels(text: string, facts: readonly FactDef[], t: TFunction): string {
  const declared = new Set(facts.map((fact) => fact.key));
  const name = factNamer(facts, t);
  return text.replace(/\b[a-z][a-z0-9_.]*(?:@[a-z]+)?/g, (key) => (declared.has(key.split("@")[0]!) ? name(key) : key));
}
