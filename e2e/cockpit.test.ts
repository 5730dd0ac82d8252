/**
 * The cockpit of a published campaign in a real browser: every chart paints its
 * canvas (read back pixel by pixel), the page's screenshot is not blank, and a
 * click on the distribution's tallest bar opens the units behind it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, publishTemplate } from "./support/api.ts";
import { expectAccessible } from "./support/axe.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { publishCampaign } from "./support/campaigns.ts";
import { pickOption, signedInPage } from "./support/page.ts";
import { E2E_ADMIN, type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const STEP = 180_000;
const NAME = "2021年营商环境考核（驾驶舱）";
const CHARTS = ["distribution", "progress", "ranking", "findings", "heatmap", "trend"] as const;
/** Axes, labels and marks paint 10 000–230 000 pixels here; a canvas with only a "no data" line stays well below. */
const MIN_PAINTED = 5_000;
/** The units by code, with the short names the cockpit shows. */
const UNITS: Record<string, string> = {
  "310105-D01": "区科委",
  "310105-D02": "区司法局",
  "310105-D03": "区市场监管局",
  "310105-D04": "区发展改革委",
};

let server: RunningServer;
let browser: Browser;
let page: Page;
const shots = path.join(os.tmpdir(), "kaoping-e2e-shots");

/** The chart's canvas (ECharts draws each chart on one). */
const canvasOf = (name: string): Locator => page.getByTestId(`cockpit-chart-${name}`).locator("canvas").first();

/** The parts of a canvas element read here (the e2e project compiles without the DOM library). */
interface CanvasElement {
  width: number;
  height: number;
  getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
  getBoundingClientRect(): { left: number; top: number; width: number };
}

/** How many pixels of the canvas are not transparent. */
function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((node) => {
    const element = node as unknown as CanvasElement;
    const { data } = element.getContext("2d")!.getImageData(0, 0, element.width, element.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });
}

/**
 * The page point at the middle of the tallest bar: bars are the only saturated
 * pixels of a bar chart (axes and labels are grey), grouped into runs of columns.
 */
function tallestBar(canvas: Locator): Promise<{ x: number; y: number } | null> {
  return canvas.evaluate((node) => {
    const element = node as unknown as CanvasElement;
    const { width, height } = element;
    const { data } = element.getContext("2d")!.getImageData(0, 0, width, height);
    const top = new Array<number>(width).fill(height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 80 && top[x] === height) top[x] = y;
      }
    }
    let best: { from: number; to: number; top: number } | null = null;
    for (let x = 0; x < width; x++) {
      if (top[x] === height) continue;
      let to = x;
      while (to + 1 < width && top[to + 1] !== height) to++;
      const runTop = Math.min(...top.slice(x, to + 1));
      if (to - x >= 4 && (!best || runTop < best.top)) best = { from: x, to, top: runTop };
      x = to;
    }
    if (!best) return null;
    const box = element.getBoundingClientRect();
    const scale = width / box.width;
    // The bars stand on the x axis: aim between the bar's top and the bottom grid line (48 CSS px up).
    const bottom = height - 48 * scale;
    return { x: box.left + (best.from + best.to) / 2 / scale, y: box.top + (best.top + bottom) / 2 / scale };
  });
}

describe.skipIf(!enabled)("cockpit: charts paint, a bar drills down to its units", () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
    const framework = await publishTemplate(api, "gongshu-business-environment");
    await publishCampaign(api, {
      frameworkId: framework.id,
      name: NAME,
      year: 2021,
      unitCodes: Object.keys(UNITS),
      findings: [
        { unitCode: "310105-D03", indicatorCode: "3.1", ruleId: "gs-3.1-a", count: 2, description: "大厅未设置母婴室" },
        { unitCode: "310105-D04", indicatorCode: "5.1", ruleId: "gs-5.1-a", count: 1, description: "企业投资备案未下放" },
      ],
    });
    browser = await launchChromium();
    page = await signedInPage(browser, server.url, E2E_ADMIN.username, E2E_ADMIN.password);
  }, STEP);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    "paints every chart of the published campaign",
    async () => {
      await page.getByTestId("menu-cockpit").click();
      await pickOption(page, "cockpit-campaign", NAME);
      // The demo's latest campaign is open first: wait until the picked one has replaced it.
      await expect.poll(() => page.getByTestId("cockpit-campaign").first().textContent(), { timeout: 20_000 }).toContain(NAME);
      await page.getByTestId("cockpit-tab").waitFor({ timeout: 20_000 });
      for (const name of CHARTS) {
        await canvasOf(name).waitFor({ timeout: 15_000 });
        // Charts animate in: wait until the canvas holds the finished drawing.
        await expect.poll(() => paintedPixels(canvasOf(name)), { timeout: 15_000 }).toBeGreaterThan(MIN_PAINTED);
      }
      await expectAccessible(page, "驾驶舱 with every chart");
      const shot = path.join(shots, "cockpit.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect(fs.statSync(shot).size).toBeGreaterThan(60_000);
    },
    STEP,
  );

  it(
    "opens the two clean units behind the distribution's tallest bar",
    async () => {
      await page.getByTestId("cockpit-chart-distribution").scrollIntoViewIfNeeded();
      const bar = await tallestBar(canvasOf("distribution"));
      expect(bar).not.toBeNull();
      await page.mouse.click(bar!.x, bar!.y);
      const units = page.getByTestId("cockpit-drill-units");
      await units.waitFor({ timeout: 15_000 });
      const rows = await units.locator("tr.ant-table-row").allTextContents();
      expect(rows).toHaveLength(2);
      expect(rows.join(" ")).toContain(UNITS["310105-D01"]);
      expect(rows.join(" ")).toContain(UNITS["310105-D02"]);
      expect(rows.every((row) => row.includes("86"))).toBe(true);
      await expectAccessible(page, "驾驶舱 drill-down drawer");
    },
    STEP,
  );
});
