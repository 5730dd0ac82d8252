import { BUILTIN_ROLES, PERMISSIONS } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer, userId } from "../../test/harness.ts";

let server: TestServer;
let admin: Client;
let unitManager: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  await makeUnit(server, { code: "A", kind: "district", parentCode: "R" });
  await makeUser(server, { username: "root_admin", unitCode: "R", roles: ["sys_admin"] });
  await makeUser(server, { username: "a_admin", unitCode: "A", roles: ["sys_admin"] });
  await makeUser(server, { username: "a_viewer", unitCode: "A", roles: ["unit_liaison"] });
  admin = await login(server, "root_admin");
  // An office narrows a role to one unit and its subtree but lets it manage users there.
  await admin.request({
    method: "PATCH",
    url: "/api/roles/unit_leader",
    // It must hold every permission of the liaison it manages (no escalation through a reset).
    payload: {
      permissions: [...BUILTIN_ROLES.find((r) => r.code === "unit_liaison")!.permissions, PERMISSIONS.userRead, PERMISSIONS.userManage],
    },
  });
  await makeUser(server, { username: "a_manager", unitCode: "A", roles: ["unit_leader"] });
  unitManager = await login(server, "a_manager");
});
afterAll(() => server?.close());

describe("no privilege escalation through user management", () => {
  it("lets a unit-scoped manager reset a user with fewer permissions in their unit", async () => {
    const res = await unitManager.request({
      method: "POST",
      url: `/api/users/${await userId(server, "a_viewer")}/reset-password`,
      payload: { password: "Reset-Kaoping-2026!" },
    });
    expect(res.statusCode).toBe(200);
  });

  it("refuses resetting or editing a more powerful user in the same unit", async () => {
    const target = await userId(server, "a_admin");
    const reset = await unitManager.request({
      method: "POST",
      url: `/api/users/${target}/reset-password`,
      payload: { password: "Reset-Kaoping-2026!" },
    });
    expect(reset.statusCode).toBe(403);
    const edit = await unitManager.request({ method: "PATCH", url: `/api/users/${target}`, payload: { displayName: "被改名" } });
    expect(edit.statusCode).toBe(403);
  });

  it("refuses granting a role with a wider data scope than the manager's", async () => {
    const res = await unitManager.request({
      method: "PATCH",
      url: `/api/users/${await userId(server, "a_viewer")}`,
      payload: { roleCodes: ["reviewer"] },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("user list filters", () => {
  it("lists only the users holding a role (the reviewers a campaign can be assigned)", async () => {
    const res = await admin.request({ method: "GET", url: "/api/users?roleCode=unit_liaison&pageSize=100" });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.map((u: { username: string }) => u.username)).toEqual(["a_viewer"]);
  });
});
