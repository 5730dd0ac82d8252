import { asc, sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database.ts";
import type { Database } from "../db/client.ts";
import { type BulkUpsertOptions, bulkUpsert } from "./copy.ts";

const things = pgTable("bulk_things", { key: text("key").primaryKey(), n: integer("n").notNull(), note: text("note") });
type Thing = typeof things.$inferInsert;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.execute(sql`create table bulk_things (key text primary key, n int not null, note text)`);
});
afterAll(() => database?.close());

const upsert = (rows: Thing[], options: Omit<BulkUpsertOptions, "conflict"> = {}) =>
  database.db.transaction((tx) => bulkUpsert(tx, database.kind, things, rows, { conflict: ["key"], ...options }));
const stored = () => database.db.select().from(things).orderBy(asc(things.key));
const keysOf = (rows: Record<string, unknown>[]) => rows.map((r) => r.key).sort();

describe("bulkUpsert", () => {
  it("inserts, then updates a stored key, answering every row it wrote", async () => {
    const first = await upsert(
      [
        { key: "a", n: 1, note: 'quote " and, comma' },
        { key: "b", n: 2, note: null },
      ],
      { returning: ["key", "n"] },
    );
    expect(keysOf(first.written)).toEqual(["a", "b"]);
    expect(first.written.map((r) => Number(r.n)).sort()).toEqual([1, 2]);
    const second = await upsert(
      [
        { key: "b", n: 20, note: "new" },
        { key: "c", n: 3, note: "" },
      ],
      { returning: ["key"] },
    );
    expect(keysOf(second.written)).toEqual(["b", "c"]);
    expect(await stored()).toEqual([
      { key: "a", n: 1, note: 'quote " and, comma' },
      { key: "b", n: 20, note: "new" },
      { key: "c", n: 3, note: "" },
    ]);
  });

  it("with keepStored leaves a stored key as it is and answers only the rows inserted", async () => {
    const result = await upsert(
      [
        { key: "a", n: 100, note: "overwritten?" },
        { key: "d", n: 4, note: null },
      ],
      { keepStored: true, returning: ["key"] },
    );
    expect(keysOf(result.written)).toEqual(["d"]);
    expect((await stored()).find((t) => t.key === "a")).toEqual({ key: "a", n: 1, note: 'quote " and, comma' });
  });

  it("answers no rows unless asked", async () => {
    expect((await upsert([{ key: "e", n: 5, note: null }])).written).toEqual([]);
  });

  it("writes rows across many COPY chunks whole, a row larger than a chunk and multi-byte text included", async () => {
    const huge = "政务服务".repeat(30_000); // 120 000 characters, 360 000 bytes: more than a chunk
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      key: `m${String(i).padStart(4, "0")}`,
      n: i,
      note: i === 1500 ? huge : `第${i}行，"引号"`,
    }));
    await upsert(rows);
    const back = (await stored()).filter((t) => t.key.startsWith("m"));
    expect(back).toHaveLength(3_000);
    expect(back[1500]!.note).toBe(huge);
    expect(back[2999]).toEqual({ key: "m2999", n: 2999, note: '第2999行，"引号"' });
  });

  it("with fresh writes keys not stored straight into the table, and refuses a key stored after all", async () => {
    await upsert([{ key: "f1", n: 1, note: "新" }], { fresh: true });
    expect((await stored()).find((t) => t.key === "f1")).toEqual({ key: "f1", n: 1, note: "新" });
    await expect(upsert([{ key: "f1", n: 2, note: null }], { fresh: true })).rejects.toThrow();
    expect((await stored()).find((t) => t.key === "f1")?.n).toBe(1);
  });
});
