/**
 * The bad-input matrix: every registered API route, called by a user allowed
 * to call it (sys_admin, on unit A's data), with malformed input of each kind
 * that fits it (test/bad-input/kinds.ts). Each must answer 4xx with
 * `{code, message, details}` naming where, never 5xx, and write nothing (every
 * table's fingerprint is the same before and after). A route missing from the
 * rows fails, so a new route cannot ship without being tried. Valid requests
 * come from the authorization matrix's rows; each variant breaks one thing.
 */
import { ERROR_CODES } from "@kaoping/core";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "./platform/http/types.ts";
import { kindsFor, type Variant, variantsOf } from "./test/bad-input/kinds.ts";
import { BAD_INPUT_ROWS, REPORTING_ROUTES } from "./test/bad-input/rows.ts";
import { looseObjects } from "./test/bad-input/schema-walk.ts";
import { changedTables, databaseFingerprint } from "./test/bad-input/snapshot.ts";
import { type Client, login, makeUser, startTestServer, type TestServer } from "./test/harness.ts";
import { buildFixture } from "./test/matrix/fixture.ts";
import { MATRIX_ROWS } from "./test/matrix/index.ts";
import type { Fixture } from "./test/matrix/types.ts";

const isDocsRoute = (url: string) => url === "/api/docs" || url.startsWith("/api/docs/");
const keyOf = (route: RegisteredRoute) => `${route.method} ${route.url}`;

let server: TestServer;
let fixture: Fixture;
let client: Client;
let sent = 0;

beforeAll(async () => {
  // No background loop: the warning rules would write their cursor (system_settings) while a route is
  // checked to have written nothing; the fixture runs what it needs itself.
  server = await startTestServer({ backgroundJobs: false });
  fixture = await buildFixture(server);
  shareCampaigns(fixture);
  await makeUser(server, { username: "bad_input_admin", unitCode: "A", roles: ["sys_admin"] });
  fixture.caller = "bad_input_admin";
  client = await login(server, fixture.caller);
}, 300_000);
afterAll(() => server?.close());

/**
 * Refused requests change nothing, so routes share one campaign per stage
 * where the authorization matrix builds one per request. Not in the appeal
 * phase: two rows lodge an appeal on its one finding.
 */
function shareCampaigns(f: Fixture) {
  const build = f.campaign;
  const made = new Map<string, ReturnType<Fixture["campaign"]>>();
  f.campaign = (target, stage = "reporting") => {
    if (stage === "appeal") return build(target, stage);
    const key = `${target} ${stage}`;
    if (!made.has(key)) made.set(key, build(target, stage));
    return made.get(key)!;
  };
}

/** Each request from an address of its own, so the per-address rate limits (找茬, login) never answer first. */
function send(variant: Variant): Promise<LightMyRequestResponse> {
  sent++;
  return server.app.inject({
    method: variant.req.method as "GET",
    url: variant.req.url,
    payload: variant.req.payload as string,
    headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken, ...variant.req.headers },
    remoteAddress: `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
  });
}

/** What a refused request must look like: a client error in the envelope, naming where. */
function assertRefused(key: string, variant: Variant, res: LightMyRequestResponse) {
  const label = `${key} · ${variant.label}: ${res.statusCode} ${res.body.slice(0, 400)}`;
  if (res.statusCode === 200 && REPORTING_ROUTES[key]?.(res.json())) return;
  expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, label).toBeLessThan(500);
  // 401/403 would mean the request never reached its input checks.
  expect([401, 403], label).not.toContain(res.statusCode);
  const body = res.json() as { code: string; message: string; details?: { path?: (string | number)[]; message: string }[] };
  expect(Object.keys(ERROR_CODES), label).toContain(body.code);
  expect(body.message, label).toEqual(expect.any(String));
  expect(body.details?.length, label).toBeGreaterThan(0);
  const named = body.details!.some((d) => variant.where.every((part, i) => String(d.path?.[i]) === String(part)));
  expect(named, `${label} — no detail names ${variant.where.join(".")}`).toBe(true);
}

const routes = () => server.routes.filter((r) => !isDocsRoute(r.url));

describe("bad-input matrix", () => {
  it("has a row for every registered route and no row without a route", () => {
    const registered = routes().map(keyOf);
    expect(
      registered.filter((key) => !BAD_INPUT_ROWS[key]),
      "routes missing from BAD_INPUT_ROWS",
    ).toEqual([]);
    expect(
      Object.keys(BAD_INPUT_ROWS).filter((key) => !registered.includes(key)),
      "rows without a route",
    ).toEqual([]);
  });

  it("every write body refuses unknown fields, at every depth (strict schemas)", () => {
    const loose = routes().flatMap((route) => looseObjects(route.schema.body).map((at) => `${keyOf(route)}: ${at}`));
    expect(loose, "objects that silently drop unknown fields").toEqual([]);
  });

  // Logout last: it ends the session every other case uses.
  const keys = Object.keys(BAD_INPUT_ROWS).sort((a, b) => Number(a.includes("logout")) - Number(b.includes("logout")));
  for (const key of keys) {
    it(`${key}: refuses ${BAD_INPUT_ROWS[key]!.join(", ") || "nothing (no input)"} with 4xx and writes nothing`, async () => {
      const route = routes().find((r) => keyOf(r) === key);
      expect(route, `${key} is not registered`).toBeDefined();
      const valid = await MATRIX_ROWS[key]!.request(fixture, "own");
      expect(BAD_INPUT_ROWS[key], `${key}: the kinds that fit it`).toEqual(kindsFor(route!, valid));
      const before = await databaseFingerprint(server);
      for (const kind of BAD_INPUT_ROWS[key]!) {
        for (const variant of variantsOf(kind, route!, valid)) assertRefused(key, variant, await send(variant));
      }
      expect(changedTables(before, await databaseFingerprint(server)), `${key} wrote rows`).toEqual([]);
    });
  }
});
