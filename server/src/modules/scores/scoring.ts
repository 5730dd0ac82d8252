import {
  type AssembledFacts,
  assembleFacts,
  campaignPeriod,
  compileFramework,
  deadlineState,
  type FindingRecord,
  type Phases,
  reportingDeadline,
  type ScoreResult,
  type SourceLevel,
  scoreFramework,
} from "@kaoping/core";
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { queriesOn } from "../../platform/db/queries-on.ts";
import { campaignUnits, findings, measurements, submissions } from "../../platform/db/schema.ts";
import { type CampaignRow, campaignFramework } from "../campaigns/policy.ts";
import { loadSourcedFacts } from "./fact-sources.ts";
import { ruleGroupsOf } from "./unit-groups.ts";

export interface CampaignScores {
  result: ScoreResult;
  sources: AssembledFacts["sources"];
  /** unit code → unit id, for links from a score to the unit's pages. */
  unitIds: Record<string, string>;
}

/**
 * The live scoreboard: the campaign's current records through the engine.
 * Computed on every read (500 units score in ~30 ms), so it follows every
 * fact change without a cache to keep true. `excludeFindingIds` is the what-if.
 */
export async function computeCampaignScores(
  db: Db | Tx,
  campaign: CampaignRow,
  options: { excludeFindingIds?: ReadonlySet<string>; now?: number } = {},
): Promise<CampaignScores> {
  const framework = campaignFramework(campaign);
  const unitRows = await db
    .select()
    .from(campaignUnits)
    .where(eq(campaignUnits.campaignId, campaign.id))
    .orderBy(asc(campaignUnits.sortOrder));
  const codeOf = new Map(unitRows.map((u) => [u.unitId, u.code]));
  const [findingRows, measurementRows, submissionRows, sourced, groups] = await queriesOn(db, [
    () =>
      db
        .select()
        .from(findings)
        .where(and(eq(findings.campaignId, campaign.id), eq(findings.status, "confirmed"))),
    () => db.select().from(measurements).where(eq(measurements.campaignId, campaign.id)),
    () => db.select().from(submissions).where(eq(submissions.campaignId, campaign.id)),
    // The domains' facts (guide checker, case store …): a source is read only when the framework asks it.
    () => loadSourcedFacts(db, framework, { units: unitRows, ...campaignPeriod(campaign) }),
    () => ruleGroupsOf(db, framework, [...codeOf.keys()]),
  ]);
  const deadline = reportingDeadline(campaign.phases as Phases);
  const now = options.now ?? Date.now();
  const records: FindingRecord[] = findingRows
    .filter((f) => !options.excludeFindingIds?.has(f.id) && codeOf.has(f.unitId))
    .map((f) => ({
      id: f.id,
      unitCode: codeOf.get(f.unitId)!,
      ruleId: f.ruleId,
      fact: f.fact,
      sourceLevel: f.sourceLevel as SourceLevel | null,
      count: f.count,
      points: f.points,
      description: f.description,
      subject: f.subject,
    }));
  const assembled = assembleFacts({
    framework,
    units: unitRows.map((u) => ({
      code: u.code,
      name: u.shortName ?? u.name,
      category: u.category ?? undefined,
      isReference: u.isReference,
      groups: groups.byUnit.get(u.unitId),
      indicators: u.indicatorCodes ?? undefined,
    })),
    findings: records,
    measurements: measurementRows
      .filter((m) => codeOf.has(m.unitId))
      .map((m) => ({ unitCode: codeOf.get(m.unitId)!, fact: m.fact, value: m.value })),
    // Before the campaign opens there is nothing to be late with.
    deadlines: campaign.openedAt
      ? submissionRows
          .filter((s) => codeOf.has(s.unitId))
          .map((s) => ({ unitCode: codeOf.get(s.unitId)!, ...deadlineState(s.firstConfirmedAt?.getTime() ?? null, deadline, now) }))
      : [],
    sourced,
  });
  const result = scoreFramework(compileFramework(framework), { ...assembled.input, groupNames: groups.names });
  return { result, sources: assembled.sources, unitIds: Object.fromEntries(unitRows.map((u) => [u.code, u.unitId])) };
}
