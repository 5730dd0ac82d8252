import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let admin: Client;
let rootId: string;

beforeAll(async () => {
  server = await startTestServer();
  rootId = (await makeUnit(server, { code: "R", kind: "city", name: "测试市" })).id;
  for (const code of ["P1", "P2", "P3", "P4", "P5"]) await makeUnit(server, { code, parentCode: "R", name: `分页单位 ${code}` });
  await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
  admin = await login(server, "admin1");
});
afterAll(() => server?.close());

const paths = (res: { json(): { details?: { path?: unknown[] }[] } }) => (res.json().details ?? []).map((d) => d.path);

describe("health", () => {
  it("answers 200 {status: ok} without a session", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.json()).toEqual({ status: "ok" });
  });
});

describe("error envelope", () => {
  it("answers malformed JSON with 400 VALIDATION, on a public and on a signed-in route", async () => {
    const publicRes = await server.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: '{"username": "admin1", "password": ',
      headers: { "content-type": "application/json" },
    });
    expect(publicRes.statusCode).toBe(400);
    expect(publicRes.json().code).toBe("VALIDATION");
    expect(typeof publicRes.json().message).toBe("string");

    const res = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("VALIDATION");
    const none = await admin.request({ method: "GET", url: "/api/units?pageSize=100" });
    expect(none.json().total).toBe(6);
  });

  it("answers wrong types with 400 and a field path for each bad field", async () => {
    const res = await admin.request({ method: "POST", url: "/api/units", payload: { code: "X1", name: "x", kind: "galaxy" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("VALIDATION");
    expect(paths(res)).toEqual([["body", "kind"]]);
    expect(res.json().details[0].message.length).toBeGreaterThan(0);

    const many = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { code: 42, name: ["a"], kind: "department", sortOrder: "first", isReference: "yes" },
    });
    expect(many.statusCode).toBe(400);
    expect(paths(many)).toEqual(
      expect.arrayContaining([
        ["body", "code"],
        ["body", "name"],
        ["body", "sortOrder"],
        ["body", "isReference"],
      ]),
    );
    expect(paths(many)).not.toContainEqual(["body", "kind"]);
  });

  it("names a missing required field and a nested array element", async () => {
    const missing = await admin.request({ method: "POST", url: "/api/units", payload: { code: "X2", kind: "department" } });
    expect(missing.statusCode).toBe(400);
    expect(paths(missing)).toEqual([["body", "name"]]);

    const nested = await admin.request({
      method: "POST",
      url: "/api/groups",
      payload: { code: "G1", name: "组", memberUnitIds: [rootId, "not-a-uuid"] },
    });
    expect(nested.statusCode).toBe(400);
    expect(paths(nested)).toEqual([["body", "memberUnitIds", "1"]]);
  });

  it("names a bad path parameter and a bad query parameter", async () => {
    const param = await admin.request({ method: "GET", url: "/api/units/not-a-uuid" });
    expect(param.statusCode).toBe(400);
    expect(paths(param)).toEqual([["params", "id"]]);
    const query = await admin.request({ method: "GET", url: "/api/units?kind=galaxy" });
    expect(query.statusCode).toBe(400);
    expect(paths(query)).toEqual([["querystring", "kind"]]);
  });

  it("answers an unknown /api route with 404 NOT_FOUND JSON, signed in or not", async () => {
    const anonymous = await server.app.inject({ method: "GET", url: "/api/no-such-thing" });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.headers["content-type"]).toContain("application/json");
    expect(anonymous.json().code).toBe("NOT_FOUND");
    const signedIn = await admin.request({ method: "DELETE", url: "/api/units" });
    expect(signedIn.statusCode).toBe(404);
    expect(signedIn.json().code).toBe("NOT_FOUND");
    expect(signedIn.json().message).toContain("DELETE /api/units");
  });

  it("answers 401 UNAUTHENTICATED to a protected route without a session", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/units" });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("UNAUTHENTICATED");
  });

  it("answers a body over the size limit with 413 and a non-JSON body with 400, never 500", async () => {
    const big = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: JSON.stringify({ code: "BIG", name: "x".repeat(1024 * 1024 + 10), kind: "department" }),
      headers: { "content-type": "application/json" },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe("PAYLOAD_TOO_LARGE");
    const text = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: "code=X&name=y",
      headers: { "content-type": "text/plain" },
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().code).toBe("VALIDATION");
  });
});

