import { BUILTIN_ROLES, PERMISSIONS } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "../../platform/db/schema.ts";
import {
  asSystem,
  type Client,
  login,
  makeUnit,
  makeUser,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  userId,
} from "../../test/harness.ts";
import { createUser } from "../users/commands.ts";

const NEW_PASSWORD = "Changed-Pass-2026#";

let server: TestServer;
let admin: Client;
let rootUnitId: string;

const tryLogin = (s: TestServer, username: string, password: string) =>
  s.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

beforeAll(async () => {
  server = await startTestServer();
  const root = await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
  rootUnitId = root.id;
  await makeUnit(server, { code: "A", kind: "district", parentCode: "R", name: "甲区" });
  await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
  admin = await login(server, "admin1");
});
afterAll(() => server?.close());

describe("login", () => {
  it("sets an HttpOnly SameSite=Strict session cookie and returns the CSRF token and permissions", async () => {
    await makeUser(server, { username: "liaison_a", unitCode: "A", roles: ["unit_liaison"] });
    const res = await tryLogin(server, "liaison_a", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "kp_session");
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    expect(cookie?.path).toBe("/");
    const raw = String(res.headers["set-cookie"]);
    expect(raw).toContain("HttpOnly");
    expect(raw).toContain("SameSite=Strict");
    const body = res.json();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.permissions).toEqual([...BUILTIN_ROLES.find((r) => r.code === "unit_liaison")!.permissions].sort());
    expect(body.permissions).toContain(PERMISSIONS.unitRead);
    expect(body.user.username).toBe("liaison_a");
    expect(body.user.roleCodes).toEqual(["unit_liaison"]);
    expect(body.user.mustChangePassword).toBe(false);
    // The session table stores a hash of the token, never the token itself.
    const stored = await server.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, await userId(server, "liaison_a")));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toBe(cookie?.value);
    expect(stored[0]!.csrfToken).toBe(body.csrfToken);
  });

  it("answers the same 401 for a wrong password and an unknown user (no username enumeration)", async () => {
    await makeUser(server, { username: "wrong_pw", unitCode: "A", roles: ["viewer"] });
    const max = server.config.loginMaxFailures;
    const first = await tryLogin(server, "wrong_pw", "Not-The-Password-1");
    expect(first.statusCode).toBe(401);
    expect(first.json().code).toBe("UNAUTHENTICATED");
    expect(first.json().message).toContain(`连续错误 ${max} 次将锁定账号`);
    expect(first.cookies.find((c) => c.name === "kp_session")).toBeUndefined();
    const second = await tryLogin(server, "wrong_pw", "Not-The-Password-2");
    expect(second.json().message).toBe(first.json().message);
    const [row] = await server.database.db.select().from(users).where(eq(users.username, "wrong_pw"));
    expect(row!.failedAttempts).toBe(2);
    // A success resets the counter.
    expect((await tryLogin(server, "wrong_pw", TEST_PASSWORD)).statusCode).toBe(200);
    const [after] = await server.database.db.select().from(users).where(eq(users.username, "wrong_pw"));
    expect(after!.failedAttempts).toBe(0);

    const unknown = await tryLogin(server, "nobody_here", TEST_PASSWORD);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(first.json());
  });

  it("locks the account after loginMaxFailures failures without telling a wrong guesser, refuses even the right password, and admin unlock lets them in", async () => {
    expect(server.config.loginMaxFailures).toBe(5);
    const max = server.config.loginMaxFailures;
    await makeUser(server, { username: "locked_user", unitCode: "A", roles: ["viewer"] });
    for (let i = 1; i < max; i++) {
      const res = await tryLogin(server, "locked_user", `Wrong-Password-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("UNAUTHENTICATED");
    }
    // The locking attempt and those after it answer exactly as for a username nobody has.
    const unknown = await tryLogin(server, "nobody_at_all", "Wrong-Password-X");
    const locking = await tryLogin(server, "locked_user", "Wrong-Password-X");
    expect(locking.statusCode).toBe(401);
    expect(locking.json()).toEqual(unknown.json());
    const wrongWhileLocked = await tryLogin(server, "locked_user", "Wrong-Password-Y");
    expect(wrongWhileLocked.statusCode).toBe(401);
    expect(wrongWhileLocked.json()).toEqual(unknown.json());

    const rightButLocked = await tryLogin(server, "locked_user", TEST_PASSWORD);
    expect(rightButLocked.statusCode).toBe(423);
    expect(rightButLocked.json().code).toBe("LOCKED");
    expect(rightButLocked.cookies.find((c) => c.name === "kp_session")).toBeUndefined();

    const id = await userId(server, "locked_user");
    const listed = await admin.request({ method: "GET", url: `/api/users/${id}` });
    expect(listed.json().isLocked).toBe(true);

    const unlock = await admin.request({ method: "POST", url: `/api/users/${id}/unlock` });
    expect(unlock.statusCode).toBe(200);
    expect((await admin.request({ method: "GET", url: `/api/users/${id}` })).json().isLocked).toBe(false);
    const res = await tryLogin(server, "locked_user", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);

    const log = await admin.request({ method: "GET", url: `/api/audit?entityId=${id}&pageSize=50` });
    const actions = log.json().rows.map((r: { action: string }) => r.action);
    expect(actions.filter((a: string) => a === "auth.login.fail")).toHaveLength(max - 1);
    expect(actions).toContain("auth.lockout");
    expect(actions).toContain("auth.login.locked");
    expect(actions).toContain("user.unlock");
    expect(actions[0]).toBe("auth.login");
  });

  // On PostgreSQL the logins race for real; the user row is locked (FOR UPDATE) so none is lost.
  it("counts wrong passwords sent in parallel: enough of them lock the account", async () => {
    await makeUser(server, { username: "parallel_victim", unitCode: "A", roles: ["viewer"] });
    const attempts = server.config.loginMaxFailures + 3;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) => tryLogin(server, "parallel_victim", `Wrong-Parallel-${i}`)),
    );
    expect(results.every((r) => r.statusCode === 401 || r.statusCode === 423)).toBe(true);
    const [row] = await server.database.db.select().from(users).where(eq(users.username, "parallel_victim"));
    expect(row!.lockedUntil?.getTime() ?? 0).toBeGreaterThan(Date.now());
    expect((await tryLogin(server, "parallel_victim", TEST_PASSWORD)).statusCode).toBe(423);
  });

  it("refuses a disabled user, and ends the sessions they had", async () => {
    await makeUser(server, { username: "to_disable", unitCode: "A", roles: ["viewer"] });
    const before = await login(server, "to_disable");
    expect((await before.request({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(200);
    const id = await userId(server, "to_disable");
    const patch = await admin.request({ method: "PATCH", url: `/api/users/${id}`, payload: { status: "disabled" } });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().status).toBe("disabled");
    const res = await tryLogin(server, "to_disable", TEST_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("UNAUTHENTICATED");
    expect((await before.request({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
  });
});

describe("CSRF", () => {
  it("refuses a write without or with a wrong x-csrf-token and accepts the right one", async () => {
    const payload = { code: "CSRF1", name: "跨站测试单位", kind: "department", parentId: rootUnitId };
    const missing = await server.app.inject({ method: "POST", url: "/api/units", payload, headers: { cookie: admin.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe("CSRF");
    const wrong = await admin.request({ method: "POST", url: "/api/units", payload, headers: { "x-csrf-token": `${admin.csrfToken}x` } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe("CSRF");
    const sameLength = await admin.request({
      method: "POST",
      url: "/api/units",
      payload,
      headers: { "x-csrf-token": "A".repeat(admin.csrfToken.length) },
    });
    expect(sameLength.json().code).toBe("CSRF");
    const none = await admin.request({ method: "GET", url: "/api/units?q=CSRF1" });
    expect(none.json().total).toBe(0);

    const right = await admin.request({ method: "POST", url: "/api/units", payload });
    expect(right.statusCode).toBe(201);
    expect(right.json().code).toBe("CSRF1");
  });

  it("does not accept another session's CSRF token", async () => {
    await makeUser(server, { username: "other_admin", unitCode: "R", roles: ["sys_admin"] });
    const other = await login(server, "other_admin");
    const res = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { code: "CSRF2", name: "x", kind: "department", parentId: rootUnitId },
      headers: { "x-csrf-token": other.csrfToken },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("CSRF");
  });

  it("lets reads through without the header", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/units", headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe("logout", () => {
  it("revokes the session: the next call is 401", async () => {
    await makeUser(server, { username: "leaver", unitCode: "A", roles: ["viewer"] });
    const client = await login(server, "leaver");
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);
    const out = await client.request({ method: "POST", url: "/api/auth/logout" });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === "kp_session");
    expect(cleared?.value).toBe("");
    const next = await client.request({ method: "GET", url: "/api/units" });
    expect(next.statusCode).toBe(401);
    expect(next.json().code).toBe("UNAUTHENTICATED");
    const [row] = await server.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, await userId(server, "leaver")));
    expect(row!.revokedAt).toBeInstanceOf(Date);
  });

  it("answers 401 without a cookie and with an unknown one", async () => {
    expect((await server.app.inject({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
    const forged = await server.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: "kp_session=forged-token" } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe("UNAUTHENTICATED");
  });
});

describe("passwords", () => {
  it("rejects a weak password on user creation with a field path, and creates nobody", async () => {
    for (const password of ["short1!", "alllowercaseletters", "Abcdefghijkl"]) {
      const res = await admin.request({
        method: "POST",
        url: "/api/users",
        payload: { username: "weakling", displayName: "弱密码", unitId: rootUnitId, roleCodes: ["viewer"], password },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("VALIDATION");
      expect(res.json().details.map((d: { path: string[] }) => d.path)).toContainEqual(["body", "password"]);
    }
    // Long and varied, but contains the username.
    const withName = await admin.request({
      method: "POST",
      url: "/api/users",
      payload: { username: "weakling", displayName: "弱密码", unitId: rootUnitId, roleCodes: ["viewer"], password: "Weakling-2026!" },
    });
    expect(withName.statusCode).toBe(400);
    expect(withName.json().details[0].path).toEqual(["body", "password"]);
    const found = await admin.request({ method: "GET", url: "/api/users?q=weakling" });
    expect(found.json().total).toBe(0);
  });

  it("changes the password: the old one stops working, other sessions end, the current one keeps working", async () => {
    await makeUser(server, { username: "changer", unitCode: "A", roles: ["viewer"] });
    const current = await login(server, "changer");
    const elsewhere = await login(server, "changer");
    expect((await elsewhere.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);

    const wrongCurrent = await current.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: "Not-My-Password-1", newPassword: NEW_PASSWORD },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().details[0].path).toEqual(["body", "currentPassword"]);

    const weak = await current.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "weak" },
    });
    expect(weak.statusCode).toBe(400);

    // NUL characters (alone, or making up the "special character" of an otherwise good password) are refused.
    for (const newPassword of ["\u0000".repeat(12), "Abcdefghij1\u0000"]) {
      const nul = await current.request({
        method: "POST",
        url: "/api/auth/password",
        payload: { currentPassword: TEST_PASSWORD, newPassword },
      });
      expect(nul.statusCode).toBe(400);
      expect(nul.json().details).toContainEqual({ path: ["body", "newPassword"], message: "密码不能包含控制字符（如 NUL、换行）" });
    }

    const res = await current.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(200);

    expect((await current.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);
    expect((await current.request({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(200);
    const other = await elsewhere.request({ method: "GET", url: "/api/units" });
    expect(other.statusCode).toBe(401);

    expect((await tryLogin(server, "changer", TEST_PASSWORD)).statusCode).toBe(401);
    expect((await tryLogin(server, "changer", NEW_PASSWORD)).statusCode).toBe(200);
  });

  it("keeps a must-change user (created by command) out of everything but /api/auth until they change it", async () => {
    await asSystem(server, (ctx) =>
      createUser({
        ctx,
        input: { username: "newcomer", displayName: "新用户", unitId: rootUnitId, roleCodes: ["viewer"], password: TEST_PASSWORD },
        mustChangePassword: true,
      }),
    );
    const res = await tryLogin(server, "newcomer", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const client = await login(server, "newcomer");
    const units = await client.request({ method: "GET", url: "/api/units" });
    expect(units.statusCode).toBe(403);
    expect(units.json().code).toBe("FORBIDDEN");
    const me = await client.request({ method: "GET", url: "/api/auth/me" });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);

    const changed = await client.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);
    expect((await client.request({ method: "GET", url: "/api/auth/me" })).json().user.mustChangePassword).toBe(false);
  });

  it("makes a user created through POST /api/users change the password first", async () => {
    const created = await admin.request({
      method: "POST",
      url: "/api/users",
      payload: { username: "api_user", displayName: "接口用户", unitId: rootUnitId, roleCodes: ["viewer"], password: TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);
    const client = await login(server, "api_user");
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(403);
    expect((await client.request({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(200);
  });
});

describe("login rate limit", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ loginRateLimitPerMinute: 3 });
  });
  afterAll(() => limited?.close());

  it("answers 429 RATE_LIMITED on the 4th attempt within a minute", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await tryLogin(limited, "nobody", "Whatever-Pass-1")).statusCode);
    expect(codes).toEqual([401, 401, 401]);
    const fourth = await tryLogin(limited, "nobody", "Whatever-Pass-1");
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().code).toBe("RATE_LIMITED");
    // Other routes are not limited by the login limit.
    expect((await limited.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
  });
});

describe("idle session expiry", () => {
  let idle: TestServer;
  beforeAll(async () => {
    idle = await startTestServer({ sessionIdleMinutes: 1 });
    await makeUnit(idle, { code: "R", kind: "city" });
    await makeUser(idle, { username: "idler", unitCode: "R", roles: ["viewer"] });
  });
  afterAll(() => idle?.close());

  it("ends a session idle longer than sessionIdleMinutes", async () => {
    const client = await login(idle, "idler");
    expect((await client.request({ method: "GET", url: "/api/auth/me" })).json().idleTimeoutMinutes).toBe(1);
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);
    const id = await userId(idle, "idler");
    await idle.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 2 * 60_000) })
      .where(eq(sessions.userId, id));
    const res = await client.request({ method: "GET", url: "/api/units" });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("UNAUTHENTICATED");
    // A fresh login works again.
    const again = await login(idle, "idler");
    expect((await again.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);
  });

  it("keeps a session that was active within the idle window", async () => {
    const client = await login(idle, "idler");
    const id = await userId(idle, "idler");
    const [session] = await idle.database.db.select().from(sessions).where(eq(sessions.csrfToken, client.csrfToken));
    await idle.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 30_000) })
      .where(eq(sessions.id, session!.id));
    expect(id).toBe(session!.userId);
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);
  });
});
