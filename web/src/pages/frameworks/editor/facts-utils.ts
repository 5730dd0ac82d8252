import { type Condition, type FactDef, type Framework, flatRules, type Rule } from "@kaoping/core";
import { flattenWithPaths } from "./indicator-tree-ops.ts";

type Guess = Pick<FactDef, "key" | "type"> & { byLevel?: boolean };

function conditionGuesses(condition: Condition): Guess[] {
  if ("all" in condition) return condition.all.flatMap(conditionGuesses);
  if ("any" in condition) return condition.any.flatMap(conditionGuesses);
  // What is added up is nearly always occurrences (漏报 + 迟报).
  if ("sum" in condition) {
    return condition.sum.map((fact) => {
      const [key = "", level] = fact.split("@");
      return { key, type: "count" as const, ...(level ? { byLevel: true } : {}) };
    });
  }
  const [key = "", level] = condition.fact.split("@");
  if (level) return [{ key, type: "count", byLevel: true }];
  return [{ key, type: "is" in condition ? "boolean" : "number" }];
}

/** The facts a rule reads with the type its use suggests (a count per level, a boolean test, a rank …). */
function ruleGuesses(rule: Rule): Guess[] {
  switch (rule.kind) {
    case "per_count":
      return [{ key: rule.fact, type: "count", ...(rule.amountByLevel ? { byLevel: true } : {}) }];
    case "per_step":
      return [{ key: rule.fact, type: "number" }];
    case "when":
      return conditionGuesses(rule.condition);
    case "rank_table":
    case "rank_step":
      return "rankFact" in rule.source ? [{ key: rule.source.rankFact, type: "rank" }] : [{ key: rule.source.rankBy, type: "number" }];
    case "convert":
      return [{ key: rule.fact, type: "score" }];
    default:
      return [];
  }
}

/** Facts the rules use but the framework does not declare, ready to add (the label starts as the key). */
export function undeclaredFacts(framework: Framework): FactDef[] {
  const declared = new Set(framework.facts.map((fact) => fact.key));
  const found = new Map<string, FactDef>();
  for (const { node } of flattenWithPaths(framework.indicators)) {
    for (const guess of flatRules(node.rules ?? []).flatMap(ruleGuesses)) {
      if (!guess.key || declared.has(guess.key)) continue;
      const known = found.get(guess.key);
      found.set(guess.key, {
        key: guess.key,
        label: guess.key,
        type: known?.type ?? guess.type,
        ...(guess.byLevel || known?.byLevel ? { byLevel: true } : {}),
      });
    }
  }
  return [...found.values()];
}
