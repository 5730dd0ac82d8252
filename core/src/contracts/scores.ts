import type { UnitDiff } from "../campaigns/diff.ts";
import type { ProvisionalItem } from "../campaigns/provisional.ts";
import type { IndicatorScore, PointsOverflow } from "../frameworks/engine-types.ts";
import type { RescaleMethod } from "../frameworks/schema.ts";
import type { AppealStatus, FactSource, FindingStatus, SubmissionStatus } from "./campaigns.ts";

/**
 * Responses of the score, publication and cockpit routes: the server builds
 * them, the web draws them, both typed here.
 */

/** One row of the ranking and the score matrix (points by indicator code). */
export interface ScoreSummary {
  unitId: string | null;
  unitCode: string;
  unitName: string;
  category: string | null;
  isReference: boolean;
  base: string;
  bonus: string;
  total: string;
  /** 适用满分 and the full points of the base part (they differ where indicators do not apply). */
  applicablePoints: string;
  fullPoints: string;
  /** The rescaled total (折算分), null when the framework does not rescale. */
  rescaled: string | null;
  rescaleText: string | null;
  /** The score ranks and stars use. */
  rankScore: string;
  annual: string | null;
  rank: number | null;
  stars: number | null;
  /** Manual rules still without a score. */
  pending: string[];
  /** 暂定: a manual score is pending or a measurement missing. */
  provisional: boolean;
  /** Points by indicator code; null = 不适用. */
  indicators: Record<string, string | null>;
  /** Where the unit's applicable maximum is below the indicator's points (a child does not apply): 适用满分 by code. */
  reducedMax: Record<string, string>;
}

export interface ScoreboardIndicator {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  max: string | null;
  part: "base" | "bonus";
}

/** The scoreboard: live for the office and reviewers, the latest publication for units. */
export interface Scoreboard {
  source: "live" | "published";
  version: number | null;
  publishedAt: string | null;
  rankedCount: number;
  indicators: ScoreboardIndicator[];
  units: ScoreSummary[];
  /** 暂定: ranks and stars may still change; `missing` says why (the caller's units only). */
  provisional: boolean;
  missing: ProvisionalItem[];
  /** Parents whose children add up to more than their points (a flaw of the framework, scored as written). */
  overflows: PointsOverflow[];
  /** The framework's rescaling and whether ranks use it. */
  rescale: { method: RescaleMethod; rankBy: "rescaled" | "raw" };
}

/** A finding behind a unit's points, with its current evidence files. */
export interface FindingBrief {
  id: string;
  indicatorCode: string;
  ruleId: string;
  sourceLevel: string | null;
  count: number;
  points: string | null;
  noticeNo: string | null;
  foundOn: string | null;
  description: string;
  status: FindingStatus;
  appealStatus: AppealStatus | null;
  evidence: { id: string; fileName: string }[];
}

/** One unit's indicators with traces, the sources of its facts and the findings behind them. */
export interface UnitScoreView {
  source: "live" | "published";
  version: number | null;
  rankedCount: number;
  unit: Omit<ScoreSummary, "indicators"> & { indicators: IndicatorScore[] };
  sources: Record<string, FactSource>;
  findings: FindingBrief[];
  /** 暂定: the result's ranks may still change; `missing` is this unit's own list. */
  provisional: boolean;
  missing: ProvisionalItem[];
}

export interface WhatIfSide {
  total: string;
  rank: number | null;
  stars: number | null;
  indicators: Record<string, string | null>;
}

export interface WhatIfResult {
  unitCode: string;
  excluded: string[];
  current: WhatIfSide;
  whatIf: WhatIfSide;
}

export interface PublicationSummary {
  version: number;
  reason: string | null;
  publishedAt: string;
  publisher: string | null;
}

/** A published version as frozen, and what changed from the version before it. */
export interface PublicationView {
  version: number;
  reason: string | null;
  publishedAt: string;
  units: ScoreSummary[];
  diff: UnitDiff[];
}

/** 驾驶舱: everything the cockpit charts draw, each figure with the ids it drills down to. */
export interface CockpitView {
  campaign: { id: string; name: string; year: number; status: string; frameworkCode: string };
  source: { version: number | null; publishedAt: string | null; preview: boolean };
  /** Units the caller sees (a unit user: their own). */
  unitCount: number;
  /** 暂定: ranks and stars may change; `missingCount` items (of the caller's units) are still missing. */
  provisional: boolean;
  missingCount: number;
  distribution: { from: string; to: string; label: string; count: number; unitIds: string[] }[];
  ranking: CockpitRankingRow[];
  heatmap: {
    /** First-level indicators; a bonus part (加扣分项) is scored around 0, not as a share of a maximum. */
    indicators: { code: string; name: string; max: string | null; part: "base" | "bonus" }[];
    rows: {
      unitId: string;
      unitCode: string;
      unitName: string;
      /**
       * `points` null = 不适用; `max` is what applies to the unit (适用满分); `ratio`: points as a
       * share of it, null where the indicator does not apply and on a bonus part.
       */
      cells: { code: string; points: string | null; max: string | null; ratio: number | null }[];
    }[];
  };
  progress: {
    submissions: { status: SubmissionStatus; label: string; count: number; unitIds: string[] }[];
    selfAssessments: {
      reported: number;
      applicable: number;
      completeUnitIds: string[];
      units: { unitId: string; reported: number; applicable: number }[];
    };
  };
  trend: CockpitTrendPoint[];
  findingsByIndicator: { indicatorCode: string; indicatorName: string; count: number; occurrences: number; findingIds: string[] }[];
}

export interface CockpitRankingRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  category: string | null;
  base: string;
  bonus: string;
  total: string;
  /** 折算分, null when the framework does not rescale. */
  rescaled: string | null;
  applicablePoints: string;
  rank: number | null;
  stars: number | null;
  isReference: boolean;
  provisional: boolean;
}

export interface CockpitTrendPoint {
  campaignId: string;
  name: string;
  year: number;
  version: number | null;
  preview: boolean;
  current: boolean;
  /** Mean total of the ranked units (参照评估单位 excluded). */
  average: string | null;
  units: { unitId: string; unitName: string; total: string }[];
}
