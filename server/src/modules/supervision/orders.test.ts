import {
  BOARD_COUNTS,
  boardCountLink,
  type CaseDetailView,
  cstDate,
  makeWorkCalendar,
  type OrderDetailView,
  type SupervisionBoardView,
  type TodoList,
  type WarningListView,
  workingDeadline,
} from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, calendarYears, notifications, serviceItems, supervisionOrders, users } from "../../platform/db/schema.ts";
import { loadWorkbook } from "../../platform/excel/workbook.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { asSystem, type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { evaluateWarnings } from "./evaluate.ts";
import { answerOrder } from "./orders.ts";
import { urgeOverdueOrders } from "./urge.ts";

let server: TestServer;
let ids: Map<string, string>;
let office: Client;
let liaisonA: Client;
let liaisonB: Client;
let warningIds: Map<string, string>;

const YEARS = [2024, 2025, 2026, 2027];
/** The test database's calendar: the years covered, no holidays. */
const calendar = makeWorkCalendar([], YEARS);
const hour = 3_600_000;

const post = async (client: Client, url: string, payload: unknown) => client.request({ method: "POST", url, payload });
async function issue(caseNo: string, replyDays = 3): Promise<OrderDetailView> {
  const res = await post(office, `/api/supervision/warnings/${warningIds.get(caseNo)}/order`, {
    instruction: "请核实超期原因并反馈",
    replyDays,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const order = async (client: Client, id: string) => client.request({ method: "GET", url: `/api/supervision/orders/${id}` });

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  await server.database.db.insert(calendarYears).values(YEARS.map((year) => ({ year, source: "test" })));
  const open = (caseNo: string, unitCode: string) => ({
    caseNo,
    unitId: ids.get(unitCode)!,
    acceptedAt: cst("2024-03-04T09:00:00"),
    promisedLimit: 5,
    promisedLimitUnit: "working_day" as const,
  });
  await storeCases(server.database.db, [open("A-1", "A"), open("A-2", "A"), open("A-3", "A"), open("B-1", "B")]);
  await evaluateWarnings(server.database.db);
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison_a", unitCode: "A", roles: ["unit_liaison"] });
  await makeUser(server, { username: "leader_a", unitCode: "A", roles: ["unit_leader"] });
  await makeUser(server, { username: "liaison_b", unitCode: "B", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaisonA = await login(server, "liaison_a");
  liaisonB = await login(server, "liaison_b");
  const list = (await office.request({ method: "GET", url: "/api/supervision/warnings?kind=overdue" })).json<WarningListView>();
  warningIds = new Map(list.rows.map((w) => [w.caseNo, w.id]));
}, 120_000);
afterAll(() => server.close());

describe("督办 → 催办 → 反馈", () => {
  let orderId: string;
  let firstDue: Date;

  it("issues one order per warning with a deadline in working days, and tells the unit", async () => {
    const before = Date.now();
    const issued = await issue("A-1");
    orderId = issued.id;
    firstDue = new Date(issued.firstDueAt);
    expect(issued).toMatchObject({ status: "issued", urgeCount: 0, isOverdue: false, warning: { caseNo: "A-1", ruleName: "超期" } });
    expect(issued.orderNo).toMatch(/^督〔\d{4}〕1号$/);
    // The case's drawer shows its warning with the order just issued.
    const detail = (await office.request({ method: "GET", url: "/api/cases/310105/test/A-1" })).json<CaseDetailView>();
    expect(detail.warnings!.find((w) => w.order)).toMatchObject({ ruleName: "超期", order: { id: orderId, status: "issued" } });
    expect(firstDue.getTime()).toBe(workingDeadline(calendar, new Date(before), 3).getTime());
    expect(issued.steps.map((s) => s.kind)).toEqual(["issue"]);
    // Its item is not in the guide registry: the notice names it by its code; once registered, by its name.
    expect(issued.itemName).toBeNull();
    await server.database.db
      .insert(serviceItems)
      .values({ code: issued.warning.itemCode, name: "企业投资项目备案", unitId: ids.get("A")! });
    expect((await order(office, issued.id)).json<OrderDetailView>().itemName).toBe("企业投资项目备案");
    const again = await post(office, `/api/supervision/warnings/${warningIds.get("A-1")}/order`, { instruction: "再次督办" });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain(issued.orderNo);
    const list = (await liaisonA.request({ method: "GET", url: "/api/supervision/warnings?unsupervised=false" })).json<WarningListView>();
    expect(list.rows.map((w) => [w.caseNo, w.order?.orderNo])).toEqual([["A-1", issued.orderNo]]);
  });

  it("puts the order on the unit's to-do list, due at its deadline, and not on another unit's", async () => {
    const todo = async (client: Client) => (await client.request({ method: "GET", url: "/api/todo" })).json<TodoList>().items;
    const [item] = (await todo(liaisonA)).filter((i) => i.kind === "supervision_reply");
    expect(item).toMatchObject({
      campaignId: null,
      campaignName: "电子监察督办",
      due: cstDate(firstDue),
      overdue: false,
      link: `/supervision/orders?id=${orderId}`,
    });
    expect(item!.title).toContain("A-1");
    expect((await todo(liaisonB)).filter((i) => i.kind.startsWith("supervision"))).toEqual([]);
  });

  it("keeps another unit out: no order, no reply", async () => {
    expect((await order(liaisonB, orderId)).statusCode).toBe(404);
    expect((await post(liaisonB, `/api/supervision/orders/${orderId}/reply`, { text: "不是我们的" })).statusCode).toBe(404);
    expect((await post(liaisonA, `/api/supervision/warnings/${warningIds.get("A-2")}/order`, { instruction: "自己督办" })).statusCode).toBe(
      403,
    );
  });

  it("urges past the deadline with a new one, and escalates to the leader after the second 催办", async () => {
    const app = { db: server.database.db, config: server.config };
    expect(await urgeOverdueOrders(app, new Date(firstDue.getTime() - hour))).toBe(0);
    const firstUrge = new Date(firstDue.getTime() + hour);
    expect(await urgeOverdueOrders(app, firstUrge)).toBe(1);
    expect(await urgeOverdueOrders(app, firstUrge)).toBe(0); // urged once per passed deadline
    const urged = (await order(office, orderId)).json<OrderDetailView>();
    expect(urged).toMatchObject({ urgeCount: 1, dueAt: workingDeadline(calendar, firstUrge, 2).toISOString() });
    expect(await urgeOverdueOrders(app, new Date(new Date(urged.dueAt).getTime() + hour))).toBe(1);
    const escalated = (await order(office, orderId)).json<OrderDetailView>();
    expect(escalated.steps.map((s) => s.kind)).toEqual(["issue", "urge", "urge", "escalate"]);
    expect(escalated.steps[1]).toMatchObject({ actorName: null, text: expect.stringContaining("第 1 次催办") });
    const titles = async (username: string) =>
      (
        await server.database.db
          .select({ title: notifications.title })
          .from(notifications)
          .innerJoin(users, eq(users.id, notifications.userId))
          .where(eq(users.username, username))
      ).map((n) => n.title);
    expect((await titles("leader_a")).filter((t) => t.startsWith("升级督办"))).toHaveLength(1);
    expect((await titles("liaison_a")).filter((t) => t.startsWith("升级督办"))).toHaveLength(0);
    expect((await titles("liaison_a")).filter((t) => t.startsWith("催办"))).toHaveLength(2);
  });

  it("takes the unit's reply once, late against the first deadline", async () => {
    const res = await post(liaisonA, `/api/supervision/orders/${orderId}/reply`, { text: "系统故障导致超期，已办结" });
    expect(res.statusCode, res.body).toBe(200);
    // Replied now, before the first deadline (it lies days ahead): on time.
    expect(res.json<OrderDetailView>()).toMatchObject({ status: "replied", isReplyLate: false });
    const twice = await post(liaisonA, `/api/supervision/orders/${orderId}/reply`, { text: "再补充" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe("该督办单当前为「已反馈待核」，不能情况反馈");
    const late = await issue("A-2", 1);
    const review = (await office.request({ method: "GET", url: "/api/todo" })).json<TodoList>().items;
    expect(review.filter((i) => i.kind === "supervision_review").map((i) => i.link)).toEqual([`/supervision/orders?id=${orderId}`]);
    const replied = await asSystem(server, (ctx) =>
      answerOrder({ ctx, orderId: late.id, text: "迟到的反馈", now: new Date(new Date(late.firstDueAt).getTime() + hour) }),
    );
    expect(replied).toMatchObject({ status: "replied", isReplyLate: true });
  });

  it("立项调查 → 纠正 → 核销; two closes at once: one wins, the other is told; no reply after closing", async () => {
    const investigate = await post(office, `/api/supervision/orders/${orderId}/investigate`, { text: "调查超期原因", correctionDays: 5 });
    expect(investigate.json<OrderDetailView>()).toMatchObject({ status: "investigating" });
    const corrected = await post(liaisonA, `/api/supervision/orders/${orderId}/reply`, { text: "已整改：增设复核岗" });
    expect(corrected.json<OrderDetailView>().status).toBe("corrected");
    const [a, b] = await Promise.all([
      post(office, `/api/supervision/orders/${orderId}/close`, { text: "同意核销" }),
      post(office, `/api/supervision/orders/${orderId}/close`, { text: "同意核销" }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(["该督办单已办结，不能再办理", "该督办单刚被他人办理，请刷新后查看"]).toContain(loser.json().message);
    const after = await post(liaisonA, `/api/supervision/orders/${orderId}/reply`, { text: "补充材料" });
    expect(after.statusCode).toBe(409);
    expect(after.json().message).toBe("该督办单已办结，不能再办理");
    const done = (await order(liaisonA, orderId)).json<OrderDetailView>();
    // In time order: the 催办 above were run at instants days ahead, after today's steps.
    expect(done.steps.map((s) => s.kind)).toEqual(["issue", "reply", "investigate", "correct", "close", "urge", "urge", "escalate"]);
    const [row] = await server.database.db.select().from(supervisionOrders).where(eq(supervisionOrders.id, orderId));
    expect(row!.closedAt).not.toBeNull();
  });

  it("lists the orders waiting on the unit first, the overdue ones on their own, and audits every step", async () => {
    const waiting = await issue("A-3");
    const list = await office.request({ method: "GET", url: "/api/supervision/orders" });
    expect(list.json().rows.map((o: OrderDetailView) => o.id)[0]).toBe(waiting.id);
    expect((await office.request({ method: "GET", url: "/api/supervision/orders?overdue=true" })).json().total).toBe(0);
    const own = (await liaisonB.request({ method: "GET", url: "/api/supervision/orders" })).json();
    expect(own.total).toBe(0);
    const actions = await server.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${orderId}`);
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        "supervision.order.close",
        "supervision.order.correct",
        "supervision.order.investigate",
        "supervision.order.issue",
        "supervision.order.reply",
        "supervision.order.urge",
        "supervision.order.urge",
      ].sort(),
    );
  });

  it("refuses to issue when the calendar lacks this year, naming it (never Monday to Friday)", async () => {
    const year = new Date().getUTCFullYear();
    await server.database.db.delete(calendarYears).where(eq(calendarYears.year, year));
    const res = await post(office, `/api/supervision/warnings/${warningIds.get("B-1")}/order`, { instruction: "督办" });
    await server.database.db.insert(calendarYears).values({ year, source: "test" });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(`工作日历缺少 ${year} 年`);
  });
});

describe("监察看板's counts as links", () => {
  it("opens, for each count of each unit, the list whose total is that count (the unit alone, not its subtree)", async () => {
    // A department under A with its own warning: A's row must not count it, nor A's links list it.
    await storeCases(server.database.db, [
      {
        caseNo: "A1-1",
        unitId: ids.get("A1")!,
        acceptedAt: cst("2024-03-04T09:00:00"),
        promisedLimit: 5,
        promisedLimitUnit: "working_day",
      },
    ]);
    await evaluateWarnings(server.database.db);
    const period = { from: "2024-01-01", to: "2024-12-31" };
    const board = (
      await office.request({ method: "GET", url: `/api/supervision/board?from=${period.from}&to=${period.to}` })
    ).json<SupervisionBoardView>();
    expect(board.rows.map((r) => r.unitId).sort()).toEqual([ids.get("A")!, ids.get("A1")!, ids.get("B")!].sort());
    const rowA = board.rows.find((r) => r.unitId === ids.get("A"))!;
    expect(rowA.waiting + rowA.repliesLate).toBeGreaterThan(0);
    for (const row of board.rows) {
      for (const count of BOARD_COUNTS) {
        const { list, query } = boardCountLink(count, row.unitId, period);
        const url = `/api/supervision/${list}?${new URLSearchParams({ ...query, page: "1", pageSize: "5" })}`;
        const res = await office.request({ method: "GET", url });
        expect(res.statusCode, res.body).toBe(200);
        expect({ unit: row.unitName, count, total: res.json().total }).toEqual({ unit: row.unitName, count, total: row[count] });
      }
    }
    const subtree = await office.request({
      method: "GET",
      url: `/api/supervision/warnings?unitId=${ids.get("A")}&from=2024-01-01&to=2024-12-31`,
    });
    expect(subtree.json().total).toBe(rowA.warnings + 1);
  });

  it("counts an order urged past its first deadline and still unanswered as 逾期未反馈, as the bulletin does — not as 逾期反馈", async () => {
    const db = server.database.db;
    const [unanswered] = await db.select().from(supervisionOrders).where(sql`${supervisionOrders.repliedAt} is null`).limit(1);
    // Its first deadline passed, a 催办 gave it a new one still ahead: not overdue now, but not answered in time.
    await db
      .update(supervisionOrders)
      .set({ firstDueAt: new Date(Date.now() - 24 * hour), dueAt: new Date(Date.now() + 24 * hour) })
      .where(eq(supervisionOrders.id, unanswered!.id));
    const period = { from: "2024-01-01", to: "2024-12-31" };
    const board = (
      await office.request({ method: "GET", url: `/api/supervision/board?from=${period.from}&to=${period.to}` })
    ).json<SupervisionBoardView>();
    const row = board.rows.find((r) => r.unitId === unanswered!.unitId)!;
    const listed = async (count: "overdueReplies" | "repliedLate") => {
      const { list, query } = boardCountLink(count, row.unitId, period);
      const res = await office.request({ method: "GET", url: `/api/supervision/${list}?${new URLSearchParams(query)}` });
      return res.json<{ rows: { id: string }[] }>().rows.map((o) => o.id);
    };
    expect(await listed("overdueReplies")).toContain(unanswered!.id);
    expect(await listed("repliedLate")).not.toContain(unanswered!.id);
    // The card counts both, as the bulletin's card does.
    expect(row.repliesLate).toBe(row.overdueReplies + row.repliedLate);
  });
});

describe("导出: the lists as .xlsx", () => {
  /** The sheet's rows as header → cell text. */
  async function sheetOf(client: Client, url: string) {
    const res = await client.request({ method: "GET", url });
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers["content-disposition"])).toContain("filename*=UTF-8''");
    const sheet = (await loadWorkbook(res.rawPayload)).worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, string>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, String(row.getCell(i + 1).text)])));
    });
    return rows;
  }

  it("exports the orders as the list filters them: Chinese headers, labels not codes, the unit's own only", async () => {
    const list = (await office.request({ method: "GET", url: "/api/supervision/orders?pageSize=500" })).json<{ total: number }>();
    const all = await sheetOf(office, "/api/supervision/orders/export.xlsx");
    expect(all.length).toBe(list.total);
    expect(all[0]).toHaveProperty("督办单号");
    expect(new Set(all.map((r) => r.状态))).not.toContain("issued");
    expect(all.every((r) => ["按时反馈", "逾期反馈", "逾期未反馈", "待反馈"].includes(r.反馈情况!))).toBe(true);
    // The liaison's file holds its unit's orders only, as its list does.
    const own = await sheetOf(liaisonA, "/api/supervision/orders/export.xlsx");
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.办件编号!.startsWith("A-"))).toBe(true);
    const [audit] = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "supervision.orders.export")).limit(1);
    expect(audit!.after).toMatchObject({ count: all.length });
  });

  it("exports the warning ledger with its filters; a unit out of scope is refused", async () => {
    const filtered = await sheetOf(office, `/api/supervision/warnings/export.xlsx?unitId=${ids.get("B")}`);
    expect(filtered.map((r) => r.办件编号)).toEqual(["B-1"]);
    expect(filtered[0]!.级别).toMatch(/^(提醒|黄灯|红灯)$/);
    const refused = await liaisonA.request({ method: "GET", url: `/api/supervision/warnings/export.xlsx?unitId=${ids.get("B")}` });
    expect([403, 404]).toContain(refused.statusCode);
  });
});
