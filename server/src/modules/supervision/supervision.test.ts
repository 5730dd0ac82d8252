import {
  cstDate,
  DEFAULT_WARNING_RULES,
  type RulePreviewView,
  type SigningKeyView,
  type SupervisionBoardView,
  type WarningListView,
  type WarningRuleSetView,
} from "@kaoping/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, calendarYears, guideDefects, serviceGuides, serviceItems, systemSettings, warnings } from "../../platform/db/schema.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { type ChangedCursor, changedFrom, evaluateWarnings, evaluateWarningsOnce, sameFrom, WARNING_BATCH } from "./evaluate.ts";

let server: TestServer;
let ids: Map<string, string>;
let admin: Client;
let liaisonA: Client;

/** 承诺件 of 5 working days accepted Monday 4 March 2024: due Monday 11 March. */
const promised = (caseNo: string, unitCode: string, extra: Record<string, unknown> = {}) => ({
  caseNo,
  unitId: ids.get(unitCode)!,
  acceptedAt: cst("2024-03-04T09:00:00"),
  promisedLimit: 5,
  promisedLimitUnit: "working_day" as const,
  ...extra,
});
const asOf = cst("2024-03-20T12:00:00");
const ledger = async () =>
  (await server.database.db.select().from(warnings).orderBy(warnings.caseNo, warnings.ruleId)).map((w) => `${w.caseNo} ${w.ruleId}`);
const withoutOverdue = DEFAULT_WARNING_RULES.map((r) => (r.id === "W02" ? { ...r, enabled: false } : r));

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  // Plain Monday–Friday years: the clock needs each year it crosses to be covered.
  await server.database.db.insert(calendarYears).values([2024, 2025, 2026, 2027].map((year) => ({ year, source: "test" })));
  await makeUser(server, { username: "admin", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison_a", unitCode: "A", roles: ["unit_liaison"] });
  admin = await login(server, "admin");
  liaisonA = await login(server, "liaison_a");
}, 120_000);
afterAll(() => server.close());

