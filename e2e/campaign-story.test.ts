/**
 * The campaign story in a real browser, each role in its own browser context:
 * the office creates a Gongshu campaign with the wizard and opens reporting; the
 * liaison of 310105-D03 fills two self-assessments, uploads a PDF and submits;
 * the leader confirms with a seal; the reviewer records findings, the office
 * opens appeals, the liaison appeals one, the reviewer overturns it; the office
 * publishes. The numbers are asserted on the API, the scores tab, the unit's
 * report page and its PDF: D03 85 (86 − 2 × 0.5), rank 3 behind two clean 86s.
 * On the way, the guards a user expects: the empty 责任分解 tab says why and
 * how to fill it, submitting with indicators left empty names them (未填 N 项),
 * opening appeals before the window names the date, and the liaison's main
 * button follows the phase (填报 → 申诉 → 查看结果).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, createUser, type FrameworkSummary, publishTemplate, scoresByCode } from "./support/api.ts";
import { expectAccessible } from "./support/axe.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { daysAgo } from "./support/campaigns.ts";
import { choose, clickUntilGone, confirmPopconfirm, fillDate, fillIn, pickTreeNode, signedInPage, tick } from "./support/page.ts";
import { pdfText, tinyPdf } from "./support/pdf.ts";
import { E2E_ADMIN, type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const STEP = 180_000;
const NAME = "2021年营商环境考核（端到端）";
const PASSWORD = "E2e-Story-Passw0rd!";
const UNITS = [
  { code: "310105-D01", name: "区科委" },
  { code: "310105-D02", name: "区司法局" },
  { code: "310105-D03", name: "区市场监管局" },
  { code: "310105-D04", name: "区发展改革委" },
] as const;
const OWN = "310105-D03";
const USERS = {
  liaison: { username: "e2e_liaison", displayName: "端到端联络员", unitCode: OWN, roleCodes: ["unit_liaison"] },
  leader: { username: "e2e_leader", displayName: "端到端分管领导", unitCode: OWN, roleCodes: ["unit_leader"] },
  reviewer: { username: "e2e_reviewer", displayName: "端到端评审员", unitCode: "310105-O02", roleCodes: ["reviewer"] },
};
/** The findings, with the indicator's title as the form's tree shows it. */
const FINDINGS = [
  { unit: OWN, indicator: "3.1 现场管理标准规范", search: "现场管理", rule: "gs-3.1-a", count: 2, text: "大厅未设置母婴室" },
  { unit: OWN, indicator: "4.1 推进事项全进驻", search: "全进驻", rule: "gs-4.1-a", count: 1, text: "不动产登记事项未进驻" },
  { unit: "310105-D04", indicator: "5.1 就近办", search: "就近办", rule: "gs-5.1-a", count: 1, text: "企业投资备案未下放" },
];
const RULE_TEXTS: Record<string, string> = {
  "gs-3.1-a": "设施未按规定设置的每项扣0.5分",
  "gs-4.1-a": "每发现一个应进事项未进驻的扣0.5分",
  "gs-5.1-a": "应下放事项未落实的,每发现1个事项扣2分",
};
const APPEALED = FINDINGS[1]!;

let server: RunningServer;
let browser: Browser;
let api: ApiSession;
let framework: FrameworkSummary;
let office: Page;
let liaison: Page;
let reviewer: Page;
let leader: Page | undefined;
let campaignId: string;
let files: string;
const shots = path.join(os.tmpdir(), "kaoping-e2e-shots");

const campaignUrl = (tab?: string) => `${server.url}/assess/campaigns/${campaignId}${tab ? `?tab=${tab}` : ""}`;

/** The campaign's status tag on its detail page, once it reads `label`. */
async function expectCampaignStatus(page: Page, label: string): Promise<void> {
  await expect.poll(() => page.getByTestId("campaign-status").first().textContent(), { timeout: 15_000 }).toBe(label);
}

