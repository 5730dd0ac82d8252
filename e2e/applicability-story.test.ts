/**
 * 不适用, 折算 and 暂定 in a real browser, on seed 004 (双鸭山 2017): indicator 1.2 “纳入县(区)委考核”
 * applies to counties only, and the tax bureau (中省直单位) is assessed on the office's chosen “相关任务”.
 * A department that lost 1 point on 1.3 has 94 of an applicable 95, rescaled (百分制, proportional)
 * to 94 × 100 ÷ 95 = 98.95; the county has no 县(区)委考核分值 recorded, so the result is 暂定 and
 * publishing it asks for confirmation, naming what is missing.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, publishTemplate, unitIdByCode } from "./support/api.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { daysAgo } from "./support/campaigns.ts";
import { signedInPage } from "./support/page.ts";
import { E2E_ADMIN, type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const STEP = 180_000;
const DEPARTMENT = "310105-D01";
const COUNTY = "310105-D02";
const TAX = "310105-D03";

let server: RunningServer;
let browser: Browser;
let page: Page;
let campaignId: string;

const scoresUrl = () => `${server.url}/assess/campaigns/${campaignId}?tab=scores`;

describe.skipIf(!enabled)("applicability story: 不适用, 折算 and 暂定 on the scoreboard", () => {
  beforeAll(async () => {
    server = await startServer();
    const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
    const framework = await publishTemplate(api, "shuangyashan-internet-plus");
    const categories: Record<string, string> = { [DEPARTMENT]: "city_body", [COUNTY]: "county", [TAX]: "provincial_body" };
    const unitIds = new Map<string, string>();
    for (const code of Object.keys(categories)) unitIds.set(code, await unitIdByCode(api, code));
    ({ id: campaignId } = await api.post<{ id: string }>("/api/campaigns", {
      frameworkId: framework.id,
      name: "2017年“互联网+政务服务”考核（适用与折算）",
      year: 2017,
      phases: { reportingOpens: daysAgo(30), reportingCloses: "2099-12-30", appealCloses: "2099-12-31" },
      units: [...unitIds].map(([code, unitId]) => ({ unitId, category: categories[code] })),
    }));
    await api.json("PUT", `/api/campaigns/${campaignId}/units/${unitIds.get(TAX)}/indicators`, { indicatorCodes: ["2", "3"] });
    const transition = (to: string) => api.post(`/api/campaigns/${campaignId}/transition`, { to });
    await transition("reporting");
    await transition("reviewing");
    const finding = await api.post<{ id: string }>(`/api/campaigns/${campaignId}/findings`, {
      unitId: unitIds.get(DEPARTMENT),
      indicatorCode: "1.3",
      ruleId: "sys-1.3-a",
      count: 1,
      description: "未按省要求制发“互联网+政务服务”实施方案",
    });
    await api.post(`/api/campaigns/${campaignId}/findings/${finding.id}/confirm`);
    await transition("appeal");
    browser = await launchChromium();
    page = await signedInPage(browser, server.url, E2E_ADMIN.username, E2E_ADMIN.password);
  }, STEP);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    "the ranking shows 折算分 98.95 for the department, 100 for the tax bureau's 40 of 40, and 暂定 ranks with what is missing",
    async () => {
      await page.goto(scoresUrl());
      await page.getByTestId("scores-ranking").waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getByTestId(`score-rescaled-${DEPARTMENT}`).textContent(), { timeout: 15_000 }).toBe("98.95");
      expect(await page.getByTestId(`score-total-${DEPARTMENT}`).textContent()).toBe("94");
      expect(await page.getByTestId(`score-rescaled-${TAX}`).textContent()).toBe("100");
      expect(await page.getByTestId(`score-provisional-${DEPARTMENT}`).textContent()).toBe("暂定");
      const missing = (await page.getByTestId("provisional-alert").textContent()) ?? "";
      expect(missing).toContain("1.2 网上政务服务工作纳入本县(区)委考核体系");
      expect(missing).toContain("缺少数据");
    },
    STEP,
  );

  it(
    "the matrix marks the tax bureau's part 1 不适用 (no loss) and the department's part 1 as 14 of an applicable 15",
    async () => {
      await page.getByTestId("scores-view").getByText("得分矩阵").click();
      const matrix = page.getByTestId("scores-matrix");
      await matrix.waitFor();
      // Only the tax bureau has a first-level indicator that does not apply (its part 1).
      expect(await matrix.getByTestId("not-applicable").first().textContent({ timeout: 15_000 })).toBe("不适用");
      expect(await page.getByTestId(`matrix-${DEPARTMENT}-1`).textContent()).toBe("14");
      const departmentRow = matrix.locator("tr.ant-table-row").filter({ has: page.getByTestId(`score-open-${DEPARTMENT}`) });
      expect(await departmentRow.textContent()).toContain("14/15");
    },
    STEP,
  );

  it(
    "publishing the 暂定 result asks for confirmation, naming what is missing, then publishes",
    async () => {
      await page.goto(`${server.url}/assess/campaigns/${campaignId}`);
      await page.getByTestId("campaign-action-publish").click();
      const list = page.getByTestId("provisional-list");
      await list.waitFor({ timeout: 15_000 });
      expect(await list.textContent()).toContain("缺少数据");
      await page.getByTestId("publish-provisional-confirm").click();
      await page.getByTestId("campaign-action-confirm").click();
      await expect.poll(() => page.getByTestId("campaign-status").first().textContent(), { timeout: 20_000 }).toBe("已发布");
    },
    STEP,
  );
});
