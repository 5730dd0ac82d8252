import {
  appliesToCategory,
  CAMPAIGN_STATUS_LABELS,
  type CampaignStatus,
  countKey,
  type ErrorDetail,
  type FindingInput,
  type Framework,
  formatPts,
  type IndicatorEntry,
  indicatorIndex,
  isPointsText,
  pts,
  type RuleTerm,
  ruleIndex,
  type SourceLevel,
  TermError,
  type TermTarget,
  termTarget,
} from "@kaoping/core";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaignUnits } from "../../platform/db/schema.ts";
import { AppError, conflict } from "../../platform/errors.ts";
import { assertCan, type CampaignAccess, type CampaignRow, type CampaignUnitRow, campaignFramework } from "../campaigns/policy.ts";

/**
 * One validator for a finding, whether it arrives as JSON or as an Excel row:
 * errors name the input field, and each caller places them (body.<field> or
 * the sheet's column), so both say the same thing about the same mistake.
 */
export type FindingField = keyof FindingInput;
export interface FieldError {
  field: FindingField;
  message: string;
}

/** What findings are checked against: the campaign's frozen framework and units. */
export interface FindingScope {
  framework: Framework;
  indicators: ReadonlyMap<string, IndicatorEntry>;
  rules: Map<string, RuleTerm>;
  units: Map<string, CampaignUnitRow>;
}

export async function loadFindingScope(db: Db | Tx, campaign: CampaignRow): Promise<FindingScope> {
  const framework = campaignFramework(campaign);
  const units = await db.select().from(campaignUnits).where(eq(campaignUnits.campaignId, campaign.id));
  return {
    framework,
    indicators: indicatorIndex(framework),
    rules: ruleIndex(framework),
    units: new Map(units.map((u) => [u.unitId, u])),
  };
}

/** The stored form of a valid finding: the fact resolved from the rule, points normalised. */
export interface CheckedFinding {
  fact: string | null;
  sourceLevel: SourceLevel | null;
  points: string | null;
  /** Kept only where the rule takes the highest per subject. */
  subject: string | null;
}

export type FindingCheck = { ok: true; value: CheckedFinding } | { ok: false; errors: FieldError[] };

/** Checks the unit, the indicator, the rule and what the rule's term needs. */
export function checkFinding(scope: FindingScope, input: FindingInput): FindingCheck {
  const errors: FieldError[] = [];
  const fail = (field: FindingField, message: string): FindingCheck => ({ ok: false, errors: [...errors, { field, message }] });
  const unit = scope.units.get(input.unitId);
  if (!unit) errors.push({ field: "unitId", message: "单位不在本次考核中" });
  const code = input.indicatorCode;
  if (!scope.indicators.has(code)) return fail("indicatorCode", `指标 ${code} 不在本次考核的指标体系中`);
  if (unit && !appliesToCategory(scope.framework, code, unit.category)) {
    errors.push({
      field: "indicatorCode",
      message: `指标 ${code} 不适用于${unit.name}${unit.category ? `（类别 ${unit.category}）` : ""}`,
    });
  }
  const term = scope.rules.get(input.ruleId);
  if (!term || term.indicatorCode !== code) return fail("ruleId", `细则 ${input.ruleId} 不属于指标 ${code}`);
  let target: TermTarget;
  try {
    target = termTarget(scope.framework, term.rule, input.fact || undefined);
  } catch (error) {
    if (!(error instanceof TermError)) throw error;
    return fail(term.rule.kind === "max_of" ? "ruleId" : "fact", error.message);
  }
  const checked = checkTarget(term, target, input);
  if ("field" in checked) return fail(checked.field, checked.message);
  const subject = checkSubject(term, input);
  if (typeof subject === "object" && subject !== null) return fail(subject.field, subject.message);
  return errors.length ? { ok: false, errors } : { ok: true, value: { ...checked, subject } };
}

/** 同一宣传内容取最高分: such a rule's findings must say what they are about; no other rule keeps a subject. */
function checkSubject(term: RuleTerm, input: FindingInput): string | null | FieldError {
  const subject = input.subject?.trim() || null;
  if (!term.needsSubject) return null;
  if (!subject) return { field: "subject", message: `细则 ${term.rule.id} 同一内容取最高分，须填写所涉内容或事项` };
  return subject;
}

function checkTarget(term: RuleTerm, target: TermTarget, input: FindingInput): Omit<CheckedFinding, "subject"> | FieldError {
  const id = term.rule.id;
  const sourceLevel = input.sourceLevel ?? null;
  const hasPoints = input.points !== null && input.points !== undefined && input.points !== "";
  if (target.kind === "measurement") {
    return { field: "ruleId", message: `细则 ${id} 按测评数据（${target.facts.join("、")}）计分，请在“测评数据”中录入，不能登记为问题` };
  }
  if (target.kind === "manual") {
    const range = `${target.min}–${target.max}`;
    if (!hasPoints) return { field: "points", message: `细则 ${id} 视情计分，须填写分值（${range}）` };
    if (!isPointsText(input.points!)) return { field: "points", message: `分值「${input.points}」不是有效的数字（最多 4 位小数）` };
    const value = pts(input.points!);
    if (value < pts(target.min) || value > pts(target.max))
      return { field: "points", message: `分值须在 ${range} 之间，不是 ${input.points}` };
    return { fact: null, sourceLevel, points: formatPts(value) };
  }
  if (hasPoints) return { field: "points", message: `细则 ${id} 按规则自动计分，不能填写分值（只有视情计分的细则填写分值）` };
  if (target.kind === "count") {
    try {
      countKey(term.rule, target.fact, sourceLevel);
    } catch (error) {
      if (!(error instanceof TermError)) throw error;
      return { field: "sourceLevel", message: error.message };
    }
  }
  return { fact: target.fact, sourceLevel, points: null };
}

/** The JSON form of a failed check: 400 with each error at body.<field>. */
export function checkedOrThrow(scope: FindingScope, input: FindingInput): CheckedFinding {
  const result = checkFinding(scope, input);
  if (result.ok) return result.value;
  const details: ErrorDetail[] = result.errors.map((e) => ({ path: ["body", e.field], message: e.message }));
  throw new AppError("VALIDATION", result.errors[0]!.message, details);
}

/**
 * Findings and measurements are recorded while the campaign is under review;
 * the office may still correct them during the appeal and after publication
 * (a correction is then published as the next version).
 */
export function assertRecording(access: CampaignAccess, action: string): void {
  assertCan(access, "review", `无权${action}`);
  const status = access.campaign.status as CampaignStatus;
  if (status === "reviewing") return;
  if (access.can.manage && (status === "appeal" || status === "published")) return;
  const hint = status === "appeal" || status === "published" ? "；如需更正请联系考评办" : "";
  throw conflict(`考核处于“${CAMPAIGN_STATUS_LABELS[status]}”阶段，不能${action}${hint}`);
}
