/**
 * The authorization matrix: every registered API route, tried as every role,
 * on the caller's own unit's data and on another unit's. A route missing from
 * MATRIX fails the test, so a new route cannot ship without its row.
 *
 * Fixture tree:  R (city) ─┬─ A (district) ── A1 (department)
 *                          └─ B (district) ── B1 (department)
 * Every role's test user sits in A; the reviewer role's chosen units are A and A1.
 * "Own" data belongs to A, "other" data to B, outside every scoped role's reach.
 */
import { BUILTIN_FRAMEWORKS, BUILTIN_ROLES, frameworkSchema, PERMISSIONS, ROLE_CODES, type RoleCode } from "@kaoping/core";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFramework, publishFramework } from "./modules/frameworks/commands.ts";
import { exportFrameworkWorkbook } from "./modules/frameworks/transfer.ts";
import { createGroup } from "./modules/groups/commands.ts";
import { updateRole } from "./modules/roles/commands.ts";
import { frameworks, units } from "./platform/db/schema.ts";
import type { RouteAccess } from "./platform/http/types.ts";
import {
  asSystem,
  login,
  makeUnit,
  makeUser,
  multipart,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  UNIT_HEADERS,
  userId,
  workbook,
} from "./test/harness.ts";

interface Req {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** What a case targets: data of the caller's unit ("own") or of a unit outside every scoped role ("other"). */
type Target = "own" | "other";

interface Fixture {
  server: TestServer;
  unit: (code: string) => string;
  seq: () => number;
  /** A fresh user of unit `code` to act upon (reset, unlock, edit). */
  targetUser: (code: string) => Promise<string>;
  /** A fresh group owned by unit `code`. */
  group: (code: string) => Promise<string>;
  /** A fresh framework in the given status. */
  framework: (status: "draft" | "published", code?: string) => Promise<string>;
}

interface RouteCase {
  access: RouteAccess;
  /** Builds the request; `other` only for routes that address one unit's data. */
  request: (f: Fixture, target: Target) => Promise<Req> | Req;
  unitScoped: boolean;
  /** For lists: the response must not mention the other unit's codes when the scope excludes it. */
  listsUnits?: boolean;
}

const P = PERMISSIONS;
const TEMPLATE_CODE = BUILTIN_FRAMEWORKS.map((f) => (f as { code: string }).code)[0] ?? "none";

/** A one-indicator framework, enough for the framework routes. */
const miniFramework = (code: string) => ({
  code: `matrix-${code}`,
  name: "矩阵测试",
  year: 2026,
  facts: [{ key: "misses", label: "遗漏", type: "count" }],
  indicators: [
    {
      code: "1",
      name: "一",
      points: "1",
      rules: [{ id: "r1", kind: "per_count", effect: "deduct", fact: "misses", amount: "0.5", text: "每发现一处扣0.5分" }],
    },
  ],
});
const OWN = { own: "A", other: "B" } as const;

const MATRIX: Record<string, RouteCase> = {
  "GET /api/health": { access: "public", unitScoped: false, request: () => ({ method: "GET", url: "/api/health" }) },
  "POST /api/auth/login": {
    access: "public",
    unitScoped: false,
    request: () => ({ method: "POST", url: "/api/auth/login", payload: { username: "probe_login", password: TEST_PASSWORD } }),
  },
  "GET /api/auth/me": { access: "authenticated", unitScoped: false, request: () => ({ method: "GET", url: "/api/auth/me" }) },
  "POST /api/auth/logout": { access: "authenticated", unitScoped: false, request: () => ({ method: "POST", url: "/api/auth/logout" }) },
  "POST /api/auth/password": {
    access: "authenticated",
    unitScoped: false,
    request: (f) => ({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: `Changed-${f.seq()}-Pass!` },
    }),
  },
  "GET /api/units": {
    access: P.unitRead,
    unitScoped: true,
    listsUnits: true,
    request: (f, t) => ({ method: "GET", url: `/api/units?pageSize=500${t === "other" ? `&under=${f.unit("B")}` : ""}` }),
  },
  "GET /api/units/tree": {
    access: P.unitRead,
    unitScoped: false,
    listsUnits: true,
    request: () => ({ method: "GET", url: "/api/units/tree" }),
  },
  "GET /api/units/:id": {
    access: P.unitRead,
    unitScoped: true,
    request: (f, t) => ({ method: "GET", url: `/api/units/${f.unit(OWN[t])}` }),
  },
  "POST /api/units": {
    access: P.unitCreate,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/units",
      payload: { code: `N${f.seq()}`, name: "新单位", kind: "department", parentId: f.unit(OWN[t]) },
    }),
  },
  "PATCH /api/units/:id": {
    access: P.unitUpdate,
    unitScoped: true,
    request: (f, t) => ({ method: "PATCH", url: `/api/units/${f.unit(OWN[t])}`, payload: { sortOrder: f.seq() } }),
  },
  "GET /api/units/export": {
    access: P.unitExport,
    unitScoped: true,
    request: (f, t) => ({ method: "GET", url: `/api/units/export?under=${f.unit(t === "own" ? "A" : "B")}` }),
  },
  "GET /api/units/import-template": {
    access: P.unitImport,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/units/import-template" }),
  },
  "POST /api/units/import": {
    access: P.unitImport,
    unitScoped: true,
    request: async (f, t) => {
      const file = await workbook(UNIT_HEADERS, [[`I${f.seq()}`, "导入单位", "", "部门", OWN[t], "", "", ""]]);
      const body = multipart(file);
      return { method: "POST", url: "/api/units/import", payload: body.payload, headers: body.headers };
    },
  },
  "GET /api/groups": { access: P.groupRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/groups" }) },
  "GET /api/groups/:id": {
    access: P.groupRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/groups/${await f.group(t === "own" ? "A" : "B")}` }),
  },
  "POST /api/groups": {
    access: P.groupManage,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/groups",
      payload: { code: `G${f.seq()}`, name: "分组", ownerUnitId: f.unit(t === "own" ? "A" : "B"), memberUnitIds: [f.unit(OWN[t])] },
    }),
  },
  "PATCH /api/groups/:id": {
    access: P.groupManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "PATCH", url: `/api/groups/${await f.group(t === "own" ? "A" : "B")}`, payload: { name: "改名" } }),
  },
  "DELETE /api/groups/:id": {
    access: P.groupManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "DELETE", url: `/api/groups/${await f.group(t === "own" ? "A" : "B")}` }),
  },
  "GET /api/users": {
    access: P.userRead,
    unitScoped: true,
    request: (f, t) => ({ method: "GET", url: t === "own" ? "/api/users" : `/api/users?unitId=${f.unit("B")}` }),
  },
  "GET /api/users/:id": {
    access: P.userRead,
    unitScoped: true,
    request: async (f, t) => ({ method: "GET", url: `/api/users/${await f.targetUser(OWN[t])}` }),
  },
  "POST /api/users": {
    access: P.userManage,
    unitScoped: true,
    request: (f, t) => ({
      method: "POST",
      url: "/api/users",
      payload: {
        username: `new_${f.seq()}`,
        displayName: "新用户",
        unitId: f.unit(OWN[t]),
        roleCodes: ["viewer"],
        password: TEST_PASSWORD,
      },
    }),
  },
  "PATCH /api/users/:id": {
    access: P.userManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "PATCH", url: `/api/users/${await f.targetUser(OWN[t])}`, payload: { displayName: "改名" } }),
  },
  "POST /api/users/:id/reset-password": {
    access: P.userManage,
    unitScoped: true,
    request: async (f, t) => ({
      method: "POST",
      url: `/api/users/${await f.targetUser(OWN[t])}/reset-password`,
      payload: { password: `Reset-${f.seq()}-Pass!` },
    }),
  },
  "POST /api/users/:id/unlock": {
    access: P.userManage,
    unitScoped: true,
    request: async (f, t) => ({ method: "POST", url: `/api/users/${await f.targetUser(OWN[t])}/unlock` }),
  },
  "GET /api/roles": { access: P.roleRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/roles" }) },
  "PATCH /api/roles/:code": {
    access: P.roleManage,
    unitScoped: false,
    request: () => ({ method: "PATCH", url: "/api/roles/viewer", payload: { dataScope: "all" } }),
  },
  "GET /api/frameworks": { access: P.frameworkRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/frameworks" }) },
  "GET /api/frameworks/templates": {
    access: P.frameworkRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/frameworks/templates" }),
  },
  "GET /api/frameworks/:id": {
    access: P.frameworkRead,
    unitScoped: false,
    request: async (f) => ({ method: "GET", url: `/api/frameworks/${await f.framework("published")}` }),
  },
  "POST /api/frameworks/validate": {
    access: P.frameworkRead,
    unitScoped: false,
    request: (f) => ({ method: "POST", url: "/api/frameworks/validate", payload: { definition: miniFramework(`v${f.seq()}`) } }),
  },
  "POST /api/frameworks/preview": {
    access: P.frameworkRead,
    unitScoped: false,
    request: () => ({
      method: "POST",
      url: "/api/frameworks/preview",
      payload: { definition: miniFramework("preview"), units: [{ code: "A" }], facts: { A: { values: { misses: 1 } } } },
    }),
  },
  "POST /api/frameworks": {
    access: P.frameworkManage,
    unitScoped: false,
    request: (f) => ({ method: "POST", url: "/api/frameworks", payload: { definition: miniFramework(`m${f.seq()}`) } }),
  },
  "POST /api/frameworks/from-template": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => {
      // One open draft per code: clear the previous role's draft so each role's call stands alone.
      await f.server.database.db.delete(frameworks).where(and(eq(frameworks.code, TEMPLATE_CODE), eq(frameworks.status, "draft")));
      return { method: "POST", url: "/api/frameworks/from-template", payload: { templateCode: TEMPLATE_CODE } };
    },
  },
  "PUT /api/frameworks/:id": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => {
      const code = `d${f.seq()}`;
      return {
        method: "PUT",
        url: `/api/frameworks/${await f.framework("draft", code)}`,
        payload: { definition: { ...miniFramework(code), name: "改名" } },
      };
    },
  },
  "POST /api/frameworks/:id/versions": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: `/api/frameworks/${await f.framework("published")}/versions`, payload: { year: 2030 } }),
  },
  "DELETE /api/frameworks/:id": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => ({ method: "DELETE", url: `/api/frameworks/${await f.framework("draft")}` }),
  },
  "POST /api/frameworks/:id/publish": {
    access: P.frameworkPublish,
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: `/api/frameworks/${await f.framework("draft")}/publish` }),
  },
  "POST /api/frameworks/:id/archive": {
    access: P.frameworkPublish,
    unitScoped: false,
    request: async (f) => ({ method: "POST", url: `/api/frameworks/${await f.framework("published")}/archive` }),
  },
  "GET /api/frameworks/import-template": {
    access: P.frameworkRead,
    unitScoped: false,
    request: () => ({ method: "GET", url: "/api/frameworks/import-template" }),
  },
  "GET /api/frameworks/:id/export": {
    access: P.frameworkRead,
    unitScoped: false,
    request: async (f) => ({ method: "GET", url: `/api/frameworks/${await f.framework("published")}/export` }),
  },
  "POST /api/frameworks/import": {
    access: P.frameworkManage,
    unitScoped: false,
    request: async (f) => {
      const body = multipart(await exportFrameworkWorkbook(frameworkSchema.parse(miniFramework(`x${f.seq()}`))), "framework.xlsx");
      return { method: "POST", url: "/api/frameworks/import", payload: body.payload, headers: body.headers };
    },
  },
  "GET /api/audit": { access: P.auditRead, unitScoped: false, request: () => ({ method: "GET", url: "/api/audit" }) },
  "GET /api/audit/verify": { access: P.auditVerify, unitScoped: false, request: () => ({ method: "GET", url: "/api/audit/verify" }) },
};

/** Swagger UI's own pages: public documentation, nothing else. */
const isDocsRoute = (url: string) => url === "/api/docs" || url.startsWith("/api/docs/");

const ROLE_BY_CODE = new Map(BUILTIN_ROLES.map((r) => [r.code, r]));
const reachesOtherUnit = (role: RoleCode) => ROLE_BY_CODE.get(role)!.dataScope === "all";
const hasAccess = (role: RoleCode, access: RouteAccess) =>
  access === "public" || access === "authenticated" || ROLE_BY_CODE.get(role)!.permissions.includes(access);

let server: TestServer;
let fixture: Fixture;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  for (const [code, parentCode, kind] of [
    ["A", "R", "district"],
    ["B", "R", "district"],
    ["A1", "A", "department"],
    ["B1", "B", "department"],
  ] as const) {
    await makeUnit(server, { code, parentCode, kind });
  }
  const rows = await server.database.db.select().from(units);
  const ids = new Map(rows.map((u) => [u.code, u.id]));
  await asSystem(server, (ctx) => updateRole({ ctx, code: "reviewer", input: { scopeUnitIds: [ids.get("A")!, ids.get("A1")!] } }));
  await makeUser(server, { username: "probe_login", unitCode: "A", roles: ["viewer"] });
  let n = 0;
  fixture = {
    server,
    unit: (code) => ids.get(code)!,
    seq: () => ++n,
    targetUser: async (code) => {
      const username = `target_${++n}`;
      await makeUser(server, { username, unitCode: code, roles: ["viewer"] });
      return userId(server, username);
    },
    framework: async (status, code) => {
      const row = await asSystem(server, (ctx) => createFramework({ ctx, definition: miniFramework(code ?? `f${++n}`) }));
      if (status === "published") await asSystem(server, (ctx) => publishFramework({ ctx, id: row.id }));
      return row.id;
    },
    group: async (code) => {
      const group = await asSystem(server, (ctx) =>
        createGroup({ ctx, input: { code: `FG${++n}`, name: "分组", ownerUnitId: ids.get(code)!, memberUnitIds: [ids.get(code)!] } }),
      );
      return group.id;
    },
  };
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
      const req = await c.request(fixture, "own");
      const res = await server.app.inject({
        method: req.method as "GET",
        url: req.url,
        payload: req.payload as string,
        headers: req.headers,
      });
      expect(res.statusCode, key).toBe(401);
    }
  });

  for (const role of ROLE_CODES) {
    it(`as ${role}: permitted on own unit's data, refused without permission or on another unit's data`, async () => {
      const username = `as_${role}`;
      await makeUser(server, { username, unitCode: "A", roles: [role] });
      const client = await login(server, username);
      // Logout last: it ends the session the other cases use.
      const keys = Object.keys(MATRIX).sort((a, b) => Number(a.includes("logout")) - Number(b.includes("logout")));
      for (const key of keys) {
        const c = MATRIX[key]!;
        const allowed = hasAccess(role, c.access);
        const own = await client.request(await c.request(fixture, "own"));
        if (!allowed) {
          expect(own.statusCode, `${role} ${key} own: ${own.body}`).toBe(403);
          continue;
        }
        expect(own.statusCode, `${role} ${key} own: ${own.body}`).toBeLessThan(300);
        if (c.listsUnits && !reachesOtherUnit(role)) {
          expect(own.body, `${role} ${key} leaks another unit`).not.toContain(fixture.unit("B"));
        }
        if (!c.unitScoped) continue;
        const other = await client.request(await c.request(fixture, "other"));
        if (reachesOtherUnit(role)) {
          expect(other.statusCode, `${role} ${key} other: ${other.body}`).toBeLessThan(300);
        } else {
          expect([403, 404, 422], `${role} ${key} other: ${other.statusCode} ${other.body}`).toContain(other.statusCode);
          expect(other.body, `${role} ${key} other leaks`).not.toContain(`"name":"单位 B"`);
        }
      }
    });
  }
});
