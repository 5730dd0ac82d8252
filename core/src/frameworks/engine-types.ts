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
  /**
   * The indicators the office chose for this unit (中省直单位 只考核“相关任务”), by code at any
   * level; absent = every indicator its category allows. On top of the category: a chosen
   * indicator the category excludes still does not apply.
   */
  indicators?: string[];
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
  outcome?: "zero" | "half" | "cap" | "floor" | "set" | "pending" | "missing";
}

/** A fact a rule of an applicable indicator needs and the unit does not have (an unrecorded measurement). */
export interface MissingFact {
  indicatorCode: string;
  fact: string;
  label: string;
}

/** A parent whose children's points add up to more than its own (Gongshu 6.2: 3 + 2 under 4). */
export interface PointsOverflow {
  code: string;
  name: string;
  /** The parent's declared points. */
  max: string;
  /** Its children's points added up. */
  childrenSum: string;
}

export interface IndicatorScore {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  part: "base" | "bonus";
  /** Score, or null when the indicator does not apply to this unit (不适用: never a loss). */
  points: string | null;
  max: string | null;
  /**
   * The points this unit can get here: `max` less what its inapplicable descendants carry
   * (1 完善组织和制度保障 is 20, 15 for a department to which 1.2 does not apply); null
   * when the indicator does not apply or has no points. Losses are measured against it.
   */
  applicableMax: string | null;
  /** The children's points add up to more than `max` (a flaw of the source, scored as written). */
  overflow?: PointsOverflow;
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
  /** The base part's full points (basePoints, else the first-level base indicators added up). */
  fullPoints: string;
  /** The base points that apply to this unit (适用满分). */
  applicablePoints: string;
  /**
   * The total after rescaling (折算) to full points, when the framework rescales; equal to
   * `total` when everything applies. Null when the framework does not rescale.
   */
  rescaled: string | null;
  /** The rescaling in words: "适用满分 95，得 88，折算 92.63" (null when nothing was rescaled). */
  rescaleText: string | null;
  /** The score ranks and stars use: `rescaled` when the framework ranks by it, else `total`. */
  rankScore: string;
  /** rankScore × annualWeight %, when the framework converts to an annual share. */
  annual: string | null;
  rank: number | null;
  stars: number | null;
  /** Manual rules still without a score. */
  pending: string[];
  /** Facts needed and not recorded. */
  missing: MissingFact[];
  /** 暂定: a manual score is pending or a fact is missing, so the total may still change. */
  provisional: boolean;
}

export interface ScoreResult {
  frameworkCode: string;
  units: UnitScore[];
  /** 暂定: some unit is provisional, so ranks and stars may still change. */
  provisional: boolean;
  /** Parents whose children add up to more than their points. */
  overflows: PointsOverflow[];
}
