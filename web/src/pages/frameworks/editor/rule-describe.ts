import type { Condition, Rule } from "@kaoping/core";
import type { TFunction } from "i18next";

/** A condition in words: "rate < 85 且 started 为 否". */
export function describeCondition(condition: Condition, t: TFunction): string {
  if ("all" in condition) return condition.all.map((c) => describeCondition(c, t)).join(t("framework.and"));
  if ("any" in condition) return condition.any.map((c) => describeCondition(c, t)).join(t("framework.or"));
  if ("is" in condition) return `${condition.fact} ${t(condition.is ? "framework.op.is_true" : "framework.op.is_false")}`;
  const left = "sum" in condition ? condition.sum.join(" + ") : condition.fact;
  return `${left} ${t(`framework.op.${condition.op}`)} ${condition.value}`;
}

function rankSource(rule: Extract<Rule, { source: unknown }>, t: TFunction): string {
  const { source } = rule;
  if ("rankFact" in source) return t("framework.describe.rankFact", { fact: source.rankFact });
  return t("framework.describe.rankBy", { fact: source.rankBy, order: t(`framework.orderOption.${source.order}`) });
}

/** One line saying what a rule computes, next to its original text in the rule list. */
export function describeRule(rule: Rule, t: TFunction): string {
  const capText = "cap" in rule && rule.cap !== undefined ? t("framework.describe.cap", { cap: rule.cap }) : "";
  const effect = "effect" in rule ? t(`framework.effect.${rule.effect}`) : "";
  switch (rule.kind) {
    case "per_count": {
      const levels = Object.entries(rule.amountByLevel ?? {})
        .map(([level, amount]) => `${t(`enum.sourceLevel.${level}`)} ${amount}`)
        .join(" / ");
      const each = rule.amount !== undefined ? t("framework.describe.perCount", { fact: rule.fact, effect, amount: rule.amount }) : "";
      const byLevel = levels ? t("framework.describe.byLevel", { fact: rule.fact, effect, levels }) : "";
      return [each, byLevel].filter(Boolean).join("；") + capText;
    }
    case "per_step":
      return (
        t("framework.describe.perStep", {
          fact: rule.fact,
          direction: t(`framework.directionOption.${rule.direction}`),
          threshold: rule.threshold,
          step: rule.step,
          effect,
          amount: rule.amount,
        }) + capText
      );
    case "when": {
      const outcome = t(`framework.describe.outcome.${rule.outcome}`, { amount: rule.amount ?? "?" });
      const also = rule.alsoZero?.length ? t("framework.describe.alsoZero", { codes: rule.alsoZero.join("、") }) : "";
      return t("framework.describe.when", { condition: describeCondition(rule.condition, t), outcome }) + also;
    }
    case "rank_table":
      return t("framework.describe.rankTable", { source: rankSource(rule, t), effect, amounts: rule.amounts.join(" / ") });
    case "rank_step":
      return t("framework.describe.rankStep", { source: rankSource(rule, t), after: rule.after, effect, amount: rule.amount }) + capText;
    case "manual":
      return t("framework.describe.manual", { effect, min: rule.min, max: rule.max });
    case "convert":
      return t("framework.describe.convert", { fact: rule.fact, outOf: rule.outOf, missing: t(`framework.missingOption.${rule.missing}`) });
    case "max_of":
      return t("framework.describe.maxOf", { count: rule.rules.length });
    case "peer_average": {
      const lowering = rule.amount ?? `${rule.min ?? "0"}–${rule.max ?? "0"}`;
      const group = rule.peerGroup ? t("framework.shape.inGroup", { group: rule.peerGroup }) : "";
      return t("framework.shape.describePeerAverage", { condition: describeCondition(rule.condition, t), lowering, group });
    }
    case "manual_each":
      return t("framework.shape.describeManualEach", { effect, min: rule.min, max: rule.max }) + capText;
    case "group_max":
      return t("framework.shape.describeGroupMax", { count: rule.rules.length }) + capText;
  }
}
