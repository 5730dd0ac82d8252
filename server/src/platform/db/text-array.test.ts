import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database.ts";
import type { Database } from "./client.ts";
import { rowsOf } from "./rows.ts";
import { eachKey } from "./text-array.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.execute(sql`create table probed (no text primary key, n int)`);
  await database.db.execute(sql`insert into probed values ('A-1', 1), ('A-2', 2), ('say "hi"', 3), ('back\\slash', 4), ('{brace}', 5)`);
});
afterAll(() => database?.close());

describe("eachKey", () => {
  it("answers the rows of each key once, whatever the key holds (quotes, backslashes, braces) and however often it is given", async () => {
    const rows = await database.db.execute(
      eachKey(["A-2", "A-2", 'say "hi"', "back\\slash", "{brace}", "missing"], (key) => sql`select no, n from probed where no = ${key}`),
    );
    expect(
      rowsOf<{ no: string; n: number }>(rows)
        .map((r) => Number(r.n))
        .sort(),
    ).toEqual([2, 3, 4, 5]);
  });

  it("answers nothing for no keys", async () => {
    expect(rowsOf(await database.db.execute(eachKey([], (key) => sql`select no from probed where no = ${key}`)))).toEqual([]);
  });

  it("passes the keys as one parameter: more than the protocol's 65 535 parameters are one statement", async () => {
    const keys = Array.from({ length: 70_000 }, (_, i) => `K-${i}`).concat("A-1");
    const rows = rowsOf<{ n: number }>(await database.db.execute(eachKey(keys, (key) => sql`select n from probed where no = ${key}`)));
    expect(rows.map((r) => Number(r.n))).toEqual([1]);
  });
});
