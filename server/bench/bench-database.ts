/**
 * What the database benchmarks share: a migrated database with the built-in roles and the seeded
 * working-day calendar (PGlite in
 * memory, or the server in DATABASE_URL), the system principal, and a stamp that keeps one run's
 * codes apart from another's on a reused PostgreSQL.
 */
import { seedCalendar } from "../src/modules/calendar/seed.ts";
import { seedRoles } from "../src/modules/roles/commands.ts";
import { createUnit } from "../src/modules/units/commands.ts";
import { systemPrincipal } from "../src/platform/auth/principal.ts";
import { loadConfig } from "../src/platform/config.ts";
import { openDatabase } from "../src/platform/db/client.ts";
import { runCommand } from "../src/platform/http/command.ts";

export async function openBenchDatabase() {
  const config = loadConfig({});
  const database = await openDatabase({ dataDir: "memory://", databaseUrl: process.env.DATABASE_URL });
  await database.migrate();
  await seedRoles(database.db);
  // As the server's start does: without the calendar every working-day clock is 时限无法计算.
  await seedCalendar(database.db);
  const principal = systemPrincipal("bench");
  const ctx = { db: database.db, config };
  const stamp = Date.now().toString(36);
  /** A unit made through the real command (audited like any other). */
  const addUnit = (input: { code: string; name: string; kind: "district" | "department"; parentId?: string | null; sortOrder?: number }) =>
    runCommand(ctx, principal, null, (command) =>
      createUnit({ ctx: command, input: { parentId: null, isReference: false, sortOrder: 0, ...input } }),
    );
  return { config, database, principal, ctx, stamp, addUnit };
}
