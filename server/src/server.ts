import type { FastifyServerOptions } from "fastify";
import { registerRoutes } from "./modules/index.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/client.ts";
import { buildApp } from "./platform/http/app.ts";

/** The Kaoping HTTP server over an open database (tests call this with an in-memory PGlite). */
export function createServer(options: { database: Database; config: Config; logger?: FastifyServerOptions["logger"]; serveWeb?: boolean }) {
  return buildApp({
    ctx: { db: options.database.db, config: options.config },
    routes: registerRoutes,
    logger: options.logger,
    serveWeb: options.serveWeb,
  });
}
