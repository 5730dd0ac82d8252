import type { IndicatorScore } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { campaigns } from "../../platform/db/schema.ts";
import type { TestServer } from "../../test/harness.ts";
import { computeCampaignScores } from "../scores/scoring.ts";

/** Test helper: one unit's indicator as the live scoreboard has it now. */
export async function liveIndicator(
  server: TestServer,
  campaignId: string,
  unitCode: string,
  indicatorCode: string,
): Promise<IndicatorScore> {
  const [campaign] = await server.database.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  const { result } = await computeCampaignScores(server.database.db, campaign!);
  const unit = result.units.find((u) => u.unitCode === unitCode);
  const indicator = unit?.indicators.find((i) => i.code === indicatorCode);
  if (!indicator) throw new Error(`no indicator ${indicatorCode} for ${unitCode}`);
  return indicator;
}

/** The live points of one unit's indicator ("6", "5.5" …). */
export async function livePoints(server: TestServer, campaignId: string, unitCode: string, indicatorCode: string): Promise<string | null> {
  return (await liveIndicator(server, campaignId, unitCode, indicatorCode)).points;
}
