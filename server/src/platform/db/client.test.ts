import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createScratchPostgresDatabase } from "../../test/database.ts";
import { openDatabase } from "./client.ts";

describe.skipIf(process.env.KAOPING_TEST_DB !== "postgres")("PostgreSQL pool", () => {
  it("survives the server ending an idle connection, and keeps serving", async () => {
    const scratch = await createScratchPostgresDatabase("kaoping_pool");
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: "" });
    try {
      await database.db.execute(sql`select 1`);
      // Ends every other backend of this database: the pool's idle connection among them.
      await openAndTerminate(scratch.url);
      await new Promise((r) => setTimeout(r, 200));
      const rows = await database.db.execute(sql`select 2 as n`);
      expect(JSON.stringify(rows)).toContain("2");
    } finally {
      await database.close();
      await scratch.drop();
    }
  });
});

async function openAndTerminate(url: string): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
  );
  await client.end();
}
