import { caseMetrics } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseRollups, caseRollupsMonthly } from "../../platform/db/schema.ts";
import { makeUnitTree, startTestServer, type TestServer } from "../../test/harness.ts";
import { splitPeriod, sumCaseRollups, sumCaseRollupsBy } from "./rollup-query.ts";

let server: TestServer;
let ids: Map<string, string>;

const row = (unitCode: string, day: string, channel: string, accepted: number, onlineAccepted: number) => ({
  regionCode: "310105",
  unitId: ids.get(unitCode)!,
  itemCode: "ITEM-1",
  channel,
  caseType: "promised",
  day,
  accepted,
  onlineAccepted,
  elapsedToPromisedSum: "0.5",
});

beforeAll(async () => {
  server = await startTestServer();
  ids = await makeUnitTree(server);
  const rows = [
    row("A", "2024-01-05", "window", 4, 0),
    row("A1", "2024-01-20", "online", 6, 6),
    row("A1", "2024-02-03", "online", 10, 10),
    row("B1", "2024-01-10", "online", 100, 100),
    row("A1", "2023-12-31", "online", 7, 7),
  ];
  await server.database.db.insert(caseRollups).values(rows);
  // As the ingest keeps them: the same rows by month (no two of these share a month and a key).
  await server.database.db.insert(caseRollupsMonthly).values(rows.map((r) => ({ ...r, day: `${r.day.slice(0, 7)}-01` })));
});

describe("splitPeriod", () => {
  it("reads whole months monthly and the days at the ends daily", () => {
    expect(splitPeriod("2024-01-01", "2024-12-31")).toEqual({ days: [], months: { from: "2024-01-01", to: "2024-12-31" } });
    expect(splitPeriod("2024-01-15", "2024-03-10")).toEqual({
      days: [
        { from: "2024-01-15", to: "2024-01-31" },
        { from: "2024-03-01", to: "2024-03-10" },
      ],
      months: { from: "2024-02-01", to: "2024-02-29" },
    });
    expect(splitPeriod("2024-01-15", "2024-02-10")).toEqual({ days: [{ from: "2024-01-15", to: "2024-02-10" }], months: null });
    expect(splitPeriod("2023-12-31", "2024-01-31")).toEqual({
      days: [{ from: "2023-12-31", to: "2023-12-31" }],
      months: { from: "2024-01-01", to: "2024-01-31" },
    });
    expect(splitPeriod("2024-01-01", "2024-12-31", true).months).toBeNull();
  });

  it("sums the same whether a period's days come from the daily or the monthly rows", async () => {
    const a = ids.get("A")!;
    // 01-15 … 02-29: 01-20 (6) from the days, February (10) from its month; 01-05 is outside.
    expect((await sumCaseRollups(server.database.db, { unitIds: [a], from: "2024-01-15", to: "2024-02-29" })).accepted).toBe(16);
    // 12-31 as a day, January as a month.
    expect((await sumCaseRollups(server.database.db, { unitIds: [a], from: "2023-12-31", to: "2024-01-31" })).accepted).toBe(17);
  });
});
afterAll(() => server.close());

describe("sumCaseRollups", () => {
  it("adds a unit's subtree over the date range, and nothing of another subtree", async () => {
    const c = await sumCaseRollups(server.database.db, { unitIds: [ids.get("A")!], from: "2024-01-01", to: "2024-02-29" });
    expect(c.accepted).toBe(20);
    expect(c.onlineAccepted).toBe(16);
    expect(c.elapsedToPromisedSum).toBe(1.5);
    expect(caseMetrics(c).find((m) => m.key === "online_rate")?.value).toBe(0.8);
  });

  it("filters by channel and counts only the unit itself without its subtree", async () => {
    const filter = { unitIds: [ids.get("A")!], from: "2024-01-01", to: "2024-12-31" };
    expect((await sumCaseRollups(server.database.db, { ...filter, channel: "window" })).accepted).toBe(4);
    expect((await sumCaseRollups(server.database.db, { ...filter, subtree: false })).accepted).toBe(4);
    expect((await sumCaseRollups(server.database.db, { ...filter, unitIds: [] })).accepted).toBe(0);
  });

  it("groups by month and by listed unit", async () => {
    const filter = { unitIds: [ids.get("A")!, ids.get("B")!], from: "2024-01-01", to: "2024-12-31" };
    const byMonth = await sumCaseRollupsBy(server.database.db, filter, "period", "month");
    expect(byMonth.map((g) => [g.key, g.counters.accepted])).toEqual([
      ["2024-01-01", 110],
      ["2024-02-01", 10],
    ]);
    const byUnit = await sumCaseRollupsBy(server.database.db, filter, "unit");
    expect(Object.fromEntries(byUnit.map((g) => [g.key, g.counters.accepted]))).toEqual({ [ids.get("A")!]: 20, [ids.get("B")!]: 100 });
    const byWeek = await sumCaseRollupsBy(server.database.db, { ...filter, unitIds: [ids.get("A")!] }, "period", "week");
    // 2024-01-05 is a Friday: its week starts Monday 2024-01-01.
    expect(byWeek[0]).toMatchObject({ key: "2024-01-01" });
  });
});
