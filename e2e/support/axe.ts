import fs from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";

/** axe-core's browser bundle, evaluated in the page (through the DevTools protocol, so the app's CSP does not stop it). */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** What a violation's node says, as far as the message needs it. */
interface AxeNode {
  target: unknown[];
  html: string;
  any: { id: string; data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } | null }[];
}

/** One broken rule with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** GB/T 37668-2019 follows WCAG 2.0 AA; 2.1 AA's rules (1.4.11 …) come along, as the national guidance for 适老化 asks. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const BLOCKING = new Set(["serious", "critical"]);
const NODES_SHOWN = 8;

/** The browser globals the page functions below touch (e2e compiles without the DOM library). */
interface BrowserWindow {
  axe?: { run: (context: unknown, options: object) => Promise<{ violations: unknown[] }> };
  document: { getAnimations: () => { playState: string; effect: { getTiming: () => { iterations?: number } } | null }[] };
}

/** Waits until no finite CSS animation or transition runs (a half-faded element would report a false contrast). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as BrowserWindow).document
        .getAnimations()
        .every((animation) => animation.playState !== "running" || animation.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
    undefined,
    { timeout: 10_000 },
  );
}

/** Runs axe over the page as it is now and returns its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await settle(page);
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const { axe, document } = globalThis as unknown as BrowserWindow;
    const results = await axe?.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results?.violations ?? [];
  }, TAGS);
  return (violations as AxeViolation[]).filter((violation) => BLOCKING.has(violation.impact ?? ""));
}

/** One node as a line: its selector, and for contrast the colours and the ratio against the one required. */
function nodeLine(node: AxeNode): string {
  const contrast = node.any.find((check) => check.data?.contrastRatio !== undefined)?.data;
  const figures = contrast
    ? ` — ${contrast.fgColor} on ${contrast.bgColor}: ${contrast.contrastRatio}:1, needs ${contrast.expectedContrastRatio}`
    : "";
  return `    ${node.target.join(" ")}${figures}\n      ${node.html.slice(0, 160)}`;
}

/** A readable report: per rule its impact and help, then the elements (the first few). */
export function describeViolations(state: string, violations: AxeViolation[]): string {
  const rules = violations.map((violation) => {
    const more = violation.nodes.length > NODES_SHOWN ? `\n    … and ${violation.nodes.length - NODES_SHOWN} more` : "";
    const nodes = violation.nodes.slice(0, NODES_SHOWN).map(nodeLine).join("\n");
    return `  ${violation.id} (${violation.impact}, ${violation.nodes.length}): ${violation.help}\n${nodes}${more}`;
  });
  return `Accessibility (axe-core) on “${state}”: ${violations.length} serious or critical rule(s) broken\n${rules.join("\n")}`;
}

/** Fails when the page as it is now has a serious or critical accessibility violation. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) throw new Error(describeViolations(state, violations));
}

/** A public page at phone width (375 px), where the public opens it: opened fresh, waited for, checked. */
export async function expectAccessibleOnPhone(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  state: string,
): Promise<void> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    await expectAccessible(page, `${state} at 375 px`);
  } finally {
    await context.close();
  }
}
