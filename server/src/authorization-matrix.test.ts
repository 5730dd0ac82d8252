/**
 * The authorization matrix: every registered API route, tried as every role,
 * on the caller's own unit's data and on another unit's. A route missing from
 * the rows fails the test, so a new route cannot ship without its row.
 * Rows live per domain in test/matrix/*.ts; the fixture in test/matrix/fixture.ts.
 * Every role's test user sits in A. "Own" data belongs to A, "other" data to B,
 * outside every scoped role's reach.
 */
import { BUILTIN_ROLES, ROLE_CODES, type RoleCode } from "@kaoping/core";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteAccess } from "./platform/http/types.ts";
import { login, makeUser, startTestServer, type TestServer } from "./test/harness.ts";
import { buildFixture } from "./test/matrix/fixture.ts";
import { MATRIX_ROWS } from "./test/matrix/index.ts";
import type { Fixture, Req, Target } from "./test/matrix/types.ts";

const MATRIX = MATRIX_ROWS;

/** Swagger UI's own pages: public documentation, nothing else. */
const isDocsRoute = (url: string) => url === "/api/docs" || url.startsWith("/api/docs/");

const ROLE_BY_CODE = new Map(BUILTIN_ROLES.map((r) => [r.code, r]));
const reachesOtherUnit = (role: RoleCode) => ROLE_BY_CODE.get(role)!.dataScope === "all";
const hasAccess = (role: RoleCode, access: RouteAccess) =>
  access === "public" || access === "authenticated" || ROLE_BY_CODE.get(role)!.permissions.includes(access);

let server: TestServer;
let fixture: Fixture;

/**
 * Requests whose data is still as built. Building data (campaigns at a stage,
 * findings, appeals …) is most of the matrix's time, so a request is reused by
 * the next role unless it changed something: a GET never does, and a refused
 * request (401/403/404/422) did not either, since every command is all or nothing.
 */
const unspent = new Map<string, Req>();
async function send(key: string, target: Target, call: (req: Req) => Promise<LightMyRequestResponse>) {
  const slot = `${key} ${target}${MATRIX[key]!.perCaller ? ` ${fixture.caller}` : ""}`;
  const req = unspent.get(slot) ?? (await MATRIX[key]!.request(fixture, target));
  unspent.delete(slot);
  const res = await call(req);
  if (key.startsWith("GET ") || res.statusCode >= 400) unspent.set(slot, req);
  return res;
}

beforeAll(async () => {
  server = await startTestServer();
  fixture = await buildFixture(server);
  // Every role's user exists before any campaign, so a campaign built once for a GET
  // has the reviewer assigned like one built for that role's own request.
  for (const role of ROLE_CODES) await makeUser(server, { username: `as_${role}`, unitCode: "A", roles: [role] });
}, 300_000);
afterAll(() => server?.close());

describe("authorization matrix", () => {
  it("has a row for every registered route and no row without a route", () => {
    const registered = server.routes.filter((r) => !isDocsRoute(r.url)).map((r) => `${r.method} ${r.url}`);
    expect(
      registered.filter((key) => !MATRIX[key]),
      "routes missing from MATRIX",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((key) => !registered.includes(key)),
      "MATRIX rows without a route",
    ).toEqual([]);
  });

  it("matches each route's declared access, and documentation routes are the only other public ones", () => {
    for (const route of server.routes) {
      const expected = isDocsRoute(route.url) ? "public" : MATRIX[`${route.method} ${route.url}`]?.access;
      expect(route.access, `${route.method} ${route.url}`).toBe(expected);
    }
  });

  it("refuses anonymous callers on every non-public route with 401", async () => {
    for (const [key, c] of Object.entries(MATRIX)) {
      if (c.access === "public") continue;
      const res = await send(key, "own", (req) =>
        server.app.inject({ method: req.method as "GET", url: req.url, payload: req.payload as string, headers: req.headers }),
      );
      expect(res.statusCode, key).toBe(401);
    }
  });

  for (const role of ROLE_CODES) {
    it(`as ${role}: permitted on own unit's data, refused without permission or on another unit's data`, async () => {
      fixture.caller = `as_${role}`;
      const client = await login(server, fixture.caller);
      // Logout last: it ends the session the other cases use.
      const keys = Object.keys(MATRIX).sort((a, b) => Number(a.includes("logout")) - Number(b.includes("logout")));
      for (const key of keys) {
        const c = MATRIX[key]!;
        const allowed = hasAccess(role, c.access);
        const own = await send(key, "own", client.request);
        if (!allowed) {
          expect(own.statusCode, `${role} ${key} own: ${own.body}`).toBe(403);
          continue;
        }
        expect(own.statusCode, `${role} ${key} own: ${own.body}`).toBeLessThan(300);
        if (c.listsUnits && !reachesOtherUnit(role)) {
          expect(own.body, `${role} ${key} leaks another unit`).not.toContain(fixture.unit("B"));
        }
        if (!c.unitScoped) continue;
        const other = await send(key, "other", client.request);
        if (reachesOtherUnit(role)) {
          expect(other.statusCode, `${role} ${key} other: ${other.body}`).toBeLessThan(300);
        } else {
          expect([403, 404, 422], `${role} ${key} other: ${other.statusCode} ${other.body}`).toContain(other.statusCode);
          expect(other.body, `${role} ${key} other leaks`).not.toContain(`"name":"单位 B"`);
        }
      }
    }, 900_000);
  }
});
