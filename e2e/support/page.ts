import type { Page } from "playwright-core";
import { E2E_ADMIN } from "./server.ts";

/** Logs in through the login page and waits for the shell. */
export async function loginAs(page: Page, baseUrl: string, user = E2E_ADMIN.username, password = E2E_ADMIN.password): Promise<void> {
  await page.goto(`${baseUrl}/login`);
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
