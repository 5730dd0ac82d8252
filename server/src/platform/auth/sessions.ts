import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Db, Tx } from "../db/client.ts";
import { compiled } from "../db/compiled.ts";
import { sessions, units, users } from "../db/schema.ts";
import { principalColumns, toPrincipal } from "./principal.ts";

export const SESSION_COOKIE = "kp_session";

const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  tx: Tx | Db,
  options: { userId: string; ip: string | null; userAgent: string | null; config: Config },
): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const id = tokenId(token);
  const expiresAt = new Date(Date.now() + options.config.sessionAbsoluteHours * 3600_000);
  await tx.insert(sessions).values({
    id,
    userId: options.userId,
    csrfToken,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
    expiresAt,
  });
  return { token, csrfToken, id };
}

/**
 * The live session for a cookie token with its user's principal, in one
 * query; null when unknown, revoked, past its absolute expiry, idle longer
 * than the configured minutes, or its user is disabled.
 * Touches `lastSeenAt` (at most once a minute, or a tenth of the idle limit, to spare writes).
 */
const sessionWithPrincipal = compiled((db) =>
  db
    .select({ session: sessions, ...principalColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(sessions.id, sql.placeholder("id"))),
);

export async function findLiveSession(db: Db, token: string, config: Config) {
  const id = tokenId(token);
  const [row] = await sessionWithPrincipal(db, { id });
  const session = row?.session;
  if (!session || session.revokedAt) return null;
  const now = Date.now();
  const idleMs = config.sessionIdleMinutes * 60_000;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) return null;
  const principal = toPrincipal(row);
  if (!principal) return null;
  if (now - session.lastSeenAt.getTime() > Math.min(60_000, idleMs / 10)) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return { session, principal };
}

export async function revokeSession(tx: Tx | Db, id: string): Promise<void> {
  await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, id));
}

/** Ends every session of a user (after a password reset or disabling), but `keepId` if given. */
export async function revokeUserSessions(tx: Tx | Db, userId: string, keepId?: string | null): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keepId ? ne(sessions.id, keepId) : undefined));
}
