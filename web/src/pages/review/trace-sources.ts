import type { FactOrigin, FactSource, Framework, Indicator, IndicatorScore, Rule, TraceStep } from "@kaoping/core";

/** A fact the system filled: who filled it and, for a domain's data (办件数据), the link to its records. */
export interface AutoSource {
  origin: FactOrigin;
  fact: string;
  link?: string;
}

/** What one trace step rests on: the findings, the facts the system filled and the measurements. */
export interface StepSources {
  findingIds: string[];
  /** One per origin and link: a step over two case facts links to both drill-downs. */
  auto: AutoSource[];
  /** Fact keys set by a measurement (测评数据). */
  measurements: string[];
}

/** Rule id → itself and every rule inside it: a 取最高分 step carries the group's id but the inner rule's facts. */
export function ruleFamilies(framework: Framework): Map<string, string[]> {
  const families = new Map<string, string[]>();
  const idsOf = (rule: Rule): string[] =>
    rule.kind === "max_of" || rule.kind === "group_max" ? [rule.id, ...rule.rules.flatMap(idsOf)] : [rule.id];
  const visit = (indicators: Indicator[]) => {
    for (const indicator of indicators) {
      for (const rule of indicator.rules ?? []) families.set(rule.id, idsOf(rule));
      visit(indicator.children ?? []);
    }
  };
  visit(framework.indicators);
  return families;
}

/** Steps that rest on reviewers' scores: 视情扣分, 每发现一起 and 适当下浮. */
const MANUAL_KINDS = new Set(["manual", "manual_each", "peer_average"]);

// A rank the engine computed names its fact as "rate（排名）"; the measurement is under "rate".
const RANKED = /（排名）$/;

/**
 * The keys of `sources` a step read: its facts (a count per level as `fact@city`),
 * or `manual:<ruleId>` for a manual score — of the rule or, in a 取最高分 group,
 * of any of its inner rules.
 */
export function stepSourceKeys(step: TraceStep, families: ReadonlyMap<string, string[]>): string[] {
  const manual = MANUAL_KINDS.has(step.kind) ? (families.get(step.ruleId) ?? [step.ruleId]).map((id) => `manual:${id}`) : [];
  if (step.kind === "manual") return manual;
  return [...manual, ...Object.keys(step.facts).map((key) => key.replace(RANKED, ""))];
}

/** Where a step's facts came from, each finding once, in the order the sources list them. */
export function stepSources(
  step: TraceStep,
  sources: Readonly<Record<string, FactSource>>,
  families: ReadonlyMap<string, string[]>,
): StepSources {
  const result: StepSources = { findingIds: [], auto: [], measurements: [] };
  for (const key of stepSourceKeys(step, families)) {
    const source = sources[key];
    if (!source) continue;
    for (const id of source.findingIds) if (!result.findingIds.includes(id)) result.findingIds.push(id);
    const { auto, link } = source;
    if (auto && !result.auto.some((a) => a.origin === auto && a.link === link)) {
      result.auto.push(link ? { origin: auto, fact: key, link } : { origin: auto, fact: key });
    }
    if (source.measurement) result.measurements.push(key);
  }
  return result;
}

/** The findings behind a step, in its order, skipping ids not loaded (e.g. withdrawn since). */
export function findingsOf<F extends { id: string }>(ids: readonly string[], byId: ReadonlyMap<string, F>): F[] {
  return ids.flatMap((id) => {
    const finding = byId.get(id);
    return finding ? [finding] : [];
  });
}

/** Every finding id the unit's facts rest on: what a what-if may take away. */
export function allSourceFindingIds(sources: Readonly<Record<string, FactSource>>): string[] {
  return [...new Set(Object.values(sources).flatMap((source) => source.findingIds))];
}

/** One row of a unit's 得失分明细: a step of an indicator's trace with what it rests on. */
export interface TraceRow {
  key: string;
  indicatorCode: string;
  indicatorName: string;
  step: TraceStep;
  sources: StepSources;
}

export function traceRows(
  indicators: readonly IndicatorScore[],
  sources: Readonly<Record<string, FactSource>>,
  families: ReadonlyMap<string, string[]>,
): TraceRow[] {
  return indicators.flatMap((indicator) =>
    indicator.trace.map((step, index) => ({
      key: `${indicator.code}#${index}`,
      indicatorCode: indicator.code,
      indicatorName: indicator.name,
      step,
      sources: stepSources(step, sources, families),
    })),
  );
}

/** Findings of the unit that no step reads (e.g. a condition that did not hold): still shown, still selectable. */
export function unlinkedFindingIds(rows: readonly TraceRow[], findingIds: readonly string[]): string[] {
  const linked = new Set(rows.flatMap((row) => row.sources.findingIds));
  return findingIds.filter((id) => !linked.has(id));
}
