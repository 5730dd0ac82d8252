/**
 * What an office reads at 1440 px, in Chinese: the findings table shows a
 * finding's description, points and status with its whole notice number;
 * the header keeps the user's name on one line in either language; the audit
 * log titles its actions and names its objects (no codes, no id prefixes).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, publishTemplate, unitIdByCode } from "./support/api.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { daysAgo } from "./support/campaigns.ts";
import { signedInPage } from "./support/page.ts";
import { E2E_ADMIN, type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const STEP = 180_000;
const NAME = "2021年营商环境考核（版面）";
const NOTICE = "拱营商办通〔2021〕第128号";
const DESCRIPTION =
  "区行政服务中心综合窗口未设置母婴室和老年人绿色通道，现场检查时群众反映等候区座椅不足，且导办人员对新进驻事项的办理流程不熟悉。";

let server: RunningServer;
let browser: Browser;
let page: Page;
let campaignId: string;
const shots = path.join(os.tmpdir(), "kaoping-e2e-shots");

interface Box {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  contains(other: unknown): boolean;
}

/** The element is seen: its middle lies in the 1440 px window and nothing (a fixed column, a scrolled edge) covers it. */
function isInView(locator: Locator): Promise<boolean> {
  return locator.evaluate((node) => {
    const element = node as unknown as Box;
    const box = element.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document;
    const hit = x < 1440 ? doc.elementFromPoint(x, y) : null;
    return hit !== null && (element.contains(hit) || (hit as Box).contains(element));
  });
}

describe.skipIf(!enabled)("Chinese at 1440 px: findings table, header, audit log", () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
    const framework = await publishTemplate(api, "gongshu-business-environment");
    const unitId = await unitIdByCode(api, "310105-D03");
    ({ id: campaignId } = await api.post<{ id: string }>("/api/campaigns", {
      frameworkId: framework.id,
      name: NAME,
      year: 2021,
      phases: { reportingOpens: daysAgo(30), reportingCloses: "2099-12-30", appealCloses: "2099-12-31" },
      units: [{ unitId }],
    }));
    await api.post(`/api/campaigns/${campaignId}/transition`, { to: "reporting" });
    await api.post(`/api/campaigns/${campaignId}/transition`, { to: "reviewing" });
    const finding = await api.post<{ id: string }>(`/api/campaigns/${campaignId}/findings`, {
      unitId,
      indicatorCode: "3.1",
      ruleId: "gs-3.1-a",
      count: 2,
      noticeNo: NOTICE,
      foundOn: "2021-06-18",
      description: DESCRIPTION,
    });
    await api.post(`/api/campaigns/${campaignId}/findings/${finding.id}/confirm`);
    browser = await launchChromium();
    page = await signedInPage(browser, server.url, E2E_ADMIN.username, E2E_ADMIN.password);
  }, STEP);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    "shows description, points and status in view, and the whole notice number",
    async () => {
      await page.goto(`${server.url}/assess/campaigns/${campaignId}?tab=findings`);
      const row = page.getByTestId("findings-table").locator("tr.ant-table-row", { hasText: NOTICE });
      await row.waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(shots, "findings-1440.png") });
      const notice = row.getByTestId("finding-notice");
      expect(await notice.innerText()).toContain(NOTICE);
      // Not cut: the cell shows all of it (its content is no wider than its box).
      expect(
        await notice.evaluate(
          (e) => (e as unknown as { scrollWidth: number }).scrollWidth <= (e as unknown as { clientWidth: number }).clientWidth + 1,
        ),
      ).toBe(true);
      expect(await isInView(notice)).toBe(true);
      expect(await isInView(row.getByTestId("finding-description-cell"))).toBe(true);
      expect(await isInView(row.getByText("2 次"))).toBe(true);
      expect(await isInView(row.getByTestId("finding-status"))).toBe(true);
      expect(await row.getByTestId("finding-status").innerText()).toContain("已确认");
    },
    STEP,
  );

  it(
    "keeps the user's name on one line in the header, in Chinese and in English",
    async () => {
      const user = page.getByTestId("header-user");
      const middle = async (testId: string) => {
        const box = (await page.getByTestId(testId).boundingBox())!;
        return box.y + box.height / 2;
      };
      // On one line: the name and the unit name share their middle.
      const onOneLine = async () => Math.abs((await middle("header-user-name")) - (await middle("header-user-unit"))) < 4;
      expect(await onOneLine()).toBe(true);
      await page.evaluate(() =>
        (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem("kaoping.lang", "en-US"),
      );
      await page.reload();
      await user.waitFor();
      await page.screenshot({ path: path.join(shots, "header-en-1440.png") });
      expect(await onOneLine()).toBe(true);
      await page.evaluate(() =>
        (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem("kaoping.lang", "zh-CN"),
      );
      await page.reload();
      await user.waitFor();
    },
    STEP,
  );

  it(
    "titles audit actions in Chinese and names the campaign and the finding",
    async () => {
      await page.getByTestId("menu-audit").click();
      const table = page.getByTestId("audit-table");
      await table.getByText("确认扣分事项").first().waitFor({ timeout: 15_000 });
      expect(await table.getByText("考核进入评审").count()).toBeGreaterThan(0);
      const names = await table.getByTestId("audit-entity-name").allInnerTexts();
      expect(names).toContain(NAME);
      // A finding's long name ends in an ellipsis in the cell; its tooltip reads it whole.
      await table.getByTestId("audit-entity-name").filter({ hasText: "上海市长宁区市场监督管理局 拱" }).first().hover();
      await expect.poll(() => page.getByTestId("audit-entity-tip").last().textContent(), { timeout: 15_000 }).toContain(NOTICE);
      await page.screenshot({ path: path.join(shots, "audit-1440.png") });
    },
    STEP,
  );
});
