import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supervisionBulletins, type supervisionOrders } from "../../platform/db/schema.ts";
import { makeBuiltinFrameworkCampaign } from "../../test/campaigns.ts";
import { cst } from "../../test/cases.ts";
import { asSystem, type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { insertWarning } from "../../test/supervision.ts";
import { liveIndicator, livePoints } from "../findings/testing.ts";
import { createComplaint, updateComplaint } from "./complaints.ts";
import { supervisionFactSource } from "./fact-source.ts";

/**
 * Seed 004 (双鸭山 2017) part 四 scored from the supervision ledger, by hand:
 * A1's 2024 warnings — W1, W2 never supervised; W3 replied after its first deadline; W4 replied in
 * time and closed; W5 under 立项调查 past its correction deadline; W6 of 2025 (outside the period).
 * So 未督办 2, 未有效催办督查 2, 逾期反馈 1, 调查未纠正 1 — for A1 and for A (its subtree).
 * 4.1 (10): 2 ≤ 3 → 10. 4.2 (5): 5 − 2 × 2 = 1. 4.3 (3): a correction overdue → 0.
 */
let server: TestServer;
let reviewer: Client;
let ids: Map<string, string>;
let campaignId: string;
let seq = 0;

const addWarning = (unitCode: string, at: string, order?: Partial<typeof supervisionOrders.$inferInsert>) =>
  insertWarning(server.database.db, {
    caseNo: `SV-${++seq}`,
    unitId: ids.get(unitCode)!,
    at: cst(at),
    order: order && {
      firstDueAt: cst("2024-03-06T23:59:59.999"),
      dueAt: cst("2024-03-06T23:59:59.999"),
      issuedAt: cst("2024-03-01T10:00:00"),
      ...order,
    },
  });

const unitScore = async (unitId: string) =>
  (await reviewer.request({ method: "GET", url: `/api/campaigns/${campaignId}/units/${unitId}/score` })).json();
const points = (code: string, unitCode = "A1") => livePoints(server, campaignId, unitCode, code);

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  await makeUser(server, { username: "rev", unitCode: "R", roles: ["reviewer"] });
  reviewer = await login(server, "rev");
  await addWarning("A1", "2024-02-01T10:00:00");
  await addWarning("A1", "2024-02-02T10:00:00");
  await addWarning("A1", "2024-02-28T10:00:00", { status: "replied", repliedAt: cst("2024-03-08T10:00:00"), isReplyLate: true });
  await addWarning("A1", "2024-04-01T10:00:00", {
    status: "closed",
    firstDueAt: cst("2024-04-10T23:59:59.999"),
    repliedAt: cst("2024-04-09T10:00:00"),
    isReplyLate: false,
  });
  await addWarning("A1", "2024-05-01T10:00:00", {
    status: "investigating",
    firstDueAt: cst("2024-05-10T23:59:59.999"),
    repliedAt: cst("2024-05-08T10:00:00"),
    isReplyLate: false,
    dueAt: cst("2024-06-30T23:59:59.999"),
  });
  await addWarning("A1", "2025-01-06T10:00:00");
  campaignId = await makeBuiltinFrameworkCampaign(server, { frameworkCode: "shuangyashan-internet-plus", reviewers: ["rev"], year: 2024 });
}, 120_000);
afterAll(() => server?.close());

