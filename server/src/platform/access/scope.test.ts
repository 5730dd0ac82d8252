import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { compiled } from "../db/compiled.ts";
import { units, users } from "../db/schema.ts";
import { buildScopeWhere, scopeParams, scopeWhereParams, type UnitScope } from "./scope.ts";

let server: TestServer;
const ids = new Map<string, string>();
let userId = "";

beforeAll(async () => {
  server = await startTestServer();
  // 市 → 甲区 → 甲区街道; 市 → 乙区
  for (const [code, parentCode] of [
    ["CITY", null],
    ["A", "CITY"],
    ["A_1", "A"],
    ["B", "CITY"],
  ] as const) {
    ids.set(code, (await makeUnit(server, { code, parentCode })).id);
  }
  await makeUser(server, { username: "scoped", unitCode: "A", roles: ["unit_liaison"] });
  [{ id: userId }] = (await server.database.db.select({ id: users.id }).from(users).where(eq(users.username, "scoped"))) as [
    { id: string },
  ];
});
afterAll(() => server?.close());

const withParams = compiled((db) =>
  db
    .select({ code: units.code })
    .from(units)
    .where(scopeWhereParams({ unitId: units.id, createdBy: units.createdBy }))
    .orderBy(asc(units.code)),
);

async function codes(scope: UnitScope & { all: false }) {
  const built = await server.database.db
    .select({ code: units.code })
    .from(units)
    .where(buildScopeWhere(scope, { unitId: units.id, createdBy: units.createdBy }, userId))
    .orderBy(asc(units.code));
  const compiledRows = await withParams(server.database.db, scopeParams(scope, userId));
  expect(compiledRows).toEqual(built);
  return compiledRows.map((r) => r.code);
}

const pathOf = async (code: string) =>
  (
    await server.database.db
      .select({ path: units.path })
      .from(units)
      .where(eq(units.id, ids.get(code)!))
  )[0]!.path;

describe("scopeWhereParams (the compiled form of buildScopeWhere)", () => {
  it("reaches the same units as buildScopeWhere for every kind of scope", async () => {
    const none = { all: false as const, unitIds: [], pathPrefixes: [], self: false };
    expect(await codes(none)).toEqual([]);
    expect(await codes({ ...none, unitIds: [ids.get("B")!] })).toEqual(["B"]);
    expect(await codes({ ...none, pathPrefixes: [await pathOf("A")] })).toEqual(["A", "A_1"]);
    expect(await codes({ ...none, unitIds: [ids.get("B")!], pathPrefixes: [await pathOf("A")] })).toEqual(["A", "A_1", "B"]);
    // Units made by the system, not by this user: `self` reaches none of them.
    expect(await codes({ ...none, self: true })).toEqual([]);
  });

  it("treats LIKE's wildcards in a path as plain characters", async () => {
    const none = { all: false as const, unitIds: [], pathPrefixes: [], self: false };
    const city = await pathOf("CITY");
    // "_" and "%" would match any character(s) if not escaped: a prefix that differs only there reaches nothing.
    expect(await codes({ ...none, pathPrefixes: [`${city.slice(0, 2)}_${city.slice(3)}`] })).toEqual([]);
    expect(await codes({ ...none, pathPrefixes: [`${city.slice(0, 2)}%`] })).toEqual([]);
  });

  it("reaches the rows a user created for a self scope", async () => {
    await server.database.db
      .update(units)
      .set({ createdBy: userId })
      .where(eq(units.id, ids.get("B")!));
    const none = { all: false as const, unitIds: [], pathPrefixes: [], self: true };
    expect(await codes(none)).toEqual(["B"]);
  });
});