describe("the warning rules over the case store", () => {
  it("raises each rule's warning once, whatever the reruns, with its explanation", async () => {
    const rules = await admin.request({
      method: "PUT",
      url: "/api/supervision/rules",
      payload: { rules: withoutOverdue, note: "先不监察超期" },
    });
    expect(rules.statusCode, rules.body).toBe(200);
    await storeCases(
      server.database.db,
      [
        promised("A-OPEN", "A"), // open, due 11 March
        promised("A-LATE", "A", { completedAt: cst("2024-03-13T10:00:00") }), // completed 2 working days late
        promised("A-QUICK", "A", { completedAt: cst("2024-03-04T09:03:00") }), // 体外循环
        promised("A-CORR", "A", { completedAt: cst("2024-03-08T10:00:00") }), // 补正 twice
        promised("A-OK", "A", { completedAt: cst("2024-03-08T10:00:00") }),
        promised("B-QUICK", "B", { completedAt: cst("2024-03-04T09:01:00") }),
      ],
      [
        { caseNo: "A-CORR", seq: 1, kind: "correction", at: cst("2024-03-05T10:00:00"), endAt: cst("2024-03-05T15:00:00") },
        { caseNo: "A-CORR", seq: 2, kind: "correction", at: cst("2024-03-06T10:00:00"), endAt: cst("2024-03-06T15:00:00") },
      ],
    );
    await evaluateWarnings(server.database.db, asOf);
    expect(await ledger()).toEqual(["A-CORR W04", "A-QUICK W05", "B-QUICK W05"]);
    const [quick] = await server.database.db.select().from(warnings).where(eq(warnings.caseNo, "A-QUICK"));
    expect(quick).toMatchObject({ ruleKind: "process_anomaly", severity: "red", ruleVersion: 1, unitId: ids.get("A") });
    expect(quick!.explanation).toContain("受理后 3 分钟即决定或办结");
    // Everything evaluated: a rerun finds no work and raises nothing twice.
    expect(await evaluateWarningsOnce(server.database.db, asOf)).toBe(false);
    await storeCases(server.database.db, [promised("A-QUICK", "A", { completedAt: cst("2024-03-04T09:03:00") })]);
    await evaluateWarnings(server.database.db, asOf);
    expect(await ledger()).toEqual(["A-CORR W04", "A-QUICK W05", "B-QUICK W05"]);
  });

  it("a new rule version runs over the open cases only", async () => {
    const res = await admin.request({
      method: "PUT",
      url: "/api/supervision/rules",
      payload: { rules: DEFAULT_WARNING_RULES, note: "启用超期" },
    });
    expect(res.json<WarningRuleSetView>()).toMatchObject({ version: 2, note: "启用超期", versions: [{ version: 2 }, { version: 1 }] });
    await evaluateWarnings(server.database.db, asOf);
    // A-OPEN is late now; A-LATE (closed) is not judged again by the new rule.
    expect(await ledger()).toEqual(["A-CORR W04", "A-OPEN W02", "A-QUICK W05", "B-QUICK W05"]);
    const [open] = await server.database.db.select().from(warnings).where(eq(warnings.caseNo, "A-OPEN"));
    expect(open).toMatchObject({ ruleVersion: 2, facts: { daysLate: 7, completed: false } });
    expect(open!.at.toISOString()).toBe(cst("2024-03-11T23:59:59.999").toISOString());
  });

  it("a case written after the run is evaluated at the next, alone", async () => {
    await storeCases(server.database.db, [promised("A-NEW", "A", { completedAt: cst("2024-03-22T10:00:00") })]);
    expect(await evaluateWarningsOnce(server.database.db, cst("2024-03-25T12:00:00"))).toBe(true);
    expect(await ledger()).toContain("A-NEW W02");
    expect(await evaluateWarningsOnce(server.database.db, cst("2024-03-25T12:00:00"))).toBe(true); // the new day's open-case pass
    expect(await evaluateWarningsOnce(server.database.db, cst("2024-03-25T12:00:00"))).toBe(false);
  });
});

describe("GET /api/supervision/warnings", () => {
  it("lists the ledger with counts per severity; a liaison sees only their unit", async () => {
    const all = (await admin.request({ method: "GET", url: "/api/supervision/warnings" })).json<WarningListView>();
    expect(all.total).toBe(5);
    expect(all.bySeverity).toEqual({ notice: 0, yellow: 1, red: 4 });
    // Newest condition first: both 超期 fell due on 11 March.
    expect(
      all.rows
        .slice(0, 2)
        .map((w) => [w.caseNo, w.ruleName, w.unitName])
        .sort(),
    ).toEqual([
      ["A-NEW", "超期", "单位 A"],
      ["A-OPEN", "超期", "单位 A"],
    ]);
    const own = (await liaisonA.request({ method: "GET", url: "/api/supervision/warnings?kind=process_anomaly" })).json<WarningListView>();
    expect(own.rows.map((w) => w.caseNo)).toEqual(["A-QUICK"]);
    const other = await liaisonA.request({ method: "GET", url: `/api/supervision/warnings?unitId=${ids.get("B")}` });
    expect(other.statusCode).toBe(404);
  });
});

describe("GET /api/supervision/board", () => {
  it("lights each unit by the rule set's thresholds, the hardest first, with the month's trend; a liaison sees their unit", async () => {
    const board = (
      await admin.request({ method: "GET", url: "/api/supervision/board?from=2024-01-01&to=2024-12-31" })
    ).json<SupervisionBoardView>();
    expect(board.rows.map((r) => [r.unitName, r.warnings, r.redWarnings, r.unsupervised, r.card])).toEqual([
      ["单位 A", 4, 3, 4, "yellow"],
      ["单位 B", 1, 1, 1, "none"],
    ]);
    expect(board.rows[0]!.reasons).toEqual(["未督办预警 4 件，达到黄牌线 3 件"]);
    expect(board.trend).toEqual([{ month: "2024-03", red: 4, yellow: 1, notice: 0 }]);
    const own = (
      await liaisonA.request({ method: "GET", url: "/api/supervision/board?from=2024-01-01&to=2024-12-31" })
    ).json<SupervisionBoardView>();
    expect(own.rows.map((r) => r.unitName)).toEqual(["单位 A"]);
  });
});

