import { z } from "zod";
import { pointsText, SOURCE_LEVELS } from "../frameworks/schema.ts";
import { idSchema, LIMITS, pageQuerySchema, reasonSchema } from "./common.ts";

/**
 * Campaigns (考核 / 评估): one run of an assessment over a frozen framework
 * version and a frozen list of assessed units. The wire contracts of the
 * campaign API live here so the server validates and the web types them alike.
 */

export const CAMPAIGN_STATUSES = ["draft", "reporting", "reviewing", "appeal", "published", "archived"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "草稿",
  reporting: "自查填报",
  reviewing: "评审",
  appeal: "申诉",
  published: "已发布",
  archived: "已归档",
};

const date = z.iso.date();

/**
 * Phases as in seed 003's timeline. Dates are China Standard Time days; a
 * phase that ends on a date ends at 24:00 of that day (UTC+8).
 */
export const phasesSchema = z
  .object({
    reportingOpens: date,
    /** 自查报告报送截止: the deadline behind the 迟报/漏报 facts. */
    reportingCloses: date,
    /** 抽查截止 */
    samplingCutoff: date.optional(),
    scoringStarts: date.optional(),
    appealOpens: date.optional(),
    appealCloses: date.optional(),
    publication: date.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const order: (keyof typeof p)[] = [
      "reportingOpens",
      "reportingCloses",
      "samplingCutoff",
      "scoringStarts",
      "appealOpens",
      "appealCloses",
      "publication",
    ];
    let previous: { key: string; value: string } | null = null;
    for (const key of order) {
      const value = p[key];
      if (!value) continue;
      if (previous && value < previous.value) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${PHASE_LABELS[key]}（${value}）不能早于${PHASE_LABELS[previous.key as PhaseKey]}（${previous.value}）`,
        });
      }
      previous = { key, value };
    }
  });
export type Phases = z.infer<typeof phasesSchema>;
export type PhaseKey = keyof Phases;
export const PHASE_LABELS: Record<PhaseKey, string> = {
  reportingOpens: "填报开始",
  reportingCloses: "填报截止",
  samplingCutoff: "抽查截止",
  scoringStarts: "评分开始",
  appealOpens: "申诉开始",
  appealCloses: "申诉截止",
  publication: "结果发布",
};

export const campaignUnitInputSchema = z.strictObject({
  unitId: idSchema,
  /** Matches the framework's categories (appliesTo); absent = all indicators apply. */
  category: z.string().trim().max(LIMITS.codeMax).nullish(),
  /** 参照评估单位: defaults to the unit's own flag. */
  isReference: z.boolean().optional(),
});

export const campaignCreateSchema = z.strictObject({
  frameworkId: idSchema,
  name: z.string().trim().min(1).max(LIMITS.nameMax),
  year: z.number().int().min(2000).max(2100),
  /** 组织单位, e.g. 区审管办. */
  issuer: z.string().trim().max(LIMITS.nameMax).nullish(),
  phases: phasesSchema,
  units: z.array(campaignUnitInputSchema).min(1).max(5000),
  /** Reviewers and evaluators (user ids) assigned to this campaign. */
  reviewerIds: z.array(idSchema).max(200).default([]),
});
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

/** In draft everything may change; later only the phases (dates slip) and reviewers. `version` guards concurrent edits. */
export const campaignUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(LIMITS.nameMax).optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  issuer: z.string().trim().max(LIMITS.nameMax).nullish(),
  phases: phasesSchema.optional(),
  units: z.array(campaignUnitInputSchema).min(1).max(5000).optional(),
  reviewerIds: z.array(idSchema).max(200).optional(),
});

export const campaignListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** Moves along the status machine; publication has its own route (it makes a version). */
export const campaignTransitionSchema = z.strictObject({
  to: z.enum(["reporting", "reviewing", "appeal", "archived"]),
  reason: z.string().trim().max(LIMITS.reasonMax).optional(),
  /** Opening the appeal phase before or after its dates: without it the server answers 409 CONFIRMATION_REQUIRED with the warning. */
  confirmOutsideWindow: z.boolean().optional(),
});

export const campaignPublishSchema = z.strictObject({
  /** Required from version 2 on: why the published result is corrected. */
  reason: z.string().trim().max(LIMITS.reasonMax).optional(),
  /**
   * Publish although the result is 暂定 (manual scores pending, measurements missing): without
   * it such a publication is refused with the list of what is missing.
   */
  confirmPending: z.boolean().optional(),
});

/** A unit's chosen indicators (逐单位选定适用指标): codes at any level, or null for all its category allows. */
export const unitIndicatorsSchema = z
  .object({ indicatorCodes: z.array(z.string().trim().min(1).max(32)).min(1, "至少选择一项指标").max(1000).nullable() })
  .strict();

export interface CampaignPhaseView extends Phases {}

export interface CampaignSummary {
  id: string;
  name: string;
  year: number;
  issuer: string | null;
  status: CampaignStatus;
  frameworkId: string;
  frameworkCode: string;
  frameworkName: string;
  frameworkVersion: number;
  phases: Phases;
  unitCount: number;
  publishedVersion: number | null;
  openedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignUnitView {
  unitId: string;
  code: string;
  name: string;
  shortName: string | null;
  /** The frozen ancestors' names, for grouping (e.g. 长宁区 / 区市场监管局). */
  parentName: string | null;
  category: string | null;
  isReference: boolean;
  sortOrder: number;
  /** The indicators the office chose for this unit; null = every indicator its category allows. */
  indicatorCodes: string[] | null;
  submissionStatus: SubmissionStatus;
  /** Self-assessments with a completion status / all that apply. */
  reported: number;
  applicable: number;
  /** The caller may appeal one of this unit's findings now (the server's appealRefusal, per finding). */
  canAppeal: boolean;
}

export interface CampaignView extends CampaignSummary {
  reviewers: { id: string; displayName: string; unitName: string | null }[];
  /** What the caller may do here (the web shows buttons by it). */
  can: CampaignAbilities;
  /** Frozen framework definition (indicator tree, rules, facts). */
  definition: unknown;
  /** Whether appeals are received now, and the window's dates or why not (申诉期自 … 开始). */
  appealWindow: { open: boolean; message: string };
  /** While reviewing: what opening the appeal phase today would need acknowledged (appealOpeningWarning), else null. */
  appealOpening: string | null;
}

export interface CampaignAbilities {
  manage: boolean;
  review: boolean;
  submit: boolean;
  confirm: boolean;
  appeal: boolean;
  /** Sees every unit of the campaign (office, assigned reviewer, all-scope viewer). */
  allUnits: boolean;
}

// ── Self-assessments (自查报告) ─────────────────────────────────────────

export const SUBMISSION_STATUSES = ["open", "submitted", "confirmed", "returned"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  open: "填报中",
  submitted: "已提交待确认",
  confirmed: "已确认（已盖章）",
  returned: "退回补正",
};

export const COMPLETIONS = ["done", "partial", "not_done", "not_applicable"] as const;
export type Completion = (typeof COMPLETIONS)[number];
export const COMPLETION_LABELS: Record<Completion, string> = {
  done: "已完成",
  partial: "部分完成",
  not_done: "未完成",
  not_applicable: "不涉及",
};

export const selfAssessmentSaveSchema = z.strictObject({
  completion: z.enum(COMPLETIONS).nullable(),
  narrative: z.string().max(20_000),
  /** The version the editor loaded; a save on an older one is refused as stale. 0 = first save. */
  version: z.number().int().min(0),
});

export const submissionReturnSchema = z.strictObject({ reason: reasonSchema });

export const submissionSubmitSchema = z
  .object({
    /** Submit although indicators are left empty: without it such a submit answers 409 CONFIRMATION_REQUIRED naming them. */
    confirmEmpty: z.boolean().optional(),
  })
  .strict();

/** An applicable indicator whose self-assessment has no completion status yet (未填). */
export interface UnfilledIndicator {
  indicatorCode: string;
  indicatorName: string;
}

export interface EvidenceView {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
  sha256: string;
  revision: number;
  /** The earlier revision this one replaces. */
  previousId: string | null;
  /** False once a later revision exists. */
  current: boolean;
  uploadedBy: string;
  uploadedAt: string;
}

export interface SelfAssessmentView {
  indicatorCode: string;
  indicatorName: string;
  /** 一级 / 二级 names above it. */
  path: string[];
  points: string | null;
  assessmentPoint: string | null;
  completion: Completion | null;
  narrative: string;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  evidence: EvidenceView[];
}

export interface SubmissionView {
  campaignId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  status: SubmissionStatus;
  submittedAt: string | null;
  submittedBy: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  /** The digital seal: SHA-256 over the confirmed reports and their evidence hashes. */
  seal: string | null;
  returnReason: string | null;
  /** Confirmed after the deadline (迟报); missing at the deadline (漏报). */
  late: boolean;
  missing: boolean;
  deadline: string;
  version: number;
  items: SelfAssessmentView[];
  /** The items left empty (no completion status), which submitting must acknowledge. */
  unfilled: UnfilledIndicator[];
}

// ── Findings (问题台账) and measurements (测评数据) ────────────────────

export const FINDING_STATUSES = ["draft", "confirmed", "overturned", "withdrawn"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  draft: "草稿",
  confirmed: "已确认",
  overturned: "申诉撤销",
  withdrawn: "已作废",
};

export const findingInputSchema = z.strictObject({
  unitId: idSchema,
  indicatorCode: z.string().trim().min(1).max(32),
  /** The rule term (评分细则) the finding counts under. */
  ruleId: z.string().trim().min(1).max(64),
  /** Which fact of a rule that reads several; defaults to the rule's only fact. */
  fact: z.string().trim().max(64).optional(),
  /** 来源层级: required when the rule's amount depends on it. */
  sourceLevel: z.enum(SOURCE_LEVELS).nullish(),
  count: z.number().int().min(1).max(10_000).default(1),
  /** Manual-range rules (视情扣分): the score, within the rule's range. */
  points: pointsText.nullish(),
  /** 所涉内容/事项: required on rules that take the highest per content (同一宣传内容取最高分). */
  subject: z.string().trim().max(100).nullish(),
  /** 通报文号 */
  noticeNo: z.string().trim().max(100).nullish(),
  foundOn: z.iso.date().nullish(),
  description: z.string().trim().min(1).max(2000),
});
export type FindingInput = z.infer<typeof findingInputSchema>;

/** Every field optional (no defaults: an absent count stays as it is); `reason` is required to correct a confirmed finding. */
export const findingUpdateSchema = findingInputSchema.partial().extend({
  count: z.number().int().min(1).max(10_000).optional(),
  version: z.number().int().min(1),
  reason: reasonSchema.optional(),
});

export const findingListQuerySchema = pageQuerySchema.extend({
  unitId: idSchema.optional(),
  indicatorCode: z.string().max(32).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
});

export const findingDecisionSchema = z.strictObject({ reason: reasonSchema.optional() });

export interface FindingView {
  id: string;
  campaignId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  indicatorCode: string;
  indicatorName: string;
  ruleId: string;
  ruleText: string;
  effect: "deduct" | "bonus" | "score";
  fact: string | null;
  sourceLevel: string | null;
  count: number;
  points: string | null;
  subject: string | null;
  noticeNo: string | null;
  foundOn: string | null;
  description: string;
  status: FindingStatus;
  createdBy: string;
  createdAt: string;
  confirmedAt: string | null;
  evidenceCount: number;
  /** The open or decided appeal, if any. */
  appealStatus: AppealStatus | null;
  /** The caller may appeal this finding now (the server's appealRefusal: window, status, earlier appeals). */
  canAppeal: boolean;
  version: number;
}

export const measurementInputSchema = z.strictObject({
  unitId: idSchema,
  fact: z.string().trim().min(1).max(64),
  /** A number (rate, rank, score); booleans as true/false. null clears it. */
  value: z.union([z.number(), z.boolean()]).nullable(),
  note: z.string().trim().max(500).nullish(),
});

export interface MeasurementView {
  unitId: string;
  unitCode: string;
  unitName: string;
  fact: string;
  factLabel: string;
  value: number | boolean;
  note: string | null;
  updatedBy: string;
  updatedAt: string;
}

// ── Appeals (申诉) ─────────────────────────────────────────────────────

export const APPEAL_STATUSES = ["pending", "upheld", "overturned"] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = { pending: "待处理", upheld: "维持", overturned: "撤销扣分" };

export const appealCreateSchema = z.strictObject({ reason: reasonSchema });
export const appealDecisionSchema = z.strictObject({ decision: z.enum(["upheld", "overturned"]), reason: reasonSchema });

export interface AppealView {
  id: string;
  campaignId: string;
  findingId: string;
  unitId: string;
  unitName: string;
  indicatorCode: string;
  findingDescription: string;
  reason: string;
  status: AppealStatus;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  evidence: EvidenceView[];
}

// ── Scores and publications ────────────────────────────────────────────

export const whatIfSchema = z.strictObject({
  unitId: idSchema,
  excludeFindingIds: z.array(idSchema).min(1).max(1000),
});

/**
 * Who filled a fact without anyone typing it: the reporting deadline (迟报 / 漏报) or a
 * domain's fact source (the service-guide checker, the case store's 办件数据).
 */
export const FACT_ORIGINS = ["report_late", "report_missing", "guide_check", "cases", "supervision", "ratings", "hotline"] as const;
export type FactOrigin = (typeof FACT_ORIGINS)[number];

/** Where a fact value came from, so a lost point leads to its findings. */
export interface FactSource {
  fact: string;
  findingIds: string[];
  /** Filled by the system (迟报 / 漏报 at the deadline, a domain's fact source); absent when a measurement set it. */
  auto?: FactOrigin;
  /** The records behind an automatic value (e.g. the cases of a case fact, as a link into the app). */
  link?: string;
  measurement?: boolean;
}