/** An office status command (开始填报, 开放申诉 …) through its confirmation dialog. */
async function runCampaignAction(page: Page, action: string, statusAfter: string): Promise<void> {
  // On a loaded CI machine a click on the dialog can land before it is ready; the status
  // machine refuses a repeat, so one more attempt from a fresh page is safe.
  for (let attempt = 1; ; attempt++) {
    await page.goto(campaignUrl());
    await page.getByTestId("campaign-status").first().waitFor();
    if ((await page.getByTestId("campaign-status").first().textContent()) === statusAfter) return;
    await page.getByTestId(`campaign-action-${action}`).click();
    // Gongshu's result is 暂定 (manual scores such as 2.5.3 and measurements are left open in
    // this story): publishing first lists what is missing and asks to go on.
    if (action === "publish") {
      const list = page.getByTestId("provisional-list");
      await list.waitFor({ timeout: 15_000 });
      expect(await list.textContent()).toContain("待人工评分");
      await page.getByTestId("publish-provisional-confirm").click();
    }
    // Every dialog the action raises: its confirmation, and an acknowledgement the server may still ask.
    const confirm = page.locator('[data-testid="campaign-action-confirm"]:visible');
    await confirm.first().waitFor({ timeout: 15_000 });
    await clickUntilGone(confirm);
    try {
      await expectCampaignStatus(page, statusAfter);
      return;
    } catch (error) {
      // What the page said instead (a refusal's message or dialog), for the log.
      const said = await page.locator(".ant-message-notice, .ant-modal-confirm, .ant-notification-notice").allTextContents();
      console.error(`[e2e] ${action} attempt ${attempt} left the status unchanged; the page said: ${JSON.stringify(said)}`);
      if (attempt >= 2) throw error;
    }
  }
}

/** A row of a table by text it holds. */
const rowOf = (page: Page, tableId: string, text: string) => page.getByTestId(tableId).locator("tr.ant-table-row", { hasText: text });

/** The unit user's main button on the campaign page, which follows the phase: fill / view / appeal / results. */
async function expectMainButton(page: Page, key: string): Promise<void> {
  await expect
    .poll(() => page.locator('[data-testid^="own-unit-"][data-primary="true"]').getAttribute("data-testid"), { timeout: 15_000 })
    .toBe(`own-unit-${key}`);
}

/** Opens the campaign from 考核管理 and enters the user's own unit (its 填报 button, or 查看填报 outside reporting). */
async function enterOwnUnit(page: Page, button: "fill" | "view" = "fill"): Promise<void> {
  await page.getByTestId("menu-campaigns").click();
  await page.getByTestId("campaigns-table").getByText(NAME).click();
  await page.getByTestId(`own-unit-${button}`).click();
  await expect.poll(() => page.getByTestId("workspace-unit").textContent(), { timeout: 15_000 }).toBe("上海市长宁区市场监督管理局");
}

/** One self-assessment: completion 已完成 and a narrative, saved. */
async function fillSelfAssessment(page: Page, code: string, narrative: string): Promise<void> {
  await page.getByTestId(`indicator-${code}`).click();
  await expect.poll(() => page.getByTestId("self-assessment-title").textContent(), { timeout: 15_000 }).toContain(code);
  await page.getByTestId("completion-done").click();
  await page.getByTestId("narrative-input").fill(narrative);
  await page.getByTestId("save-self-assessment").click();
  await page.getByTestId(`indicator-${code}`).locator('[data-completion="done"]').waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("self-assessment-saved").textContent()).toContain(USERS.liaison.displayName);
}

/** 新增问题 through the finding form. */
async function recordFinding(page: Page, finding: (typeof FINDINGS)[number]): Promise<void> {
  await page.getByTestId("finding-create").click();
  // Checked picks: on a loaded machine a click during the dropdown's animation picks nothing,
  // and the form then waits on a required field forever.
  await choose(page, "option", "finding-unit", finding.unit, finding.unit);
  await choose(page, "treeNode", "finding-indicator", finding.indicator, finding.search);
  await choose(page, "option", "finding-rule", finding.rule);
  await fillIn(page, "finding-count", String(finding.count));
  await fillIn(page, "finding-description", finding.text);
  await page.getByTestId("finding-submit").click();
  await page.getByTestId("finding-submit").waitFor({ state: "detached", timeout: 15_000 });
  await rowOf(page, "findings-table", finding.text).waitFor({ timeout: 15_000 });
}

