import { randomBytes } from "node:crypto";
import type { AuditAction } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { type Actor, appendAudit } from "../../platform/audit/audit.ts";
import { hashPassword, verifyPassword } from "../../platform/auth/password.ts";
import { createSession } from "../../platform/auth/sessions.ts";
import { units, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import type { AppContext } from "../../platform/http/types.ts";

/** A valid hash of a random password, checked for unknown users. */
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));

type LoginOutcome = { ok: true; token: string; userId: string } | { ok: false; error: AppError };

/**
 * Checks a password with lockout: after `loginMaxFailures` failures in a row
 * the account locks for `lockoutMinutes`. Success and failure are audited;
 * the failure counter commits even though the request fails. Every wrong
 * password answers the same 401, also the one that locks and those sent while
 * locked, so the answers do not tell a real account from an unknown one.
 */
export async function loginWithPassword(options: {
  ctx: AppContext;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<{ token: string; userId: string }> {
  const { ctx, username, password, ip } = options;
  const { config } = ctx;
  const outcome = await ctx.db.transaction(async (tx): Promise<LoginOutcome> => {
    const [row] = await tx
      .select({ user: users, unitName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(eq(users.username, username))
      // Serialises concurrent logins of one user, so parallel wrong passwords all count.
      .for("update", { of: users });
    const actor: Actor = row
      ? { id: row.user.id, name: row.user.displayName, unitId: row.user.unitId, unitName: row.unitName, ip }
      : { id: null, name: username, unitId: null, unitName: null, ip };
    const audit = (action: AuditAction, after?: unknown) =>
      appendAudit(
        tx,
        actor,
        [{ action, businessType: "login", entityType: "user", entityId: row?.user.id ?? null, after }],
        config.auditAlgorithm,
      );
    // One message for unknown users, disabled users and wrong passwords: no username enumeration.
    const badCredentials = new AppError(
      "UNAUTHENTICATED",
      `用户名或密码错误（连续错误 ${config.loginMaxFailures} 次将锁定账号 ${config.lockoutMinutes} 分钟）`,
    );

    if (!row || row.user.status !== "active") {
      await verifyPassword(password, await dummy()); // same work as a real check, so timing does not tell either
      await audit("auth.login.fail", { username, reason: row ? "disabled" : "unknown user" });
      return { ok: false, error: badCredentials };
    }
    const now = Date.now();
    const isLocked = row.user.lockedUntil !== null && row.user.lockedUntil.getTime() > now;
    const isRight = await verifyPassword(password, row.user.passwordHash);
    // A locked account is named only to whoever knows its password: a wrong one answers as for an unknown user.
    if (isLocked) {
      await audit("auth.login.locked", { username });
      const minutes = Math.ceil((row.user.lockedUntil!.getTime() - now) / 60_000);
      const locked = new AppError("LOCKED", `账号已锁定，请 ${minutes} 分钟后再试或联系管理员解锁`);
      return { ok: false, error: isRight ? locked : badCredentials };
    }
    if (!isRight) {
      const failures = row.user.failedAttempts + 1;
      const locks = failures >= config.loginMaxFailures;
      await tx
        .update(users)
        .set({ failedAttempts: locks ? 0 : failures, lockedUntil: locks ? new Date(now + config.lockoutMinutes * 60_000) : null })
        .where(eq(users.id, row.user.id));
      await audit(locks ? "auth.lockout" : "auth.login.fail", { username, failures });
      return { ok: false, error: badCredentials };
    }
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: new Date(now), lastLoginIp: ip })
      .where(eq(users.id, row.user.id));
    const session = await createSession(tx, { userId: row.user.id, ip, userAgent: options.userAgent, config });
    await audit("auth.login", { username });
    return { ok: true, token: session.token, userId: row.user.id };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome;
}
