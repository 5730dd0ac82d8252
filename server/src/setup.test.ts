import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "./platform/audit/verify.ts";
import { type Config, loadConfig } from "./platform/config.ts";
import { auditLog, guideDefects, serviceGuides, serviceItems, unitGroupMembers, unitGroups, units, users } from "./platform/db/schema.ts";
import { createServer } from "./server.ts";
import { type SetupReport, setupDatabase } from "./setup.ts";
import { openTestDatabase } from "./test/database.ts";
import { login, type TestServer } from "./test/harness.ts";

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

const config: Config = { ...loadConfig({}), loginRateLimitPerMinute: 10_000 };

/** The HTTP app over an already set-up database, shaped as the harness's TestServer. */
async function serve(database: TestDatabase): Promise<TestServer> {
  const { app, routes } = await createServer({ database, config });
  await app.ready();
  return { app, routes, database, config, close: () => app.close() };
}

const tryLogin = (server: TestServer, username: string, password: string) =>
  server.app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });

async function countOf(database: TestDatabase, table: typeof units | typeof users | typeof auditLog | typeof unitGroups) {
  const [row] = await database.db.select({ n: count() }).from(table);
  return row!.n;
}

async function groupMembers(database: TestDatabase, code: string) {
  return database.db
    .select({ code: units.code, kind: units.kind, isReference: units.isReference, parentId: units.parentId })
    .from(unitGroupMembers)
    .innerJoin(unitGroups, eq(unitGroups.id, unitGroupMembers.groupId))
    .innerJoin(units, eq(units.id, unitGroupMembers.unitId))
    .where(eq(unitGroups.code, code));
}

