import type { ComplaintView, Paged } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../platform/db/schema.ts";
import { type Client, login, makeUnitTree, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let ids: Map<string, string>;
let office: Client;
let liaisonA: Client;

beforeAll(async () => {
  server = await startTestServer({ backgroundJobs: false });
  ids = await makeUnitTree(server);
  await makeUser(server, { username: "office", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "liaison_a", unitCode: "A", roles: ["unit_liaison"] });
  office = await login(server, "office");
  liaisonA = await login(server, "liaison_a");
}, 120_000);
afterAll(() => server.close());

const register = (payload: Record<string, unknown>) => office.request({ method: "POST", url: "/api/supervision/complaints", payload });
const list = async (client: Client, query = "") =>
  (await client.request({ method: "GET", url: `/api/supervision/complaints?${query}` })).json() as Paged<ComplaintView>;

describe("效能投诉 / 媒体曝光 register", () => {
  it("registers a record, corrects its finding, audits both, and lists the newest first by unit, kind, finding and period", async () => {
    const created = await register({
      unitId: ids.get("A1"),
      kind: "efficiency_complaint",
      occurredOn: "2024-05-06",
      title: "办理营业执照变更多次往返",
      source: "12345 工单 2405060012",
    });
    expect(created.statusCode, created.body).toBe(200);
    const record = created.json() as ComplaintView;
    expect(record).toMatchObject({ kind: "efficiency_complaint", finding: "pending", note: "", unitName: expect.any(String) });
    await register({
      unitId: ids.get("B1"),
      kind: "media_exposure",
      occurredOn: "2024-06-01",
      title: "某报：窗口午间无人",
      finding: "substantiated",
    });

    const checked = await office.request({
      method: "PATCH",
      url: `/api/supervision/complaints/${record.id}`,
      payload: { finding: "substantiated", note: "经核查属实，已约谈窗口负责人" },
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ finding: "substantiated", title: "办理营业执照变更多次往返" });

    const all = await list(office);
    expect(all.rows.map((r) => r.occurredOn)).toEqual(["2024-06-01", "2024-05-06"]);
    expect((await list(office, "kind=media_exposure")).total).toBe(1);
    expect((await list(office, `unitId=${ids.get("A1")}&finding=substantiated&from=2024-05-01&to=2024-05-31`)).total).toBe(1);
    expect((await list(office, "from=2024-07-01")).total).toBe(0);

    const audit = await server.database.db.select().from(auditLog).where(eq(auditLog.entityId, record.id));
    expect(audit.map((a) => a.action)).toEqual(["supervision.complaint.create", "supervision.complaint.update"]);
    expect(audit[1]!.before).toMatchObject({ finding: "pending" });
    expect(audit[1]!.after).toMatchObject({ finding: "substantiated", note: "经核查属实，已约谈窗口负责人" });
  });

  it("shows a unit's liaison its own unit's records only, and lets it change none", async () => {
    await register({ unitId: ids.get("A"), kind: "media_exposure", occurredOn: "2024-08-01", title: "某台：大厅排队两小时" });
    const seen = await list(liaisonA);
    expect(seen.rows.map((r) => r.title)).toEqual(["某台：大厅排队两小时"]);
    const refused = await liaisonA.request({
      method: "POST",
      url: "/api/supervision/complaints",
      payload: { unitId: ids.get("A1"), kind: "efficiency_complaint", occurredOn: "2024-05-06", title: "自行登记" },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("refuses bad input naming the field, and an unknown record with 404", async () => {
    const noTitle = await register({ unitId: ids.get("A1"), kind: "efficiency_complaint", occurredOn: "2024-05-06", title: " " });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.body).toContain("事由必填");
    expect(noTitle.body).toContain("title");
    const badKind = await register({ unitId: ids.get("A1"), kind: "rumour", occurredOn: "2024-05-06", title: "x" });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.body).toContain("类别应为效能投诉或媒体曝光");
    const badDate = await register({ unitId: ids.get("A1"), kind: "media_exposure", occurredOn: "2024-13-40", title: "x" });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain("occurredOn");
    // Dated in the future: a slip of the year, never a record of something that happened.
    const future = await register({ unitId: ids.get("A1"), kind: "media_exposure", occurredOn: "2099-01-01", title: "x" });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("occurredOn");
    expect(future.body).toContain("日期不能晚于今天");
    const missing = await office.request({
      method: "PATCH",
      url: "/api/supervision/complaints/00000000-0000-4000-8000-000000000000",
      payload: { finding: "unfounded" },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("投诉曝光记录");
  });
});