describe("supervision facts in a campaign (双鸭山 2017, part 四, campaign year 2024)", () => {
  it("fills part 四 from the ledger of the unit's subtree over the year, traced to the warnings and orders", async () => {
    for (const unit of ["A1", "A"]) {
      expect(await points("4.1", unit)).toBe("10");
      expect(await points("4.2", unit)).toBe("1");
      expect(await points("4.3", unit)).toBe("0");
    }
    const a1 = ids.get("A1")!;
    const score = await unitScore(a1);
    expect(score.sources["supervision.warnings_not_supervised"]).toEqual({
      fact: "supervision.warnings_not_supervised",
      findingIds: [],
      auto: "supervision",
      link: `/supervision/warnings?unitId=${a1}&from=2024-01-01&to=2024-12-31&unsupervised=true`,
    });
    expect(score.sources["supervision.replies_late"]).toMatchObject({
      auto: "supervision",
      link: expect.stringContaining("/supervision/orders?"),
    });
    const trace = (await liveIndicator(server, campaignId, "A1", "4.2")).trace;
    expect(trace.find((s: { ruleId: string }) => s.ruleId === "sys-4.2-b")).toMatchObject({
      facts: { "supervision.warnings_not_supervised": 2 },
    });
  });

  it("counts nothing for a unit without warnings: part 四 keeps its points", async () => {
    expect(await points("4.2", "B")).toBe("5");
    expect(await points("4.3", "B")).toBe("3");
  });

  it("zeroes 4.1, 4.2 and 4.3 together once more than 3 warnings went without 督办 (视为未启动电子监察系统)", async () => {
    await addWarning("A1", "2024-07-01T10:00:00");
    await addWarning("A1", "2024-07-02T10:00:00");
    expect(await points("4.1")).toBe("0");
    expect(await points("4.2")).toBe("0");
    expect(await points("4.3")).toBe("0");
    // B's ledger is its own.
    expect(await points("4.1", "B")).toBe("10");
  });

  it("deducts 三.3's 5 points once a decision was signed with a changed approver's key (签章异常)", async () => {
    expect(await points("3.3")).toBe("5");
    await insertWarning(server.database.db, {
      caseNo: `SV-${++seq}`,
      unitId: ids.get("A1")!,
      at: cst("2024-08-01T10:00:00"),
      kind: "signature_anomaly",
    });
    expect(await points("3.3")).toBe("0");
    expect((await unitScore(ids.get("A1")!)).sources["supervision.key_violations"]).toMatchObject({
      auto: "supervision",
      link: expect.stringContaining("kind=signature_anomaly"),
    });
  });

  it("halves 4.4 for one substantiated 效能投诉 or 媒体曝光 of the year and zeroes it for two; pending, unfounded and other years' count nothing", async () => {
    const b = ids.get("B1")!;
    const register = (
      kind: "efficiency_complaint" | "media_exposure",
      occurredOn: string,
      finding: "pending" | "substantiated" | "unfounded",
    ) =>
      asSystem(server, (ctx) =>
        createComplaint({ ctx, input: { unitId: b, kind, occurredOn, title: "窗口办事拖延", source: "12345", finding, note: "" } }),
      );
    expect(await points("4.4", "B")).toBe("2");
    await register("efficiency_complaint", "2024-03-01", "pending");
    await register("efficiency_complaint", "2024-03-02", "unfounded");
    await register("media_exposure", "2025-02-01", "substantiated");
    expect(await points("4.4", "B")).toBe("2");
    const first = await register("efficiency_complaint", "2024-03-03", "substantiated");
    expect(await points("4.4", "B")).toBe("1");
    expect((await unitScore(ids.get("B")!)).sources["supervision.complaints_exposures"]).toEqual({
      fact: "supervision.complaints_exposures",
      findingIds: [],
      auto: "supervision",
      link: `/supervision/complaints?unitId=${ids.get("B")}&from=2024-01-01&to=2024-12-31&finding=substantiated`,
    });
    await register("media_exposure", "2024-12-31", "substantiated");
    expect(await points("4.4", "B")).toBe("0");
    // A complaint found unfounded on a second look stops counting.
    await asSystem(server, (ctx) => updateComplaint({ ctx, id: first.id, input: { finding: "unfounded" } }));
    expect(await points("4.4", "B")).toBe("1");
  });

  it("lets a reviewer's measurement override the ledger", async () => {
    const a1 = ids.get("A1")!;
    const put = (fact: string, value: number | null) =>
      reviewer.request({ method: "PUT", url: `/api/campaigns/${campaignId}/measurements`, payload: { unitId: a1, fact, value } });
    const first = await put("supervision.warnings_unhandled", 0);
    expect(first.statusCode, first.body).toBe(200);
    expect((await put("supervision.investigations_not_corrected", 0)).statusCode).toBe(200);
    // 4.3: 3 − 2 × 1 late reply = 1; 4.1 back to 10; 4.2 still counts the 4 unsupervised: 5 − 8 → 0.
    expect(await points("4.3")).toBe("1");
    expect(await points("4.1")).toBe("10");
    expect(await points("4.2")).toBe("0");
    expect((await unitScore(a1)).sources["supervision.investigations_not_corrected"]).toEqual({
      fact: "supervision.investigations_not_corrected",
      findingIds: [],
      measurement: true,
    });
  });
});

describe("the cards of the period's published bulletins (“综合统计通报结果作为年终考核重要依据”)", () => {
  const line = (unitCode: string, card: "red" | "yellow" | "none") => ({ unitId: ids.get(unitCode)!, card });
  const publish = (month: string, version: number, units: ReturnType<typeof line>[]) =>
    server.database.db.insert(supervisionBulletins).values({ month, version, content: { month, units } });
  const keys = ["supervision.bulletin_red_cards", "supervision.bulletin_yellow_cards"];
  const load = (unitCodes: string[]) =>
    supervisionFactSource.load(server.database.db, {
      units: unitCodes.map((code) => ({ unitId: ids.get(code)!, code })),
      from: "2024-01-01",
      to: "2024-12-31",
      keys,
    });

  beforeAll(async () => {
    // February: A1 red, then republished yellow (the latest version counts); March: A1 yellow, B1 red;
    // April: B1 red; January 2025: A1 red (outside the period).
    await publish("2024-02", 1, [line("A1", "red"), line("B1", "none")]);
    await publish("2024-02", 2, [line("A1", "yellow"), line("B1", "none")]);
    await publish("2024-03", 1, [line("A1", "yellow"), line("B1", "red")]);
    await publish("2024-04", 1, [line("B1", "red"), line("A1", "none")]);
    await publish("2025-01", 1, [line("A1", "red")]);
  });

  it("counts each month's latest version for the unit and its subtree, linked to the period's bulletins", async () => {
    const facts = await load(["A1", "A", "B", "R"]);
    const cards = (code: string) => facts.get(ids.get(code)!)!.facts;
    expect(cards("A1")).toEqual({ "supervision.bulletin_red_cards": 0, "supervision.bulletin_yellow_cards": 2 });
    expect(cards("A")).toEqual({ "supervision.bulletin_red_cards": 0, "supervision.bulletin_yellow_cards": 2 });
    expect(cards("B")).toEqual({ "supervision.bulletin_red_cards": 2, "supervision.bulletin_yellow_cards": 0 });
    expect(cards("R")).toEqual({ "supervision.bulletin_red_cards": 2, "supervision.bulletin_yellow_cards": 2 });
    expect(facts.get(ids.get("A1")!)!.links!["supervision.bulletin_red_cards"]).toBe("/supervision/bulletins?from=2024-01&to=2024-12");
  });

  it("counts none where no bulletin was published", async () => {
    const facts = await supervisionFactSource.load(server.database.db, {
      units: [{ unitId: ids.get("A1")!, code: "A1" }],
      from: "2023-01-01",
      to: "2023-12-31",
      keys,
    });
    expect(facts.get(ids.get("A1")!)!.facts).toEqual({ "supervision.bulletin_red_cards": 0, "supervision.bulletin_yellow_cards": 0 });
  });
});
