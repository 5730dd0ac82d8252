/**
 * The platform story in a real browser: log in, create a unit, import the
 * units template with one bad row and see the row error, fix it and import,
 * then find the import in the audit log.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "./support/axe.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { importOutcome, loginAs } from "./support/page.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
let server: RunningServer;
let browser: Browser;
let page: Page;
const shots = path.join(os.tmpdir(), "kaoping-e2e-shots");

/** Fills the downloaded template's sheet with rows and saves it for upload. */
async function fillTemplate(template: Buffer, rows: (string | number)[][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet("单位")!;
  rows.forEach((row, i) => {
    sheet.getRow(i + 2).values = row;
  });
  const file = path.join(shots, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe.skipIf(!enabled)("units: create, import with a row error, fix, audit", () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("logs in as the administrator", async () => {
    await loginAs(page, server.url);
    expect(await page.getByTestId("header-user").textContent()).toContain("系统管理员");
    await expectAccessible(page, "首页");
  });

  it("names each page (title, h1) and lets the keyboard skip the menu", async () => {
    expect(await page.title()).toBe("首页 - 考评 Kaoping");
    expect(await page.locator("h1").allTextContents()).toEqual(["首页"]);
    await page.getByTestId("menu-units").click();
    await page.getByTestId("units-table").waitFor();
    // The document title is set in an effect after the page renders, so it can come after the table.
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe("单位管理 - 考评 Kaoping");
    expect(await page.locator("h1").allTextContents()).toEqual(["单位管理"]);
    // On a freshly opened page the first Tab reaches 跳到主要内容, which moves the focus past the menu into the page.
    await page.reload();
    await page.getByTestId("units-table").waitFor();
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent,
      ),
    ).toBe("跳到主要内容");
    await page.keyboard.press("Enter");
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id),
    ).toBe("main");
  });

  it("creates a unit from the units page", async () => {
    await page.getByTestId("menu-units").click();
    await page.getByTestId("units-table").waitFor();
    await page.getByTestId("unit-create").click();
    await page.getByTestId("unit-form-code").waitFor();
    await expectAccessible(page, "新增单位 dialog");
    await page.getByTestId("unit-form-code").fill("E2E-001");
    await page.getByTestId("unit-form-name").fill("端到端测试局");
    await page.getByTestId("unit-form-kind").click();
    await page.locator(".ant-select-item-option", { hasText: "部门" }).first().click();
    await page.getByTestId("unit-form-submit").click();
    await page.getByTestId("unit-form-submit").waitFor({ state: "hidden" });
    await page.getByPlaceholder("编码 / 名称 / 简称").fill("E2E-001");
    await page.getByPlaceholder("编码 / 名称 / 简称").press("Enter");
    await page.getByTestId("units-table").getByText("E2E-001").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("units-table").getByText("端到端测试局").count()).toBeGreaterThan(0);
    await expectAccessible(page, "单位管理, searched");
    // Editing right after adding opens on the record's own values, not the last dialog's leftovers.
    await page
      .getByTestId("units-table")
      .locator("tr.ant-table-row", { hasText: "E2E-001" })
      .getByRole("button", { name: /编\s*辑/ })
      .click();
    await page.getByTestId("unit-form-name").waitFor();
    expect(await page.getByTestId("unit-form-code").inputValue()).toBe("E2E-001");
    expect(await page.getByTestId("unit-form-name").inputValue()).toBe("端到端测试局");
    // Closed and at once opened to add: an empty form, even while the last one is still closing.
    await page.keyboard.press("Escape");
    await page.getByTestId("unit-create").click();
    await expect.poll(() => page.getByTestId("unit-form-code").inputValue(), { timeout: 5_000 }).toBe("");
    expect(await page.getByTestId("unit-form-name").inputValue()).toBe("");
    await page.keyboard.press("Escape");
    await page.getByTestId("unit-form-name").waitFor({ state: "hidden" });
  });

  it("shows the row error of a bad import, then imports the fixed file", async () => {
    const template = await page.request.get(`${server.url}/api/units/import-template`);
    expect(template.status()).toBe(200);
    const body = await template.body();
    const bad = await fillTemplate(
      body,
      [
        ["E2E-101", "端到端一局", "一局", "部门", "310105", "否", "正常", 1],
        ["E2E-102", "端到端二局", "二局", "不存在的类型", "310105", "否", "正常", 2],
      ],
      "bad.xlsx",
    );
    await page.getByTestId("unit-import").click();
    await page.getByTestId("import-file-input").setInputFiles(bad);
    await page.getByTestId("import-submit").click();
    const errors = page.getByTestId("import-errors");
    await errors.waitFor({ timeout: 15_000 });
    const text = await errors.textContent();
    expect(text).toContain("3");
    expect(text).toContain("单位类型");
    expect(text).toContain("不存在的类型");
    await expectAccessible(page, "导入单位 with row errors");
    await page.screenshot({ path: path.join(shots, "import-error.png") });

    const good = await fillTemplate(
      body,
      [
        ["E2E-101", "端到端一局", "一局", "部门", "310105", "否", "正常", 1],
        ["E2E-102", "端到端二局", "二局", "部门", "310105", "否", "正常", 2],
      ],
      "good.xlsx",
    );
    await page.getByTestId("import-file-input").setInputFiles(good);
    await page.getByTestId("import-submit").click();
    const result = await importOutcome(page, server.output);
    expect(await result.textContent()).toContain("2");
  });

  it("finds the import in the audit log", async () => {
    await page.keyboard.press("Escape");
    await page.getByTestId("menu-audit").click();
    const table = page.getByTestId("audit-table");
    await table.waitFor();
    await table.getByText("unit.import.summary").first().waitFor({ timeout: 15_000 });
    expect(await table.getByText("导入").count()).toBeGreaterThan(0);
    await expectAccessible(page, "审计日志");
    await page.screenshot({ path: path.join(shots, "audit.png") });
  });
});
