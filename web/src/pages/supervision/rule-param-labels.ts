import type { ErrorDetail, WarningRule, WarningRuleKind } from "@kaoping/core";
import { RULE_PARAMS } from "@kaoping/core";
import type { TFunction } from "i18next";

/**
 * 预警规则's parameters as the editor shows and checks them. Each parameter has one label,
 * `supervision.rules.param.<key>` (in Chinese core's RULE_PARAM_LABELS, the label the server's zod
 * messages use): the input, its inline error and any refusal all name it by that label. The bounds are
 * not copied here: a value is checked against the rule kind's own schema (RULE_PARAMS in core).
 */

/** What is wrong with one value, as the schema's first issue says. */
export type ParamProblem =
  | { code: "required" }
  | { code: "integer" }
  | { code: "invalid" }
  | { code: "min"; min: number }
  | { code: "max"; max: number };

/** A rule's parameter with what is wrong with it. */
export interface RuleParamProblem {
  ruleId: string;
  key: string;
  problem: ParamProblem | { code: "server"; message: string };
}

/** Language-neutral marks around an input: the comparison the rule makes, the unit. */
export const PARAM_ADORNMENTS: Partial<Record<string, { prefix?: string; suffix?: string }>> = {
  workingDaysLeft: { prefix: "≤" },
  percentLeft: { prefix: "≤", suffix: "%" },
  minErrors: { prefix: "≥" },
};

/** The label the screen shows for a parameter, and that every error about it uses. */
export const paramLabel = (t: TFunction, key: string): string => t(`supervision.rules.param.${key}`);

/** What checking a value against a parameter's schema gives (zod's result; its issues are the same type for any schema). */
type CheckResult = ReturnType<(typeof RULE_PARAMS)["due_soon"]["shape"]["percentLeft"]["safeParse"]>;

/** The schema of one parameter of a kind (undefined: the kind takes no such parameter). */
function paramSchema(kind: WarningRuleKind, key: string): { safeParse(value: unknown): CheckResult } | undefined {
  const shape = RULE_PARAMS[kind]?.shape as Record<string, { safeParse(value: unknown): CheckResult }> | undefined;
  return shape?.[key];
}

/** What the rule kind's schema says of a value: null when it takes it. */
export function paramProblem(kind: WarningRuleKind, key: string, value: unknown): ParamProblem | null {
  const schema = paramSchema(kind, key);
  if (!schema) return { code: "invalid" };
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (!issue) return { code: "invalid" };
  if (issue.code === "too_small") return { code: "min", min: Number(issue.minimum) };
  if (issue.code === "too_big") return { code: "max", max: Number(issue.maximum) };
  if (issue.code === "invalid_type") {
    if (issue.expected === "int") return { code: "integer" };
    if (value === null || value === undefined || value === "") return { code: "required" };
  }
  return { code: "invalid" };
}

/** Every parameter of every rule the schema refuses, in the table's order. */
export function ruleParamProblems(rules: readonly WarningRule[]): RuleParamProblem[] {
  return rules.flatMap((rule) => {
    const params = rule.params as Record<string, unknown>;
    return Object.keys(RULE_PARAMS[rule.kind].shape).flatMap((key) => {
      const problem = paramProblem(rule.kind, key, params[key]);
      return problem ? [{ ruleId: rule.id, key, problem }] : [];
    });
  });
}

/**
 * The problem alone, for beside the input (its label is there already): "不能大于 100". A server's
 * message names the parameter by the same label (core's, in Chinese): it is not said twice.
 */
export function problemText(t: TFunction, item: RuleParamProblem): string {
  const { problem } = item;
  if (problem.code !== "server") return t(`supervision.rules.paramError.${problem.code}`, problem);
  const label = paramLabel(t, item.key);
  return problem.message.startsWith(label) && problem.message.length > label.length ? problem.message.slice(label.length) : problem.message;
}

/** The problem naming its rule and parameter, for a message away from the table: "W01 即将超期：剩余时限百分比不能大于 100". */
export function problemAt(t: TFunction, rule: Pick<WarningRule, "id" | "name">, item: RuleParamProblem): string {
  return t("supervision.rules.paramProblem", {
    rule: `${rule.id} ${rule.name}`,
    param: paramLabel(t, item.key),
    error: problemText(t, item),
  });
}

/**
 * A refusal's details about the rules' parameters, put back on the rules they came from: the save
 * names them `body.rules.<index>.params.<key>`, the trial `body.rule.params.<key>`. Each is checked
 * again here so the text is the editor's own; the server's message stands where this check passes.
 */
export function refusedParams(details: readonly ErrorDetail[] | undefined, sent: readonly WarningRule[]): RuleParamProblem[] {
  return (details ?? []).flatMap((detail): RuleParamProblem[] => {
    const path = (detail.path ?? []).map(String);
    const at = path[0] === "body" ? path.slice(1) : path;
    let rule: WarningRule | undefined;
    let key: string | undefined;
    if (at[0] === "rules" && at[2] === "params" && at.length === 4) [rule, key] = [sent[Number(at[1])], at[3]];
    else if (at[0] === "rule" && at[1] === "params" && at.length === 3) [rule, key] = [sent[0], at[2]];
    if (!rule || !key) return [];
    const problem = paramProblem(rule.kind, key, (rule.params as Record<string, unknown>)[key]) ?? {
      code: "server" as const,
      message: detail.message,
    };
    return [{ ruleId: rule.id, key, problem }];
  });
}
