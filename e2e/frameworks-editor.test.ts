/**
 * The framework editor in a real browser: create a framework, add an
 * indicator with a rule from the seeds' text, see the validation panel flag
 * the undeclared fact and clear it, preview the score with its trace, save,
 * publish (read-only afterwards), and find it in the list.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "./support/axe.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { confirmPopconfirm, fillIn, loginAs } from "./support/page.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
let server: RunningServer;
let browser: Browser;
let page: Page;

describe.skipIf(!enabled)("frameworks: edit a rule, validate, preview, publish", () => {
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    await loginAs(page, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("creates a framework and adds a per-occurrence rule", async () => {
    await page.getByTestId("menu-frameworks").click();
    await page.getByTestId("frameworks-table").waitFor();
    await expectAccessible(page, "指标体系 list");
    await page.getByTestId("framework-create").click();
    await fillIn(page, "framework-form-code", "e2e-story");
    await fillIn(page, "framework-form-name", "端到端指标体系");
    await page.getByTestId("framework-create-submit").click();
    await page.getByTestId("framework-tree").waitFor({ timeout: 15_000 });
    await fillIn(page, "indicator-points", "5");
    await fillIn(page, "indicator-name", "精准预约");
    await expectAccessible(page, "指标体系编辑, new framework");
    await page.getByTestId("rule-add").click();
    await fillIn(page, "rule-form-text", "每发现一个事项未提供精准预约服务的扣0.5分");
    await fillIn(page, "rule-form-fact", "finding");
    await fillIn(page, "rule-form-amount", "0.5");
    await expectAccessible(page, "rule dialog");
    await page.getByTestId("rule-form-submit").click();
    await page.getByTestId("rule-item-1-1").waitFor();
    expect(await page.getByTestId("rule-original-text").first().textContent()).toContain("精准预约");
  });

  it("flags the undeclared fact, and clears it once declared", async () => {
    await expect
      .poll(async () => (await page.getByTestId("validation-error").allTextContents()).join(" "), { timeout: 10_000 })
      .toContain("finding");
    await page.getByTestId("tab-facts").click();
    await page.getByTestId("facts-add-missing").click();
    await expect.poll(() => page.getByTestId("validation-error").count(), { timeout: 10_000 }).toBe(0);
    await expectAccessible(page, "指标体系编辑, facts tab");
  });

  it("previews 7 findings × 0.5 against 5 points, with the arithmetic in the trace", async () => {
    await page.getByTestId("tab-preview").click();
    await fillIn(page, "preview-fact-finding", "7");
    await page.getByTestId("preview-run").click();
    await expect.poll(() => page.getByTestId("preview-points").textContent(), { timeout: 10_000 }).toBe("1.5 / 5");
    expect(await page.getByTestId("preview-trace").textContent()).toContain("7 × 0.5 = 3.5");
    await expectAccessible(page, "指标体系编辑, 试算 with its trace");
  });

  it("saves and publishes; the published version is read-only and listed", async () => {
    await page.getByTestId("framework-save").click();
    await expect.poll(() => page.getByTestId("framework-dirty").count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId("framework-publish").click();
    await confirmPopconfirm(page);
    await expect.poll(() => page.getByTestId("framework-status").textContent(), { timeout: 10_000 }).toBe("已发布");
    expect(await page.getByTestId("framework-save").count()).toBe(0);
    await expectAccessible(page, "指标体系编辑, published");
    await page.getByTestId("menu-frameworks").click();
    const row = page.getByTestId("frameworks-table").locator("tbody tr.ant-table-row", { hasText: "e2e-story" }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain("已发布");
  });
});
