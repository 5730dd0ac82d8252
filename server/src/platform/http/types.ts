import type { Permission } from "@kaoping/core";
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Principal } from "../auth/principal.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";

/**
 * Who may call a route: `public` (no session), `authenticated` (any signed-in
 * user), or a permission code. The authorization matrix test reads this.
 */
export type RouteAccess = "public" | "authenticated" | Permission;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

export interface AppContext {
  db: Db;
  config: Config;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** The route's input schemas (zod), for the tests that try every route with bad input. */
  schema: { body?: unknown; params?: unknown; querystring?: unknown };
}
