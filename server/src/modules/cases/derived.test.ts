import { caseMetrics } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, serviceItems } from "../../platform/db/schema.ts";
import { cst, storeCases } from "../../test/cases.ts";
import { makeUnitTree, startTestServer, type TestServer } from "../../test/harness.ts";
import { sumCaseRollups } from "./rollup-query.ts";

let server: TestServer;
let a1: string;

const sum = () => sumCaseRollups(server.database.db, { unitIds: [a1], from: "2024-01-01", to: "2024-12-31" });
const metric = async (key: string) => caseMetrics(await sum()).find((m) => m.key === key);

beforeAll(async () => {
  server = await startTestServer();
  a1 = (await makeUnitTree(server)).get("A1")!;
  await server.database.db.insert(serviceItems).values({ code: "ITEM-1", name: "事项一", unitId: a1 });
  await storeCases(
    server.database.db,
    [
      // On time over the Spring Festival: 5 working days of 5.
      {
        caseNo: "C1",
        unitId: a1,
        channel: "online",
        visits: 0,
        acceptedAt: cst("2024-02-08T10:00:00"),
        completedAt: cst("2024-02-21T16:00:00"),
        result: "approved",
        legalLimit: 20,
        legalLimitUnit: "working_day",
        promisedLimit: 5,
        promisedLimitUnit: "working_day",
        materialsReused: true,
      },
      // Late (6 of 5), one visit, an unknown item.
      {
        caseNo: "C2",
        unitId: a1,
        itemCode: "ITEM-X",
        visits: 1,
        acceptedAt: cst("2024-02-08T10:00:00"),
        completedAt: cst("2024-02-22T09:00:00"),
        result: "approved",
        legalLimit: 20,
        legalLimitUnit: "working_day",
        promisedLimit: 5,
        promisedLimitUnit: "working_day",
      },
      // 补正 pauses 2 days: 3 working days used of 3, on time.
      {
        caseNo: "C3",
        unitId: a1,
        visits: 2,
        acceptedAt: cst("2024-03-04T09:00:00"),
        completedAt: cst("2024-03-11T11:00:00"),
        result: "approved",
        promisedLimit: 3,
        promisedLimitUnit: "working_day",
      },
      // Open, past due at 2024-06-01; no visits recorded (missing_optional).
      { caseNo: "C4", unitId: a1, channel: "mobile", caseType: "instant", acceptedAt: cst("2024-05-06T09:00:00") },
    ],
    [{ caseNo: "C3", seq: 1, kind: "correction", at: cst("2024-03-05T10:00:00"), endAt: cst("2024-03-07T15:00:00") }],
  );
});
afterAll(() => server.close());

describe("applyCases", () => {
  it("writes each case's clock and quality to its row", async () => {
    const rows = await server.database.db.select().from(cases).orderBy(cases.caseNo);
    expect(rows.map((r) => [r.caseNo, r.elapsedDays, r.dueAt?.toISOString() ?? null, r.quality])).toEqual([
      ["C1", 5, cst("2024-02-21T23:59:59.999").toISOString(), []],
      ["C2", 6, cst("2024-02-21T23:59:59.999").toISOString(), ["unknown_item"]],
      ["C3", 3, cst("2024-03-11T23:59:59.999").toISOString(), []],
      ["C4", null, cst("2024-05-06T23:59:59.999").toISOString(), ["missing_optional"]],
    ]);
    expect(rows[0]?.itemId).not.toBeNull();
  });

  it("adds every counter to the rollups, and the metrics come out as counted by hand", async () => {
    const c = await sum();
    expect(c).toMatchObject({
      accepted: 4,
      onlineAccepted: 2,
      fullyOnline: 1,
      instant: 1,
      completed: 3,
      completedOnTime: 2,
      completedLate: 1,
      clocked: 3,
      elapsedDaysSum: 14,
      promisedClocked: 3,
      // 5/5 + 6/5 + 3/3
      elapsedToPromisedSum: 3.2,
      limited: 2,
      legalDaysSum: 40,
      promisedDaysSum: 10,
      visitsCounted: 3,
      visitsSum: 3,
      zeroVisit: 1,
      atMostOneVisit: 2,
      corrected: 1,
      materialsReused: 1,
      qualityDefective: 2,
      unknownItem: 1,
      missingOptional: 1,
    });
    expect((await metric("limit_compression"))?.value).toBe(0.75);
    expect((await metric("on_time_rate"))?.value).toBe(0.666667);
  });

  it("re-ingesting a case withdraws its old contribution: nothing doubles", async () => {
    // C2 completed again, now on time.
    await storeCases(server.database.db, [
      {
        caseNo: "C2",
        unitId: a1,
        itemCode: "ITEM-X",
        visits: 1,
        acceptedAt: cst("2024-02-08T10:00:00"),
        completedAt: cst("2024-02-20T09:00:00"),
        result: "approved",
        legalLimit: 20,
        legalLimitUnit: "working_day",
        promisedLimit: 5,
        promisedLimitUnit: "working_day",
      },
    ]);
    const c = await sum();
    expect(c).toMatchObject({
      accepted: 4,
      completed: 3,
      completedOnTime: 3,
      completedLate: 0,
      elapsedDaysSum: 12,
      elapsedToPromisedSum: 2.8,
    });
  });

  it("marks 时限无法计算 when the calendar lacks the year", async () => {
    await storeCases(server.database.db, [
      {
        caseNo: "C9",
        unitId: a1,
        acceptedAt: cst("2025-12-30T09:00:00"),
        completedAt: cst("2026-01-05T09:00:00"),
        promisedLimit: 5,
        promisedLimitUnit: "working_day",
        visits: 0,
        result: "approved",
      },
    ]);
    const [row] = await server.database.db.select().from(cases).where(eq(cases.caseNo, "C9"));
    expect(row).toMatchObject({ elapsedDays: null, dueAt: null, quality: ["limit_unknown"] });
    const c = await sumCaseRollups(server.database.db, { unitIds: [a1], from: "2025-01-01", to: "2025-12-31" });
    expect(c).toMatchObject({ accepted: 1, completed: 1, clocked: 0, limitUnknown: 1, qualityDefective: 1 });
  });
});
