import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "../platform/db/client.ts";

/** A new, empty database on the PostgreSQL server of DATABASE_URL, and how to drop it. */
export async function createScratchPostgresDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("KAOPING_TEST_DB=postgres needs DATABASE_URL");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or
 * — when KAOPING_TEST_DB=postgres and DATABASE_URL is set (as in CI) — a new
 * database created on that PostgreSQL server and dropped afterwards.
 */
export async function openTestDatabase(): Promise<Database & { label: string }> {
  if (process.env.KAOPING_TEST_DB !== "postgres") {
    return { ...(await openDatabase({ dataDir: "memory://" })), label: "pglite" };
  }
  const scratch = await createScratchPostgresDatabase("kaoping_test");
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: "" });
  return {
    ...database,
    label: "postgres",
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
