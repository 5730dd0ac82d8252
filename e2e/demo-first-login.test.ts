/**
 * A fresh start as a new user sees it: the server loads the demo, the banner
 * says what it holds, and the office's first login opens a cockpit with data —
 * this year's campaign in review (a live preview), its units ranked, and last
 * year's published result on the trend. Then every page of the menu, as each
 * role sees its menu, opens on the demo data without an error.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { signedInPage } from "./support/page.ts";
import { E2E_ADMIN, type RunningServer, startServer } from "./support/server.ts";

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

  it("opens every page of each role's menu without an error screen, a script error or a refused request", async () => {
    const password = /共用密码：(\S+)（/.exec(server.output())![1]!;
    // The administrator sees every page; each demo role its own menu (a page it is shown must work for it).
    const users = [E2E_ADMIN, ...["kpb", "dangxiao", "cn_scjg_lly", "cn_scjg_fzr", "viewer"].map((username) => ({ username, password }))];
    const problems: string[] = [];
    for (const user of users) {
      const rolePage = await signedInPage(browser, server.url, user.username, user.password);
      let where = "";
      rolePage.on("pageerror", (error) => problems.push(`${user.username} ${where}: script error ${error.message}`));
      rolePage.on("response", (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith("/api/") && response.status() >= 400)
          problems.push(`${user.username} ${where}: ${response.status()} ${url.pathname}${url.search}`);
      });
      // Requests in flight: Playwright's "networkidle" is reached once per document, not after each client-side navigation.
      let inFlight = 0;
      let lastChange = Date.now();
      const track = (delta: number) => () => {
        inFlight += delta;
        lastChange = Date.now();
      };
      rolePage.on("request", track(1));
      rolePage.on("requestfinished", track(-1));
      rolePage.on("requestfailed", track(-1));
      const settled = async () => {
        const deadline = Date.now() + 8_000;
        while (Date.now() < deadline && (inFlight > 0 || Date.now() - lastChange < 600)) await rolePage.waitForTimeout(100);
      };
      const items = await rolePage
        .locator('.ant-menu [data-testid^="menu-"]')
        .evaluateAll((spans) => spans.map((span) => span.getAttribute("data-testid") as string));
      expect(items.length, user.username).toBeGreaterThan(1);
      for (const item of items) {
        where = item;
        await rolePage.getByTestId(item).click();
        // Let the page's code and requests arrive and answer (a page that polls never goes quiet: the wait is bounded).
        await settled();
        if (await rolePage.getByTestId("route-error").isVisible()) {
          const message = await rolePage.getByTestId("route-error-message").textContent();
          problems.push(`${user.username} ${item}: error screen ${message}`);
        }
      }
      await rolePage.context().close();
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
