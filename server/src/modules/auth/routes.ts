import { changePasswordSchema, loginSchema, type SessionView } from "@kaoping/core";
import { eq } from "drizzle-orm";
import type { FastifyReply } from "fastify";
import { hashPassword, verifyPassword } from "../../platform/auth/password.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import { findLiveSession, revokeSession, revokeUserSessions, SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { requirePrincipal, transaction } from "../../platform/http/command.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { assertPasswordAllowed } from "../users/commands.ts";
import { loginWithPassword } from "./login.ts";

const tags = ["auth"];

function presentSession(ctx: AppContext, principal: Principal, csrfToken: string): SessionView {
  return {
    user: {
      id: principal.id!,
      username: principal.username,
      displayName: principal.displayName,
      unitId: principal.unitId!,
      unitName: principal.unitName ?? "",
      roleCodes: principal.roleCodes,
      mustChangePassword: principal.mustChangePassword,
    },
    permissions: [...principal.permissions].sort(),
    csrfToken,
    idleTimeoutMinutes: ctx.config.sessionIdleMinutes,
  };
}

function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: ctx.config.secureCookies,
    path: "/",
    maxAge: ctx.config.sessionAbsoluteHours * 3600,
  });
}

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  app.post(
    "/api/auth/login",
    {
      schema: { tags, body: loginSchema },
      config: { access: "public", rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const { token } = await loginWithPassword({
        ctx,
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers["user-agent"] ?? null,
      });
      setSessionCookie(ctx, reply, token);
      const live = await findLiveSession(ctx.db, token, ctx.config);
      return presentSession(ctx, live!.principal, live!.session.csrfToken);
    },
  );

  app.get("/api/auth/me", { schema: { tags }, config: { access: "authenticated" } }, (req) =>
    presentSession(ctx, requirePrincipal(req), req.csrfToken!),
  );

  app.post("/api/auth/logout", { schema: { tags }, config: { access: "authenticated" } }, async (req, reply) => {
    await transaction(ctx, req, async (command) => {
      await revokeSession(command.tx, req.sessionId!);
      await command.audit({ action: "auth.logout", businessType: "logout", entityType: "user", entityId: command.principal.id });
    });
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true };
  });

  app.post("/api/auth/password", { schema: { tags, body: changePasswordSchema }, config: { access: "authenticated" } }, async (req) => {
    await transaction(ctx, req, async (command) => {
      const id = command.principal.id!;
      const [user] = await command.tx.select().from(users).where(eq(users.id, id));
      if (!user || !(await verifyPassword(req.body.currentPassword, user.passwordHash))) {
        throw new AppError("VALIDATION", "当前密码不正确", [{ path: ["body", "currentPassword"], message: "当前密码不正确" }]);
      }
      if (req.body.newPassword === req.body.currentPassword) {
        throw new AppError("VALIDATION", "新密码不能与当前密码相同", [{ path: ["body", "newPassword"], message: "与当前密码相同" }]);
      }
      assertPasswordAllowed(req.body.newPassword, user.username);
      await command.tx
        .update(users)
        .set({
          passwordHash: await hashPassword(req.body.newPassword),
          mustChangePassword: false,
          passwordChangedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(users.id, id));
      await revokeUserSessions(command.tx, id, req.sessionId);
      await command.audit({ action: "user.password.change", businessType: "update", entityType: "user", entityId: id });
    });
    return { ok: true };
  });
}
