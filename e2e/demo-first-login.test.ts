/**
 * A fresh start as a new user sees it: the server loads the demo, the banner
 * says what it holds, and the office's first login opens a cockpit with data —
 * this year's campaign in review (a live preview), its units ranked, and last
 * year's published result on the trend.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { signedInPage } from "./support/page.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const STEP = 240_000;
const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

let server: RunningServer;
let browser: Browser;
let page: Page;

describe.skipIf(!enabled)("demo: the office's first login shows a living cockpit", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    "prints in the banner what the demo holds and the demo password",
    async () => {
      // The banner is printed once the server listens, just after /api/health answers.
      await expect.poll(() => server.output(), { timeout: 15_000 }).toContain("共用密码");
      expect(server.output()).toContain(`演示考核：${year - 1}年度长宁区营商环境考核（已发布）`);
      expect(server.output()).toContain(`演示考核：${year}年度长宁区营商环境考核（评审）`);
    },
    STEP,
  );

  it(
    "opens the cockpit on this year's campaign with its ranking and last year on the trend",
    async () => {
      const password = /共用密码：(\S+)（/.exec(server.output())![1]!;
      page = await signedInPage(browser, server.url, "kpb", password);
      await page.getByTestId("menu-cockpit").click();
      await page.getByTestId("cockpit-tab").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("cockpit-campaign").first().textContent()).toContain(`${year}年度长宁区营商环境考核`);
      for (const name of ["ranking", "trend", "distribution"]) {
        await page.getByTestId(`cockpit-chart-${name}`).locator("canvas").first().waitFor({ timeout: 20_000 });
      }
      // What the charts draw, as the signed-in page reads it.
      const view = await page.evaluate(async () => {
        const list = (await (await fetch("/api/campaigns?pageSize=10")).json()) as { rows: { id: string; status: string }[] };
        const current = list.rows.find((c) => c.status !== "draft")!;
        const cockpit = (await (await fetch(`/api/campaigns/${current.id}/cockpit`)).json()) as {
          unitCount: number;
          ranking: { unitName: string }[];
          trend: { year: number }[];
        };
        return { campaigns: list.rows.length, ...cockpit };
      });
      expect(view.campaigns).toBe(2);
      expect(view.unitCount).toBe(10);
      expect(view.ranking.map((r) => r.unitName)).toContain("区市场监管局");
      expect(view.trend.map((p) => p.year)).toEqual([year - 1, year]);
    },
    STEP,
  );
});
