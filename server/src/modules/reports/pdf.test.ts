import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestCampaign } from "../../test/campaigns.ts";
import { startTestServer, type TestServer } from "../../test/harness.ts";
import { fold, pdfText } from "../../test/pdf-text.ts";
import { buildReportFixture, FINDING, type ReportFixture, UNITS } from "./test-fixture.ts";

let server: TestServer;
let f: ReportFixture;
let published: TestCampaign;

beforeAll(async () => {
  server = await startTestServer();
  f = await buildReportFixture(server);
  published = await f.campaign("published");
}, 120_000);
afterAll(() => server?.close());

describe("PDF through Chromium", () => {
  it("renders the unit report with the Chinese unit name and the score as extractable text (CJK fonts embedded with ToUnicode)", async () => {
    const res = await f.liaison.request({
      method: "GET",
      url: `/api/campaigns/${published.campaignId}/units/${published.unitIds[UNITS.first.code]}/report.pdf`,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent(UNITS.first.name));
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(fold(UNITS.first.name));
    expect(text).toContain("19 分");
    expect(text).toContain("第 2 名 / 共 2 家");
    expect(text).toContain(fold(FINDING.noticeNo));
  });

  it("renders the bulletin with the same browser, several at once", async () => {
    const url = `/api/campaigns/${published.campaignId}/bulletin.pdf`;
    const responses = await Promise.all([1, 2, 3].map(() => f.office.request({ method: "GET", url })));
    for (const res of responses) expect(res.statusCode).toBe(200);
    const text = await pdfText(responses[0]!.rawPayload);
    expect(text).toContain("结果的通报");
    expect(text).toContain(fold(UNITS.second.name));
    expect(text).toContain(fold(FINDING.description));
  });
});

describe("without Chromium", () => {
  it("answers 503 UNAVAILABLE with a pointer to the print page", async () => {
    const bare = await startTestServer({ chromiumPath: "/nonexistent/chromium" });
    try {
      const g = await buildReportFixture(bare);
      const c = await g.campaign("published");
      const res = await g.office.request({
        method: "GET",
        url: `/api/campaigns/${c.campaignId}/units/${c.unitIds[UNITS.first.code]}/report.pdf`,
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ code: "UNAVAILABLE", message: "服务器未安装 Chromium，无法生成 PDF；请使用打印页面" });
      const page = await g.office.request({
        method: "GET",
        url: `/api/campaigns/${c.campaignId}/units/${c.unitIds[UNITS.first.code]}/report.html`,
      });
      expect(page.statusCode).toBe(200);
    } finally {
      await bare.close();
    }
    // A second server and a published campaign built from scratch: minutes on a loaded 2-core machine.
  }, 180_000);
});
