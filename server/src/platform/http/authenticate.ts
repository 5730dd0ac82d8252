import { timingSafeEqual } from "node:crypto";
import { PERMISSION_LABELS } from "@kaoping/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import { findLiveSession, SESSION_COOKIE } from "../auth/sessions.ts";
import { AppError } from "../errors.ts";
import type { AppContext } from "./types.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

/** Routes a user who must change their password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(["/api/auth/me", "/api/auth/logout", "/api/auth/password"]);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * authenticate → CSRF → route-level authorize, for every /api route.
 * Resource-level checks (is this unit in the user's scope?) happen in the
 * commands and queries through the access layer.
 */
export function createAuthenticateHook(ctx: AppContext) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.principal = null;
    request.sessionId = null;
    request.csrfToken = null;
    const access = request.routeOptions.config.access;
    // Decide on the matched route, never the raw URL: "/%61pi/audit" routes to /api/audit.
    const matched = request.routeOptions.url;
    if (!matched?.startsWith("/api/")) return;
    // Default deny: a route that forgot to declare who may call it serves no one.
    if (access === undefined) throw new AppError("FORBIDDEN", "接口未声明访问权限");

    const token = request.cookies[SESSION_COOKIE];
    const live = token ? await findLiveSession(ctx.db, token, ctx.config) : null;
    const session = live?.session;
    const principal = live?.principal;
    if (session && principal) {
      request.principal = principal;
      request.sessionId = session.id;
      request.csrfToken = session.csrfToken;
    }
    if (access === "public") return;
    if (!session || !principal) {
      throw new AppError("UNAUTHENTICATED", token ? "会话已过期，请重新登录" : "请先登录");
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !sameToken(sent, session.csrfToken)) {
        throw new AppError("CSRF", "CSRF 校验失败，请刷新页面后重试");
      }
    }
    if (principal.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(matched)) {
      throw new AppError("FORBIDDEN", "请先修改初始密码");
    }
    if (access !== "authenticated" && !principal.permissions.has(access)) {
      // The label for the user ("缺少权限：导入办件数据"), the code for support in the details.
      throw new AppError("FORBIDDEN", `缺少权限：${PERMISSION_LABELS[access]}`, [{ path: ["permission"], message: access }]);
    }
  };
}
