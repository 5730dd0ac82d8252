import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaigns } from "../../platform/db/schema.ts";
import { CAMPAIGN_TEST_FRAMEWORK, makeTestCampaign } from "../../test/campaigns.ts";
import { makeUnit, startTestServer, type TestServer } from "../../test/harness.ts";
import { campaignDefinitions } from "./definitions.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  await makeUnit(server, { code: "D1", kind: "district", parentCode: "R" });
});
afterAll(() => server?.close());

const summary = async (id: string) => {
  const [row] = await server.database.db
    .select({ id: campaigns.id, openedAt: campaigns.openedAt })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  return row!;
};

describe("frozen definitions by campaign", () => {
  it("reads a definition once and serves the same frozen object after", async () => {
    const { campaignId } = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "reporting" });
    const first = (await campaignDefinitions(server.database.db, [await summary(campaignId)])).get(campaignId)!;
    const second = (await campaignDefinitions(server.database.db, [await summary(campaignId)])).get(campaignId)!;
    expect(second).toBe(first);
    expect(first.indicators.map((i) => i.code)).toEqual(CAMPAIGN_TEST_FRAMEWORK.indicators.map((i) => i.code));
    // Shared by every request: a caller that changed it would corrupt the next one's scores, so it cannot.
    expect(Object.isFrozen(first.indicators[0])).toBe(true);
    expect(() => {
      (first.indicators[0] as { name: string }).name = "改";
    }).toThrow(TypeError);
  });

  it("keys a draft and its opening apart, so the opening's definition is read", async () => {
    const { campaignId } = await makeTestCampaign(server, { unitCodes: ["D1"], stage: "draft" });
    const draft = await summary(campaignId);
    expect(draft.openedAt).toBeNull();
    const asDraft = (await campaignDefinitions(server.database.db, [draft])).get(campaignId)!;
    await server.database.db.update(campaigns).set({ openedAt: new Date() }).where(eq(campaigns.id, campaignId));
    const opened = (await campaignDefinitions(server.database.db, [await summary(campaignId)])).get(campaignId)!;
    expect(opened).not.toBe(asDraft);
    expect(opened).toEqual(asDraft);
  });
});
