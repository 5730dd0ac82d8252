import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "../platform/db/client.ts";

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or
 * — when KAOPING_TEST_DB=postgres and DATABASE_URL is set (as in CI) — a new
 * database created on that PostgreSQL server and dropped afterwards.
 */
export async function openTestDatabase(): Promise<Database & { label: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (process.env.KAOPING_TEST_DB !== "postgres") {
    return { ...(await openDatabase({ dataDir: "memory://" })), label: "pglite" };
  }
  if (!serverUrl) throw new Error("KAOPING_TEST_DB=postgres needs DATABASE_URL");
  const name = `kaoping_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
  return {
    ...database,
    label: "postgres",
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
