/**
 * The 办件 story in a real browser (issue 14's “done when”): the administrator imports a small
 * case file and its events through 办件导入, watches the jobs finish and reads the quarantine
 * report; opens 办件指标 for the market regulator in 2024, drills down from 超期办结件数 to the
 * late case and reads its clock (working days counted, the 补正 pause, the 清明 holiday and its
 * make-up Sunday); then sees 按时办结率 as a fact from 办件数据 in a 2024 campaign on the
 * Changning framework, and follows its link to the cases behind it.
 *
 * The file (2024, 区市场监管局, one of its demo guides' items, so no 事项 finding; the demo's own
 * cases are of the last twelve months, so 2024 holds only these):
 *   E2E-001 窗口  承诺件 5 工作日: accepted Mon 03-04, completed Wed 03-06 → 2 days, on time
 *   E2E-002 网上  承诺件 5 工作日: accepted Mon 03-11, completed Wed 03-13 → 2 days, on time
 *   E2E-003 窗口  承诺件 3 工作日: accepted Mon 04-01, 补正 04-02 10:00 → 04-03 15:00, completed Wed 04-10:
 *           04-01 acceptance day (not counted); 04-02 counted (1); 04-03 paused; 04-04..06 清明 off;
 *           04-07 Sunday 补班, counted (2); 04-08 (3) → due 04-08; 04-09 (4); 04-10 (5) → 5 of 3: LATE
 *   E2E-004 移动端 即办件 0 工作日: accepted and completed Mon 05-06 → 0 days, on time
 *   E2E-005 completed (06-01) before accepted (06-03) → quarantined, line 6 (the header is line 1)
 * So 4 cases accepted; 按时办结率 = 3 on time ÷ 4 completed = 75.0 %; 超期办结件数 = 1;
 * 网上受理率 = (网上 + 移动端) 2 ÷ 4 = 50.0 %.
 * In the campaign, 6.2.7 deducts 0.25 per point below 100 %: 25 points → 6.25, capped at 2.5.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, type Paged, publishTemplate, unitIdByCode } from "./support/api.ts";
import { expectAccessible } from "./support/axe.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { openCampaignInReview } from "./support/campaigns.ts";
import { fillRange, loginAs, pickOption, pickTreeNode } from "./support/page.ts";
import { E2E_ADMIN, type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const STEP = 180_000;
const UNIT = "上海市长宁区市场监督管理局";
const UNIT_CODE = "310105-D03";
const LATE = "E2E-003";
const shots = path.join(os.tmpdir(), "kaoping-e2e-shots");

const CASE_HEADER = [
  "办件编号",
  "事项编码",
  "受理部门编码",
  "区划编码",
  "办理渠道",
  "办件类型",
  "申请人类型",
  "受理时间",
  "办结时间",
  "办理结果",
  "法定时限",
  "法定时限单位",
  "承诺时限",
  "承诺时限单位",
  "跑动次数",
  "是否减证",
  "归集时间",
];
const caseRow = (
  item: string,
  no: string,
  channel: string,
  type: string,
  accepted: string,
  completed: string,
  legal: number,
  promised: number,
) =>
  [
    no,
    item,
    UNIT_CODE,
    "310105",
    channel,
    type,
    "法人",
    accepted,
    completed,
    "准予",
    legal,
    "工作日",
    promised,
    "工作日",
    1,
    "否",
    completed.replace(/:00$/, ":30"),
  ].join(",");
const casesCsv = (item: string) =>
  [
    CASE_HEADER.join(","),
    caseRow(item, "E2E-001", "窗口", "承诺件", "2024-03-04 09:00:00", "2024-03-06 16:00:00", 20, 5),
    caseRow(item, "E2E-002", "网上", "承诺件", "2024-03-11 09:00:00", "2024-03-13 16:00:00", 20, 5),
    caseRow(item, LATE, "窗口", "承诺件", "2024-04-01 09:00:00", "2024-04-10 16:00:00", 20, 3),
    caseRow(item, "E2E-004", "移动端", "即办件", "2024-05-06 09:00:00", "2024-05-06 10:00:00", 0, 0),
    caseRow(item, "E2E-005", "窗口", "承诺件", "2024-06-03 09:00:00", "2024-06-01 09:00:00", 20, 5),
  ].join("\n");
const EVENTS_CSV = [
  "办件编号,区划编码,环节,开始时间,结束时间,经办人",
  `${LATE},310105,受理,2024-04-01 09:00:00,,王*`,
  `${LATE},310105,补正,2024-04-02 10:00:00,2024-04-03 15:00:00,王*`,
  `${LATE},310105,办结,2024-04-10 16:00:00,,李*`,
].join("\n");

let server: RunningServer;
let browser: Browser;
let admin: Page;
let dir: string;
let campaignId: string;
let unitId: string;

/** The jobs table's row of a file. */
const jobRow = (file: string) => admin.getByTestId("import-jobs").locator("tr", { hasText: file });

