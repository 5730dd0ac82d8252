import {
  baseFacts,
  type CampaignView,
  type FindingInput,
  type Framework,
  type Indicator,
  isPointsText,
  pts,
  type Rule,
  SOURCE_LEVELS,
  type SourceLevel,
  TermError,
  termTarget,
} from "@kaoping/core";

/** The campaign's frozen framework (the server sends it as JSON without a static type). */
export function frameworkOf(campaign: Pick<CampaignView, "definition">): Framework {
  const definition = campaign.definition as Partial<Framework> | null;
  return { code: "", name: "", year: 2000, facts: [], indicators: [], ...definition } as Framework;
}

/** A node of the indicator picker: only indicators with rules take findings. */
export interface IndicatorOption {
  value: string;
  title: string;
  selectable: boolean;
  children?: IndicatorOption[];
}

export function indicatorOptions(indicators: Indicator[]): IndicatorOption[] {
  return indicators.map((indicator) => {
    const children = indicatorOptions(indicator.children ?? []);
    return {
      value: indicator.code,
      title: `${indicator.code} ${indicator.name}`,
      selectable: (indicator.rules ?? []).length > 0,
      ...(children.length ? { children } : {}),
    };
  });
}

export function findIndicator(indicators: Indicator[], code: string): Indicator | undefined {
  for (const indicator of indicators) {
    if (indicator.code === code) return indicator;
    const inner = findIndicator(indicator.children ?? [], code);
    if (inner) return inner;
  }
  return undefined;
}

/** An indicator's code and its descendants' codes (findings sit on leaves, charts show first-level indicators). */
export function subtreeCodes(indicators: Indicator[], code: string): string[] {
  const root = findIndicator(indicators, code);
  const collect = (indicator: Indicator): string[] => [indicator.code, ...(indicator.children ?? []).flatMap(collect)];
  return root ? collect(root) : [code];
}

/** A fact a finding may add to: a count (with a count field) or a flag (set once). */
export interface TermFact {
  key: string;
  label: string;
  kind: "count" | "flag";
}

/** What the finding form asks for once a rule is chosen. */
export interface RuleChoice {
  id: string;
  text: string;
  kind: Rule["kind"];
  /** The 取最高分 group's text when the rule sits inside one. */
  groupText?: string;
  /** Inside a 同一内容取最高分 group: the finding names its content or matter. */
  needsSubject?: boolean;
  facts: TermFact[];
  /** Source levels the rule prices (amountByLevel), in core's order. */
  levels: SourceLevel[];
  /** No flat amount besides the levels: a finding must name its level. */
  isLevelRequired: boolean;
  /** A reviewer's score within the range; `each`: one per finding (每发现一起扣1-3分), added up. */
  manual: { min: string; max: string; each?: boolean } | null;
  /** Rates, ranks and external scores are measurements (测评数据), not findings. */
  isMeasurement: boolean;
}

/**
 * The rules a finding on `indicatorCode` may name: the indicator's rules with
 * 取最高分 groups replaced by their inner rules, each with the fields it needs.
 */
export function ruleChoices(framework: Framework, indicatorCode: string | undefined): RuleChoice[] {
  const indicator = indicatorCode ? findIndicator(framework.indicators, indicatorCode) : undefined;
  if (!indicator) return [];
  const flatten = (rules: Rule[], groupText?: string, needsSubject?: boolean): RuleChoice[] =>
    rules.flatMap((rule) => {
      if (rule.kind === "max_of") return flatten(rule.rules, rule.text);
      if (rule.kind === "group_max") return flatten(rule.rules, rule.text, true);
      return [{ ...choiceOf(framework, rule, groupText), ...(needsSubject ? { needsSubject } : {}) }];
    });
  return flatten(indicator.rules ?? []);
}

function choiceOf(framework: Framework, rule: Rule, groupText: string | undefined): RuleChoice {
  const labels = new Map(framework.facts.map((fact) => [fact.key, fact.label]));
  const base = { id: rule.id, text: rule.text, kind: rule.kind, ...(groupText ? { groupText } : {}) };
  const target = targetOf(framework, rule);
  if (target?.kind === "manual") {
    const manual = { min: target.min, max: target.max, ...(target.each ? { each: true } : {}) };
    return { ...base, facts: [], levels: [], isLevelRequired: false, manual, isMeasurement: false };
  }
  const facts: TermFact[] = [];
  for (const key of baseFacts(rule)) {
    const target = targetOf(framework, rule, key);
    if (target?.kind === "count" || target?.kind === "flag") facts.push({ key, label: labels.get(key) ?? key, kind: target.kind });
  }
  const byLevel = rule.kind === "per_count" && rule.amountByLevel ? rule.amountByLevel : null;
  return {
    ...base,
    facts,
    levels: byLevel ? SOURCE_LEVELS.filter((level) => byLevel[level] !== undefined) : [],
    isLevelRequired: !!byLevel && rule.kind === "per_count" && rule.amount === undefined,
    manual: null,
    isMeasurement: facts.length === 0,
  };
}

function targetOf(framework: Framework, rule: Rule, fact?: string) {
  try {
    return termTarget(framework, rule, fact);
  } catch (error) {
    if (error instanceof TermError) return null;
    throw error;
  }
}

/** The finding form's values (the date already as yyyy-mm-dd). */
export interface FindingFormValues {
  unitId: string;
  indicatorCode: string;
  ruleId: string;
  fact?: string;
  sourceLevel?: SourceLevel | null;
  count?: number;
  points?: string;
  subject?: string;
  noticeNo?: string;
  foundOn?: string | null;
  description: string;
}

/** The fact the finding names: the chosen one, or the rule's only one. */
export function chosenFact(choice: RuleChoice | undefined, fact: string | undefined): TermFact | undefined {
  if (!choice) return undefined;
  return choice.facts.find((f) => f.key === fact) ?? (choice.facts.length === 1 ? choice.facts[0] : undefined);
}

/** The request body: only the fields the chosen rule reads, so a switched rule leaves no stale level or points. */
export function findingBody(values: FindingFormValues, choice: RuleChoice | undefined): FindingInput {
  const fact = chosenFact(choice, values.fact);
  const isManual = !!choice?.manual;
  return {
    unitId: values.unitId,
    indicatorCode: values.indicatorCode,
    ruleId: values.ruleId,
    ...(fact && (choice?.facts.length ?? 0) > 1 ? { fact: fact.key } : {}),
    sourceLevel: choice?.levels.length ? (values.sourceLevel ?? null) : null,
    count: fact?.kind === "count" ? (values.count ?? 1) : 1,
    points: isManual ? (values.points?.trim() ?? null) : null,
    ...(choice?.needsSubject ? { subject: values.subject?.trim() || null } : {}),
    noticeNo: values.noticeNo?.trim() || null,
    foundOn: values.foundOn || null,
    description: values.description.trim(),
  };
}

/** Whether a manual score lies in the rule's range; the message key when it does not. */
export function manualPointsProblem(value: string | undefined, range: { min: string; max: string }): "format" | "range" | null {
  if (!value?.trim()) return null;
  if (!isPointsText(value)) return "format";
  const points = pts(value);
  return points < pts(range.min) || points > pts(range.max) ? "range" : null;
}
