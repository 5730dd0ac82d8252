import {
  type Completion,
  deadlineState,
  type IndicatorEntry,
  type Phases,
  reportingDeadline,
  type SelfAssessmentView,
  type SubmissionStatus,
  type SubmissionView,
  type UnfilledIndicator,
} from "@kaoping/core";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { selfAssessments, submissions, users } from "../../platform/db/schema.ts";
import type { CampaignAccess, CampaignUnitRow } from "../campaigns/policy.ts";
import { applicableLeaves } from "../campaigns/queries.ts";
import { listEvidenceFor } from "../evidence/queries.ts";

type ReportRow = typeof selfAssessments.$inferSelect;

/**
 * 未填: the applicable leaves whose self-assessment has no completion status
 * (as progress counts them), in framework order. The submit command and the
 * submission's view both read this list.
 */
export function unfilledIndicators(
  leaves: readonly IndicatorEntry[],
  reports: readonly Pick<ReportRow, "indicatorCode" | "completion">[],
): UnfilledIndicator[] {
  const reported = new Set(reports.filter((r) => r.completion !== null).map((r) => r.indicatorCode));
  return leaves
    .filter(({ indicator }) => !reported.has(indicator.code))
    .map(({ indicator }) => ({ indicatorCode: indicator.code, indicatorName: indicator.name }));
}

/** Users' display names by id; `known` ones (the caller, who just saved) are not looked up. */
async function namesOf(db: Db | Tx, ids: (string | null | undefined)[], known = new Map<string, string>()): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id && !known.has(id)))];
  if (!wanted.length) return known;
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map([...known, ...rows.map((u) => [u.id, u.name] as const)]);
}

/** Self-assessments with their evidence, for the given leaves (one when a report was just saved). */
async function presentItems(
  db: Db | Tx,
  access: CampaignAccess,
  unit: CampaignUnitRow,
  leaves: IndicatorEntry[],
  reports: ReportRow[],
): Promise<SelfAssessmentView[]> {
  const evidence = reports.length
    ? await listEvidenceFor({
        db,
        campaignId: access.campaign.id,
        unitId: unit.unitId,
        ownerType: "self_assessment",
        ownerIds: reports.map((r) => r.id),
      })
    : new Map();
  const { principal } = access;
  const names = await namesOf(
    db,
    reports.map((r) => r.updatedBy),
    new Map(principal.id ? [[principal.id, principal.displayName]] : []),
  );
  const byCode = new Map(reports.map((r) => [r.indicatorCode, r]));
  return leaves.map(({ indicator, path }) => {
    const report = byCode.get(indicator.code);
    return {
      indicatorCode: indicator.code,
      indicatorName: indicator.name,
      path,
      points: indicator.points ?? null,
      assessmentPoint: indicator.assessmentPoint ?? null,
      completion: (report?.completion ?? null) as Completion | null,
      narrative: report?.narrative ?? "",
      version: report?.version ?? 0,
      updatedAt: report?.updatedAt.toISOString() ?? null,
      updatedBy: report?.updatedBy ? (names.get(report.updatedBy) ?? null) : null,
      evidence: report ? (evidence.get(report.id) ?? []) : [],
    };
  });
}

const reportsOf = (campaignId: string, unitId: string, indicatorCode?: string) =>
  and(
    eq(selfAssessments.campaignId, campaignId),
    eq(selfAssessments.unitId, unitId),
    indicatorCode ? eq(selfAssessments.indicatorCode, indicatorCode) : undefined,
  );

/** One saved self-assessment as the editor shows it (the answer to a save). */
export async function presentSavedSelfAssessment(db: Db | Tx, saved: { report: ReportRow; access: CampaignAccess; unit: CampaignUnitRow }) {
  const { report, access, unit } = saved;
  const leaf = applicableLeaves(access.campaign, unit).filter((e) => e.indicator.code === report.indicatorCode);
  return (await presentItems(db, access, unit, leaf, [report]))[0];
}

/** One unit's submission: every applicable leaf indicator with its self-assessment and evidence. */
export async function getSubmission(db: Db | Tx, access: CampaignAccess, unit: CampaignUnitRow): Promise<SubmissionView> {
  const { campaign } = access;
  const [submission] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaign.id), eq(submissions.unitId, unit.unitId)));
  const reports = await db.select().from(selfAssessments).where(reportsOf(campaign.id, unit.unitId));
  const names = await namesOf(db, [submission?.submittedBy, submission?.confirmedBy]);
  const deadline = reportingDeadline(campaign.phases as Phases);
  const leaves = applicableLeaves(campaign, unit);
  const state = campaign.openedAt
    ? deadlineState(submission?.firstConfirmedAt?.getTime() ?? null, deadline, Date.now())
    : { late: false, missing: false };
  return {
    campaignId: campaign.id,
    unitId: unit.unitId,
    unitCode: unit.code,
    unitName: unit.name,
    status: (submission?.status ?? "open") as SubmissionStatus,
    submittedAt: submission?.submittedAt?.toISOString() ?? null,
    submittedBy: submission?.submittedBy ? (names.get(submission.submittedBy) ?? null) : null,
    confirmedAt: submission?.confirmedAt?.toISOString() ?? null,
    confirmedBy: submission?.confirmedBy ? (names.get(submission.confirmedBy) ?? null) : null,
    seal: submission?.seal ?? null,
    returnReason: submission?.returnReason ?? null,
    ...state,
    deadline: new Date(deadline).toISOString(),
    version: submission?.version ?? 0,
    items: await presentItems(db, access, unit, leaves, reports),
    unfilled: unfilledIndicators(leaves, reports),
  };
}
