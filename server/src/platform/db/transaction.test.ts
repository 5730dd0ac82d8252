import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database.ts";
import type { Database } from "./client.ts";
import { compiled } from "./compiled.ts";
import { systemSettings } from "./schema.ts";
import { runTransaction } from "./transaction.ts";

let database: Database & { label: string };
const onPostgres = process.env.KAOPING_TEST_DB === "postgres";

beforeAll(async () => {
  database = await openTestDatabase();
  await database.migrate();
});
afterAll(() => database?.close());

const settingByKey = compiled((db) =>
  db
    .select({ key: systemSettings.key, value: systemSettings.value, updatedAt: systemSettings.updatedAt })
    .from(systemSettings)
    .where(eq(systemSettings.key, sql.placeholder("key"))),
);
const put = (key: string, value: unknown) => database.db.insert(systemSettings).values({ key, value });
const keys = async () =>
  (await database.db.select({ key: systemSettings.key }).from(systemSettings).orderBy(asc(systemSettings.key))).map((r) => r.key);

describe("compiled queries", () => {
  it("answer what the query builder answers, mapped the same way, for each call's values", async () => {
    await put("compiled.a", { n: 1 });
    await put("compiled.b", ["x"]);
    for (const key of ["compiled.a", "compiled.b", "compiled.none"]) {
      const built = await database.db
        .select({ key: systemSettings.key, value: systemSettings.value, updatedAt: systemSettings.updatedAt })
        .from(systemSettings)
        .where(eq(systemSettings.key, key));
      const rows = await settingByKey(database.db, { key });
      expect(rows).toEqual(built);
      for (const row of rows) expect(row.updatedAt).toBeInstanceOf(Date);
    }
  });

  it("run inside the transaction they are given: its own uncommitted rows, gone after a rollback", async () => {
    await expect(
      runTransaction(database.db, async ({ tx }) => {
        await tx.insert(systemSettings).values({ key: "compiled.in-tx", value: 1 });
        expect(await settingByKey(tx, { key: "compiled.in-tx" })).toHaveLength(1);
        if (onPostgres) expect(await settingByKey(database.db, { key: "compiled.in-tx" })).toEqual([]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await settingByKey(database.db, { key: "compiled.in-tx" })).toEqual([]);
  });
});

describe("runTransaction", () => {
  it("commits what the function wrote when it returns, and nothing when it throws", async () => {
    const answer = await runTransaction(database.db, async ({ tx }) => {
      await tx.insert(systemSettings).values({ key: "tx.kept", value: true });
      return 42;
    });
    expect(answer).toBe(42);
    await expect(
      runTransaction(database.db, async ({ tx }) => {
        await tx.insert(systemSettings).values({ key: "tx.dropped", value: true });
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    const all = await keys();
    expect(all).toContain("tx.kept");
    expect(all).not.toContain("tx.dropped");
  });

  it("starts with the given statements, inside the transaction: their writes kept or dropped with it", async () => {
    const begin = (key: string) => ({ beginWith: `insert into system_settings (key, value) values ('${key}', 'true'::jsonb)` });
    const seen = await runTransaction(
      database.db,
      async ({ tx }) => (await settingByKey(tx, { key: "tx.begun" })).length,
      begin("tx.begun"),
    );
    expect(seen).toBe(1);
    await expect(
      runTransaction(
        database.db,
        async () => {
          throw new Error("no");
        },
        begin("tx.begun-dropped"),
      ),
    ).rejects.toThrow("no");
    const all = await keys();
    expect(all).toContain("tx.begun");
    expect(all).not.toContain("tx.begun-dropped");
  });

  it.runIf(onPostgres)("on PostgreSQL, ends with the given statements and the COMMIT in one message", async () => {
    await runTransaction(database.db, async ({ tx, endWith }) => {
      await tx.insert(systemSettings).values({ key: "tx.before-end", value: 1 });
      await endWith!(`insert into system_settings (key, value) values ('tx.with-commit', '2'::jsonb)`);
    });
    expect(await keys()).toEqual(expect.arrayContaining(["tx.before-end", "tx.with-commit"]));
  });

  it.runIf(onPostgres)("on PostgreSQL, a failing last statement commits nothing and leaves the pool usable", async () => {
    await expect(
      runTransaction(database.db, async ({ tx, endWith }) => {
        await tx.insert(systemSettings).values({ key: "tx.never", value: 1 });
        await endWith!("select 1 / (select count(*) from system_settings where key = 'no such key')");
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await keys()).not.toContain("tx.never");
    // Every connection of the pool still works (none left inside a failed transaction).
    const answers = await Promise.all(Array.from({ length: 25 }, () => settingByKey(database.db, { key: "tx.kept" })));
    expect(answers.every((rows) => rows.length === 1)).toBe(true);
  });

  it.runIf(onPostgres)("on PostgreSQL, a compiled FOR UPDATE locks its row inside the transaction it is given", async () => {
    const locked = compiled((db) =>
      db
        .select({ key: systemSettings.key })
        .from(systemSettings)
        .where(eq(systemSettings.key, sql.placeholder("key")))
        .for("update"),
    );
    await runTransaction(database.db, async ({ tx }) => {
      expect(await locked(tx, { key: "tx.kept" })).toHaveLength(1);
      const other = database.db.execute(sql`select key from system_settings where key = 'tx.kept' for update nowait`);
      await expect(other).rejects.toMatchObject({ cause: { code: "55P03" } });
    });
  });

  it.runIf(onPostgres)("on PostgreSQL, refuses the transaction's use after endWith, and a second endWith", async () => {
    await expect(
      runTransaction(database.db, async ({ tx, endWith }) => {
        await endWith!("select 1");
        await expect(endWith!("select 1")).rejects.toThrow("already ended");
        await tx.insert(systemSettings).values({ key: "tx.after-commit", value: 1 });
      }),
    ).rejects.toThrow(/committed, then failed: transaction already committed/);
    expect(await keys()).not.toContain("tx.after-commit");
  });

  it.runIf(onPostgres)("on PostgreSQL, does not report success for a transaction a swallowed error aborted", async () => {
    await expect(
      runTransaction(database.db, async ({ tx }) => {
        await tx.insert(systemSettings).values({ key: "tx.aborted", value: 1 });
        await tx.execute(sql`select 1 / 0`).catch(() => undefined);
      }),
    ).rejects.toThrow("rolled back by the database");
    expect(await keys()).not.toContain("tx.aborted");
  });

  it.runIf(onPostgres)("on PostgreSQL, survives its connection being ended mid-transaction", async () => {
    await expect(
      runTransaction(database.db, async ({ tx }) => {
        const result = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: { pid: number }[] };
        const pid = result.rows[0]!.pid;
        await database.db.execute(sql`select pg_terminate_backend(${pid})`);
        await new Promise((r) => setTimeout(r, 100));
        await tx.execute(sql`select 1`);
      }),
    ).rejects.toThrow();
    // The process is still here, and the pool serves on fresh connections.
    expect(await settingByKey(database.db, { key: "tx.kept" })).toHaveLength(1);
  });

  it.runIf(!onPostgres)("on PGlite, offers no endWith (one connection: nothing to gain)", async () => {
    await runTransaction(database.db, async ({ endWith }) => {
      expect(endWith).toBeUndefined();
    });
  });
});
