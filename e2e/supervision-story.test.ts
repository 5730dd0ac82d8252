/**
 * The 电子监察 story in a real browser: the demo's cases raise warnings (the rules run over the case
 * store); the office finds an unsupervised warning on 预警台账 and issues a 督办单; the unit's liaison
 * opens it under 督办单, replies; the office closes it (核销) and prints the 督办通知单. The demo's
 * unanswered order of last month is urged by the system once the server runs (催办); its unit's
 * liaison replies late; last month's bulletin, published again, counts the late reply where the
 * demo's version counted it missing; and a Shuangyashan campaign deducts 4.3's points for the unit's
 * late replies, from the supervision ledger, linked to the orders. Then keys and the rule set.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, createUser, publishTemplate } from "./support/api.ts";
import { attachPdfs, expectStepAttachment } from "./support/attachments.ts";
import { expectAccessible } from "./support/axe.ts";
import { hasChromium, launchChromium } from "./support/browser.ts";
import { openCampaignInReview } from "./support/campaigns.ts";
import { choose, confirmPopconfirm, fillDate, fillIn, loginAs, signedInPage } from "./support/page.ts";
import { E2E_ADMIN, type RunningServer, startServer } from "./support/server.ts";

const enabled = hasChromium();
const STEP = 180_000;
const LIAISON = { username: "jc_liaison", password: "Jc-Liaison-Passw0rd!" };
const LATE_LIAISON = { username: "jc_liaison_late", password: "Jc-Late-Passw0rd!" };
const shots = path.join(os.tmpdir(), "kaoping-e2e-shots");
/** The China Standard Time day of an instant. */
const cstDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

interface Warning {
  id: string;
  caseNo: string;
  unitId: string;
  unitName: string;
  ruleName: string;
  order: { id: string; orderNo: string } | null;
}

let server: RunningServer;
let browser: Browser;
let office: Page;
let liaison: Page;
let warning: Warning;
let orderId: string;
/** The demo's order the system urged, answered late in the story. */
let urged: { id: string; orderNo: string; urgeCount: number; warning: Warning & { at: string } };

