import type { FactSource } from "../contracts/campaigns.ts";
import { flatRules } from "../frameworks/engine.ts";
import type { AssessedUnit, ScoreInput, UnitFacts } from "../frameworks/engine-types.ts";
import { formatPts, pts } from "../frameworks/points.ts";
import type { Framework, SourceLevel } from "../frameworks/schema.ts";
import { countKey, indicatorIndex, ruleIndex, termTarget } from "./terms.ts";

/** The facts the system fills without anyone typing them (seed 004 part 一.4). */
export const DEADLINE_FACTS = { late: "report_late", missing: "report_missing" } as const;

/** A confirmed finding as the scoring needs it. */
export interface FindingRecord {
  id: string;
  unitCode: string;
  ruleId: string;
  fact: string | null;
  sourceLevel: SourceLevel | null;
  count: number;
  points: string | null;
  description: string;
  /** The content or matter it is about (同一宣传内容), for rules that take the highest per subject. */
  subject?: string | null;
}

export interface MeasurementRecord {
  unitCode: string;
  fact: string;
  value: number | boolean;
}

/** A unit's facts from the service-guide checker (guide_accuracy, guide_defect.<element> …). */
export interface GuideFactsRecord {
  unitCode: string;
  facts: Record<string, number>;
}

export interface DeadlineRecord {
  unitCode: string;
  late: boolean;
  missing: boolean;
}

export interface AssembledFacts {
  input: ScoreInput;
  /** Per unit: fact key (or `manual:<ruleId>`) → where its value came from. */
  sources: Record<string, Record<string, FactSource>>;
}

/**
 * Builds the engine's input from a campaign's records: confirmed findings add
 * to counts or set flags or give manual scores, measurements set values, and
 * the reporting deadline fills 迟报 / 漏报 where the framework declares them,
 * and the guide checker fills the guide facts the framework declares — unless
 * a measurement set them: what the office measured wins over the automatic value.
 */
export function assembleFacts(options: {
  framework: Framework;
  units: AssessedUnit[];
  findings: FindingRecord[];
  measurements: MeasurementRecord[];
  deadlines: DeadlineRecord[];
  guides?: GuideFactsRecord[];
}): AssembledFacts {
  const { framework } = options;
  const rules = ruleIndex(framework);
  const declared = new Set(framework.facts.map((f) => f.key));
  const facts: Record<string, UnitFacts> = {};
  const sources: Record<string, Record<string, FactSource>> = {};
  const unitFacts = (code: string) => {
    facts[code] ??= { values: {}, manual: {} };
    sources[code] ??= {};
    return { facts: facts[code]!, sources: sources[code]! };
  };
  const source = (code: string, key: string) => {
    const s = unitFacts(code).sources;
    s[key] ??= { fact: key, findingIds: [] };
    return s[key]!;
  };
  for (const unit of options.units) unitFacts(unit.code);

  for (const m of options.measurements) {
    unitFacts(m.unitCode).facts.values![m.fact] = m.value;
    source(m.unitCode, m.fact).measurement = true;
  }
  for (const g of options.guides ?? []) {
    for (const [key, value] of Object.entries(g.facts)) {
      if (!declared.has(key) || source(g.unitCode, key).measurement) continue;
      unitFacts(g.unitCode).facts.values![key] = value;
      source(g.unitCode, key).auto = "guide_check";
    }
  }
  for (const d of options.deadlines) {
    for (const [flag, key] of [
      [d.late, DEADLINE_FACTS.late],
      [d.missing, DEADLINE_FACTS.missing],
    ] as const) {
      if (!flag || !declared.has(key)) continue;
      const values = unitFacts(d.unitCode).facts.values!;
      values[key] = Number(values[key] ?? 0) + 1;
      source(d.unitCode, key).auto = key;
    }
  }
  for (const f of options.findings) {
    const term = rules.get(f.ruleId);
    if (!term) continue;
    const target = termTarget(framework, term.rule, f.fact ?? undefined);
    const { facts: uf } = unitFacts(f.unitCode);
    if (target.kind === "manual" && target.each) {
      uf.perFinding ??= {};
      uf.perFinding[f.ruleId] ??= [];
      uf.perFinding[f.ruleId]!.push({ points: f.points ?? "0", reason: f.description });
      source(f.unitCode, `manual:${f.ruleId}`).findingIds.push(f.id);
    } else if (target.kind === "manual") {
      const current = uf.manual![f.ruleId];
      const points = formatPts((current ? pts(current.points) : 0) + pts(f.points ?? "0"));
      uf.manual![f.ruleId] = { points, reason: current ? `${current.reason}；${f.description}` : f.description };
      source(f.unitCode, `manual:${f.ruleId}`).findingIds.push(f.id);
    } else if (target.kind === "count") {
      const key = countKey(term.rule, target.fact, f.sourceLevel);
      uf.values![key] = Number(uf.values![key] ?? 0) + f.count;
      if (f.subject && term.needsSubject) addToSubject(uf, f.subject, key, f.count);
      source(f.unitCode, key).findingIds.push(f.id);
    } else if (target.kind === "flag") {
      uf.values![target.fact] = true;
      source(f.unitCode, target.fact).findingIds.push(f.id);
    }
  }
  return { input: { units: options.units, facts }, sources };
}

function addToSubject(facts: UnitFacts, subject: string, key: string, count: number): void {
  facts.bySubject ??= {};
  const counts = facts.bySubject[subject] ?? {};
  counts[key] = (counts[key] ?? 0) + count;
  facts.bySubject[subject] = counts;
}

/** The unit groups a framework's rules compare within (按进驻单位最低得分): their members are read for scoring. */
export function ruleGroupCodes(framework: Framework): string[] {
  const codes = new Set<string>();
  for (const { indicator } of indicatorIndex(framework).values()) {
    for (const rule of flatRules(indicator.rules ?? [])) {
      if ((rule.kind === "convert" || rule.kind === "peer_average") && rule.peerGroup) codes.add(rule.peerGroup);
    }
  }
  return [...codes].sort();
}
