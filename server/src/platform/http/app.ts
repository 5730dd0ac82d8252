import fs from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { LIMITS } from "@kaoping/core";
import Fastify, { type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { fastifyTrustProxy } from "../config.ts";
import { AppError } from "../errors.ts";
import { createAuthenticateHook } from "./authenticate.ts";
import { handleError } from "./errors.ts";
import { registerJsonBodyParser } from "./json-body.ts";
import { noBody } from "./schemas.ts";
import type { App, AppContext, RegisteredRoute } from "./types.ts";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface BuildAppOptions {
  ctx: AppContext;
  /** Registers the domain routes (modules/index.ts). */
  routes: (app: App, ctx: AppContext) => void;
  logger?: FastifyServerOptions["logger"];
  /** Serve the built web app from web/dist when present. */
  serveWeb?: boolean;
}

/** Builds the HTTP server: plugins, error envelope, authentication, OpenAPI, routes, the SPA. */
export async function buildApp(options: BuildAppOptions): Promise<{ app: App; routes: RegisteredRoute[] }> {
  const { ctx } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  registerJsonBodyParser(app);

  const routes: RegisteredRoute[] = [];
  app.addHook("onRoute", (route) => {
    // The OpenAPI pages are public; every other /api route must declare its access.
    if (route.url.startsWith("/api/docs")) route.config = { ...route.config, access: "public" };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // A write that declares no body takes none: "{ bogus: 1 }" is refused, not ignored.
    if (route.url.startsWith("/api/") && methods.some((m) => WRITE_METHODS.has(m)) && !route.schema?.body) {
      route.schema = { ...route.schema, body: noBody };
    }
    for (const method of methods) {
      if (method === "HEAD" || !route.url.startsWith("/api/")) continue;
      const { body, params, querystring } = route.schema ?? {};
      routes.push({ method, url: route.url, access: route.config?.access, schema: { body, params, querystring } });
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: LIMITS.importFileBytes, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Kaoping API", description: "考评 · 政务服务考核评估平台", version: "0.1.0" },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  // Baseline response headers (等保): no MIME sniffing, no framing, no referrer leaks.
  // API answers are per-user data: never cached.
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "same-origin");
    if (request.url.startsWith("/api/") || request.routeOptions.url?.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  app.decorateRequest("principal", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("csrfToken", null);
  // onRequest: authentication comes before body parsing and validation.
  app.addHook("onRequest", createAuthenticateHook(ctx));

  options.routes(app, ctx);
  if (options.serveWeb) await serveWebApp(app, ctx.config.webDist);
  app.setNotFoundHandler((request, reply) => {
    // Only page routes fall back to the SPA; a missing asset (a file name with an extension) is a real 404.
    const isAsset = /\.[a-z0-9]+$/i.test(request.url.split("?")[0] ?? "");
    if (request.url.startsWith("/api/") || !options.serveWeb || isAsset) {
      return handleError(new AppError("NOT_FOUND", `接口不存在：${request.method} ${request.url.split("?")[0]}`), request, reply);
    }
    return reply.sendFile("index.html");
  });
  return { app, routes };
}

async function serveWebApp(app: App, webDist: string): Promise<void> {
  if (!fs.existsSync(path.join(webDist, "index.html"))) {
    app.log.warn(`web app not built (${webDist}); run npm run build`);
    return;
  }
  await app.register(fastifyStatic, { root: webDist, wildcard: false });
}
