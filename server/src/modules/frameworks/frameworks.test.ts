import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, login, makeUnit, makeUser, startTestServer, type TestServer } from "../../test/harness.ts";

let server: TestServer;
let office: Client;
let liaison: Client;

const mini = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: "测试体系",
  year: 2026,
  facts: [{ key: "misses", label: "遗漏", type: "count" }],
  indicators: [
    {
      code: "1",
      name: "预约",
      points: "2",
      rules: [
        { id: "r1", kind: "per_count", effect: "deduct", fact: "misses", amount: "0.5", text: "每发现一个事项未提供精准预约服务的扣0.5分" },
      ],
    },
  ],
  ...extra,
});

beforeAll(async () => {
  server = await startTestServer();
  await makeUnit(server, { code: "R", kind: "city" });
  await makeUser(server, { username: "kpb1", unitCode: "R", roles: ["assessment_admin"] });
  await makeUser(server, { username: "lly1", unitCode: "R", roles: ["unit_liaison"] });
  office = await login(server, "kpb1");
  liaison = await login(server, "lly1");
});
afterAll(() => server?.close());

const create = async (code: string, extra?: Record<string, unknown>) => {
  const res = await office.request({ method: "POST", url: "/api/frameworks", payload: { definition: mini(code, extra) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

describe("frameworks API", () => {
  it("creates a draft from a built-in template with its validation warnings", async () => {
    const templates = await office.request({ method: "GET", url: "/api/frameworks/templates" });
    const codes = templates.json().map((t: { code: string }) => t.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "gongshu-business-environment",
        "shuangyashan-internet-plus",
        "changning-yiwangtongban",
        "shanghai-third-party-evaluation",
        "guide-accuracy",
      ]),
    );
    const created = await office.request({
      method: "POST",
      url: "/api/frameworks/from-template",
      payload: { templateCode: "gongshu-business-environment" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: "draft", version: 1, year: 2021, templateCode: "gongshu-business-environment" });
    const view = await office.request({ method: "GET", url: `/api/frameworks/${created.json().id}` });
    expect(view.json().validation.warnings.map((w: { at: string }) => w.at)).toEqual(expect.arrayContaining(["6.1", "6.2"]));
  });

  it("refuses a definition that breaks the schema with the path inside it", async () => {
    const res = await office.request({
      method: "POST",
      url: "/api/frameworks",
      payload: { definition: { ...mini("bad"), indicators: [{ code: "1", name: "x", points: "1.23456" }] } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toEqual(["body", "definition", "indicators", 0, "points"]);
  });

  it("edits a draft, publishes it, then refuses edits and deletion of the published version", async () => {
    const f = await create("lock-test");
    const put = await office.request({
      method: "PUT",
      url: `/api/frameworks/${f.id}`,
      payload: { definition: { ...mini("lock-test"), name: "改过的名字" } },
    });
    expect(put.json().name).toBe("改过的名字");
    const published = await office.request({ method: "POST", url: `/api/frameworks/${f.id}/publish` });
    expect(published.json().status).toBe("published");
    expect(
      (await office.request({ method: "PUT", url: `/api/frameworks/${f.id}`, payload: { definition: mini("lock-test") } })).statusCode,
    ).toBe(409);
    expect((await office.request({ method: "DELETE", url: `/api/frameworks/${f.id}` })).statusCode).toBe(409);
    const log = await office.request({ method: "GET", url: `/api/audit?entityId=${f.id}` });
    expect(log.json().rows.map((r: { action: string }) => r.action)).toEqual(["framework.publish", "framework.update", "framework.create"]);
  });

  it("blocks publication while validation has errors, naming them", async () => {
    const f = await create("broken", {
      indicators: [
        {
          code: "1",
          name: "一",
          points: "1",
          rules: [{ id: "r1", kind: "per_count", effect: "deduct", fact: "ghost", amount: "1", text: "x" }],
        },
      ],
    });
    const res = await office.request({ method: "POST", url: `/api/frameworks/${f.id}/publish` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain("ghost");
  });

  it("makes new versions: a correction and a clone into a new year; one open draft per framework", async () => {
    const f = await create("versioned");
    await office.request({ method: "POST", url: `/api/frameworks/${f.id}/publish` });
    const v2 = await office.request({ method: "POST", url: `/api/frameworks/${f.id}/versions`, payload: {} });
    expect(v2.json()).toMatchObject({ code: "versioned", version: 2, status: "draft", year: 2026 });
    expect((await office.request({ method: "POST", url: `/api/frameworks/${f.id}/versions`, payload: { year: 2027 } })).statusCode).toBe(
      409,
    );
    await office.request({ method: "DELETE", url: `/api/frameworks/${v2.json().id}` });
    const nextYear = await office.request({ method: "POST", url: `/api/frameworks/${f.id}/versions`, payload: { year: 2027 } });
    expect(nextYear.json()).toMatchObject({ version: 2, year: 2027 });
    const archived = await office.request({ method: "POST", url: `/api/frameworks/${f.id}/archive` });
    expect(archived.json().status).toBe("archived");
    const list = await office.request({ method: "GET", url: "/api/frameworks?code=versioned" });
    expect(list.json().rows.map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([
      [2, "draft"],
      [1, "archived"],
    ]);
  });

  it("previews scores with traces for an unsaved definition", async () => {
    const res = await liaison.request({
      method: "POST",
      url: "/api/frameworks/preview",
      payload: { definition: mini("preview"), units: [{ code: "A", name: "甲" }], facts: { A: { values: { misses: 3 } } } },
    });
    expect(res.statusCode).toBe(200);
    const unit = res.json().units[0];
    expect(unit.total).toBe("0.5");
    expect(unit.indicators[0].trace[0]).toMatchObject({
      ruleId: "r1",
      arithmetic: "3 × 0.5 = 1.5",
      delta: "-1.5",
      text: "每发现一个事项未提供精准预约服务的扣0.5分",
    });
  });

  it("validates an unsaved definition", async () => {
    const res = await office.request({
      method: "POST",
      url: "/api/frameworks/validate",
      payload: { definition: { ...mini("v"), basePoints: "100" } },
    });
    expect(res.json().warnings).toContainEqual(expect.objectContaining({ code: "base_total" }));
  });

  it("lets a liaison read but not change frameworks", async () => {
    expect((await liaison.request({ method: "GET", url: "/api/frameworks" })).statusCode).toBe(200);
    expect((await liaison.request({ method: "POST", url: "/api/frameworks", payload: { definition: mini("nope") } })).statusCode).toBe(403);
  });
});
