import { type Config, loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/client.ts";
import type { AppContext } from "../platform/http/types.ts";
import { setupDatabase } from "../setup.ts";

/** Opens the database the server uses (DATABASE_URL or the embedded one), runs `fn`, closes it. */
export async function withDatabase(
  options: { setup?: boolean; demo?: boolean },
  fn: (handles: { database: Database; config: Config; ctx: AppContext }) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    if (options.setup)
      await setupDatabase(database, config, { ...process.env, KAOPING_DEMO: options.demo ? process.env.KAOPING_DEMO : "false" });
    await fn({ database, config, ctx: { db: database.db, config } });
  } finally {
    await database.close();
  }
}