describe("PUT /api/supervision/rules", () => {
  it("refuses invalid parameters naming the rule's field, and keeps the version", async () => {
    const bad = DEFAULT_WARNING_RULES.map((r) => (r.kind === "due_soon" ? { ...r, params: { workingDaysLeft: -1, percentLeft: 20 } } : r));
    const res = await admin.request({ method: "PUT", url: "/api/supervision/rules", payload: { rules: bad } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("rules.0.params.workingDaysLeft");
    expect(res.body).toContain("剩余工作日数不能小于 0");
    expect((await admin.request({ method: "GET", url: "/api/supervision/rules" })).json<WarningRuleSetView>().version).toBe(2);
  });

  it("refuses card thresholds with a yellow line above the red one, naming the yellow field", async () => {
    const { cards } = (await admin.request({ method: "GET", url: "/api/supervision/rules" })).json<WarningRuleSetView>();
    const slipped = { yellow: { ...cards.yellow, redWarnings: 50 }, red: { ...cards.red, redWarnings: 15 } };
    const res = await admin.request({
      method: "PUT",
      url: "/api/supervision/rules",
      payload: { rules: DEFAULT_WARNING_RULES, cards: slipped },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("cards.yellow.redWarnings");
    expect(res.body).toContain("红灯预警的黄牌线 50 件不能高于红牌线 15 件");
    expect((await admin.request({ method: "GET", url: "/api/supervision/rules" })).json<WarningRuleSetView>().version).toBe(2);
  });

  it("is the office's: a liaison is refused, and each version is audited", async () => {
    const res = await liaisonA.request({ method: "PUT", url: "/api/supervision/rules", payload: { rules: DEFAULT_WARNING_RULES } });
    expect(res.statusCode).toBe(403);
    const audited = await server.database.db
      .select({ id: auditLog.entityId })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'supervision.rules.update'`);
    expect(audited.map((a) => a.id).sort()).toEqual(["1", "2"]);
  });
});

describe("POST /api/supervision/rules/preview", () => {
  const overdue = DEFAULT_WARNING_RULES.find((r) => r.id === "W02")!;
  const preview = (rule: unknown) =>
    admin.request({ method: "POST", url: "/api/supervision/rules/preview", payload: { rule, month: "2024-03" } });

  it("says what the rule as edited would have raised in the month, beside what the ledger holds, writing nothing", async () => {
    const before = await ledger();
    // March's cases judged at the month's end: A-OPEN still open past 11 March, A-LATE and A-NEW completed late.
    const res = await preview(overdue);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<RulePreviewView>();
    expect(view).toMatchObject({ month: "2024-03", judged: 7, capped: false, raised: 3, inLedger: 2 });
    expect(view.samples.map((s) => s.caseNo).sort()).toEqual(["A-LATE", "A-NEW", "A-OPEN"]);
    expect(view.samples[0]!.unitName).toBe("单位 A");
    const openOnly = (await preview({ ...overdue, params: { includeCompletedLate: false } })).json<RulePreviewView>();
    expect(openOnly.raised).toBe(1);
    expect(await ledger()).toEqual(before);
  });

  it("refuses a rule with bad parameters, naming the field, and is the office's", async () => {
    const bad = await preview({ ...overdue, kind: "due_soon", params: { workingDaysLeft: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("percentLeft");
    expect(
      (await liaisonA.request({ method: "POST", url: "/api/supervision/rules/preview", payload: { rule: overdue, month: "2024-03" } }))
        .statusCode,
    ).toBe(403);
  });
});

describe("收费异常 and 公示异常 from the guide registry", () => {
  it("judges a case's fee against its item's published guide, and flags a guide error open while it was handled", async () => {
    const db = server.database.db;
    const [item] = await db
      .insert(serviceItems)
      .values({ code: "ITEM-FREE", name: "免费事项", unitId: ids.get("A")! })
      .returning();
    const [guide] = await db
      .insert(serviceGuides)
      .values({ itemId: item!.id, version: 1, guide: { charged: false, fees: [] }, contentHash: "x", result: {}, importedFrom: "test" })
      .returning();
    await db.insert(guideDefects).values({
      itemId: item!.id,
      channel: "online",
      guideId: guide!.id,
      checkId: "test",
      element: "fees",
      severity: "error",
      path: "fees",
      ownership: "own",
      ownerUnitId: ids.get("A")!,
      createdAt: cst("2024-03-01T09:00:00"),
    });
    await storeCases(db, [
      promised("A-FEE", "A", { itemCode: "ITEM-FREE", fee: "80.00", completedAt: cst("2024-03-06T10:00:00") }),
      promised("A-FREE", "A", { itemCode: "ITEM-FREE", completedAt: cst("2024-03-06T10:00:00") }),
    ]);
    await evaluateWarnings(db, asOf);
    const raised = (await ledger()).filter((w) => w.startsWith("A-FEE") || w.startsWith("A-FREE"));
    expect(raised).toEqual(["A-FEE W06", "A-FEE W07", "A-FREE W07"]);
    const [fee] = await db.select().from(warnings).where(eq(warnings.caseNo, "A-FEE"));
    expect(fee!.explanation).toBe("办事指南公布该事项不收费，办件收费 80.00 元");
  });
});

describe("环节超时 by the item's own step limits (办理流程)", () => {
  it("takes 审查's limit from the item's online guide: 2 working days over its 1 raise W09, said to be the guide's", async () => {
    const db = server.database.db;
    const [item] = await db
      .insert(serviceItems)
      .values({ code: "ITEM-STEPS", name: "限时事项", unitId: ids.get("A")! })
      .returning();
    const steps = [{ name: "材料审查", limit: { days: 1, unit: "working_day", note: "" } }];
    await db.insert(serviceGuides).values({
      itemId: item!.id,
      version: 1,
      guide: { charged: false, fees: [], steps },
      contentHash: "s",
      result: {},
      importedFrom: "test",
    });
    const events = (caseNo: string) => [
      { caseNo, seq: 1, kind: "accept", at: cst("2024-03-04T09:00:00") },
      { caseNo, seq: 2, kind: "review", at: cst("2024-03-04T10:00:00") },
      { caseNo, seq: 3, kind: "decide", at: cst("2024-03-06T10:00:00") },
    ];
    await storeCases(
      db,
      [
        promised("A-STEP-GUIDE", "A", { itemCode: "ITEM-STEPS", completedAt: cst("2024-03-06T11:00:00") }),
        promised("A-STEP-RULE", "A", { completedAt: cst("2024-03-06T11:00:00") }),
      ],
      [...events("A-STEP-GUIDE"), ...events("A-STEP-RULE")],
    );
    await evaluateWarnings(db, asOf);
    // The same two days of 审查: over the guide's 1, within the rule's default 3.
    expect((await ledger()).filter((w) => w.startsWith("A-STEP"))).toEqual(["A-STEP-GUIDE W09"]);
    const [raised] = await db.select().from(warnings).where(eq(warnings.caseNo, "A-STEP-GUIDE"));
    expect(raised!.explanation).toBe(
      "环节「审查」自 2024-03-04 起用时 2 个工作日，办事指南规定的环节时限 1 个工作日，超出 1 个工作日（办件尚未超期）",
    );
  });
});

describe("签章异常 and the signing-key registry", () => {
  const key = (body: Record<string, unknown>, client = liaisonA) =>
    client.request({ method: "POST", url: "/api/supervision/signing-keys", payload: body });
  const today = cstDate(new Date());

  it("registers a unit's keys, refuses another unit's and a reversed validity, and raises on a decision signed with an expired key", async () => {
    const unitId = ids.get("A")!;
    // History: the office's to record (a liaison registers from today on, below).
    const old = await key({ unitId, keyId: "K-OLD", approver: "张*", validFrom: "2023-01-01", validTo: "2024-03-10" }, admin);
    expect(old.statusCode, old.body).toBe(200);
    expect((await key({ unitId, keyId: "K-NEW", approver: "李*", validFrom: "2024-03-11" }, admin)).statusCode).toBe(200);
    expect((await key({ unitId: ids.get("B")!, keyId: "K-B", approver: "王*", validFrom: today })).statusCode).toBe(404);
    const reversed = await key({ unitId, keyId: "K-X", approver: "赵*", validFrom: "2024-05-01", validTo: "2024-04-01" });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain("有效期止不能早于有效期起");
    expect((await key({ unitId, keyId: "K-OLD", approver: "张*", validFrom: "2023-01-01" }, admin)).statusCode).toBe(409);
    await storeCases(
      server.database.db,
      [
        promised("A-SIGN-OLD", "A", { acceptedAt: cst("2024-03-11T09:00:00"), completedAt: cst("2024-03-12T16:00:00") }),
        promised("A-SIGN-NEW", "A", { acceptedAt: cst("2024-03-11T09:00:00"), completedAt: cst("2024-03-12T16:00:00") }),
      ],
      [
        { caseNo: "A-SIGN-OLD", seq: 1, kind: "decide", at: cst("2024-03-12T15:00:00"), signKeyId: "K-OLD" },
        { caseNo: "A-SIGN-NEW", seq: 1, kind: "decide", at: cst("2024-03-12T15:00:00"), signKeyId: "K-NEW" },
      ],
    );
    await evaluateWarnings(server.database.db, asOf);
    expect((await ledger()).filter((w) => w.startsWith("A-SIGN"))).toEqual(["A-SIGN-OLD W08"]);
    const listed = (await liaisonA.request({ method: "GET", url: "/api/supervision/signing-keys" })).json<SigningKeyView[]>();
    expect(listed.map((k) => [k.keyId, k.validTo])).toEqual([
      ["K-NEW", null],
      ["K-OLD", "2024-03-10"],
    ]);
    const revoked = await liaisonA.request({
      method: "POST",
      url: `/api/supervision/signing-keys/${listed[0]!.id}/revoke`,
      payload: { reason: "调岗" },
    });
    expect(revoked.json<SigningKeyView>().revokedAt).not.toBeNull();
    const again = await liaisonA.request({ method: "POST", url: `/api/supervision/signing-keys/${listed[0]!.id}/revoke`, payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it("keeps a unit from erasing its own 签章异常: the same key again over its validity, or back-dated by the unit, is refused", async () => {
    const unitId = ids.get("A")!;
    const w08 = DEFAULT_WARNING_RULES.find((r) => r.id === "W08")!;
    const trial = async () =>
      (
        await admin.request({ method: "POST", url: "/api/supervision/rules/preview", payload: { rule: w08, month: "2024-03" } })
      ).json<RulePreviewView>().raised;
    const before = await trial();
    expect(before).toBeGreaterThan(0); // A-SIGN-OLD: K-OLD signed after its last day
    // QA's repro: K-OLD again, from before the decision and open-ended.
    const wider = await key({ unitId, keyId: "K-OLD", approver: "补登（QA）", validFrom: "2023-06-01" });
    expect(wider.statusCode).toBe(400);
    expect(wider.json()).toMatchObject({ details: [{ path: ["body", "validFrom"] }] });
    expect(wider.body).toContain(`有效期起不能早于今天（${today}）`);
    const byOffice = await key({ unitId, keyId: "K-OLD", approver: "补登（QA）", validFrom: "2023-06-01" }, admin);
    expect(byOffice.statusCode).toBe(409);
    expect(byOffice.body).toContain("密钥 K-OLD 已登记（审批人员 张*，有效期 2023-01-01 至 2024-03-10）");
    expect(byOffice.body).toContain("有效期起应晚于 2024-03-10");
    expect(await trial()).toBe(before);
    // The future far off is a typo, for the office too.
    const typo = await key({ unitId, keyId: "K-TYPO", approver: "孙*", validFrom: "2099-01-01" }, admin);
    expect(typo.statusCode).toBe(400);
    expect(typo.body).toContain("有效期起 2099-01-01 晚于今天起一年");
    // From today the unit may; the office's back-dated registration of another key is audited as such.
    expect((await key({ unitId, keyId: "K-TODAY", approver: "孙*", validFrom: today })).statusCode).toBe(200);
    const history = await key({ unitId, keyId: "K-PAPER", approver: "周*", validFrom: "2024-01-02", validTo: "2024-02-01" }, admin);
    expect(history.statusCode, history.body).toBe(200);
    const [audit] = await server.database.db.select().from(auditLog).where(eq(auditLog.entityId, history.json<SigningKeyView>().id));
    expect(audit!.after).toMatchObject({ keyId: "K-PAPER", validFrom: "2024-01-02", backdated: true, registeredOn: today });
    // After the old registration ended, the same key id may be registered again (a returning approver).
    const later = await key({ unitId, keyId: "K-OLD", approver: "张*", validFrom: "2024-03-11", validTo: "2024-03-11" }, admin);
    expect(later.statusCode, later.body).toBe(200);
  });
});

describe("a run of many batches", () => {
  const onPostgres = process.env.KAOPING_TEST_DB === "postgres";
  it("judges every case once, each batch read ahead while the one before it was written (PostgreSQL)", async () => {
    const many = Array.from({ length: WARNING_BATCH + 1 }, (_, i) =>
      promised(`M-${String(i).padStart(5, "0")}`, "B", { completedAt: cst("2024-03-04T09:02:00") }),
    );
    await storeCases(server.database.db, many);
    const counts = await evaluateWarnings(server.database.db, asOf);
    // On PostgreSQL the second batch (and the empty third) were read while the one before was written,
    // and taken as read; PGlite has one connection and reads nothing ahead.
    expect(counts).toEqual(onPostgres ? { taken: 2, discarded: 0, failed: 0 } : { taken: 0, discarded: 0, failed: 0 });
    const quick = async () =>
      (await server.database.db.select({ caseNo: warnings.caseNo }).from(warnings).where(eq(warnings.ruleId, "W05")))
        .map((w) => w.caseNo)
        .filter((caseNo) => caseNo.startsWith("M-"));
    expect((await quick()).sort()).toEqual(many.map((c) => c.caseNo));
    expect(await evaluateWarningsOnce(server.database.db, asOf)).toBe(false);
    // The batch read ahead is taken only when it starts at the stored cursor: jsonb gives the cursor
    // back with its keys in another order, so a comparison of the objects' texts would never take it.
    const [stored] = await server.database.db
      .select({ value: systemSettings.value })
      .from(systemSettings)
      .where(eq(systemSettings.key, "supervision.changed_cursor"));
    const cursor = stored!.value as ChangedCursor;
    expect(cursor.key[2]).toBe(many.at(-1)!.caseNo);
    expect(sameFrom(changedFrom(cursor), changedFrom({ stamp: cursor.stamp, key: [...cursor.key] }))).toBe(true);
    expect(sameFrom(changedFrom(cursor), changedFrom({ stamp: cursor.stamp, key: [cursor.key[0], cursor.key[1], "M-00000"] }))).toBe(false);
    expect(sameFrom(null, changedFrom(cursor))).toBe(false);
  }, 120_000);

  it("the next day's pass over the open cases runs its batches the same way", async () => {
    // Due Monday 25 March: not late on the 20th, when the changed pass judges them; late on the 27th.
    const open = Array.from({ length: WARNING_BATCH + 1 }, (_, i) =>
      promised(`O-${String(i).padStart(5, "0")}`, "B", { acceptedAt: cst("2024-03-18T09:00:00") }),
    );
    await storeCases(server.database.db, open);
    const late = async () =>
      (await server.database.db.select({ caseNo: warnings.caseNo }).from(warnings).where(eq(warnings.ruleId, "W02")))
        .map((w) => w.caseNo)
        .filter((caseNo) => caseNo.startsWith("O-"));
    await evaluateWarnings(server.database.db, asOf);
    expect(await late()).toEqual([]);
    const nextWeek = cst("2024-03-27T12:00:00");
    const counts = await evaluateWarnings(server.database.db, nextWeek);
    // The open cases' second batch read ahead and taken (the first is read in its own transaction).
    expect(counts.taken).toBe(onPostgres ? 1 : 0);
    expect(counts.discarded + counts.failed).toBe(0);
    expect((await late()).sort()).toEqual(open.map((c) => c.caseNo));
    expect(await evaluateWarningsOnce(server.database.db, nextWeek)).toBe(false);
  }, 120_000);
});

describe("试算上月 beside the ledger, on the same cases", () => {
  it("an unchanged rule's trial equals the ledger's warnings on the month's cases, a case of the month before not counted", async () => {
    const db = server.database.db;
    const overdue = DEFAULT_WARNING_RULES.find((r) => r.id === "W02")!;
    await storeCases(db, [
      // Accepted in March, 超期 on 1 April: its warning is dated in April, but it is not one of April's cases.
      promised("P-MARCH", "A", { acceptedAt: cst("2024-03-25T09:00:00") }),
      // Accepted in April and completed late in April (due 15 April).
      promised("P-APRIL", "A", { acceptedAt: cst("2024-04-08T09:00:00"), completedAt: cst("2024-04-18T10:00:00") }),
      // Accepted in April, 超期 only on 1 May: after the month's end, on neither side.
      promised("P-MAY", "A", { acceptedAt: cst("2024-04-24T09:00:00") }),
      // The same, completed late on 6 May: the trial reads it 超期办结 as of 1 May, also after the month's end.
      promised("P-MAY-DONE", "A", { acceptedAt: cst("2024-04-24T09:00:00"), completedAt: cst("2024-05-06T10:00:00") }),
    ]);
    await evaluateWarnings(db, cst("2024-05-10T12:00:00"));
    const raised = await db
      .select({ caseNo: warnings.caseNo, at: warnings.at })
      .from(warnings)
      .where(sql`${warnings.ruleId} = 'W02' and ${warnings.caseNo} like 'P-%'`)
      .orderBy(warnings.caseNo);
    expect(raised.map((w) => [w.caseNo, cstDate(w.at)])).toEqual([
      ["P-APRIL", "2024-04-15"],
      ["P-MARCH", "2024-04-01"],
      ["P-MAY", "2024-05-01"],
      ["P-MAY-DONE", "2024-05-01"],
    ]);
    const res = await admin.request({
      method: "POST",
      url: "/api/supervision/rules/preview",
      payload: { rule: overdue, month: "2024-04" },
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<RulePreviewView>();
    // Dated in April the ledger holds two (P-MARCH, P-APRIL); of April's cases by April's end, one — as the trial.
    expect(view).toMatchObject({ month: "2024-04", judged: 3, capped: false, raised: 1, inLedger: 1 });
    expect(view.samples.map((s) => s.caseNo)).toEqual(["P-APRIL"]);
  }, 120_000);
});
