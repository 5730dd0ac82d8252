/**
 * The service-guide story in a real browser: the administrator imports the
 * provincial platform's sample through the 导入 dialog (省级平台导出, placed in
 * a chosen department), finds it in the guide list at 94.3 % with its error,
 * opens it and reads the findings inline on their elements (设定依据's missing
 * article, the phone numbers written with a long dash); then anyone, without
 * logging in, reports a problem on the public 找茬 page, and the administrator
 * finds the report in the 群众找茬 queue.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, expectAccessibleOnPhone } from "./support/axe.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { choose, fillIn, importOutcome, loginAs } from "./support/page.ts";
import { REPO_ROOT, type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const SAMPLE = path.join(REPO_ROOT, "core/src/guides/fixtures/provincial-platform-guide.json");
const ITEM = "固定资产投资项目节能审查";
const CODE = "11450721MB155808114000104002000";
/** The market regulator: where the demo data keeps this record, so the story reads the same with or without it. */
const UNIT = "上海市长宁区市场监督管理局";
const REPORT = "指南上的咨询电话0777—6428820打不通，请核实（端到端）";
const shots = path.join(os.tmpdir(), "kaoping-e2e-shots");

let server: RunningServer;
let browser: Browser;
let admin: Page;

/** The imported item's row in the guide list. */
const itemRow = () => admin.getByTestId("guides-table").locator("tr", { hasText: CODE });

describe.skipIf(!enabled)("service guides: import, check results inline, public 找茬, triage queue", () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    admin = await browser.newPage({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
    await loginAs(admin, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("imports the provincial sample through the 导入 dialog into a chosen department", async () => {
    await admin.getByTestId("menu-guide-items").click();
    await admin.getByTestId("guides-table").waitFor();
    await admin.getByTestId("guide-import").click();
    await choose(admin, "option", "guide-import-format", "省级平台导出");
    await choose(admin, "treeNode", "guide-import-unit", UNIT, "市场监督");
    await admin.getByTestId("import-file-input").setInputFiles(SAMPLE);
    await admin.getByTestId("import-submit").click();
    const result = await importOutcome(admin, server.output);
    // A new item, or version 2 of the record the demo data holds: either way one new version.
    expect(await result.textContent()).toContain("新增版本 1 个");
    expect(await admin.getByTestId("guide-import-rows").textContent()).toContain(ITEM);
    await expectAccessible(admin, "导入办事指南: the import report");
    await admin.screenshot({ path: path.join(shots, "guides-import.png") });
    await admin.keyboard.press("Escape");
  });

  it("lists the guide with its department, accuracy and errors", async () => {
    await fillIn(admin, "guide-search", CODE);
    await admin.keyboard.press("Enter");
    await itemRow().waitFor({ timeout: 15_000 });
    const text = await itemRow().textContent();
    expect(text).toContain(UNIT);
    expect(text).toContain("行政许可");
    expect(text).toContain("94.3%");
    expect(text).toContain("错误 1");
    expect(text).toContain("警告 2");
    await expectAccessible(admin, "指南清单, searched");
  });

  it("shows each finding inline on its element", async () => {
    await itemRow().getByTestId("guide-link").click();
    await admin.getByTestId("guide-title").waitFor({ timeout: 15_000 });
    expect(await admin.getByTestId("guide-title").textContent()).toBe(ITEM);

    const legal = admin.getByTestId("guide-element-legalBasis").locator('[data-check="G-BASIC-27"]');
    await legal.waitFor();
    // Where, by the field's Chinese name: never the path legalBases.1.article.
    expect(await legal.textContent()).toContain("设定依据第2项 · 条款");
    expect(await legal.textContent()).not.toContain("legalBases");
    expect(await legal.textContent()).toContain("错误");

    const phones = admin.getByTestId("guide-element-phoneAccuracy");
    expect(await phones.locator('[data-check="G-BASIC-25"]').count()).toBe(2);
    expect(await phones.textContent()).toContain("咨询电话");
    expect(await phones.textContent()).not.toContain("consultationPhone");
    expect(await phones.textContent()).toContain("0777—6428820");
    const basic = admin.getByTestId("guide-element-group").filter({ hasText: "基本信息" });
    expect(await basic.textContent()).toContain("电话准确性");
    expect(await basic.textContent()).toContain("联系电话");
    await expectAccessible(admin, "办事指南详情 with inline findings");
    await admin.screenshot({ path: path.join(shots, "guides-elements.png"), fullPage: true });
  });

  it("takes a report on the public 找茬 page without logging in", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 } });
    const visitor = await context.newPage();
    await visitor.goto(`${server.url}/report-guide`);
    await visitor.getByTestId("report-guide").waitFor({ timeout: 15_000 });
    await expectAccessible(visitor, "找茬 (public)");
    await fillIn(visitor, "report-guide-item", "节能审查");
    await visitor.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: ITEM }).first().click({ timeout: 15_000 });
    await visitor.getByTestId("report-guide-description").fill(REPORT);
    await visitor.getByTestId("report-guide-contact").fill("13800000000");
    await visitor.getByTestId("report-guide-submit").click();
    const thanks = visitor.getByTestId("report-guide-thanks");
    await thanks.waitFor({ timeout: 15_000 });
    expect(await thanks.textContent()).toContain("感谢");
    await expectAccessible(visitor, "找茬 (public), thanked");
    await visitor.screenshot({ path: path.join(shots, "guides-report.png") });
    await context.close();
  });

  it("shows the report in the 群众找茬 queue", async () => {
    await admin.getByTestId("menu-guide-reports").click();
    const table = admin.getByTestId("fault-reports-table");
    await table.waitFor();
    const row = table.locator("tr", { hasText: REPORT });
    await row.waitFor({ timeout: 15_000 });
    const text = await row.textContent();
    expect(text).toContain(ITEM);
    expect(text).toContain("待处理");
    await expectAccessible(admin, "群众找茬 queue");
    await admin.screenshot({ path: path.join(shots, "guides-reports.png") });
  });

  it("keeps the public pages accessible on a phone (375 px)", async () => {
    await expectAccessibleOnPhone(browser, `${server.url}/report-guide`, (page) => page.getByTestId("report-guide").waitFor(), "找茬");
    await expectAccessibleOnPhone(browser, `${server.url}/login`, (page) => page.getByTestId("login-username").waitFor(), "登录");
  });
});