/**
 * 确认 on a finding's row, checked by its status: CI has seen the popconfirm close with the finding
 * still a draft (a click landing outside it closes it). Up to three tries, each failure logged with
 * what the page said.
 */
async function confirmFinding(page: Page, text: string): Promise<void> {
  const row = rowOf(page, "findings-table", text);
  for (let attempt = 1; ; attempt++) {
    if ((await row.getByTestId("finding-confirm").count()) > 0) {
      await row.getByTestId("finding-confirm").click();
      await confirmPopconfirm(page);
    }
    try {
      await row.getByText("已确认").waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      const said = await page.locator(".ant-message-notice, .ant-modal-confirm").allTextContents();
      console.error(
        `[e2e] 确认 ${text}, attempt ${attempt}: the row reads ${JSON.stringify(await row.textContent())}; the page said ${JSON.stringify(said)}`,
      );
      if (attempt >= 3) throw error;
    }
  }
}

describe.skipIf(!enabled)("campaign: wizard → reporting → seal → findings → appeal → publication, with the numbers", () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    files = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-e2e-story-"));
    server = await startServer();
    api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
    for (const user of Object.values(USERS)) await createUser(api, { ...user, password: PASSWORD });
    framework = await publishTemplate(api, "gongshu-business-environment");
    browser = await launchChromium();
    office = await signedInPage(browser, server.url, E2E_ADMIN.username, E2E_ADMIN.password);
  }, STEP);
  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail") return;
    // What each role saw when a step failed.
    const pages = { office, liaison, reviewer, leader };
    for (const [role, page] of Object.entries(pages)) {
      await page?.screenshot({ path: path.join(shots, `story-${role}.png`), fullPage: true }).catch(() => undefined);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (files) fs.rmSync(files, { recursive: true, force: true });
  });

  it(
    "the office creates the campaign with the wizard and opens reporting",
    async () => {
      await office.getByTestId("menu-campaigns").click();
      await office.getByTestId("campaigns-table").waitFor();
      await expectAccessible(office, "考核管理 list");
      await office.getByTestId("campaign-create").click();
      await choose(office, "option", "campaign-form-framework", framework.name);
      await fillIn(office, "campaign-form-name", NAME);
      await fillIn(office, "campaign-form-year", "2021");
      await fillIn(office, "campaign-form-issuer", "长宁区审改办");
      await expectAccessible(office, "新建考核 wizard, basics");
      await office.getByTestId("campaign-wizard-next").click();

      const chosen = () => office.getByTestId("campaign-units-count").textContent();
      for (const [i, unit] of UNITS.entries()) {
        // On a loaded machine a click can land while the filtered tree re-renders: pick again
        // only when the count has not moved after a while (a second click would untick it).
        await expect
          .poll(
            async () => {
              if (!(await chosen())?.includes(`${i + 1}`)) await pickTreeNode(office, "campaign-form-units", unit.name, unit.name);
              return chosen();
            },
            { timeout: 60_000, interval: 3_000 },
          )
          .toContain(`${i + 1}`);
      }
      await office.keyboard.press("Escape");
      await expect.poll(chosen, { timeout: 15_000 }).toContain("4");
      for (const unit of UNITS) await rowOf(office, "campaign-units-table", unit.code).waitFor();
      await expectAccessible(office, "新建考核 wizard, units");
      await office.getByTestId("campaign-wizard-next").click();

      await fillDate(office, "campaign-phase-reportingOpens", daysAgo(30));
      await fillDate(office, "campaign-phase-reportingCloses", "2099-12-30");
      await fillDate(office, "campaign-phase-appealCloses", "2099-12-31");
      await tick(office, "option", "campaign-form-reviewers", USERS.reviewer.displayName, USERS.reviewer.displayName);
      await expectAccessible(office, "新建考核 wizard, phases");
      await office.getByTestId("campaign-create-submit").click();

      await expect.poll(() => office.getByTestId("campaign-title").textContent(), { timeout: 15_000 }).toBe(NAME);
      campaignId = new URL(office.url()).pathname.split("/").pop()!;
      await expectCampaignStatus(office, "草稿");

      // Opened again from the list, the way the office comes back to it.
      await office.getByTestId("menu-campaigns").click();
      await rowOf(office, "campaigns-table", NAME).getByTestId("campaign-link").click();
      await expect.poll(() => office.getByTestId("campaign-title").textContent(), { timeout: 15_000 }).toBe(NAME);
      expect(await office.getByTestId("campaign-phases").textContent()).toContain(USERS.reviewer.displayName);
      await runCampaignAction(office, "open", "自查填报");
      for (const unit of UNITS) await office.getByTestId(`unit-status-${unit.code}`).waitFor();
      await expectAccessible(office, "考核详情, reporting");
    },
    STEP,
  );

  it(
    "the empty 责任分解 tab says why and how to fill it, with the way to the framework",
    async () => {
      // Gongshu's indicators name their responsible units only as text (各相关单位), no codes.
      await office.goto(campaignUrl("responsibilities"));
      const empty = office.getByTestId("responsibilities-empty");
      await expect.poll(() => empty.getAttribute("data-reason"), { timeout: 15_000 }).toBe("noneInFramework");
      const text = (await empty.textContent()) ?? "";
      expect(text).toContain("没有为任何指标指定牵头单位或配合单位");
      expect(text).toContain("开始填报”时按指标的牵头单位、配合单位生成");
      await empty.getByTestId("responsibilities-open-framework").waitFor();
      // A filter that leaves nothing says so and offers to clear it.
      await office.getByTestId("responsibilities-overdue").click();
      await expect.poll(() => empty.getAttribute("data-reason"), { timeout: 15_000 }).toBe("filtered");
      await empty.getByTestId("responsibilities-clear-filters").click();
      await expect.poll(() => empty.getAttribute("data-reason"), { timeout: 15_000 }).toBe("noneInFramework");
      await empty.getByTestId("responsibilities-open-framework").click();
      await expect.poll(() => new URL(office.url()).pathname, { timeout: 15_000 }).toBe(`/assess/frameworks/${framework.id}`);
    },
    STEP,
  );

  it(
    "the liaison fills two self-assessments, uploads a PDF and submits",
    async () => {
      liaison = await signedInPage(browser, server.url, USERS.liaison.username, PASSWORD);
      await liaison.getByTestId("menu-todo").click();
      await liaison.getByTestId("todo-group").filter({ hasText: NAME }).waitFor({ timeout: 15_000 });
      await expectAccessible(liaison, "我的待办 (liaison)");
      await enterOwnUnit(liaison);
      await fillSelfAssessment(liaison, "3.1", "服务大厅设施已按规定设置，含导办台、自助区与无障碍设施。");
      await fillSelfAssessment(liaison, "4.1", "应进事项已全部进驻行政服务中心。");

      const evidence = path.join(files, "进驻事项清单.pdf");
      fs.writeFileSync(evidence, tinyPdf("Kaoping e2e evidence"));
      await liaison.getByTestId("evidence-list").locator('input[type="file"]').setInputFiles(evidence);
      await liaison
        .getByTestId("evidence-list")
        .getByTestId("evidence-download")
        .filter({ hasText: "进驻事项清单.pdf" })
        .waitFor({ timeout: 15_000 });

      await expectAccessible(liaison, "单位考评工作台 with reports and evidence");
      // Two of the unit's indicators are filled: the submit names every other one before it goes.
      await liaison.getByTestId("submit-submission").click();
      const items = liaison.getByTestId("acknowledge-items").locator("li");
      await items.first().waitFor();
      const unfilled = await items.allTextContents();
      expect(unfilled.length).toBeGreaterThan(10);
      expect(unfilled).toContain("5.1 就近办");
      expect(unfilled.some((item) => item.startsWith("3.1 ") || item.startsWith("4.1 "))).toBe(false);
      expect(await liaison.locator(".ant-modal-confirm-title").textContent()).toBe(`未填 ${unfilled.length} 项`);
      await liaison.getByTestId("submit-unfilled-ok").click();
      await expect.poll(() => liaison.getByTestId("submission-status").getAttribute("data-status"), { timeout: 15_000 }).toBe("submitted");
    },
    STEP,
  );

  it(
    "the leader confirms with a seal",
    async () => {
      const page = await signedInPage(browser, server.url, USERS.leader.username, PASSWORD);
      leader = page;
      await enterOwnUnit(page);
      await page.getByTestId("confirm-submission").click();
      await page.getByTestId("confirm-submission-ok").click();
      // An error the page shows (a refused confirmation) becomes the polled value, so a failure says why.
      const shownError = async () => {
        const notice = page.locator(".ant-message-error").first();
        return (await notice.count()) ? await notice.textContent() : null;
      };
      await expect
        .poll(async () => (await shownError()) ?? (await page.getByTestId("submission-status").getAttribute("data-status")), {
          timeout: 15_000,
        })
        .toBe("confirmed");
      expect(await page.getByTestId("submission-status").textContent()).toContain("已确认");
      expect(await page.getByTestId("submission-seal").textContent()).toMatch(/^[0-9a-f]{8}…[0-9a-f]{8}$/);
      await expectAccessible(page, "单位考评工作台, sealed (leader)");
      await page.context().close();
      leader = undefined;
    },
    STEP,
  );

  it(
    "the office sees the unit confirmed with 2 reports, and closes reporting",
    async () => {
      await office.goto(campaignUrl());
      await expect.poll(() => office.getByTestId(`unit-status-${OWN}`).getAttribute("data-status"), { timeout: 15_000 }).toBe("confirmed");
      // The progress column reads reported/applicable.
      expect(await rowOf(office, "campaign-units-table", OWN).textContent()).toMatch(/(?<!\d)2\/\d+/);
      await runCampaignAction(office, "close", "评审");
    },
    STEP,
  );

  it(
    "the reviewer records three findings through the form and confirms them",
    async () => {
      reviewer = await signedInPage(browser, server.url, USERS.reviewer.username, PASSWORD);
      await reviewer.getByTestId("menu-campaigns").click();
      await rowOf(reviewer, "campaigns-table", NAME).getByTestId("campaign-link").click();
      await reviewer.getByTestId("campaign-tab-findings").click();
      for (const finding of FINDINGS) await recordFinding(reviewer, finding);
      for (const finding of FINDINGS) await confirmFinding(reviewer, finding.text);
      for (const finding of FINDINGS) {
        const text = await rowOf(reviewer, "findings-table", finding.text).textContent();
        expect(text).toContain(finding.unit);
        expect(text).toContain(RULE_TEXTS[finding.rule]);
        expect(text).toContain(`${finding.count} 次`);
      }
      await expectAccessible(reviewer, "考核详情, findings (reviewer)");
    },
    STEP,
  );

  it(
    "opening appeals before the window is refused with the date until the office moves it",
    async () => {
      const phases = (await api.get<{ phases: Record<string, string>; version: number }>(`/api/campaigns/${campaignId}`)).phases;
      const early = async (appealOpens?: string) => {
        const { version } = await api.get<{ version: number }>(`/api/campaigns/${campaignId}`);
        await api.json("PATCH", `/api/campaigns/${campaignId}`, {
          version,
          phases: { ...phases, ...(appealOpens ? { appealOpens } : {}) },
        });
      };
      await early("2099-12-31");
      await office.goto(campaignUrl());
      await office.getByTestId("campaign-action-appeal").click();
      await expect
        .poll(() => office.getByTestId("acknowledge-message").textContent(), { timeout: 15_000 })
        .toContain("申诉期定于 2099-12-31 开始");
      expect(await office.locator(".ant-modal-confirm-title").textContent()).toBe("不在申诉期内");
      await office
        .locator(".ant-modal-confirm")
        .getByRole("button", { name: /取\s*消/ })
        .click();
      await office.reload();
      await expectCampaignStatus(office, "评审");
      // The office moves the window's opening back (no date: appeals from today on), then opens appeals.
      await early();
      await runCampaignAction(office, "appeal", "申诉");
    },
    STEP,
  );

  it(
    "the liaison's main button turns to 申诉; the liaison appeals 4.1; the reviewer overturns it",
    async () => {
      await liaison.goto(campaignUrl());
      await expectMainButton(liaison, "appeal");
      await liaison.getByTestId("own-unit-appeal").click();
      const appealed = rowOf(liaison, "findings-table", APPEALED.text);
      await appealed.getByTestId("finding-appeal").click();
      await liaison.getByTestId("reason-input").fill("该事项已于年初进驻行政服务中心综合窗口，见进驻事项清单。");
      await liaison.getByTestId("appeal-submit").click();
      await appealed.getByText("待处理").waitFor({ timeout: 15_000 });
      // Pending: no second appeal on it; the unit's other finding can still be appealed.
      expect(await appealed.getByTestId("finding-appeal").count()).toBe(0);
      expect(await rowOf(liaison, "findings-table", "大厅未设置母婴室").getByTestId("finding-appeal").count()).toBe(1);
      // Findings of other units stay out of the liaison's sight.
      expect(await liaison.getByTestId("findings-table").locator("tr.ant-table-row").count()).toBe(2);
      await expectAccessible(liaison, "考核详情, findings with an appeal (liaison)");

      await reviewer.goto(campaignUrl("appeals"));
      const appeal = rowOf(reviewer, "appeals-table", APPEALED.text);
      await appeal.getByTestId("appeal-overturn").click();
      await reviewer.getByTestId("reason-input").fill("经核实，该事项已进驻，撤销扣分。");
      await reviewer.getByTestId("appeal-decide-submit").click();
      await appeal.getByText("撤销扣分").waitFor({ timeout: 15_000 });
      await expectAccessible(reviewer, "考核详情, appeals decided (reviewer)");
    },
    STEP,
  );

  it(
    "the office publishes: D03 85 and 3rd, D04 84, the clean units 86 — on the API and the scores tab",
    async () => {
      await runCampaignAction(office, "publish", "已发布");

      const scores = await scoresByCode(api, campaignId);
      expect(Object.fromEntries([...scores].map(([code, s]) => [code, [s.total, s.rank]]))).toEqual({
        "310105-D01": ["86", 1],
        "310105-D02": ["86", 1],
        "310105-D03": ["85", 3],
        "310105-D04": ["84", 4],
      });

      await office.getByTestId("campaign-tab-scores").click();
      await expect.poll(() => office.getByTestId(`score-total-${OWN}`).textContent(), { timeout: 15_000 }).toBe("85");
      // Published as it stood: the rank is 3 and marked 暂定, with what is missing listed above.
      expect(await office.getByTestId(`score-rank-${OWN}`).textContent()).toBe("3暂定");
      expect(await office.getByTestId("provisional-alert").textContent()).toContain("待人工评分");
      expect(await office.getByTestId("score-total-310105-D04").textContent()).toBe("84");
      expect(await office.getByTestId("score-total-310105-D01").textContent()).toBe("86");
      await expectAccessible(office, "考核详情, scores published");
    },
    STEP,
  );

  it(
    "the liaison's main button says 查看结果; the report page and PDF say 85 points, 第 3 名",
    async () => {
      await liaison.goto(campaignUrl());
      await expectMainButton(liaison, "results");
      await enterOwnUnit(liaison, "view");
      const [report] = await Promise.all([liaison.context().waitForEvent("page"), liaison.getByTestId("unit-report").click()]);
      await report.waitForLoadState();
      const html = (await report.locator("body").textContent()) ?? "";
      expect(html).toContain("85 分");
      expect(html).toContain("第 3 名 / 共 4 家");
      await expectAccessible(report, "单位考评报告 (HTML)");
      await report.close();

      // The workspace's address ends with the unit id; the request shares the liaison's cookies.
      const unitId = new URL(liaison.url()).pathname.split("/").pop();
      const pdf = await liaison.request.get(`${server.url}/api/campaigns/${campaignId}/units/${unitId}/report.pdf`);
      expect(pdf.status()).toBe(200);
      const bytes = await pdf.body();
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const text = await pdfText(bytes);
      expect(text).toContain("85 分");
      expect(text).toContain("第 3 名 / 共 4 家");
    },
    STEP,
  );
});
