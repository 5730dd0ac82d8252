import { type Rule, ruleSchema, SOURCE_LEVELS, type SourceLevel } from "@kaoping/core";
import { type ConditionDraft, conditionToDraft, draftToCondition } from "./condition-draft.ts";

/** The rule form's fields: every kind's fields side by side, so switching kinds keeps what was typed. */
export interface RuleFormValues {
  kind: Rule["kind"];
  id: string;
  text: string;
  note?: string;
  effect?: "deduct" | "bonus" | "score";
  fact?: string;
  amount?: string;
  cap?: string;
  amountByLevel?: Partial<Record<SourceLevel, string>>;
  direction?: "below" | "above";
  threshold?: number | null;
  step?: number | null;
  rounding?: "floor" | "ceil" | "exact";
  condition?: ConditionDraft;
  outcome?: "zero" | "half" | "deduct" | "bonus";
  alsoZero?: string[];
  rankMode?: "rankBy" | "rankFact";
  order?: "desc" | "asc";
  amounts?: string[];
  after?: number | null;
  min?: string;
  max?: string;
  outOf?: number | null;
  missing?: "zero" | "lowest_peer";
  /** convert / peer_average: the unit group compared within (进驻单位). */
  peerGroup?: string;
  /** peer_average: who is averaged, when not simply those for whom the condition does not hold. */
  hasPeers?: boolean;
  peers?: ConditionDraft;
  /** peer_average: a fixed lowering (amount) or a reviewer's within min–max. */
  lowering?: "fixed" | "range";
  /** max_of: the inner rules as JSON. */
  rulesJson?: string;
}

const DEFAULTS: Omit<RuleFormValues, "id" | "text" | "kind"> = {
  effect: "deduct",
  direction: "below",
  step: 1,
  rounding: "floor",
  outcome: "zero",
  rankMode: "rankBy",
  order: "desc",
  amounts: [""],
  after: 3,
  missing: "zero",
  hasPeers: false,
  lowering: "fixed",
  condition: conditionToDraft(undefined),
  rulesJson: "[]",
};

/** A new rule's starting values. */
export function newRuleValues(id: string): RuleFormValues {
  return { ...DEFAULTS, kind: "per_count", id, text: "", condition: conditionToDraft(undefined) };
}

export function ruleToValues(rule: Rule): RuleFormValues {
  const values: RuleFormValues = { ...newRuleValues(rule.id), kind: rule.kind, text: rule.text, note: rule.note };
  switch (rule.kind) {
    case "per_count":
      return { ...values, effect: rule.effect, fact: rule.fact, amount: rule.amount, cap: rule.cap, amountByLevel: rule.amountByLevel };
    case "per_step": {
      const { effect, fact, direction, threshold, step, amount, rounding, cap } = rule;
      return { ...values, effect, fact, direction, threshold, step, amount, rounding, cap };
    }
    case "when":
      return {
        ...values,
        condition: conditionToDraft(rule.condition),
        outcome: rule.outcome,
        amount: rule.amount,
        alsoZero: rule.alsoZero,
      };
    case "rank_table":
    case "rank_step": {
      const source =
        "rankFact" in rule.source
          ? { rankMode: "rankFact" as const, fact: rule.source.rankFact }
          : { rankMode: "rankBy" as const, fact: rule.source.rankBy, order: rule.source.order };
      if (rule.kind === "rank_table") return { ...values, ...source, effect: rule.effect, amounts: rule.amounts };
      return { ...values, ...source, effect: rule.effect, after: rule.after, amount: rule.amount, cap: rule.cap };
    }
    case "manual":
      return { ...values, effect: rule.effect, min: rule.min, max: rule.max };
    case "convert":
      return { ...values, fact: rule.fact, outOf: rule.outOf, missing: rule.missing, peerGroup: rule.peerGroup };
    case "max_of":
      return { ...values, rulesJson: JSON.stringify(rule.rules, null, 2) };
    default:
      return { ...values, ...shapeToValues(rule) };
  }
}

const blank = (value: string | undefined | null) => (value?.trim() ? value.trim() : undefined);
const number = (value: number | null | undefined) => (typeof value === "number" ? value : undefined);

