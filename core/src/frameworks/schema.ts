import { z } from "zod";
import { isPointsText } from "./points.ts";

/**
 * Indicator frameworks (指标体系) and their scoring rules as data: a closed
 * set of typed rule kinds the engine executes — no eval. Points are decimal
 * strings ("0.5") so JSON keeps them exact.
 */
/** Any text of a definition is bounded: the longest in the built-in templates (a description) is under 1 500. */
const TEXT_MAX = 4000;

export const pointsText = z.string().trim().refine(isPointsText, "分值须为最多 4 位小数的数字，如 0.5");

/** A fact's name: letters, digits, _ and . ; a source level is appended as `@district`, `@city` … */
const factKey = z
  .string()
  .max(TEXT_MAX)
  .regex(/^[a-z][a-z0-9_.]*$/, "事实名只能包含小写字母、数字、_ 和 .");

/** A named unit group's code (单位组, e.g. 进驻单位), as kept by the organisation. */
const groupCode = z.string().trim().min(1).max(64);

/** Who found it (抽查/通报 source level): the amount of some rules depends on it. */
export const SOURCE_LEVELS = ["district", "city", "province", "national", "media", "public"] as const;
export type SourceLevel = (typeof SOURCE_LEVELS)[number];
export const SOURCE_LEVEL_LABELS: Record<SourceLevel, string> = {
  district: "区级",
  city: "市级",
  province: "省级",
  national: "国家级",
  media: "媒体",
  public: "群众",
};

export const FACT_TYPES = ["count", "number", "boolean", "rank", "score"] as const;
export const FACT_TYPE_LABELS: Record<(typeof FACT_TYPES)[number], string> = {
  count: "次数",
  number: "数值",
  boolean: "是否",
  rank: "名次",
  score: "成绩",
};
export const factDefSchema = z.object({
  key: factKey,
  label: z.string().min(1).max(TEXT_MAX),
  type: z.enum(FACT_TYPES),
  /** For counts recorded per source level (key@district, key@city …). */
  byLevel: z.boolean().optional(),
  unit: z.string().max(TEXT_MAX).optional(),
});
export type FactDef = z.infer<typeof factDefSchema>;

export const COMPARATORS = ["lt", "le", "gt", "ge", "eq", "ne"] as const;
export type Comparator = (typeof COMPARATORS)[number];

/**
 * A test on one unit's facts. `true`/`false` test booleans; counts absent from the facts are 0.
 * `sum` compares the total of several numeric facts (漏报、迟报合计2次以上: report_missing + report_late ≥ 2).
 */
export type Condition =
  | { fact: string; op: Comparator; value: number }
  | { fact: string; is: boolean }
  | { sum: string[]; op: Comparator; value: number }
  | { all: Condition[] }
  | { any: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ fact: z.string().max(TEXT_MAX), op: z.enum(COMPARATORS), value: z.number() }).strict(),
    z.object({ fact: z.string().max(TEXT_MAX), is: z.boolean() }).strict(),
    z
      .object({ sum: z.array(z.string().min(1).max(TEXT_MAX)).min(2, "合计至少两个事实"), op: z.enum(COMPARATORS), value: z.number() })
      .strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
  ]),
);

const effect = z.enum(["deduct", "bonus"]);
const ruleBase = {
  /** Unique within the framework; findings and manual scores refer to it. */
  id: z.string().min(1).max(64),
  /** The rule's original Chinese text, kept verbatim. */
  text: z.string().min(1).max(TEXT_MAX),
  /** How an ambiguous text was read. */
  note: z.string().max(TEXT_MAX).optional(),
};

/** 每发现一个…扣0.5分 (optionally by source level: 市级0.2 / 省级0.5), capped. */
const perCount = z.object({
  ...ruleBase,
  kind: z.literal("per_count"),
  effect,
  fact: factKey,
  amount: pointsText.optional(),
  /** Amounts per source level; the counts are the facts `fact@district`, `fact@city` … */
  amountByLevel: z.partialRecord(z.enum(SOURCE_LEVELS), pointsText).optional(),
  /** The most this rule can take or give (满分1.2分, 累计不超过1分). */
  cap: pointsText.optional(),
});

