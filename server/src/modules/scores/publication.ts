import type { FindingBrief } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { campaignUnits, findings } from "../../platform/db/schema.ts";
import type { CampaignScores } from "./scoring.ts";

/** A confirmed finding as published: what the unit lost or gained points for, frozen with the result. */
export type PublishedFinding = Omit<FindingBrief, "status" | "appealStatus" | "evidence"> & { unitCode: string };

/** The finding columns both the published copy and the live brief show. */
export function findingFacts(f: typeof findings.$inferSelect) {
  return {
    id: f.id,
    indicatorCode: f.indicatorCode,
    ruleId: f.ruleId,
    sourceLevel: f.sourceLevel,
    count: f.count,
    points: f.points,
    noticeNo: f.noticeNo,
    foundOn: f.foundOn,
    description: f.description,
  };
}

/** The frozen content of a publication row. */
export interface PublishedResult extends CampaignScores {
  findings: PublishedFinding[];
}

export async function publishedFindings(db: Db | Tx, campaignId: string): Promise<PublishedFinding[]> {
  const rows = await db
    .select({ finding: findings, unitCode: campaignUnits.code })
    .from(findings)
    .innerJoin(campaignUnits, and(eq(campaignUnits.campaignId, findings.campaignId), eq(campaignUnits.unitId, findings.unitId)))
    .where(and(eq(findings.campaignId, campaignId), eq(findings.status, "confirmed")));
  return rows.map(({ finding, unitCode }) => ({ ...findingFacts(finding), unitCode }));
}
