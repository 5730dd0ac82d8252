import { sql } from "drizzle-orm";
import { boolean, integer, json, jsonb, numeric, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database.ts";
import type { Database } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import { binaryChunks, binaryEncoders } from "./binary-copy.ts";
import { bulkUpsert } from "./copy.ts";

/** Every type the bulk writes send in the binary COPY format (on PostgreSQL; PGlite takes the JSON path). */
const typed = pgTable("bulk_typed", {
  id: integer("id").primaryKey(),
  t: text("t"),
  u: uuid("u"),
  b: boolean("b"),
  ts: timestamp("ts", { withTimezone: true }),
  fee: numeric("fee", { precision: 14, scale: 2 }),
  limit: numeric("limit", { precision: 6, scale: 1 }),
  n: numeric("n"),
  j: jsonb("j"),
  js: json("js"),
});
const COLUMNS =
  'id int primary key, t text, u uuid, b bool, ts timestamptz, fee numeric(14,2), "limit" numeric(6,1), n numeric, j jsonb, js json';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  for (const table of ["bulk_typed", "bulk_typed_text"]) await database.db.execute(sql.raw(`create table ${table} (${COLUMNS})`));
});
afterAll(() => database?.close());

/** A value as a SQL literal, for the twin table PostgreSQL fills by parsing text. */
const literal = (value: unknown) =>
  value === null || value === undefined
    ? "null"
    : `'${(value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value)).replaceAll("'", "''")}'`;

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)]!;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");

function randomRow(id: number) {
  const whole = digits(1 + Math.floor(random() * 9)).replace(/^0+(?=\d)/, "");
  return {
    id,
    t: pick(["", "政务服务", "a,b", 'quote "x"', "\\.", " 前后空格 ", "line\nbreak", `办件${id}`, null]),
    u: pick(["bbd4669d-7e0b-4a5b-ab74-879486b63d6a", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", null]),
    b: pick([true, false, null]),
    ts: pick([
      new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 4e10)),
      new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)),
      new Date(Date.UTC(1970, 0, 1)),
      new Date(Date.UTC(2000, 0, 1)),
      null,
    ]),
    fee: pick([`${whole.slice(0, 8) || "0"}.${digits(2)}`, "0", "0.00", "1000", "12.5", "-3.75", "0.05", null]),
    limit: pick([5, 0, 2.5, 20, 10000, 0.5, "7.0", null]),
    n: pick([
      `${whole}.${digits(Math.floor(random() * 12))}`,
      `-${whole}`,
      "0.0001",
      "100000000",
      "123456789012345678901234567890.5",
      ".5",
      "5.",
      null,
    ]),
    j: pick([{ a: 1, 中: ["文"] }, ["unknown_item"], [], '"text"', null]),
    js: pick([{ b: [1, 2] }, null]),
  };
}

describe("binary COPY", () => {
  it("stores every type as PostgreSQL's own text input would, over 600 random rows", async () => {
    const rows = Array.from({ length: 600 }, (_, i) => randomRow(i + 1));
    await database.db.transaction((tx) => bulkUpsert(tx, database.kind, typed, rows, { conflict: ["id"] }));
    for (const row of rows)
      await database.db.execute(sql.raw(`insert into bulk_typed_text values (${Object.values(row).map(literal).join(", ")})`));
    const differ = rowsOf(
      await database.db.execute(sql`
        select id from (select id, t, u, b, ts, fee, "limit", n, j, js::text as js from bulk_typed
                        except select id, t, u, b, ts, fee, "limit", n, j, js::text from bulk_typed_text) d`),
    );
    expect(differ).toEqual([]);
    const [count] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from bulk_typed`));
    expect(count!.n).toBe(600);
  });

  it("refuses a value its column cannot hold instead of writing something else", () => {
    const encoders = binaryEncoders(["uuid", "numeric(6, 1)", "timestamp with time zone"])!;
    const encode = (row: Record<string, unknown>) => [...binaryChunks([row], ["u", "n", "ts"], encoders)];
    expect(() => encode({ u: "not-a-uuid", n: null, ts: null })).toThrow(/not a uuid/);
    expect(() => encode({ u: "bbd4669d-7e0b-4a5b-ab74-879486b63d6a0", n: null, ts: null })).toThrow(/not a uuid/);
    expect(() => encode({ u: null, n: "1,5", ts: null })).toThrow(/not a decimal/);
    expect(() => encode({ u: null, n: Number.NaN, ts: null })).toThrow(/not a decimal/);
    expect(() => encode({ u: null, n: null, ts: "yesterday" })).toThrow(/not an instant/);
  });

  it("has no encoder for a type it does not know: the caller writes CSV", () => {
    expect(binaryEncoders(["text", "text[]"])).toBeNull();
    expect(binaryEncoders(["text", "uuid", "jsonb"])).not.toBeNull();
  });
});
