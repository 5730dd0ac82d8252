import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database.ts";
import type { Database } from "./client.ts";
import { queriesOn } from "./queries-on.ts";
import { runTransaction } from "./transaction.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

/** A task that records when it starts and ends, around a query. */
function traced(log: string[], name: string, db: Parameters<typeof queriesOn>[0]) {
  return async () => {
    log.push(`${name}:start`);
    await db.execute(sql`select 1`);
    log.push(`${name}:end`);
    return name;
  };
}

describe("queriesOn", () => {
  it("runs the queries at once on the pool, and answers their results in order", async () => {
    const log: string[] = [];
    const db = database.db;
    expect(await queriesOn(db, [traced(log, "a", db), traced(log, "b", db)])).toEqual(["a", "b"]);
    expect(log.slice(0, 2)).toEqual(["a:start", "b:start"]);
  });

  it("runs them one after the other in a transaction (one connection: never a second query in flight)", async () => {
    const log: string[] = [];
    const results = await runTransaction(database.db, ({ tx }) => queriesOn(tx, [traced(log, "a", tx), traced(log, "b", tx)]));
    expect(results).toEqual(["a", "b"]);
    expect(log).toEqual(["a:start", "a:end", "b:start", "b:end"]);
  });
});