/** Uploads a file on 办件导入 as the given kind and waits until its job has finished (the table polls it). */
async function importFile(file: string, kind: string): Promise<void> {
  await pickOption(admin, "import-kind", kind);
  await admin.locator('input[type="file"]').setInputFiles(path.join(dir, file));
  await admin.locator(".ant-upload-list", { hasText: file }).waitFor();
  await admin.getByTestId("import-submit").click();
  const row = jobRow(file);
  await row.waitFor({ timeout: 30_000 }).catch(async (error: Error) => {
    await admin.screenshot({ path: path.join(shots, "cases-import-failed.png"), fullPage: true });
    throw new Error(`${error.message}\n${(await admin.getByTestId("import-jobs").textContent()) ?? ""}`);
  });
  // Queued → running → 已完成: the progress bar of a finished job is at 100 %.
  await expect
    .poll(async () => (await row.textContent()) ?? "", {
      timeout: 90_000,
      message: `${file} did not finish:\n${server.output().slice(-2000)}`,
    })
    .toMatch(/已完成|失败|已取消/);
  expect(await row.textContent()).toContain("已完成");
  // A finished job's bar is full and green (antd shows a tick instead of “100%”).
  expect(await row.getByTestId("job-progress").getAttribute("class")).toContain("ant-progress-status-success");
}

