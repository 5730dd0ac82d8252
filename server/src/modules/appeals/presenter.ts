import type { AppealStatus, AppealView, EvidenceView } from "@kaoping/core";
import { nameOf } from "../findings/presenter.ts";
import type { AppealRow } from "./commands.ts";

export interface AppealLookups {
  unitName: string;
  indicatorCode: string;
  findingDescription: string;
  userNames: Map<string, string>;
  evidence: EvidenceView[];
}

export function presentAppeal(row: AppealRow, lookups: AppealLookups): AppealView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    findingId: row.findingId,
    unitId: row.unitId,
    unitName: lookups.unitName,
    indicatorCode: lookups.indicatorCode,
    findingDescription: lookups.findingDescription,
    reason: row.reason,
    status: row.status as AppealStatus,
    createdBy: nameOf(lookups.userNames, row.createdBy),
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedBy ? nameOf(lookups.userNames, row.decidedBy) : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
    evidence: lookups.evidence,
  };
}
