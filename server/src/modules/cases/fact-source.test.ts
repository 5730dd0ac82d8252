import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBuiltinFrameworkCampaign } from "../../test/campaigns.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { liveIndicator, livePoints } from "../findings/testing.ts";

let server: TestServer;
let reviewer: Client;
let ids: Map<string, string>;
let campaignId: string;

const link = (unitId: string, metric: string) => `/cases/list?unitId=${unitId}&from=2024-01-01&to=2024-12-31&metric=${metric}`;
const unitScore = async (unitId: string) =>
  (await reviewer.request({ method: "GET", url: `/api/campaigns/${campaignId}/units/${unitId}/score` })).json();

beforeAll(async () => {
  server = await startTestServer();
  ids = await makeUnitTree(server);
  await makeUser(server, { username: "rev", unitCode: "R", roles: ["reviewer"] });
  reviewer = await login(server, "rev");
  const [a, a1] = [ids.get("A")!, ids.get("A1")!];
  await storeCases(server.database.db, [
    // Department A1 in 2024: one online case of three; 0 + 1 + 2 visits.
    { caseNo: "C1", unitId: a1, channel: "online", visits: 0, acceptedAt: cst("2024-03-04T09:00:00") },
    { caseNo: "C2", unitId: a1, channel: "window", visits: 1, acceptedAt: cst("2024-03-05T09:00:00") },
    { caseNo: "C3", unitId: a1, channel: "window", visits: 2, acceptedAt: cst("2024-04-01T09:00:00") },
    // District A itself: a mobile case with no visit (A counts A1's cases too).
    { caseNo: "C4", unitId: a, channel: "mobile", visits: 0, acceptedAt: cst("2024-05-06T09:00:00") },
    // Accepted in 2025: outside the 2024 campaign's period.
    { caseNo: "C5", unitId: a1, channel: "online", visits: 0, acceptedAt: cst("2025-01-06T09:00:00") },
  ]);
  // A district and one of its departments assessed side by side, and B without any case.
  campaignId = await makeBuiltinFrameworkCampaign(server, { frameworkCode: "changning-yiwangtongban", reviewers: ["rev"], year: 2024 });
}, 120_000);
afterAll(() => server?.close());

describe("case facts in a campaign (Changning 2019 template, campaign year 2024)", () => {
  it("scores 5.1.1 网上受理率 from 办件数据 of the unit's subtree over the year, traced to the cases", async () => {
    const a1 = ids.get("A1")!;
    // A1: 1 of 3 online → 33.33% → 33.33 ÷ 100 × 5 = 1.6665 (the 2025 case is not counted).
    expect(await livePoints(server, campaignId, "A1", "5.1.1")).toBe("1.6665");
    // A with A1's cases: 2 of 4 (online + mobile) → 50% → 2.5.
    expect(await livePoints(server, campaignId, "A", "5.1.1")).toBe("2.5");
    // 6.2.5 跑动次数: A1 averages (0 + 1 + 2) ÷ 3 = 1 visit → 10 tenths × 0.25 off → 2.5; A 3 ÷ 4 = 0.75 → 7 × 0.25 off → 3.25.
    expect(await livePoints(server, campaignId, "A1", "6.2.5")).toBe("2.5");
    expect(await livePoints(server, campaignId, "A", "6.2.5")).toBe("3.25");

    const score = await unitScore(a1);
    expect(score.sources["case.online_rate"]).toEqual({
      fact: "case.online_rate",
      findingIds: [],
      auto: "cases",
      link: link(a1, "online_rate"),
    });
    expect(score.sources["case.avg_visits"]).toMatchObject({ auto: "cases", link: link(a1, "avg_visits") });
    const trace = (await liveIndicator(server, campaignId, "A1", "5.1.1")).trace;
    expect(trace[0]).toMatchObject({ ruleId: "cn-5.1.1", facts: { "case.online_rate": 33.33 } });
  });

  it("leaves a unit without cases 暂定 (缺少数据), not scored as 0%", async () => {
    const b = await liveIndicator(server, campaignId, "B", "5.1.1");
    expect(b.trace.map((s: { outcome?: string }) => s.outcome)).toEqual(["missing"]);
    expect((await unitScore(ids.get("B")!)).sources["case.online_rate"]).toBeUndefined();
  });

  it("lets a reviewer's measurement override the case data, and removing it brings 办件数据 back", async () => {
    const a1 = ids.get("A1")!;
    const put = (value: number | null) =>
      reviewer.request({
        method: "PUT",
        url: `/api/campaigns/${campaignId}/measurements`,
        payload: { unitId: a1, fact: "case.online_rate", value },
      });
    expect((await put(90)).statusCode).toBe(200);
    expect(await livePoints(server, campaignId, "A1", "5.1.1")).toBe("4.5");
    expect((await unitScore(a1)).sources["case.online_rate"]).toEqual({ fact: "case.online_rate", findingIds: [], measurement: true });
    expect((await put(null)).statusCode).toBe(200);
    expect(await livePoints(server, campaignId, "A1", "5.1.1")).toBe("1.6665");
  });
});