describe("paged lists", () => {
  it("answer {total, rows} on every list route", async () => {
    for (const url of ["/api/units", "/api/users", "/api/groups", "/api/audit"]) {
      const res = await admin.request({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort(), url).toEqual(["rows", "total"]);
      expect(typeof body.total, url).toBe("number");
      expect(Array.isArray(body.rows), url).toBe(true);
    }
  });

  it("page through rows with page and pageSize", async () => {
    const first = await admin.request({ method: "GET", url: "/api/units?q=分页单位&page=1&pageSize=2" });
    const second = await admin.request({ method: "GET", url: "/api/units?q=分页单位&page=2&pageSize=2" });
    const third = await admin.request({ method: "GET", url: "/api/units?q=分页单位&page=3&pageSize=2" });
    const beyond = await admin.request({ method: "GET", url: "/api/units?q=分页单位&page=4&pageSize=2" });
    for (const res of [first, second, third, beyond]) expect(res.json().total).toBe(5);
    expect(first.json().rows).toHaveLength(2);
    expect(second.json().rows).toHaveLength(2);
    expect(third.json().rows).toHaveLength(1);
    expect(beyond.json().rows).toHaveLength(0);
    const codes = [first, second, third].flatMap((r) => r.json().rows.map((u: { code: string }) => u.code));
    expect(codes.sort()).toEqual(["P1", "P2", "P3", "P4", "P5"]);
  });

  it("default to 20 rows a page", async () => {
    for (let i = 0; i < 21; i++) {
      await admin.request({
        method: "POST",
        url: "/api/units",
        payload: { code: `D${i}`, name: `默认分页 ${i}`, kind: "other", parentId: rootId },
      });
    }
    const res = await admin.request({ method: "GET", url: "/api/units?q=默认分页" });
    expect(res.json().total).toBe(21);
    expect(res.json().rows).toHaveLength(20);
  });

  it("refuse query parameters out of range with 400 and the parameter's path", async () => {
    for (const [qs, field] of [
      ["pageSize=100000", "pageSize"],
      ["pageSize=0", "pageSize"],
      ["page=0", "page"],
      ["page=-1", "page"],
      ["page=abc", "page"],
      ["pageSize=1.5", "pageSize"],
    ] as const) {
      for (const list of ["/api/units", "/api/audit"]) {
        const res = await admin.request({ method: "GET", url: `${list}?${qs}` });
        expect(res.statusCode, `${list}?${qs}`).toBe(400);
        expect(res.json().code).toBe("VALIDATION");
        expect(paths(res)).toEqual([["querystring", field]]);
      }
    }
    const max = await admin.request({ method: "GET", url: "/api/units?pageSize=500" });
    expect(max.statusCode).toBe(200);
  });
});

describe("OpenAPI", () => {
  it("serves an OpenAPI 3 document at /api/docs/json listing the routes", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe("Kaoping API");
    expect(Object.keys(doc.paths["/api/units"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/units"].post.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["code", "name", "kind"]),
    );
    const queryNames = doc.paths["/api/units"].get.parameters.map((p: { name: string }) => p.name);
    expect(queryNames).toEqual(expect.arrayContaining(["page", "pageSize", "q", "kind"]));
    for (const path of ["/api/health", "/api/auth/login", "/api/users", "/api/audit", "/api/units/{id}"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it("serves the docs page", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/docs" });
    expect(res.statusCode).toBeLessThan(400);
  });

  it("every registered /api route declares who may call it", () => {
    const undeclared = server.routes.filter((r) => r.access === undefined);
    expect(undeclared).toEqual([]);
    expect(server.routes.length).toBeGreaterThan(15);
  });
});

describe("hostile input (review findings)", () => {
  it("authenticates on the matched route: a percent-encoded /api path is still refused", async () => {
    for (const url of ["/%61pi/audit", "/%61pi/audit/verify", "/%61pi/frameworks"]) {
      const res = await server.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it("answers 400, not 500, for text PostgreSQL cannot store (NUL)", async () => {
    const login = await server.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "ad\u0000min", password: "xxxxxxxx" },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().code).toBe("VALIDATION");
    const search = await admin.request({ method: "GET", url: "/api/units?q=a%00b" });
    expect(search.statusCode).toBe(400);
  });

  const hostileDefinition = {
    code: "hostile",
    name: "x",
    year: 2026,
    indicators: [
      { code: "1", name: "一", points: "3", rules: [{ id: "m", kind: "manual", effect: "deduct", min: "0", max: "3", text: "视情扣分" }] },
    ],
  };

  it("refuses a manual score that is not a number with 400", async () => {
    const res = await admin.request({
      method: "POST",
      url: "/api/frameworks/preview",
      payload: { definition: hostileDefinition, units: [{ code: "u1" }], facts: { u1: { manual: { m: { points: "abc", reason: "x" } } } } },
    });
    expect(res.statusCode).toBe(400);
  });

  it("refuses a definition nested too deep with 400 instead of overflowing the stack", async () => {
    // Built as text: a 3000-level object would overflow the test client's own JSON.stringify.
    const deep = `${'{"code":"n","name":"深","children":['.repeat(3000)}{"code":"9","name":"深"}${"]}".repeat(3000)}`;
    const body = JSON.stringify({ definition: { ...hostileDefinition, indicators: ["DEEP"] } }).replace('"DEEP"', deep);
    const res = await admin.request({
      method: "POST",
      url: "/api/frameworks/validate",
      payload: body,
      headers: { "content-type": "application/json" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("嵌套过深");
  });
});
