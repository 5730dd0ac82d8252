import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { expectAccessible } from "./axe.ts";
import { E2E_ADMIN } from "./server.ts";

/** Logs in through the login page (checked for accessibility on the way) and waits for the shell. */
export async function loginAs(page: Page, baseUrl: string, user = E2E_ADMIN.username, password = E2E_ADMIN.password): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("login-username").waitFor();
  await expectAccessible(page, "登录");
  await page.getByTestId("login-username").fill(user);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("header-user").waitFor({ timeout: 20_000 });
}

/** Fills an input whose test id sits on the input itself or on an antd wrapper. */
export async function fillIn(page: Page, testId: string, value: string): Promise<void> {
  const target = page.getByTestId(testId).first();
  const tag = await target.evaluate((e) => e.tagName);
  await (tag === "INPUT" || tag === "TEXTAREA" ? target : target.locator("input").first()).fill(value);
}

/** A fresh browser context (its own cookies) signed in as this user. */
export async function signedInPage(browser: Browser, baseUrl: string, user: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await loginAs(page, baseUrl, user, password);
  return page;
}

/** The dropdown antd opened last (closed ones stay in the DOM, hidden). */
const openDropdown = (page: Page) => page.locator(".ant-select-dropdown:visible");

/** Opens an antd Select by test id, types `search` when given, and clicks the option holding `text`. */
export async function pickOption(page: Page, testId: string, text: string, search?: string): Promise<void> {
  await page.getByTestId(testId).first().click();
  if (search) await page.keyboard.type(search);
  await openDropdown(page).locator(".ant-select-item-option", { hasText: text }).first().click();
}

/** The same for an antd TreeSelect: the node whose title holds `text` (ticks it in a checkable tree). */
export async function pickTreeNode(page: Page, testId: string, text: string, search?: string): Promise<void> {
  await page.getByTestId(testId).first().click();
  if (search) await page.keyboard.type(search);
  await openDropdown(page).locator(".ant-select-tree-node-content-wrapper", { hasText: text }).first().click();
}

/** Polls until the select shows `text` and no dropdown is open (a closed one cannot cover the next field). */
async function isChosen(page: Page, testId: string, text: string): Promise<boolean> {
  const select = page.getByTestId(testId).first();
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if ((await select.textContent())?.includes(text) && (await openDropdown(page).count()) === 0) return true;
    await page.waitForTimeout(200);
  }
  return false;
}

/**
 * pickOption / pickTreeNode for a single select, checked: the select must then show `text` with
 * its dropdown closed. On a loaded machine a click during the dropdown's animation, or on a tree
 * re-rendering after the search, can pick nothing and leave the dropdown open over the next field;
 * the pick is tried again (safe: picking in a single select never unpicks).
 */
export async function choose(page: Page, how: "option" | "treeNode", testId: string, text: string, search?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await (how === "option" ? pickOption : pickTreeNode)(page, testId, text, search);
    if (await isChosen(page, testId, text)) return;
    if (attempt === 3) throw new Error(`${testId}: “${text}” is still not chosen after ${attempt} picks`);
    await page.keyboard.press("Escape");
  }
}

/**
 * pickOption / pickTreeNode for a multiple select, checked, then its dropdown closed. It picks only
 * while the select does not show `text` (a second click would untick it), and presses Escape only
 * while a dropdown is open (one more would close the dialog around the select): on a loaded machine
 * a click can land during the dropdown's animation and pick nothing, and the form is then refused.
 */
export async function tick(page: Page, how: "option" | "treeNode", testId: string, text: string, search?: string): Promise<void> {
  const shown = async () => (await page.getByTestId(testId).first().textContent())?.includes(text) ?? false;
  await expect
    .poll(
      async () => {
        if (!(await shown())) await (how === "option" ? pickOption : pickTreeNode)(page, testId, text, search);
        if ((await openDropdown(page).count()) > 0) await page.keyboard.press("Escape");
        return (await shown()) && (await openDropdown(page).count()) === 0;
      },
      { timeout: 60_000, interval: 2_000 },
    )
    .toBe(true);
}

/** Types a yyyy-mm-dd date into an antd DatePicker and commits it with Enter. */
export async function fillDate(page: Page, testId: string, date: string): Promise<void> {
  await fillIn(page, testId, date);
  await page.keyboard.press("Enter");
}

/**
 * Types a yyyy-mm-dd range into an antd RangePicker (the locator on `.ant-picker-range`), each end
 * committed with Enter, and waits until both inputs hold it: on a busy machine the second end can be
 * typed before the picker has taken the first, and a form sent then is refused as incomplete.
 */
export async function fillRange(page: Page, range: Locator, from: string, to: string): Promise<void> {
  const [start, end] = [range.locator("input").nth(0), range.locator("input").nth(1)];
  await start.click();
  await start.fill(from);
  await page.keyboard.press("Enter");
  await expect.poll(() => start.inputValue(), { timeout: 10_000 }).toBe(from);
  await end.fill(to);
  await page.keyboard.press("Enter");
  await expect.poll(async () => [await start.inputValue(), await end.inputValue()], { timeout: 10_000 }).toEqual([from, to]);
}

/** Answers the open Popconfirm with its primary button. */
export async function confirmPopconfirm(page: Page): Promise<void> {
  await page.locator(".ant-popconfirm:visible").first().waitFor({ timeout: 15_000 });
  await clickUntilGone(page.locator(".ant-popconfirm:visible .ant-btn-primary"));
}

/**
 * Presses a dialog's button (the last one shown) until no such button is visible. The click is
 * dispatched to the button itself, not aimed by the mouse: during a popover's opening animation a
 * mouse click can land beside it, which closes a popconfirm unanswered (CI saw findings stay
 * drafts so). A press on a dialog already answered does nothing (antd's button ignores it while its
 * action runs), so a repeat is safe.
 */
export async function clickUntilGone(button: Locator, timeout = 45_000): Promise<void> {
  const press = async () => {
    if (await button.count())
      await button
        .last()
        .dispatchEvent("click")
        .catch(() => undefined);
    return button.count();
  };
  await expect.poll(press, { timeout, interval: 1_500 }).toBe(0);
}

/**
 * Waits for the import dialog's outcome. A failure ends the wait at once and the test fails
 * with the dialog's message and the server's last log lines, instead of a bare timeout.
 */
export async function importOutcome(page: Page, serverLog: () => string, timeout = 90_000) {
  const result = page.getByTestId("import-result");
  const failure = page.getByTestId("import-failure");
  const logTail = () => `\n--- server log ---\n${serverLog().slice(-3000)}`;
  await result
    .or(failure)
    .first()
    .waitFor({ timeout })
    .catch((error: Error) => {
      throw new Error(`${error.message}${logTail()}`);
    });
  if (await failure.isVisible()) {
    const errors = await page
      .getByTestId("import-errors")
      .textContent()
      .catch(() => "");
    throw new Error(`import failed: ${await failure.textContent()} ${errors ?? ""}${logTail()}`);
  }
  return result;
}
