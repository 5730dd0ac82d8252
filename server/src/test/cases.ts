/** Case factories for tests: rows written straight into the case store, then derived by applyCases. */
import { makeWorkCalendar, type WorkCalendar } from "@kaoping/core";
import { applyCases, type CaseKey, withdrawCases } from "../modules/cases/derived.ts";
import type { Db } from "../platform/db/client.ts";
import { caseEvents, cases } from "../platform/db/schema.ts";

/** 2024 with the Spring Festival (2–10..2–17 off, Sundays 2–4 and 2–18 worked), and 2025 plain. */
export const TEST_CALENDAR: WorkCalendar = makeWorkCalendar(
  [
    ...["10", "11", "12", "13", "14", "15", "16", "17"].map((d) => ({ date: `2024-02-${d}`, kind: "holiday" as const })),
    { date: "2024-02-04", kind: "workday" },
    { date: "2024-02-18", kind: "workday" },
  ],
  [2024, 2025],
);

/** An instant in China Standard Time. */
export const cst = (text: string) => new Date(`${text}+08:00`);

export type TestCase = Partial<typeof cases.$inferInsert> & { caseNo: string; unitId: string };
export type TestEvent = Omit<typeof caseEvents.$inferInsert, "regionCode" | "sourceCode">;

export const REGION = "310105";
export const SOURCE = "test";

/** Writes cases (and events) as the ingest would — withdraw, overwrite, apply — in one transaction. */
export async function storeCases(db: Db, rows: TestCase[], events: TestEvent[] = [], calendar = TEST_CALENDAR): Promise<CaseKey[]> {
  const keys = rows.map((r) => ({ regionCode: r.regionCode ?? REGION, sourceCode: r.sourceCode ?? SOURCE, caseNo: r.caseNo }));
  await db.transaction(async (tx) => {
    await withdrawCases(tx, keys);
    for (const row of rows) {
      const value = {
        regionCode: REGION,
        sourceCode: SOURCE,
        itemCode: "ITEM-1",
        channel: "window",
        caseType: "promised",
        acceptedAt: cst("2024-03-04T09:00:00"),
        ...row,
      };
      await tx
        .insert(cases)
        .values(value)
        .onConflictDoUpdate({ target: [cases.regionCode, cases.sourceCode, cases.caseNo], set: value });
    }
    for (const event of events) await tx.insert(caseEvents).values({ regionCode: REGION, sourceCode: SOURCE, ...event });
    await applyCases(tx, keys, calendar, cst("2024-06-01T00:00:00"));
  });
  return keys;
}
