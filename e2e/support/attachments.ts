import type { Page } from "playwright-core";
import { expect } from "vitest";
import { tinyPdf } from "./pdf.ts";

/** Picks PDFs in a step's 附件 upload (by its test id) and waits until each is uploaded. */
export async function attachPdfs(page: Page, testId: string, names: string[]): Promise<void> {
  const upload = page.getByTestId(testId);
  await upload
    .locator('input[type="file"]')
    .setInputFiles(names.map((name) => ({ name, mimeType: "application/pdf", buffer: tinyPdf(`Kaoping ${name.length}`) })));
  await expect.poll(() => upload.locator(".ant-upload-list-item-done").count(), { timeout: 15_000 }).toBe(names.length);
}

/** A step's cited file on the timeline: its link is there and downloads as a PDF with the reader's session. */
export async function expectStepAttachment(page: Page, step: ReturnType<Page["locator"]>, name: string): Promise<void> {
  const link = step.getByTestId("step-attachments").getByRole("link", { name: new RegExp(name.replace(".", "\\.")) });
  await link.waitFor({ timeout: 15_000 });
  const href = (await link.getAttribute("href")) ?? "";
  const response = await page.request.get(new URL(href, page.url()).toString());
  expect(response.status()).toBe(200);
  expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
}
