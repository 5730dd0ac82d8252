import type { AppealStatus, FindingStatus, FindingView, IndicatorEntry, RuleTerm } from "@kaoping/core";
import type { findings } from "../../platform/db/schema.ts";
import type { CampaignUnitRow } from "../campaigns/policy.ts";

export type FindingRow = typeof findings.$inferSelect;

/** What a finding's view adds to the row: names from the frozen framework and units, counts from other tables. */
export interface FindingLookups {
  indicators: ReadonlyMap<string, IndicatorEntry>;
  rules: Map<string, RuleTerm>;
  units: Map<string, CampaignUnitRow>;
  userNames: Map<string, string>;
  evidenceCounts: Map<string, number>;
  appealStatus: Map<string, AppealStatus>;
  /** The caller may appeal it now. */
  isAppealable: (row: FindingRow) => boolean;
}

/** The name shown for a user id; records made by the system (fixtures, the CLI) have none. */
export const nameOf = (names: Map<string, string>, id: string | null) => (id ? (names.get(id) ?? "") : "系统");

export function presentFinding(row: FindingRow, lookups: FindingLookups): FindingView {
  const unit = lookups.units.get(row.unitId);
  const term = lookups.rules.get(row.ruleId);
  return {
    id: row.id,
    campaignId: row.campaignId,
    unitId: row.unitId,
    unitCode: unit?.code ?? "",
    unitName: unit?.name ?? "",
    indicatorCode: row.indicatorCode,
    indicatorName: lookups.indicators.get(row.indicatorCode)?.indicator.name ?? "",
    ruleId: row.ruleId,
    ruleText: term?.rule.text ?? "",
    effect: term?.effect ?? "deduct",
    fact: row.fact,
    sourceLevel: row.sourceLevel,
    count: row.count,
    points: row.points,
    subject: row.subject,
    noticeNo: row.noticeNo,
    foundOn: row.foundOn,
    description: row.description,
    status: row.status as FindingStatus,
    createdBy: nameOf(lookups.userNames, row.createdBy),
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    evidenceCount: lookups.evidenceCounts.get(row.id) ?? 0,
    appealStatus: lookups.appealStatus.get(row.id) ?? null,
    canAppeal: lookups.isAppealable(row),
    version: row.version,
  };
}

/** What the audit log keeps of a finding. */
export const auditFinding = (row: FindingRow, unitCode: string | undefined) => ({
  unitCode: unitCode ?? row.unitId,
  indicatorCode: row.indicatorCode,
  ruleId: row.ruleId,
  fact: row.fact,
  sourceLevel: row.sourceLevel,
  count: row.count,
  points: row.points,
  subject: row.subject,
  noticeNo: row.noticeNo,
  foundOn: row.foundOn,
  description: row.description,
  status: row.status,
});
