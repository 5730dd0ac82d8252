import type { CallView, HotlineResultsView, RoundDetailView, TodoList } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, guideDefects } from "../../platform/db/schema.ts";
import { guideItem } from "../../test/guides.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer, userId } from "../../test/harness.ts";
import { hotlineRound } from "../../test/hotline.ts";
import { coverYears } from "../../test/ratings.ts";
import { hotlineFactSource } from "./fact-source.ts";
import { publishedNumbers } from "./numbers.ts";
import { unitResults } from "./rounds.ts";

let server: TestServer;
let ids: Map<string, string>;
let office: Client;
let checker1: Client;
let checker2: Client;
let liaisonA1: Client;
let round: RoundDetailView;

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  await coverYears(server.database.db, [2024]);
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "checker1", unitCode: "R", roles: ["reviewer"] });
  await makeUser(server, { username: "checker2", unitCode: "R", roles: ["reviewer"] });
  await makeUser(server, { username: "liaison_a1", unitCode: "A1", roles: ["unit_liaison"] });
  [office, checker1, checker2, liaisonA1] = await Promise.all([
    login(server, "office"),
    login(server, "checker1"),
    login(server, "checker2"),
    login(server, "liaison_a1"),
  ]);
  // Two items of A1 publish the same two numbers (one unit, number and kind: one entry); one item of B1.
  await guideItem(server, ids.get("A1")!, 1);
  await guideItem(server, ids.get("A1")!, 2);
  await guideItem(server, ids.get("B1")!, 3);
}, 120_000);
afterAll(() => server.close());

const sheet = (client: Client, query = "mine=true&pageSize=100") =>
  client.request({ method: "GET", url: `/api/hotline/calls?${query}` }).then((r) => (r.json() as { rows: CallView[] }).rows);
const record = (client: Client, call: CallView, body: Record<string, unknown>) =>
  client.request({ method: "POST", url: `/api/hotline/calls/${call.id}/record`, payload: { version: call.version, ...body } });

