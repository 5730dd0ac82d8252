import { makeTestCampaign, type TestCampaignStage } from "../../test/campaigns.ts";
import { type Client, login, makeUnit, makeUser, type TestServer } from "../../test/harness.ts";

/**
 * Three units under one city: 甲 gets the fixture's 市级 finding (1.1 loses
 * 1 point → 19 of 20), 乙 keeps full marks, 丙 is a reference unit.
 */
export const UNITS = {
  first: { code: "RP1", name: "长宁区行政服务中心" },
  second: { code: "RP2", name: "徐汇区行政服务中心" },
  reference: { code: "RP3", name: "参照区行政服务中心" },
} as const;
export const FINDING = { description: "办事指南要素缺失（市级通报）", noticeNo: "沪审改通〔2026〕1号" };

export interface ReportFixture {
  office: Client;
  liaison: Client;
  otherLiaison: Client;
  viewer: Client;
  campaign: (stage?: TestCampaignStage, frameworkId?: string) => ReturnType<typeof makeTestCampaign>;
}

export async function buildReportFixture(server: TestServer): Promise<ReportFixture> {
  await makeUnit(server, { code: "RPC", name: "市审改办", kind: "city" });
  for (const unit of [UNITS.first, UNITS.second]) await makeUnit(server, { ...unit, kind: "district", parentCode: "RPC" });
  await makeUnit(server, { ...UNITS.reference, kind: "district", parentCode: "RPC", isReference: true });
  await makeUser(server, { username: "rp_office", unitCode: "RPC", roles: ["assessment_admin"] });
  await makeUser(server, { username: "rp_liaison", unitCode: UNITS.first.code, roles: ["unit_liaison"] });
  await makeUser(server, { username: "rp_liaison2", unitCode: UNITS.second.code, roles: ["unit_liaison"] });
  await makeUser(server, { username: "rp_viewer", unitCode: "RPC", roles: ["viewer"] });
  return {
    office: await login(server, "rp_office"),
    liaison: await login(server, "rp_liaison"),
    otherLiaison: await login(server, "rp_liaison2"),
    viewer: await login(server, "rp_viewer"),
    campaign: (stage = "published", frameworkId) =>
      makeTestCampaign(server, { unitCodes: [UNITS.first.code, UNITS.second.code, UNITS.reference.code], stage, frameworkId }),
  };
}