describe("setupDatabase on a fresh database with the demo data", () => {
  let database: TestDatabase;
  let server: TestServer;
  let report: SetupReport;

  beforeAll(async () => {
    database = await openTestDatabase();
    report = await setupDatabase(database, config, {});
    server = await serve(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it("reports what it loaded and the first admin's one-time password", () => {
    expect(report.demo?.units).toBe(161);
    expect(report.demo?.groups).toBe(8);
    expect(report.demo?.usernames.sort()).toEqual(["cn_scjg_fzr", "cn_scjg_lly", "dangxiao", "kpb", "viewer"]);
    expect(report.admin).toEqual({ username: "admin", password: expect.any(String), oneTime: true });
    expect(report.admin!.password!.length).toBeGreaterThanOrEqual(12);
    expect(report.admin!.password).not.toBe(report.demo!.password);
  });

  it("loads 161 units and 8 groups", async () => {
    expect(await countOf(database, units)).toBe(161);
    expect(await countOf(database, unitGroups)).toBe(8);
    const roots = await database.db
      .select({ code: units.code, kind: units.kind, path: units.path })
      .from(units)
      .where(isNull(units.parentId));
    const rootCodes = roots.map((u) => u.code);
    expect(roots.every((u) => u.kind === "city")).toBe(true);
    expect(rootCodes.sort()).toEqual(["230500", "310000"]);
  });

  it("marks the 15 reference units of SH-G-REFERENCE and no assessed unit", async () => {
    const reference = await groupMembers(database, "SH-G-REFERENCE");
    expect(reference).toHaveLength(15);
    expect(reference.every((m) => m.isReference)).toBe(true);
    const assessed = await groupMembers(database, "SH-G-ASSESSED");
    expect(assessed).toHaveLength(33);
    expect(assessed.some((m) => m.isReference)).toBe(false);
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(units).where(eq(units.isReference, true));
    expect(n).toBe(15);
  });

  it("loads service guides for Changning's 20 window departments, half corrected since, and the real provincial record", async () => {
    const items = await database.db.select({ n: count() }).from(serviceItems);
    expect(items[0]!.n).toBe(61);
    const versions = await database.db.select({ channel: serviceGuides.channel, version: serviceGuides.version }).from(serviceGuides);
    expect(versions.filter((v) => v.version === 2)).toHaveLength(30);
    expect(versions.filter((v) => v.channel === "offline")).toHaveLength(1);
    const closed = await database.db.select({ n: count() }).from(guideDefects).where(eq(guideDefects.status, "closed"));
    expect(closed[0]!.n).toBeGreaterThan(0);
  });

  it("puts the 16 districts under 上海市", async () => {
    const [shanghai] = await database.db.select().from(units).where(eq(units.code, "310000"));
    expect(shanghai!.name).toContain("上海市");
    const districts = await database.db
      .select({ code: units.code, name: units.name })
      .from(units)
      .where(and(eq(units.parentId, shanghai!.id), eq(units.kind, "district")));
    expect(districts).toHaveLength(16);
    expect(districts.map((d) => d.code)).toContain("310105");
    expect(districts.find((d) => d.code === "310105")!.name).toContain("长宁区");
  });

  it("gives Shuangyashan 8 counties/districts, 42 city units and 3 provincial bodies", async () => {
    const [city] = await database.db.select().from(units).where(eq(units.code, "230500"));
    const children = await database.db.select({ code: units.code, kind: units.kind }).from(units).where(eq(units.parentId, city!.id));
    const counties = children.filter((c) => c.kind === "district" || c.kind === "county");
    expect(counties).toHaveLength(8);
    expect(counties.filter((c) => c.kind === "county")).toHaveLength(4);

    const countyGroup = await groupMembers(database, "SYS-G-COUNTY");
    expect(countyGroup.map((m) => m.code).sort()).toEqual(counties.map((c) => c.code).sort());
    const cityGroup = await groupMembers(database, "SYS-G-CITY");
    expect(cityGroup).toHaveLength(42);
    expect(cityGroup.every((m) => m.parentId === city!.id && (m.kind === "department" || m.kind === "centre"))).toBe(true);
    const provincial = await groupMembers(database, "SYS-G-PROV");
    expect(provincial).toHaveLength(3);
    expect(provincial.every((m) => m.kind === "provincial" && m.parentId === city!.id)).toBe(true);
  });

  it("creates admin with must-change: the one-time password logs in but only /api/auth works", async () => {
    const [admin] = await database.db.select().from(users).where(eq(users.username, "admin"));
    expect(admin!.mustChangePassword).toBe(true);
    const [unit] = await database.db.select().from(units).where(eq(units.id, admin!.unitId));
    expect(unit!.code).toBe("310000-O01");

    const res = await tryLogin(server, "admin", report.admin!.password!);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    expect(res.json().user.roleCodes).toEqual(["sys_admin"]);
    const client = await login(server, "admin", report.admin!.password!);
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(403);
    expect((await client.request({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(200);
    expect((await tryLogin(server, "admin", report.demo!.password)).statusCode).toBe(401);
  });

  it("lets the demo users in with the demo password, each seeing what the role allows", async () => {
    const password = report.demo!.password;
    const liaison = await login(server, "cn_scjg_lly", password);
    const own = await liaison.request({ method: "GET", url: "/api/units?pageSize=500" });
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(1);
    expect(own.json().rows.map((u: { code: string }) => u.code)).toEqual(["310105-D03"]);
    expect((await liaison.request({ method: "GET", url: "/api/users" })).statusCode).toBe(403);
    expect((await liaison.request({ method: "GET", url: "/api/groups" })).statusCode).toBe(403);

    const kpb = await login(server, "kpb", password);
    expect((await kpb.request({ method: "GET", url: "/api/units" })).json().total).toBe(161);
    expect((await kpb.request({ method: "GET", url: "/api/groups" })).json().total).toBe(8);

    const reviewer = await login(server, "dangxiao", password);
    const reviewed = await reviewer.request({ method: "GET", url: "/api/units?pageSize=500" });
    expect(reviewed.json().total).toBe(33);
    const assessed = (await groupMembers(database, "SH-G-ASSESSED")).map((m) => m.code).sort();
    expect(
      reviewed
        .json()
        .rows.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(assessed);

    const viewer = await login(server, "viewer", password);
    expect((await viewer.request({ method: "GET", url: "/api/units" })).json().total).toBe(161);
    const write = await viewer.request({ method: "POST", url: "/api/units", payload: { code: "V1", name: "只读", kind: "other" } });
    expect(write.statusCode).toBe(403);

    const leader = await login(server, "cn_scjg_fzr", password);
    const led = await leader.request({ method: "GET", url: "/api/units?pageSize=500" });
    expect(led.json().rows.map((u: { code: string }) => u.code)).toEqual(["310105-D03"]);

    const demoUsers = await database.db
      .select({ username: users.username, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(inArray(users.username, report.demo!.usernames));
    expect(demoUsers).toHaveLength(5);
    expect(demoUsers.every((u) => !u.mustChangePassword)).toBe(true);
  });

  it("audits everything it loaded, in a chain that verifies", async () => {
    const [created] = await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "unit.import"));
    expect(created!.n).toBe(161);
    const [groups] = await database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, "group.create"));
    expect(groups!.n).toBe(8);
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(true);
    expect(result.algorithm).toBe("sm3");
  });

  it("changes nothing when run a second time", async () => {
    const before = {
      units: await countOf(database, units),
      users: await countOf(database, users),
      groups: await countOf(database, unitGroups),
      audit: await countOf(database, auditLog),
    };
    const [adminBefore] = await database.db.select().from(users).where(eq(users.username, "admin"));
    const again = await setupDatabase(database, config, {});
    expect(again).toEqual({});
    expect({
      units: await countOf(database, units),
      users: await countOf(database, users),
      groups: await countOf(database, unitGroups),
      audit: await countOf(database, auditLog),
    }).toEqual(before);
    const [adminAfter] = await database.db.select().from(users).where(eq(users.username, "admin"));
    expect(adminAfter!.passwordHash).toBe(adminBefore!.passwordHash);
    expect((await tryLogin(server, "admin", report.admin!.password!)).statusCode).toBe(200);
  });
});

describe("setupDatabase with KAOPING_ADMIN_PASSWORD and KAOPING_DEMO=false", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it("rejects a weak KAOPING_ADMIN_PASSWORD with a clear error and creates nothing", async () => {
    await expect(setupDatabase(database, config, { KAOPING_DEMO: "false", KAOPING_ADMIN_PASSWORD: "admin123" })).rejects.toThrow(
      /KAOPING_ADMIN_PASSWORD: .*密码至少/,
    );
    await expect(setupDatabase(database, config, { KAOPING_DEMO: "false", KAOPING_ADMIN_PASSWORD: "Admin-Password-1" })).rejects.toThrow(
      /KAOPING_ADMIN_PASSWORD: .*用户名/,
    );
    expect(await countOf(database, users)).toBe(0);
    expect(await countOf(database, units)).toBe(0);
    expect(await countOf(database, auditLog)).toBe(0);
  });

  it("uses the given password without must-change and loads no demo units", async () => {
    const password = "Strong-Setup-2026!";
    const report = await setupDatabase(database, config, { KAOPING_DEMO: "false", KAOPING_ADMIN_PASSWORD: password });
    expect(report.demo).toBeUndefined();
    expect(report.admin).toEqual({ username: "admin", password: null, oneTime: false });
    const all = await database.db.select({ code: units.code }).from(units);
    expect(all.map((u) => u.code)).toEqual(["SYSTEM"]);
    expect(await countOf(database, unitGroups)).toBe(0);
    const [admin] = await database.db.select().from(users).where(eq(users.username, "admin"));
    expect(admin!.mustChangePassword).toBe(false);

    const server = await serve(database);
    try {
      const client = await login(server, "admin", password);
      const list = await client.request({ method: "GET", url: "/api/units" });
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(1);
    } finally {
      await server.close();
    }
    // Demo data is not loaded later either, once units exist.
    expect(await setupDatabase(database, config, { KAOPING_ADMIN_PASSWORD: password })).toEqual({});
    expect(await countOf(database, units)).toBe(1);
  });
});