/** The fields a kind reads, before the schema check. */
function candidate(values: RuleFormValues): Record<string, unknown> | { error: string } {
  const effect = values.effect === "score" ? "deduct" : values.effect;
  const fact = blank(values.fact);
  switch (values.kind) {
    case "per_count": {
      const levels = SOURCE_LEVELS.flatMap((level) => {
        const amount = blank(values.amountByLevel?.[level]);
        return amount ? [[level, amount] as const] : [];
      });
      const amountByLevel = levels.length ? Object.fromEntries(levels) : undefined;
      return { effect, fact, amount: blank(values.amount), amountByLevel, cap: blank(values.cap) };
    }
    case "per_step": {
      const { direction, rounding } = values;
      return {
        effect,
        fact,
        direction,
        threshold: number(values.threshold),
        step: number(values.step),
        amount: blank(values.amount),
        rounding,
        cap: blank(values.cap),
      };
    }
    case "when": {
      const condition = draftToCondition(values.condition ?? conditionToDraft(undefined));
      if ("error" in condition) return { error: condition.error };
      const hasAmount = values.outcome === "deduct" || values.outcome === "bonus";
      const alsoZero = values.alsoZero?.length ? values.alsoZero : undefined;
      return { condition: condition.condition, outcome: values.outcome, amount: hasAmount ? blank(values.amount) : undefined, alsoZero };
    }
    case "rank_table":
    case "rank_step": {
      const source = values.rankMode === "rankFact" ? { rankFact: fact } : { rankBy: fact, order: values.order ?? "desc" };
      if (values.kind === "rank_table") return { effect, source, amounts: (values.amounts ?? []).map((a) => a?.trim() ?? "") };
      return { effect, source, after: number(values.after), amount: blank(values.amount), cap: blank(values.cap) };
    }
    case "manual":
      return { effect: values.effect, min: blank(values.min), max: blank(values.max) };
    case "convert":
      return { fact, outOf: number(values.outOf), missing: values.missing, peerGroup: blank(values.peerGroup) };
    case "max_of":
      return innerRules(values);
    default:
      return shapeCandidate(values);
  }
}

function innerRules(values: RuleFormValues): { rules: unknown } | { error: string } {
  try {
    return { rules: JSON.parse(values.rulesJson ?? "[]") };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

type ShapeRule = Extract<Rule, { kind: "peer_average" | "manual_each" | "group_max" }>;

/** The form values of the shapes added for the seeds' last manual rules. */
function shapeToValues(rule: ShapeRule): Partial<RuleFormValues> {
  switch (rule.kind) {
    case "peer_average": {
      const { condition, peers, amount, min, max, peerGroup } = rule;
      const lowering = amount === undefined ? ("range" as const) : ("fixed" as const);
      return {
        condition: conditionToDraft(condition),
        hasPeers: !!peers,
        peers: conditionToDraft(peers),
        amount,
        min,
        max,
        peerGroup,
        lowering,
      };
    }
    case "manual_each":
      return { effect: rule.effect, min: rule.min, max: rule.max, cap: rule.cap };
    case "group_max":
      return { rulesJson: JSON.stringify(rule.rules, null, 2), cap: rule.cap };
  }
}

function shapeCandidate(values: RuleFormValues): Record<string, unknown> | { error: string } {
  switch (values.kind) {
    case "peer_average": {
      const condition = draftToCondition(values.condition ?? conditionToDraft(undefined));
      if ("error" in condition) return { error: condition.error };
      const peers = values.hasPeers ? draftToCondition(values.peers ?? conditionToDraft(undefined)) : null;
      if (peers && "error" in peers) return { error: peers.error };
      const isRange = values.lowering === "range";
      return {
        condition: condition.condition,
        peers: peers?.condition,
        amount: isRange ? undefined : blank(values.amount),
        min: isRange ? blank(values.min) : undefined,
        max: isRange ? blank(values.max) : undefined,
        peerGroup: blank(values.peerGroup),
      };
    }
    case "manual_each":
      return {
        effect: values.effect === "score" ? "deduct" : values.effect,
        min: blank(values.min),
        max: blank(values.max),
        cap: blank(values.cap),
      };
    case "group_max": {
      const inner = innerRules(values);
      return "error" in inner ? inner : { ...inner, cap: blank(values.cap) };
    }
    default:
      return { error: `unknown kind ${values.kind}` };
  }
}

/** The rule the form describes, checked by core's ruleSchema; or the problems, with their paths. */
export function valuesToRule(values: RuleFormValues): { rule: Rule } | { errors: string[] } {
  const fields = candidate(values);
  if ("error" in fields) return { errors: [String(fields.error)] };
  const raw = { id: values.id?.trim(), kind: values.kind, text: values.text?.trim(), note: blank(values.note), ...fields };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const parsed = ruleSchema.safeParse(defined);
  if (parsed.success) return { rule: parsed.data };
  return { errors: parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)) };
}
