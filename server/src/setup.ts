import { checkPasswordComplexity } from "@kaoping/core";
import { count, eq } from "drizzle-orm";
import { seedCalendarWithClocks } from "./modules/cases/rederive.ts";
import { type DemoCasesSummary, demoCaseCount, loadDemoCases } from "./modules/demo/demo-cases.ts";
import { type DemoRatingsSummary, loadDemoRatings } from "./modules/demo/demo-ratings.ts";
import { type DemoSupervisionSummary, loadDemoSupervision } from "./modules/demo/demo-supervision.ts";
import { DEMO_USERS, type DemoSummary, isDemoLoaded, loadDemoData } from "./modules/demo/load-demo.ts";
import { seedRoles } from "./modules/roles/commands.ts";
import { createUnit } from "./modules/units/commands.ts";
import { createUser } from "./modules/users/commands.ts";
import { generatePassword } from "./platform/auth/password.ts";
import { systemPrincipal } from "./platform/auth/principal.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/client.ts";
import { units, users } from "./platform/db/schema.ts";
import { runCommand } from "./platform/http/command.ts";

export interface SetupReport {
  /** Present only when the first administrator was created now. */
  admin?: { username: string; password: string | null; oneTime: boolean };
  demo?: DemoSummary & {
    usernames: string[];
    cases?: DemoCasesSummary | null;
    supervision?: DemoSupervisionSummary | null;
    ratings?: DemoRatingsSummary | null;
  };
}

const ADMIN_UNIT_CODE = "310000-O01";

/**
 * Brings a database to a usable state: migrations, built-in roles, the working-day calendar
 * (chinese-days' years not yet held), demo data (unless KAOPING_DEMO=false; its cases:
 * KAOPING_DEMO_CASES) and the first administrator. Idempotent.
 */
export async function setupDatabase(database: Database, config: Config, env: NodeJS.ProcessEnv = process.env): Promise<SetupReport> {
  await database.migrate();
  await seedRoles(database.db);
  await seedCalendarWithClocks(database);
  const ctx = { db: database.db, config };
  const report: SetupReport = {};
  await runCommand(ctx, systemPrincipal("系统初始化"), null, async (command) => {
    const [{ n: unitCount } = { n: 0 }] = await command.tx.select({ n: count() }).from(units);
    if (env.KAOPING_DEMO !== "false" && unitCount === 0 && !(await isDemoLoaded(command))) {
      const demo = await loadDemoData(command);
      report.demo = { ...demo, usernames: DEMO_USERS.map((u) => u.username) };
    }
    const [{ n: adminCount } = { n: 0 }] = await command.tx
      .select({ n: count() })
      .from(users)
      .where(eq(users.username, env.KAOPING_ADMIN_USERNAME ?? "admin"));
    if (adminCount > 0) return;
    const username = env.KAOPING_ADMIN_USERNAME ?? "admin";
    const given = env.KAOPING_ADMIN_PASSWORD;
    if (given) {
      const problems = checkPasswordComplexity(given, username);
      if (problems.length) throw new Error(`KAOPING_ADMIN_PASSWORD: ${problems.join("; ")}`);
    }
    const password = given ?? generatePassword([username]);
    const [unit] = await command.tx.select().from(units).where(eq(units.code, ADMIN_UNIT_CODE));
    const adminUnit =
      unit ??
      (await command.tx.select().from(units).limit(1))[0] ??
      (await createUnit({ ctx: command, input: { code: "SYSTEM", name: "系统管理", kind: "other", isReference: false, sortOrder: 0 } }));
    await createUser({
      ctx: command,
      input: { username, displayName: "系统管理员", unitId: adminUnit.id, roleCodes: ["sys_admin"], password },
      mustChangePassword: !given,
    });
    report.admin = { username, password: given ? null : password, oneTime: !given };
  });
  // The demo's cases go through the real ingest, which commits in batches of its own: after the demo's transaction.
  if (report.demo) {
    report.demo.cases = await loadDemoCases(database, demoCaseCount(database.kind, env));
    if (report.demo.cases) report.demo.supervision = await loadDemoSupervision(ctx);
    if (report.demo.cases) report.demo.ratings = await loadDemoRatings(ctx, database);
  }
  return report;
}
