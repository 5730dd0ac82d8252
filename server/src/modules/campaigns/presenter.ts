import type { CampaignStatus, CampaignSummary, Phases } from "@kaoping/core";
import type { CampaignSummaryRow } from "./definitions.ts";
import type { CampaignRow } from "./policy.ts";

export interface CampaignCounts {
  unitCount: number;
  publishedVersion: number | null;
  frameworkName: string;
}

export function presentCampaign(row: CampaignSummaryRow, counts: CampaignCounts): CampaignSummary {
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    issuer: row.issuer,
    status: row.status as CampaignStatus,
    frameworkId: row.frameworkId,
    frameworkCode: row.frameworkCode,
    frameworkName: counts.frameworkName,
    frameworkVersion: row.frameworkVersion,
    phases: row.phases as Phases,
    unitCount: counts.unitCount,
    publishedVersion: counts.publishedVersion,
    openedAt: row.openedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a campaign row (the frozen definition stays in the row). */
export const auditCampaign = (row: CampaignRow) => ({
  name: row.name,
  year: row.year,
  issuer: row.issuer,
  status: row.status,
  framework: `${row.frameworkCode} v${row.frameworkVersion}`,
  phases: row.phases,
});