/** 每延迟一天扣0.1分; 每低1个百分点扣0.1分 (below 90): per step beyond a threshold. */
const perStep = z.object({
  ...ruleBase,
  kind: z.literal("per_step"),
  effect,
  fact: factKey,
  direction: z.enum(["below", "above"]),
  threshold: z.number(),
  step: z.number().positive(),
  amount: pointsText,
  /** floor: only whole steps count (default); exact: proportional. */
  rounding: z.enum(["floor", "ceil", "exact"]).default("floor"),
  cap: pointsText.optional(),
});

/** 不得分 / 减半 / 扣3分 / 加2分 when a condition holds; with alsoZero, other indicators score zero too. */
const whenRule = z.object({
  ...ruleBase,
  kind: z.literal("when"),
  condition: conditionSchema,
  outcome: z.enum(["zero", "half", "deduct", "bonus"]),
  amount: pointsText.optional(),
  /** Indicator codes that also score zero (未启动电子监察系统的，不得分，2.3项同时不得分). */
  alsoZero: z.array(z.string().max(TEXT_MAX)).optional(),
});

/** Ranks among the assessed (non-reference) units by a fact, or a rank given as a fact. */
const rankSource = z.union([
  z.object({ rankBy: factKey, order: z.enum(["desc", "asc"]).default("desc") }),
  z.object({ rankFact: factKey }),
]);

/** 排名前三位，依次加…: amounts[0] for rank 1, amounts[1] for rank 2 … */
const rankTable = z.object({
  ...ruleBase,
  kind: z.literal("rank_table"),
  effect,
  source: rankSource,
  amounts: z.array(pointsText).min(1),
});

/** 位列第3名之后，排名每下降1位扣0.5分. */
const rankStep = z.object({
  ...ruleBase,
  kind: z.literal("rank_step"),
  effect,
  source: rankSource,
  after: z.number().int().min(0),
  amount: pointsText,
  cap: pointsText.optional(),
});

/** 视情扣0.5-3分; 根据考核情况折算成绩: a reviewer's score within a range, with a written reason. */
const manual = z.object({
  ...ruleBase,
  kind: z.literal("manual"),
  effect: z.enum(["deduct", "bonus", "score"]),
  min: pointsText,
  max: pointsText,
});

/** 进驻单位按年度考核成绩相应折算: an external score out of `outOf` scaled to the indicator's points. */
const convert = z.object({
  ...ruleBase,
  kind: z.literal("convert"),
  fact: factKey,
  outOf: z.number().positive(),
  /** A unit without the score gets the lowest converted score of its peers (没有进驻大厅的部门按进驻单位最低得分计分). */
  missing: z.enum(["zero", "lowest_peer"]).default("zero"),
  /** The lowest peer is taken within this unit group only (进驻单位), by the group's code. */
  peerGroup: groupCode.optional(),
});

/**
 * 在平均分基础上下浮1分: a unit for which `condition` holds scores the average of its peers
 * (the units for which `peers` holds, or else those for which `condition` does not), taken over
 * the rules listed before this one, lowered by `amount` — or by what a reviewer gives within
 * `min`–`max` (适当下浮). The rules before it do not apply to such a unit; the rules after it do.
 */
const peerAverage = z.object({
  ...ruleBase,
  kind: z.literal("peer_average"),
  condition: conditionSchema,
  peers: conditionSchema.optional(),
  amount: pointsText.optional(),
  min: pointsText.optional(),
  max: pointsText.optional(),
  /** Only units of this group are peers. */
  peerGroup: groupCode.optional(),
});