describe("a spot-check round", () => {
  it("samples the guides' numbers per unit, spread over the week's office hours, split between its checkers", async () => {
    const numbers = await publishedNumbers(server.database.db, null);
    expect(numbers.map((n) => [n.unitId === ids.get("A1") ? "A1" : "B1", n.kind])).toEqual([
      ["A1", "consultation"],
      ["A1", "supervision"],
      ["B1", "consultation"],
      ["B1", "supervision"],
    ]);
    const checkerIds = [await userId(server, "checker1"), await userId(server, "checker2")];
    const res = await office.request({
      method: "POST",
      url: "/api/hotline/rounds",
      payload: { name: "2024年3月区级抽查", level: "district", from: "2024-03-02", to: "2024-03-10", checkerIds, callsPerNumber: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
    round = res.json();
    // 2 units × 2 numbers × 2 calls, 4 for each checker.
    expect(round).toMatchObject({ calls: 8, recorded: 0, rate: null, status: "running" });
    expect(round.checkers.map((c) => c.calls)).toEqual([4, 4]);
    // On each checker's to-do until rung, overdue once the round's last day has passed.
    const todo = (await checker1.request({ method: "GET", url: "/api/todo" })).json() as TodoList;
    expect(todo.items.filter((i) => i.kind === "hotline_call")).toEqual([
      expect.objectContaining({
        title: "「2024年3月区级抽查」还有 4 通电话待拨打",
        due: "2024-03-10",
        overdue: true,
        link: `/hotline/calls?roundId=${round.id}`,
      }),
    ]);
    for (const call of await sheet(office, `roundId=${round.id}&pageSize=100`)) {
      const cst = new Date(new Date(call.plannedAt).getTime() + 8 * 3600_000).toISOString();
      // 3–8 March 2024 are Mon–Fri; the weekend around them is not rung.
      expect(cst.slice(0, 10) >= "2024-03-04" && cst.slice(0, 10) <= "2024-03-08", cst).toBe(true);
      const hour = Number(cst.slice(11, 13));
      expect((hour >= 9 && hour < 12) || (hour >= 13 && hour < 17), cst).toBe(true);
    }
  });

  it("refuses a round the calendar cannot place, and one with no numbers to ring, naming the field", async () => {
    const base = { name: "x", level: "city", checkerIds: [await userId(server, "checker1")] };
    const gap = await office.request({
      method: "POST",
      url: "/api/hotline/rounds",
      payload: { ...base, from: "2031-03-03", to: "2031-03-07" },
    });
    expect(gap.statusCode).toBe(400);
    expect(gap.json().message).toBe("工作日历缺少 2031 年的节假日安排，时限无法计算");
    const none = await office.request({
      method: "POST",
      url: "/api/hotline/rounds",
      payload: { ...base, from: "2024-03-04", to: "2024-03-08", unitIds: [ids.get("B")!], kinds: ["consultation"], numbersPerUnit: 1 },
    });
    expect(none.statusCode).toBe(201);
    const empty = await office.request({
      method: "POST",
      url: "/api/hotline/rounds",
      payload: { ...base, from: "2024-03-04", to: "2024-03-08", unitIds: [ids.get("R")!], kinds: [] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details[0].path).toEqual(["body", "kinds"]);
  });

  it("records each checker's calls; another's call, a stale version and a liaison are refused", async () => {
    const mine1 = await sheet(checker1);
    const mine2 = await sheet(checker2);
    const ofRound = (calls: CallView[]) => calls.filter((c) => c.roundId === round.id);
    expect(ofRound(mine1)).toHaveLength(4);
    // A checker's scope (a reviewer's own assignments) reaches only its own calls: another's is not even shown to exist.
    expect((await record(checker2, ofRound(mine1)[0]!, { outcome: "busy" })).statusCode).toBe(404);
    expect((await record(liaisonA1, ofRound(mine1)[0]!, { outcome: "busy" })).statusCode).toBe(403);
    // A1's four calls: 2 connected of 4 (50 %), 1 answered correctly (50 %), 1 slower than 15 s.
    // B1's four: 3 connected (75 %), and a dead number.
    // Seconds to answer for a call nobody answered would count as a slow answer; a time off the round's days is a typo.
    const first = ofRound(mine1)[0]!;
    const unanswered = await record(checker1, first, { outcome: "no_answer", secondsToAnswer: 30 });
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.json().details).toEqual([
      expect.objectContaining({ path: ["body", "secondsToAnswer"], message: expect.stringContaining("无人接听") }),
    ]);
    const offRound = await record(checker1, first, { outcome: "busy", calledAt: "2024-03-11T10:00:00+08:00" });
    expect(offRound.statusCode).toBe(400);
    expect(offRound.json().details).toEqual([
      expect.objectContaining({
        path: ["body", "calledAt"],
        message: "拨打时间 2024-03-11 不在本轮抽查的日期（2024-03-02 至 2024-03-10）之内",
      }),
    ]);
    const all = [...ofRound(mine1), ...ofRound(mine2)];
    const a1 = all.filter((c) => c.unitId === ids.get("A1"));
    const b1 = all.filter((c) => c.unitId === ids.get("B1"));
    const outcomes: [CallView, Record<string, unknown>][] = [
      [a1[0]!, { outcome: "answered_correct", secondsToAnswer: 8, calledAt: "2024-03-10T23:30:00+08:00" }],
      [a1[1]!, { outcome: "answered_wrong", secondsToAnswer: 20, note: "答非所问" }],
      [a1[2]!, { outcome: "no_answer" }],
      [a1[3]!, { outcome: "busy" }],
      [b1[0]!, { outcome: "answered_correct", secondsToAnswer: 5 }],
      [b1[1]!, { outcome: "answered_correct", secondsToAnswer: 6 }],
      [b1[2]!, { outcome: "wrong_department", secondsToAnswer: 3 }],
      [b1[3]!, { outcome: "dead_number" }],
    ];
    for (const [call, body] of outcomes) {
      const client = mine1.some((c) => c.id === call.id) ? checker1 : checker2;
      const res = await record(client, call, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const stale = await record(checker1, ofRound(mine1)[0]!, { outcome: "busy" });
    expect(stale.statusCode).toBe(409);
    const audited = await server.database.db.select().from(auditLog).where(eq(auditLog.action, "hotline.call.record"));
    expect(audited).toHaveLength(8);
  });

  it("files the dead number as a guide defect (电话准确性) of the unit whose guide publishes it", async () => {
    const [dead] = await sheet(office, `roundId=${round.id}&outcome=dead_number`);
    expect(dead!.defectId).toEqual(expect.any(String));
    const [defect] = await server.database.db
      .select()
      .from(guideDefects)
      .where(and(eq(guideDefects.checkId, "G-HOTLINE-01")));
    expect(defect).toMatchObject({ id: dead!.defectId, element: "phoneAccuracy", ownerUnitId: ids.get("B1"), status: "open" });
    expect(defect!.detail).toContain("拨打为空号");
  });

  it("gives 接通率 per unit, worst first, and a liaison its own unit's only", async () => {
    const detail = (await office.request({ method: "GET", url: `/api/hotline/rounds/${round.id}` })).json() as RoundDetailView;
    expect(detail).toMatchObject({ calls: 8, recorded: 8, rate: 62.5 });
    expect(detail.units.map((u) => [u.unitName, u.calls, u.connected, u.rate, u.accuracy, u.slow])).toEqual([
      ["单位 A1", 4, 2, 50, 50, 1],
      ["单位 B1", 4, 3, 75, 66.67, 0],
    ]);
    const own = (
      await liaisonA1.request({ method: "GET", url: "/api/hotline/results?from=2024-03-01&to=2024-03-31&level=district" })
    ).json() as HotlineResultsView;
    expect(own.rounds.map((r) => [r.name, r.units.map((u) => [u.unitName, u.rate])])).toEqual([["2024年3月区级抽查", [["单位 A1", 50]]]]);
    expect((await liaisonA1.request({ method: "GET", url: `/api/hotline/calls?unitId=${ids.get("B1")}` })).statusCode).toBe(404);
  });

  it("gives 拱墅 2.5.2 its facts by level: the lowest round of a level, none where a level did not check", async () => {
    // A second district round in the period rings A1 once, answered: 100 % — the March round's 50 % stays the fact.
    const checker = await userId(server, "checker1");
    const second = await hotlineRound(server.database.db, { from: "2024-05-06", calls: [{ unitId: ids.get("A1")!, checkerId: checker }] });
    const [call] = await sheet(office, `roundId=${second.roundId}`);
    expect((await record(checker1, call!, { outcome: "answered_correct", secondsToAnswer: 4 })).statusCode).toBe(200);
    // A district and its department (nested: each counts its subtree) and another district, in one load.
    const scope = {
      units: ["A", "A1", "B"].map((code) => ({ unitId: ids.get(code)!, code })),
      from: "2024-01-01",
      to: "2024-12-31",
      keys: ["hotline.rate_district", "hotline.rate_city"],
    };
    const loaded = await hotlineFactSource.load(server.database.db, scope);
    const facts = loaded.get(ids.get("A")!)!;
    expect(loaded.get(ids.get("A1")!)!.facts).toEqual({ "hotline.rate_district": 50 });
    expect(loaded.get(ids.get("B")!)!.facts).toEqual({ "hotline.rate_district": 75 }); // B1's four calls, above
    expect(facts.facts).toEqual({ "hotline.rate_district": 50 });
    expect(facts.links!["hotline.rate_district"]).toBe(
      `/hotline/results?unitId=${ids.get("A")}&level=district&from=2024-01-01&to=2024-12-31`,
    );
  });

  it("closes a round: no more recording", async () => {
    const closed = await office.request({ method: "POST", url: `/api/hotline/rounds/${round.id}/close` });
    expect(closed.json()).toMatchObject({ status: "closed" });
    const [call] = await sheet(office, `roundId=${round.id}&pageSize=1`);
    const res = await record(office, call!, { outcome: "busy" });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe("该轮抽查已结束，不能再登记");
    // Its unrung calls leave the checkers' sheets.
    const pending = await sheet(office, `roundId=${round.id}&state=pending`);
    expect(pending).toEqual([]);
  });
});

describe("unitResults", () => {
  it("counts as slow only answered calls over 15 s (a time left on an unanswered call from before the contract refused it is not)", () => {
    const tally = (outcome: string, slow: number, n: number) => ({ round_id: "r", unit_id: "u", unit_name: "甲局", outcome, slow, n });
    const [unit] = unitResults([tally("answered_correct", 1, 3), tally("no_answer", 1, 1), tally("busy", 0, 1)] as never);
    expect(unit).toMatchObject({ slow: 1, rate: 60 });
  });
});