describe.skipIf(!enabled)("supervision: warnings from the demo's cases → 督办 → 反馈 → 核销, the notice, the rules", () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer();
    const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
    // The background loop evaluates the demo's cases after the start: wait for its first warnings.
    for (const deadline = Date.now() + 120_000; ; ) {
      const [first] = (await api.get<{ rows: Warning[] }>("/api/supervision/warnings?unsupervised=true&pageSize=1")).rows;
      if (first) {
        warning = first;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no warnings raised:\n${server.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const unit = await api.get<{ code: string }>(`/api/units/${warning.unitId}`);
    await createUser(api, { ...LIAISON, displayName: "监察联络员", unitCode: unit.code, roleCodes: ["unit_liaison"] });
    browser = await launchChromium();
    office = await browser.newPage({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1440, height: 900 } });
    await loginAs(office, server.url);
  }, 420_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    "the office finds the warning on 预警台账, explained, and issues a 督办单",
    async () => {
      await office.getByTestId("menu-warnings").click();
      await office.getByTestId("warnings-table").waitFor({ timeout: 30_000 });
      await fillIn(office, "warning-search-no", warning.caseNo);
      await office.keyboard.press("Enter");
      const row = office.getByTestId("warnings-table").locator("tr.ant-table-row", { hasText: warning.caseNo }).first();
      await row.waitFor({ timeout: 15_000 });
      expect(await row.textContent()).toContain(warning.ruleName);
      expect(await office.getByTestId("warning-counts").textContent()).toMatch(/共 \d+ 条/);
      await expectAccessible(office, "预警台账");
      // 导出 takes the rows as filtered (the case searched for): an .xlsx under the ledger's name.
      const [exported] = await Promise.all([office.waitForEvent("download"), office.getByTestId("warnings-export").click()]);
      expect(exported.suggestedFilename()).toBe("预警台账.xlsx");
      const file = fs.readFileSync((await exported.path())!);
      expect(file.subarray(0, 2).toString("latin1")).toBe("PK");
      await row.getByTestId("warning-issue").click();
      await fillIn(office, "issue-instruction", "请于期限内说明超期原因并反馈整改措施");
      await office.getByTestId("issue-submit").click();
      await row.getByTestId("warning-order").waitFor({ timeout: 15_000 });
      expect(await row.getByTestId("warning-order").textContent()).toMatch(/^督〔\d{4}〕\d+号$/);
      const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
      orderId = (await api.get<{ rows: Warning[] }>(`/api/supervision/warnings?caseNo=${encodeURIComponent(warning.caseNo)}`)).rows.find(
        (w) => w.id === warning.id,
      )!.order!.id;
    },
    STEP,
  );

  it(
    "the liaison opens the order under 督办单 and replies; another unit's orders stay out of sight",
    async () => {
      liaison = await signedInPage(browser, server.url, LIAISON.username, LIAISON.password);
      await liaison.getByTestId("menu-orders").click();
      const table = liaison.getByTestId("orders-table");
      await table.locator("tr.ant-table-row").first().waitFor({ timeout: 30_000 });
      expect(await table.locator("tr.ant-table-row").count()).toBeGreaterThan(0);
      // The liaison's unit only: every row is theirs.
      for (const text of await table.locator("tr.ant-table-row").allTextContents()) expect(text).toContain(warning.unitName);
      await table.locator("tr.ant-table-row", { hasText: warning.caseNo }).getByTestId("order-open").click();
      await liaison.getByTestId("order-drawer").waitFor();
      expect(await liaison.getByTestId("order-status").getAttribute("data-status")).toBe("issued");
      await expectAccessible(liaison, "督办单 (unit)");
      await liaison.getByTestId("order-text").fill("经核查，系材料补正周期较长导致超期，已优化预审流程。");
      await attachPdfs(liaison, "order-attachments", ["超期情况说明.pdf"]);
      await liaison.getByTestId("order-reply").click();
      await expect.poll(() => liaison.getByTestId("order-status").getAttribute("data-status"), { timeout: 15_000 }).toBe("replied");
      await expectStepAttachment(liaison, liaison.getByTestId("order-steps").locator("[data-step=reply]"), "超期情况说明.pdf");
      expect(await liaison.getByTestId("order-reply-late").textContent()).toBe("按时反馈");
      expect(await liaison.getByTestId("order-steps").textContent()).toContain("情况反馈");
      await liaison.screenshot({ path: path.join(shots, "supervision-order-replied.png") });
    },
    STEP,
  );

  it(
    "the office closes it from the order's link, and prints the 督办通知单",
    async () => {
      await office.goto(`${server.url}/supervision/orders?id=${orderId}`);
      await office.getByTestId("order-drawer").waitFor({ timeout: 30_000 });
      await expect.poll(() => office.getByTestId("order-status").getAttribute("data-status"), { timeout: 15_000 }).toBe("replied");
      await office.getByTestId("order-text").fill("反馈属实，同意核销。");
      await office.getByTestId("order-close").click();
      await expect.poll(() => office.getByTestId("order-status").getAttribute("data-status"), { timeout: 15_000 }).toBe("closed");
      const steps = await office
        .getByTestId("order-steps")
        .locator("[data-step]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-step")));
      expect(steps).toEqual(["issue", "reply", "close"]);
      // The unit's evidence reaches the office with the reply.
      await expectStepAttachment(office, office.getByTestId("order-steps").locator("[data-step=reply]"), "超期情况说明.pdf");
      // The deadline set at issue is the reply's, not a 催办's new one.
      expect(await office.getByTestId("order-steps").locator("[data-step=issue]").textContent()).toContain("反馈期限");
      await office.goto(`${server.url}/supervision/orders/${orderId}/notice`);
      const notice = office.getByTestId("order-notice");
      await notice.waitFor({ timeout: 30_000 });
      const text = (await notice.textContent()) ?? "";
      expect(text).toContain("电子监察督办通知单");
      expect(text).toContain(warning.unitName);
      expect(text).toContain(warning.caseNo);
      // The item by its name in the guide registry, the issuer as the office is called everywhere.
      const detail = (await (await office.request.get(`${server.url}/api/supervision/orders/${orderId}`)).json()) as {
        itemName: string | null;
        warning: { itemCode: string };
      };
      // (the registry's name where the item is registered — server test orders.test.ts — else its code)
      expect(text).toContain(`（事项 ${detail.itemName ?? detail.warning.itemCode}）`);
      expect(text).toContain("督办单位：考评办");
      await expectAccessible(office, "督办通知单");
    },
    STEP,
  );

  it(
    "the system urged the demo's unanswered order (催办); its unit's liaison replies late, and the order says so",
    async () => {
      const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
      // The background 催办 runs over the orders once the server is up.
      await expect
        .poll(
          async () => {
            const { rows } = await api.get<{ rows: (typeof urged)[] }>("/api/supervision/orders?status=issued&pageSize=100");
            urged = rows.find((r) => r.urgeCount > 0)!;
            return urged !== undefined;
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      let page = liaison;
      if (urged.warning.unitId !== warning.unitId) {
        const unit = await api.get<{ code: string }>(`/api/units/${urged.warning.unitId}`);
        await createUser(api, { ...LATE_LIAISON, displayName: "监察联络员（催办）", unitCode: unit.code, roleCodes: ["unit_liaison"] });
        page = await signedInPage(browser, server.url, LATE_LIAISON.username, LATE_LIAISON.password);
      }
      await page.goto(`${server.url}/supervision/orders?id=${urged.id}`);
      await page.getByTestId("order-drawer").waitFor({ timeout: 30_000 });
      const steps = page.getByTestId("order-steps");
      // The drawer opens before the order's steps have come (on a loaded machine, visibly so).
      await expect
        .poll(() => steps.locator("[data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-step"))), { timeout: 15_000 })
        .toEqual(["issue", "urge"]);
      expect(await steps.textContent()).toMatch(/已超过反馈时限（\d{4}-\d{2}-\d{2}），第 1 次催办/);
      await page.getByTestId("order-text").fill("经核查，系窗口人员调整导致未及时反馈，现补充说明超期原因。");
      await page.getByTestId("order-reply").click();
      await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status"), { timeout: 15_000 }).toBe("replied");
      expect(await page.getByTestId("order-reply-late").textContent()).toBe("逾期反馈");
      await expectAccessible(page, "督办单 (urged, replied late)");
      await page.screenshot({ path: path.join(shots, "supervision-order-late.png") });
    },
    STEP,
  );

  it(
    "the board lights each unit with warnings this year, its card explained, and draws the trend",
    async () => {
      await office.getByTestId("menu-supervision-board").click();
      const table = office.getByTestId("board-table");
      await table.locator("tr.ant-table-row").first().waitFor({ timeout: 30_000 });
      expect(await table.locator("tr.ant-table-row").count()).toBeGreaterThan(0);
      // The demo's cases run up to today: this year holds warnings (the newest are days old).
      const first = table.locator("tr.ant-table-row").first();
      expect(["none", "yellow", "red"]).toContain(await first.getByTestId("board-card").getAttribute("data-card"));
      await office.getByTestId("board-trend").locator("canvas").waitFor({ timeout: 15_000 });
      await expectAccessible(office, "监察看板");
    },
    STEP,
  );

  it(
    "the office publishes last month's bulletin; the published version opens as a print page",
    async () => {
      await office.getByTestId("menu-supervision-bulletins").click();
      await office.getByTestId("bulletin-publish").click();
      await confirmPopconfirm(office);
      const table = office.getByTestId("bulletins-table");
      // The demo published the month's first version; this is the second.
      await expect
        .poll(async () => (await table.locator("tr.ant-table-row").first().textContent()) ?? "", { timeout: 30_000 })
        .toContain("第 2 版");
      await expectAccessible(office, "月度通报");
      // The pages as the links open them, with the office's session.
      const page = async (row: number) => {
        const href = await table.getByTestId("bulletin-open").nth(row).getAttribute("href");
        const answer = await office.request.get(`${server.url}${href}`);
        expect(answer.status()).toBe(200);
        return answer.text();
      };
      const text = await page(0);
      expect(text).toMatch(/\d{4}年\d{1,2}月政务服务电子监察运行情况通报/);
      expect(text).toContain("各单位运行情况及排名");
      // The urged order answered late in this story: missing in the demo's frozen version, late in this one.
      expect(text).toContain("逾期反馈 2 件，逾期未反馈 0 件");
      expect(await page(1)).toContain("逾期反馈 1 件，逾期未反馈 1 件");
    },
    STEP,
  );

  it(
    "the office registers a 媒体曝光 against the unit on 投诉曝光登记, found 属实",
    async () => {
      await office.getByTestId("menu-complaints").click();
      const table = office.getByTestId("complaints-table");
      await table.waitFor({ timeout: 30_000 });
      await office.getByTestId("complaint-add").click();
      await choose(office, "treeNode", "complaint-unit", urged.warning.unitName, urged.warning.unitName.slice(-6));
      await choose(office, "option", "complaint-kind", "媒体曝光");
      // Dated in the warning's year: the campaign below covers that year.
      await fillDate(office, "complaint-date", cstDay(urged.warning.at));
      await fillIn(office, "complaint-title", "电视问政：窗口办件超期未反馈");
      await fillIn(office, "complaint-source", "市电视台《问政》栏目");
      await choose(office, "option", "complaint-finding", "属实");
      await office.getByTestId("complaint-submit").click();
      const row = table.locator("tr.ant-table-row", { hasText: "电视问政" });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.textContent()).toContain("属实");
      expect(await row.textContent()).toContain(urged.warning.unitName);
      await expectAccessible(office, "投诉曝光登记");
    },
    STEP,
  );

  it(
    "a Shuangyashan campaign deducts 4.3 for the unit's late replies and halves 4.4 for its exposure, from the supervision ledger, linked to the records",
    async () => {
      const api = await ApiSession.login(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
      const framework = await publishTemplate(api, "shuangyashan-internet-plus");
      const year = urged.warning.at.slice(0, 4);
      const unitId = urged.warning.unitId;
      const unit = await api.get<{ code: string }>(`/api/units/${unitId}`);
      const [from, to] = [`${year}-01-01`, `${year}-12-31`];
      const late = await api.get<{ total: number }>(
        `/api/supervision/orders?unitId=${unitId}&from=${from}&to=${to}&replyLate=true&pageSize=1`,
      );
      expect(late.total).toBeGreaterThanOrEqual(1);
      const id = await openCampaignInReview(api, {
        frameworkId: framework.id,
        name: `${year}年“互联网+政务服务”考核（电子监察）`,
        year: Number(year),
        unitIds: [unitId],
      });

      await office.goto(`${server.url}/assess/campaigns/${id}?tab=scores`);
      await office.getByTestId(`score-open-${unit.code}`).first().click({ timeout: 30_000 });
      const trace = office.getByTestId("unit-score-trace");
      await trace.waitFor({ timeout: 30_000 });
      const step = trace.locator("tr.ant-table-row", { hasText: "sys-4.3-a" }).first();
      await step.waitFor({ timeout: 30_000 });
      // 每件次扣2分 over the late replies, within 4.3's 3 points.
      expect(await step.textContent()).toContain(`-${Math.min(2 * late.total, 3)}`);
      const link = step.getByRole("link", { name: /电子监察/ });
      expect(await link.getAttribute("href")).toBe(`/supervision/orders?unitId=${unitId}&from=${from}&to=${to}&replyLate=true`);
      await expectAccessible(office, "单位得分说明 with 电子监察");
      await office.screenshot({ path: path.join(shots, "supervision-trace.png"), fullPage: true });
      const halved = trace.locator("tr.ant-table-row", { hasText: "sys-4.4-c" }).first();
      expect(await halved.getByRole("link", { name: /电子监察/ }).getAttribute("href")).toBe(
        `/supervision/complaints?unitId=${unitId}&from=${from}&to=${to}&finding=substantiated`,
      );
      await link.click();
      const orders = office.getByTestId("orders-table");
      await expect
        .poll(async () => (await orders.locator("tr.ant-table-row").allTextContents()).join("\n"), { timeout: 30_000 })
        .toContain(urged.orderNo);
      // The exposure's link opens the register as it filtered: the note names 属实, the form shows it.
      await office.goto(`${server.url}/supervision/complaints?unitId=${unitId}&from=${from}&to=${to}&finding=substantiated`);
      const complaints = office.getByTestId("complaints-table");
      await expect
        .poll(async () => (await complaints.locator("tr.ant-table-row").allTextContents()).join("\n"), { timeout: 30_000 })
        .toContain("电视问政：窗口办件超期未反馈");
      expect(await office.getByTestId("supervision-link").textContent()).toContain("属实");
    },
    STEP,
  );

  it(
    "the office registers an approver's signing key for the unit, then revokes it",
    async () => {
      await office.getByTestId("menu-signing-keys").click();
      await office.getByTestId("keys-table").waitFor({ timeout: 30_000 });
      await office.getByTestId("key-add").click();
      await choose(office, "treeNode", "key-unit", warning.unitName, warning.unitName.slice(-6));
      await fillIn(office, "key-id", "E2E-KEY-1");
      await fillIn(office, "key-approver", "王*");
      // Valid from today (the form's default), open-ended.
      await office.getByTestId("key-submit").click();
      const row = office.getByTestId("keys-table").locator("tr.ant-table-row", { hasText: "E2E-KEY-1" });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.textContent()).toContain("有效");
      await expectAccessible(office, "签章密钥");
      await row.getByTestId("key-revoke").click();
      await confirmPopconfirm(office);
      await expect.poll(async () => (await row.textContent()) ?? "", { timeout: 15_000 }).toContain("注销");
    },
    STEP,
  );

  it(
    "the office tunes a rule and saves the set as a new version",
    async () => {
      await office.getByTestId("menu-warning-rules").click();
      await office.getByTestId("rules-table").waitFor({ timeout: 30_000 });
      expect(await office.getByTestId("rules-version").textContent()).toContain("系统默认规则");
      await expectAccessible(office, "预警规则");
      // A trial first: what 超期 would have raised last month, written nowhere.
      await office.getByTestId("rule-preview-W02").click();
      await office.getByTestId("rule-preview-result").waitFor({ timeout: 30_000 });
      expect(await office.getByTestId("rule-preview-result").textContent()).toMatch(/受理的 \d+ 件办件，按此规则截至月末将预警 \d+ 件/);
      await office.keyboard.press("Escape");
      await fillIn(office, "rule-param-W01-workingDaysLeft", "2");
      await office.getByTestId("rules-save").click();
      await expect.poll(() => office.getByTestId("rules-version").textContent(), { timeout: 15_000 }).toBe("当前版本：第 1 版");
    },
    STEP,
  );
});