/** 每发现一起扣1-3分: a reviewer's amount within `min`–`max` for each finding, added up (and capped). */
const manualEach = z.object({
  ...ruleBase,
  kind: z.literal("manual_each"),
  effect,
  min: pointsText,
  max: pointsText,
  cap: pointsText.optional(),
});

/**
 * 同一宣传内容取最高分: findings carry the subject (content, matter) they are about; per subject
 * only the largest of the inner rules' amounts counts, and the subjects add up (then `cap`).
 */
const groupMax = z.object({
  ...ruleBase,
  kind: z.literal("group_max"),
  rules: z.array(perCount).min(1),
  cap: pointsText.optional(),
});

export type Rule =
  | z.infer<typeof perCount>
  | z.infer<typeof perStep>
  | z.infer<typeof whenRule>
  | z.infer<typeof rankTable>
  | z.infer<typeof rankStep>
  | z.infer<typeof manual>
  | z.infer<typeof convert>
  | z.infer<typeof peerAverage>
  | z.infer<typeof manualEach>
  | z.infer<typeof groupMax>
  | { id: string; text: string; note?: string; kind: "max_of"; rules: Rule[] };

/** 同一宣传内容取最高分: only the largest of the inner rules' amounts counts. */
export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    perCount,
    perStep,
    whenRule,
    rankTable,
    rankStep,
    manual,
    convert,
    peerAverage,
    manualEach,
    groupMax,
    z.object({ ...ruleBase, kind: z.literal("max_of"), rules: z.array(ruleSchema).min(2) }),
  ]),
) as z.ZodType<Rule>;

export const RULE_KIND_LABELS: Record<Rule["kind"], string> = {
  per_count: "按次扣/加分",
  per_step: "按超出量扣/加分",
  when: "条件（不得分/减半/固定扣加分）",
  rank_table: "排名加分表",
  rank_step: "排名逐位扣分",
  manual: "人工评分",
  convert: "成绩折算",
  max_of: "取最高分",
  peer_average: "按同类单位平均分",
  manual_each: "每起视情扣/加分",
  group_max: "同一内容取最高分、各内容相加",
};

export interface Responsible {
  /** 牵头: unit or group codes. */
  lead: string[];
  /** 配合 */
  co: string[];
  /** As written in the source, when it names no unit we know (各街道, 各相关单位). */
  text?: string;
}

export interface Indicator {
  code: string;
  name: string;
  /** 分值; absent where the source gives none (Changning's table). */
  points?: string;
  /** base (the 100 points) or bonus (加分项 outside it); children inherit. */
  part?: "base" | "bonus";
  /** full: start at the points and deduct (扣完为止 at 0); zero: start at 0 and add. Leaves default to full when they have points. */
  basis?: "full" | "zero";
  /** A range for this node's total (累计加减分最高为5分 → min -5, max 5). */
  range?: { min?: string; max?: string };
  assessmentPoint?: string;
  scoringText?: string;
  rules?: Rule[];
  responsible?: Responsible;
  milestone?: string;
  /** yyyy-mm-dd, parsed from the milestone when it names a date. */
  dueDate?: string;
  lastResult?: string;
  isNew?: boolean;
  notes?: string;
  /** Unit categories the indicator applies to; absent = all. */
  appliesTo?: string[];
  /** What the source says the number of children is (“5个维度”), checked by validation. */
  declaredChildren?: number;
  children?: Indicator[];
}

