/** What the engine reads and writes. Points in results are exact decimal strings. */

export type FactValue = number | boolean;

export interface ManualScore {
  points: string;
  reason: string;
}

export interface UnitFacts {
  /**
   * Fact values by key; a count recorded per source level uses `key@city` etc.
   * An absent count is 0; any other absent fact is unknown (its conditions do not hold).
   */
  values?: Record<string, FactValue>;
  /** Manual scores by rule id (视情扣分), each with its written reason. */
  manual?: Record<string, ManualScore>;
  /** A reviewer's amount for each finding, by rule id (每发现一起扣1-3分: one entry per finding). */
  perFinding?: Record<string, ManualScore[]>;
  /**
   * Counts by the subject the findings are about (同一宣传内容 / 同一事项): subject → fact key → count.
   * They are also in `values`; what `values` holds beyond them counts as one unnamed subject.
   */
  bySubject?: Record<string, Record<string, number>>;
}

export interface AssessedUnit {
  code: string;
  name?: string;
  /** Matches an indicator's appliesTo (e.g. district, city_body). */
  category?: string;
  /** 参照评估单位: scored and shown, never ranked. */
  isReference?: boolean;
  /** Codes of the unit groups it belongs to (进驻单位), for rules that compare within a group. */
  groups?: string[];
}

export interface ScoreInput {
  units: AssessedUnit[];
  facts: Record<string, UnitFacts>;
  /** Unit groups' names by code, for the trace's words. */
  groupNames?: Record<string, string>;
}

/** One point gained or lost, or an outcome (zero, half, capped), with what caused it. */
export interface TraceStep {
  ruleId: string;
  kind: string;
  text: string;
  /** The facts the rule read, by key. */
  facts: Record<string, FactValue | string>;
  /** The arithmetic in words a reviewer can check: "3 × 0.5 = 1.5". */
  arithmetic: string;
  /** Signed change this step made ("-1.5", "+0.2"), or "0" for outcome steps. */
  delta: string;
  outcome?: "zero" | "half" | "cap" | "floor" | "set" | "pending";
}

export interface IndicatorScore {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  part: "base" | "bonus";
  /** Score, or null when the indicator does not apply to this unit. */
  points: string | null;
  max: string | null;
  trace: TraceStep[];
}

export interface UnitScore {
  unitCode: string;
  unitName: string;
  category: string | null;
  isReference: boolean;
  indicators: IndicatorScore[];
  base: string;
  bonus: string;
  total: string;
  /** total × annualWeight %, when the framework converts to an annual share. */
  annual: string | null;
  rank: number | null;
  stars: number | null;
  /** Manual rules still without a score. */
  pending: string[];
}

export interface ScoreResult {
  frameworkCode: string;
  units: UnitScore[];
}
