import type { FactOrigin, FactSource } from "../contracts/campaigns.ts";
import { flatRules } from "../frameworks/engine.ts";
import type { AssessedUnit, ScoreInput, UnitFacts } from "../frameworks/engine-types.ts";
import { formatPts, pts } from "../frameworks/points.ts";
import type { Framework, SourceLevel } from "../frameworks/schema.ts";
import { countKey, indicatorIndex, ruleIndex, termTarget } from "./terms.ts";

/** The facts the system fills without anyone typing them (seed 004 part 一.4). */
export const DEADLINE_FACTS = { late: "report_late", missing: "report_missing" } as const;

/**
 * The period a campaign's automatic facts cover (the cases accepted in it …): the campaign's
 * year, 1 January to 31 December. A campaign stores only its year; when campaigns get a period
 * of their own, this is the one place that reads it.
 */
export function campaignPeriod(campaign: { year: number }): { from: string; to: string } {
  return { from: `${campaign.year}-01-01`, to: `${campaign.year}-12-31` };
}

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

/**
 * A unit's facts from one domain's fact source (the guide checker's guide_defect.<element>,
 * the case store's case.online_rate …), each with the link to the records behind it.
 */
export interface SourcedFactsRecord {
  unitCode: string;
  origin: FactOrigin;
  facts: Record<string, number | boolean>;
  /** Fact key → where its records are (the drill-down to the cases behind a case fact). */
  links?: Record<string, string>;
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
 * and the domains' fact sources (guide checker, case store …) fill the facts the
 * framework declares — unless a measurement set them. This is the one place of
 * that precedence: what the office measured wins over the automatic value.
 */
export function assembleFacts(options: {
  framework: Framework;
  units: AssessedUnit[];
  findings: FindingRecord[];
  measurements: MeasurementRecord[];
  deadlines: DeadlineRecord[];
  sourced?: SourcedFactsRecord[];
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
  for (const record of options.sourced ?? []) {
    for (const [key, value] of Object.entries(record.facts)) {
      if (!declared.has(key) || source(record.unitCode, key).measurement) continue;
      unitFacts(record.unitCode).facts.values![key] = value;
      const s = source(record.unitCode, key);
      s.auto = record.origin;
      const link = record.links?.[key];
      if (link) s.link = link;
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