export const indicatorSchema: z.ZodType<Indicator> = z.lazy(() =>
  z
    .object({
      code: z.string().trim().min(1).max(32),
      name: z.string().trim().min(1).max(200),
      points: pointsText.optional(),
      part: z.enum(["base", "bonus"]).optional(),
      basis: z.enum(["full", "zero"]).optional(),
      range: z.object({ min: pointsText.optional(), max: pointsText.optional() }).optional(),
      assessmentPoint: z.string().max(TEXT_MAX).optional(),
      scoringText: z.string().max(TEXT_MAX).optional(),
      rules: z.array(ruleSchema).optional(),
      responsible: z
        .object({
          lead: z.array(z.string().max(TEXT_MAX)),
          co: z.array(z.string().max(TEXT_MAX)),
          text: z.string().max(TEXT_MAX).optional(),
        })
        .optional(),
      milestone: z.string().max(TEXT_MAX).optional(),
      dueDate: z.iso.date().optional(),
      lastResult: z.string().max(TEXT_MAX).optional(),
      isNew: z.boolean().optional(),
      notes: z.string().max(TEXT_MAX).optional(),
      appliesTo: z.array(z.string().max(TEXT_MAX)).optional(),
      declaredChildren: z.number().int().positive().optional(),
      children: z.array(indicatorSchema).optional(),
    })
    .strict(),
) as z.ZodType<Indicator>;

/** Star tiers by rank (default from seed 000: ★★★ 1–4, ★★ 5–9, ★ 10–16). */
export const starBandSchema = z.object({
  stars: z.number().int().min(1).max(5),
  fromRank: z.number().int().min(1),
  toRank: z.number().int().min(1),
});
export type StarBand = z.infer<typeof starBandSchema>;
export const DEFAULT_STAR_BANDS: StarBand[] = [
  { stars: 3, fromRank: 1, toRank: 4 },
  { stars: 2, fromRank: 5, toRank: 9 },
  { stars: 1, fromRank: 10, toRank: 16 },
];

/**
 * 折算: how a unit whose applicable maximum (适用满分) is below the base part's full points
 * is brought back to them. `none`: scores stay as they are; `proportional`: 折算基础分 =
 * 基础得分 × 满分 ÷ 适用满分, rounded half up to `decimals`; `full_credit`: the inapplicable
 * points are credited (折算基础分 = 基础得分 + 满分 − 适用满分). The bonus part is added
 * unchanged. `rankBy` says whether ranks and stars use the rescaled total or the raw one.
 */
export const RESCALE_METHODS = ["none", "proportional", "full_credit"] as const;
export type RescaleMethod = (typeof RESCALE_METHODS)[number];
export const RESCALE_METHOD_LABELS: Record<RescaleMethod, string> = {
  none: "不折算",
  proportional: "按适用满分等比例折算为满分",
  full_credit: "不适用指标按满分计",
};
export const rescaleSchema = z
  .object({
    method: z.enum(RESCALE_METHODS),
    rankBy: z.enum(["rescaled", "raw"]).default("rescaled"),
    decimals: z.number().int().min(0).max(4).default(2),
  })
  .strict();
export type Rescale = z.infer<typeof rescaleSchema>;

export const frameworkSchema = z
  .object({
    /** Stable code of the framework family, e.g. "gongshu-business-environment". */
    code: z
      .string()
      .max(TEXT_MAX)
      .regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1).max(TEXT_MAX),
    year: z.number().int().min(2000).max(2100),
    issuer: z.string().max(TEXT_MAX).optional(),
    /** The document it transcribes (文号 and title). */
    source: z.string().max(TEXT_MAX).optional(),
    description: z.string().max(TEXT_MAX).optional(),
    /** The base part's declared total (100) and the bonus part's (e.g. 20). */
    basePoints: pointsText.optional(),
    bonusPoints: pointsText.optional(),
    /** Share of an annual score the total converts to, in percent (e.g. 5 → total × 5%). */
    annualWeight: z.number().positive().max(100).optional(),
    starBands: z.array(starBandSchema).optional(),
    /** 折算 for units to which some indicators do not apply (absent = none). */
    rescale: rescaleSchema.optional(),
    /** Unit categories (e.g. district, city_body) used by appliesTo. */
    categories: z.array(z.object({ code: z.string().max(TEXT_MAX), label: z.string().max(TEXT_MAX) })).optional(),
    facts: z.array(factDefSchema).default([]),
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict();
export type Framework = z.infer<typeof frameworkSchema>;
