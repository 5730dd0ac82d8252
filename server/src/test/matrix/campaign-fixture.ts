import { eq } from "drizzle-orm";
import { userRoles, users } from "../../platform/db/schema.ts";
import { makeTestCampaign } from "../campaigns.ts";
import type { TestServer } from "../harness.ts";
import type { CampaignStage, Target } from "./types.ts";

/**
 * The matrix's campaigns: "own" holds A and A1 and has every reviewer-role
 * user assigned; "other" holds B and B1 and nobody assigned, so a reviewer
 * is refused there as a liaison of A is.
 */
export async function makeCampaign(options: {
  server: TestServer;
  ids: Map<string, string>;
  target: Target;
  stage: CampaignStage;
  seq: () => number;
}): Promise<{ campaignId: string; unitId: string }> {
  const { server, target, stage } = options;
  const reviewers =
    target === "own"
      ? (
          await server.database.db
            .select({ username: users.username })
            .from(users)
            .innerJoin(userRoles, eq(userRoles.userId, users.id))
            .where(eq(userRoles.roleCode, "reviewer"))
        ).map((r) => r.username)
      : [];
  const codes = target === "own" ? ["A", "A1"] : ["B", "B1"];
  const campaign = await makeTestCampaign(server, { unitCodes: codes, stage, reviewers });
  return { campaignId: campaign.campaignId, unitId: options.ids.get(codes[0]!)! };
}
