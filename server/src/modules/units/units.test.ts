import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let admin: Client;
let leader: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city", name: "测试市" });
  await makeUnit(server, { code: "A", kind: "district", parentCode: "R", name: "甲区" });
  await makeUnit(server, { code: "A1", parentCode: "A", name: "甲区科委" });
  await makeUnit(server, { code: "B", kind: "district", parentCode: "R", name: "乙区" });
  await makeUser(server, { username: "admin1", unitCode: "R", roles: ["sys_admin"] });
  await makeUser(server, { username: "leader_a", unitCode: "A", roles: ["unit_leader"] });
  admin = await login(server, "admin1");
  leader = await login(server, "leader_a");
});
afterAll(() => server?.close());

const idOf = async (client: Client, code: string): Promise<string> => {
  const res = await client.request({ method: "GET", url: `/api/units?q=${code}&pageSize=50` });
  return res.json().rows.find((u: { code: string }) => u.code === code).id;
};

describe("units API", () => {
  it("creates a unit under a parent with its ancestors path", async () => {
    const parentId = await idOf(admin, "A");
    const res = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { code: "A2", name: "甲区民政局", kind: "department", parentId },
    });
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit.parentId).toBe(parentId);
    expect(unit.path.at(-1)).toBe(unit.id);
    expect(unit.path.at(-2)).toBe(parentId);
  });

  it("refuses a duplicate code with 409 naming the field", async () => {
    const res = await admin.request({ method: "POST", url: "/api/units", payload: { code: "A1", name: "重复", kind: "department" } });
    expect(res.statusCode).toBe(409);
    expect(res.json().details[0].path).toEqual(["body", "code"]);
  });

  it("answers 400 with the field path for a wrong type", async () => {
    const res = await admin.request({ method: "POST", url: "/api/units", payload: { code: "X", name: "x", kind: "galaxy" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("VALIDATION");
    expect(res.json().details[0].path).toEqual(["body", "kind"]);
  });

  it("filters the list to a subtree and by kind", async () => {
    const under = await idOf(admin, "A");
    const res = await admin.request({ method: "GET", url: `/api/units?under=${under}&pageSize=100` });
    expect(
      res
        .json()
        .rows.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(["A", "A1", "A2"]);
    const districts = await admin.request({ method: "GET", url: "/api/units?kind=district" });
    expect(districts.json().total).toBe(2);
  });

  it("moves a subtree: descendants' paths follow", async () => {
    const a = await idOf(admin, "A");
    const b = await idOf(admin, "B");
    const a1 = await idOf(admin, "A1");
    await admin.request({ method: "POST", url: "/api/units", payload: { code: "A1x", name: "下级", kind: "other", parentId: a1 } });
    const moved = await admin.request({ method: "PATCH", url: `/api/units/${a1}`, payload: { parentId: b } });
    expect(moved.statusCode).toBe(200);
    const underB = await admin.request({ method: "GET", url: `/api/units?under=${b}&pageSize=100` });
    expect(
      underB
        .json()
        .rows.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(["A1", "A1x", "B"]);
    const underA = await admin.request({ method: "GET", url: `/api/units?under=${a}&pageSize=100` });
    expect(
      underA
        .json()
        .rows.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(["A", "A2"]);
    await admin.request({ method: "PATCH", url: `/api/units/${a1}`, payload: { parentId: a } });
  });

  it("refuses to move a unit under its own descendant", async () => {
    const a = await idOf(admin, "A");
    const a1 = await idOf(admin, "A1");
    const res = await admin.request({ method: "PATCH", url: `/api/units/${a}`, payload: { parentId: a1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toEqual(["body", "parentId"]);
  });

  it("disables and enables a unit, each audited with its own action", async () => {
    const id = await idOf(admin, "A2");
    expect((await admin.request({ method: "PATCH", url: `/api/units/${id}`, payload: { status: "disabled" } })).json().status).toBe(
      "disabled",
    );
    await admin.request({ method: "PATCH", url: `/api/units/${id}`, payload: { status: "active" } });
    const log = await admin.request({ method: "GET", url: `/api/audit?entityId=${id}` });
    expect(log.json().rows.map((r: { action: string }) => r.action)).toEqual(["unit.enable", "unit.disable", "unit.create"]);
    const disable = log.json().rows[1];
    expect(disable.before).toEqual({ status: "active" });
    expect(disable.after).toEqual({ status: "disabled" });
  });

  it("shows a unit leader only their unit and below, in the list and the tree", async () => {
    const list = await leader.request({ method: "GET", url: "/api/units?pageSize=100" });
    expect(
      list
        .json()
        .rows.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(["A", "A1", "A1x", "A2"]);
    const tree = await leader.request({ method: "GET", url: "/api/units/tree" });
    expect(tree.json().map((n: { code: string }) => n.code)).toEqual(["A"]);
    const b = await idOf(admin, "B");
    expect((await leader.request({ method: "GET", url: `/api/units/${b}` })).statusCode).toBe(404);
  });
});