describe.skipIf(!enabled)("cases: import with quarantine, metric drill-down to a late case's clock, fact in a campaign", () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-e2e-cases-"));
    server = await startServer();
    const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
    unitId = await unitIdByCode(api, UNIT_CODE);
    const items = await api.get<Paged<{ code: string }>>(`/api/guides/items?unitId=${unitId}&page=1&pageSize=5`);
    fs.writeFileSync(path.join(dir, "e2e-cases.csv"), `${casesCsv(items.rows[0]!.code)}\n`);
    fs.writeFileSync(path.join(dir, "e2e-case-events.csv"), `${EVENTS_CSV}\n`);
    browser = await launchChromium();
    // The hall's clock: times read as China Standard Time whatever the machine's zone.
    admin = await browser.newPage({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 900 } });
    await loginAs(admin, server.url);
  }, STEP);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    "imports the cases and their events, watching each job to the end, and names the quarantined row and its reason",
    async () => {
      await admin.getByTestId("menu-case-imports").click();
      await admin.getByTestId("import-jobs").waitFor({ timeout: 30_000 });
      await importFile("e2e-cases.csv", "办件");
      const cases = jobRow("e2e-cases.csv");
      // 5 rows read: 4 accepted, 1 quarantined.
      const cells = await cases.locator("td").allTextContents();
      expect(cells).toContain("5");
      expect(cells).toContain("4");
      expect(await cases.getByTestId("job-quarantine").textContent()).toBe("1");

      await cases.getByTestId("job-quarantine").click();
      const table = admin.getByTestId("quarantine-table");
      const bad = table.locator("tr.ant-table-row").first();
      await bad.waitFor({ timeout: 30_000 });
      expect(await table.locator("tr.ant-table-row").count()).toBe(1);
      const text = (await bad.textContent()) ?? "";
      expect(text).toContain("6"); // the file's line 6: E2E-005
      expect(text).toContain(UNIT);
      expect(text).toContain("办结时间早于受理时间");
      expect(text).toContain("办结时间");
      await expectAccessible(admin, "办件导入: the quarantine report");
      await admin.screenshot({ path: path.join(shots, "cases-quarantine.png") });
      await admin.keyboard.press("Escape");
      await admin.getByTestId("quarantine-drawer").waitFor({ state: "hidden" });

      await importFile("e2e-case-events.csv", "办理环节");
      expect(await jobRow("e2e-case-events.csv").locator("td").allTextContents()).toContain("3");
      await expectAccessible(admin, "办件导入: two finished jobs");
    },
    STEP,
  );

  it(
    "shows 按时办结率 75.0 % and 超期办结件数 1 for the unit in 2024, and drills down to the late case's clock",
    async () => {
      await admin.getByTestId("menu-case-metrics").click();
      await admin.getByTestId("metrics-filters").waitFor({ timeout: 30_000 });
      await pickTreeNode(admin, "metrics-unit", UNIT, "市场监督");
      await fillRange(admin, admin.getByTestId("metrics-filters").locator(".ant-picker-range"), "2024-01-01", "2024-12-31");
      await admin.getByTestId("metrics-search").click();

      const onTime = admin.getByTestId("kpi-on_time_rate");
      await expect.poll(() => onTime.textContent(), { timeout: 30_000 }).toContain("75.0%");
      expect(await admin.getByTestId("kpi-accepted").textContent()).toContain("4");
      expect(await admin.getByTestId("kpi-online_rate").textContent()).toContain("50.0%");
      expect(await admin.getByTestId("kpi-overdue_completed").textContent()).toContain("1");
      await expectAccessible(admin, "办件指标 for the unit in 2024");
      await admin.screenshot({ path: path.join(shots, "cases-metrics.png"), fullPage: true });

      // 超期办结件数 drills down to the cases completed late: only E2E-003.
      await admin.getByTestId("kpi-overdue_completed").click();
      const drill = admin.getByTestId("drill-table");
      await drill.locator("tr.ant-table-row").first().waitFor({ timeout: 30_000 });
      await expect.poll(() => drill.locator("tr.ant-table-row").count(), { timeout: 15_000 }).toBe(1);
      const row = drill.locator("tr.ant-table-row").first();
      expect(await row.textContent()).toContain(LATE);
      expect(await row.textContent()).toContain("5 / 3");
      await row.getByTestId("case-open").click();

      const clock = admin.getByTestId("case-clock");
      await clock.waitFor({ timeout: 30_000 });
      const explanation = (await admin.getByTestId("case-clock-explanation").textContent()) ?? "";
      expect(explanation).toContain("超期");
      // 04-02, 04-07 (补班), 04-08, 04-09, 04-10 counted; 04-03 paused (补正); 04-04..06 清明 off.
      expect(await admin.getByTestId("clock-tally-counted").textContent()).toBe("5");
      expect(await admin.getByTestId("clock-tally-paused").textContent()).toBe("1");
      expect(await admin.getByTestId("clock-tally-non_working").textContent()).toBe("3");
      expect(await admin.getByTestId("clock-tally-acceptance_day").textContent()).toBe("1");
      const timeline = (await admin.getByTestId("case-timeline").textContent()) ?? "";
      expect(timeline).toContain("补正");
      expect(timeline).toContain("办结");
      await expectAccessible(admin, "办件详情: the late case's clock");
      await admin.screenshot({ path: path.join(shots, "cases-clock.png"), fullPage: true });
    },
    STEP,
  );

  it(
    "shows 按时办结率 as a fact from 办件数据 in a 2024 campaign's score trace, linked to the unit's cases",
    async () => {
      const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
      const framework = await publishTemplate(api, "changning-yiwangtongban");
      campaignId = await openCampaignInReview(api, {
        frameworkId: framework.id,
        name: "2024年“一网通办”评估（办件数据）",
        year: 2024,
        unitIds: [unitId],
      });

      await admin.goto(`${server.url}/assess/campaigns/${campaignId}?tab=scores`);
      await admin.getByTestId(`score-open-${UNIT_CODE}`).first().click({ timeout: 30_000 });
      const trace = admin.getByTestId("unit-score-trace");
      await trace.waitFor({ timeout: 30_000 });
      const step = trace.locator("tr.ant-table-row", { hasText: "cn-6.2.7-a" }).first();
      await step.waitFor({ timeout: 30_000 });
      // 75 % is 25 points below 100: 25 × 0.25 = 6.25, capped at 2.5.
      expect(await step.textContent()).toContain("75");
      expect(await step.textContent()).toContain("-2.5");
      const link = step.getByRole("link", { name: /办件数据/ });
      expect(await link.textContent()).toBe("办件数据：按时办结率（办件数据）");
      expect(await link.getAttribute("href")).toBe(`/cases/list?unitId=${unitId}&from=2024-01-01&to=2024-12-31&metric=on_time_rate`);
      await expectAccessible(admin, "单位得分说明 with 办件数据");
      await admin.screenshot({ path: path.join(shots, "cases-trace.png"), fullPage: true });

      // The link opens 办件查询 on the cases behind the fact: the 3 completed on time of the 4 completed in 2024.
      await link.click();
      const banner = admin.getByTestId("cases-link");
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toContain("按时办结率");
      expect(await banner.textContent()).toContain("2024-01-01 ~ 2024-12-31");
      const list = admin.getByTestId("cases-table");
      const caseNos = () => list.getByTestId("case-open").allTextContents();
      await expect.poll(caseNos, { timeout: 30_000 }).toEqual(expect.arrayContaining(["E2E-001", "E2E-002", "E2E-004"]));
      expect((await caseNos()).length).toBe(3);
      await admin.getByTestId("cases-link-part").getByText("办结件数", { exact: true }).click();
      await expect.poll(async () => (await caseNos()).length, { timeout: 30_000 }).toBe(4);
      expect(await caseNos()).toContain(LATE);
      await expectAccessible(admin, "办件查询 from the score trace");
    },
    STEP,
  );
});
