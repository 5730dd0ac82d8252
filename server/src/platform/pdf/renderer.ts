import { access, constants } from "node:fs/promises";
import { type Browser, chromium } from "playwright-core";
import { AppError } from "../errors.ts";

/** Print HTML to PDF through Chromium. */
export interface PdfRenderer {
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

export const NO_CHROMIUM = "服务器未安装 Chromium，无法生成 PDF；请使用打印页面";
const RENDER_TIMEOUT_MS = 60_000;

/**
 * One browser per server, launched on the first PDF and reused (a launch
 * costs about a second; a page a few hundred ms). Renders queue behind a
 * small limit so a burst of downloads cannot open dozens of pages at once.
 * A crashed browser is relaunched on the next render.
 */
export function createPdfRenderer(options: { executablePath: string; maxConcurrent?: number }): PdfRenderer {
  const limit = createLimit(options.maxConcurrent ?? 2);
  let browser: Promise<Browser> | null = null;
  let closed = false;

  const launch = async (): Promise<Browser> => {
    try {
      await access(options.executablePath, constants.X_OK);
    } catch {
      throw new AppError("UNAVAILABLE", NO_CHROMIUM);
    }
    const launched = await chromium.launch({ executablePath: options.executablePath, args: ["--no-sandbox"] });
    launched.on("disconnected", () => {
      browser = null;
    });
    return launched;
  };

  const getBrowser = () => {
    if (closed) throw new AppError("UNAVAILABLE", "服务器正在关闭，无法生成 PDF");
    browser ??= launch().catch((error) => {
      browser = null;
      throw error;
    });
    return browser;
  };

  return {
    render: (html) =>
      limit(async () => {
        // A context of its own per document: no script runs and nothing is fetched.
        const context = await (await getBrowser()).newContext({ javaScriptEnabled: false, offline: true });
        try {
          const page = await context.newPage();
          page.setDefaultTimeout(RENDER_TIMEOUT_MS);
          await page.setContent(html, { waitUntil: "load" });
          return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
        } finally {
          await context.close();
        }
      }),
    close: async () => {
      closed = true;
      const current = browser;
      browser = null;
      if (current) await current.then((b) => b.close()).catch(() => undefined);
    },
  };
}

/** At most `max` tasks at a time; the rest wait in order. A finishing task hands its slot to the next waiting one. */
function createLimit(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
