import { type SQL, sql } from "drizzle-orm";
import pg from "pg";

/** The SQLSTATE kp_refuse raises (migration 20261207122233_refuse.sql). */
const REFUSED = "KP422";

/**
 * A statement that refuses with `reason` (kp_refuse) unless `condition` holds: the check of a write
 * sent with the COMMIT (CommandContext.withCommit), where no answer comes back before the commit.
 */
export const refuseUnless = (condition: SQL, reason: string): SQL =>
  sql`select kp_refuse(${sql.raw(pg.escapeLiteral(reason))}) where not (${condition})`;

/** The reason kp_refuse gave, when that is what failed (the driver's error, or drizzle's wrapping it); else null. */
export function refusalOf(error: unknown): string | null {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === REFUSED) return e.message ?? "";
  }
  return null;
}
