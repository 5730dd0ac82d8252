import type { NotificationPage } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { units } from "../../platform/db/schema.ts";
import { asSystem, type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";
import { notifyUnits } from "./commands.ts";

let server: TestServer;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "U1", name: "一号局" });
  await makeUnit(server, { code: "U2", name: "二号局" });
  await makeUser(server, { username: "alice", unitCode: "U1", roles: ["unit_liaison"] });
  await makeUser(server, { username: "bob", unitCode: "U2", roles: ["unit_liaison"] });
  [alice, bob] = await Promise.all([login(server, "alice"), login(server, "bob")]);
  const ids = (await server.database.db.select({ id: units.id }).from(units)).map((u) => u.id);
  for (const title of ["第一条", "第二条", "第三条"]) {
    await asSystem(server, (ctx) =>
      notifyUnits({ ctx, unitIds: ids, notification: { campaignId: null, kind: "reminder", title, body: "请处理" } }),
    );
  }
});
afterAll(() => server?.close());

const inbox = async (client: Client, query = "") =>
  (await client.request({ method: "GET", url: `/api/notifications${query}` })).json() as NotificationPage;

describe("notifications", () => {
  it("lists one's own notifications, newest first, paged, with the unread count", async () => {
    const page = await inbox(alice, "?pageSize=2");
    expect(page.total).toBe(3);
    expect(page.unread).toBe(3);
    expect(page.rows.map((n) => [n.title, n.kind, n.read])).toEqual([
      ["第三条", "reminder", false],
      ["第二条", "reminder", false],
    ]);
  });

  it("marks one's own notification read; another's answers 404 and stays unread", async () => {
    const [latest] = (await inbox(alice)).rows;
    const res = await alice.request({ method: "POST", url: `/api/notifications/${latest!.id}/read` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: latest!.id, read: true });
    const unread = await inbox(alice, "?unreadOnly=true");
    expect(unread.total).toBe(2);
    expect(unread.rows.map((n) => n.title)).toEqual(["第二条", "第一条"]);

    const bobs = (await inbox(bob)).rows[0]!;
    expect((await alice.request({ method: "POST", url: `/api/notifications/${bobs.id}/read` })).statusCode).toBe(404);
    expect((await inbox(bob)).unread).toBe(3);
  });

  it("refuses anonymous callers", async () => {
    expect((await server.app.inject({ method: "GET", url: "/api/notifications" })).statusCode).toBe(401);
  });
});
